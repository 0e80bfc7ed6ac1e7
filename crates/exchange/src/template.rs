//! The design as ARM resources (types, names, properties, tags, dependencies), one tree that
//! `arm` writes as a JSON deployment template and `bicep` as Bicep. Property names are Azure's own
//! (Microsoft.Network, API version [`API_VERSION`]; checked against Azure's REST API examples).

mod links;
mod site;
mod vnet;

use std::borrow::Cow;
use std::collections::BTreeMap;

use ipnet::IpNet;
use vnetsketch_model::design::Vnet;
use vnetsketch_model::hash::{FxMap, FxSet};
use vnetsketch_model::{Design, Era, LinkKind};

use crate::plan::{self, Unique};
use crate::{ExportError, Format};

use links::{connection, peering};
use site::site_resources;
pub(crate) use vnet::protocol_name;
use vnet::vnet_resources;

/// The one API version every resource is written with.
pub(crate) const API_VERSION: &str = "2024-05-01";

/// A value in a resource's body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum V {
    Bool(bool),
    Int(i64),
    Str(Cow<'static, str>),
    List(Vec<V>),
    Obj(Vec<(&'static str, V)>),
    /// A template parameter.
    Param(String),
    /// The id of a resource (in the template or not).
    Id(Ref),
    /// The id of a resource followed by `/SUFFIX` (a gateway's IP configuration).
    SubId(Ref, &'static str),
}

/// A resource by type (below `Microsoft.Network/`) and names (one per type segment).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Ref {
    pub ty: &'static str,
    pub names: Vec<String>,
}

impl Ref {
    fn new(ty: &'static str, names: &[&str]) -> Ref {
        Ref {
            ty,
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }
}

/// One resource of the template.
#[derive(Clone, Debug)]
pub(crate) struct Resource {
    pub r: Ref,
    pub location: Option<V>,
    pub sku: Option<V>,
    pub tags: Vec<(String, String)>,
    pub properties: V,
    pub depends: Vec<Ref>,
}

/// What a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamKind {
    String,
    SecureString,
}

/// A template parameter.
#[derive(Clone, Debug)]
pub(crate) struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// Defaults to the resource group's location.
    pub rg_location: bool,
    pub description: String,
}

/// A whole template.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pub catalog: Era,
    pub params: Vec<Param>,
    pub resources: Vec<Resource>,
}

fn obj(fields: Vec<(&'static str, V)>) -> V {
    V::Obj(fields)
}

fn s(text: impl Into<Cow<'static, str>>) -> V {
    V::Str(text.into())
}

fn id_of(r: &Ref) -> V {
    obj(vec![("id", V::Id(r.clone()))])
}

fn prefixes(list: &[IpNet]) -> V {
    V::List(list.iter().map(|p| s(p.to_string())).collect())
}

struct Builder<'d> {
    design: &'d Design,
    params: Vec<Param>,
    param_names: Unique,
    resources: Vec<Resource>,
    emitted: FxSet<Ref>,
    /// Point-to-Site user groups (and the link's NAT flag) by VNet.
    p2s: BTreeMap<&'d str, Vec<(&'d vnetsketch_model::design::Users, bool)>>,
    /// The resource a VNet's next child (subnet, gateway, peering) waits for.
    last_child: FxMap<String, Ref>,
}

impl Builder<'_> {
    fn param(&mut self, wanted: &str, kind: ParamKind, description: String) -> V {
        let name = self.param_names.get(&plan::identifier(wanted, "p"));
        self.params.push(Param {
            name: name.clone(),
            kind,
            rg_location: false,
            description,
        });
        V::Param(name)
    }

    fn push(&mut self, mut res: Resource) {
        res.depends.retain(|d| self.emitted.contains(d) && *d != res.r);
        res.depends.sort();
        res.depends.dedup();
        self.emitted.insert(res.r.clone());
        self.resources.push(res);
    }

    fn location(vnet: Option<&Vnet>) -> V {
        match vnet.and_then(|v| v.region.as_ref()) {
            Some(region) => s(region.clone()),
            None => V::Param("location".into()),
        }
    }

    fn after(&self, vnet: &str) -> Ref {
        self.last_child
            .get(vnet)
            .cloned()
            .unwrap_or_else(|| Ref::new("virtualNetworks", &[vnet]))
    }
}

/// Builds the template of `design`.
pub(crate) fn build(design: &Design, format: Format) -> Result<Template, ExportError> {
    plan::checked_links(design, format)?;
    let mut b = Builder {
        design,
        params: vec![Param {
            name: "location".into(),
            kind: ParamKind::String,
            rg_location: true,
            description: "Azure region of the resources whose VNet has no region in the design".into(),
        }],
        param_names: Unique::default(),
        resources: Vec::new(),
        emitted: FxSet::default(),
        last_child: FxMap::default(),
        p2s: BTreeMap::new(),
    };
    for (_, l) in plan::links(design) {
        if let (LinkKind::P2s, Some(u)) = (l.kind, design.users(&l.b)) {
            b.p2s.entry(l.a.as_str()).or_default().push((u, l.nat));
        }
    }
    b.param_names.get("location");
    for vnet in design.vnets() {
        vnet_resources(&mut b, vnet);
    }
    let lngs = plan::lng_sites(design);
    for site in design.sites() {
        site_resources(&mut b, site, lngs.contains(site.name.as_str()));
    }
    let names = plan::connection_names(design);
    for (id, link) in plan::links(design) {
        match link.kind {
            LinkKind::S2s | LinkKind::V2v | LinkKind::Er => {
                let key = (link.kind != LinkKind::Er).then(|| {
                    let wanted = names.get(&(id, false)).map_or("link", String::as_str);
                    b.param(
                        &format!("sharedKey_{wanted}"),
                        ParamKind::SecureString,
                        format!("IPsec shared key of {}", link.describe()),
                    )
                });
                for (dir, name) in names.range((id, false)..=(id, true)) {
                    connection(&mut b, link, dir.1, name, key.clone());
                }
            }
            LinkKind::Peering => {
                peering(&mut b, link, false);
                if !link.one_sided {
                    peering(&mut b, link, true);
                }
            }
            LinkKind::P2s => {}
        }
    }
    Ok(Template {
        catalog: design.era,
        params: b.params,
        resources: b.resources,
    })
}
