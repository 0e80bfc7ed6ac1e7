//! A link's resources: connections (`IPsec`, VNet-to-VNet, ExpressRoute; shared key as a parameter, the
//! custom `IPsec` policy) and the two sides of a peering.

use vnetsketch_model::LinkKind;
use vnetsketch_model::design::VpnType;

use super::{Builder, Ref, Resource, V, id_of, obj, s};
use crate::plan;

pub(super) fn connection(
    b: &mut Builder<'_>,
    link: &vnetsketch_model::Link,
    reverse: bool,
    name: &str,
    key: Option<V>,
) {
    let (from, to) = if reverse {
        (&link.b, &link.a)
    } else {
        (&link.a, &link.b)
    };
    let from_vnet = b.design.vnet(from);
    let gw1 = Ref::new(
        "virtualNetworkGateways",
        &[&if link.kind == LinkKind::Er {
            plan::er_gateway(from)
        } else {
            plan::vpn_gateway(from)
        }],
    );
    let mut props = vec![(
        "connectionType",
        s(match link.kind {
            LinkKind::S2s => "IPsec",
            LinkKind::V2v => "Vnet2Vnet",
            _ => "ExpressRoute",
        }),
    )];
    props.push(("virtualNetworkGateway1", id_of(&gw1)));
    let mut depends = vec![gw1];
    let other = match link.kind {
        LinkKind::S2s => ("localNetworkGateway2", Ref::new("localNetworkGateways", &[to])),
        LinkKind::V2v => (
            "virtualNetworkGateway2",
            Ref::new("virtualNetworkGateways", &[&plan::vpn_gateway(to)]),
        ),
        _ => ("peer", Ref::new("expressRouteCircuits", &[&plan::circuit(to)])),
    };
    props.push((other.0, id_of(&other.1)));
    depends.push(other.1);
    if link.kind == LinkKind::Er {
        let fastpath = from_vnet.and_then(|v| v.er.as_ref()).is_some_and(|g| g.fastpath);
        props.push(("routingWeight", V::Int(0)));
        props.push(("expressRouteGatewayBypass", V::Bool(fastpath)));
    } else {
        let policy_based = from_vnet
            .and_then(|v| v.vpn.as_ref())
            .is_some_and(|g| g.vpn_type == VpnType::PolicyBased);
        props.push(("connectionProtocol", s(if policy_based { "IKEv1" } else { "IKEv2" })));
        props.push(("routingWeight", V::Int(0)));
        if let Some(key) = key {
            props.push(("sharedKey", key));
        }
        props.push(("enableBgp", V::Bool(link.bgp)));
        if link.custom_ipsec {
            props.push(("ipsecPolicies", V::List(vec![ipsec_policy()])));
        }
    }
    let mut tags = vec![(plan::TAG_LINK.to_owned(), link.describe())];
    if link.nat {
        tags.push((plan::TAG_NAT.to_owned(), "true".to_owned()));
    }
    b.push(Resource {
        r: Ref::new("connections", &[name]),
        location: Some(Builder::location(from_vnet)),
        sku: None,
        tags,
        properties: obj(props),
        depends,
    });
}

/// The custom IPsec/IKE policy of a link with `custom-ipsec` ([`plan::IPSEC_POLICY`]).
fn ipsec_policy() -> V {
    let mut fields = vec![
        ("saLifeTimeSeconds", V::Int(plan::IPSEC_SA.0)),
        ("saDataSizeKilobytes", V::Int(plan::IPSEC_SA.1)),
    ];
    fields.extend(plan::IPSEC_POLICY.iter().map(|(k, v)| (*k, s(*v))));
    obj(fields)
}

pub(super) fn peering(b: &mut Builder<'_>, link: &vnetsketch_model::Link, reverse: bool) {
    let side = plan::peering_side(link, reverse);
    let (local, remote, a_side, name) = (side.local, side.remote, side.a_side, side.name);
    let r = Ref::new("virtualNetworks/virtualNetworkPeerings", &[local, &name]);
    let remote_ref = Ref::new("virtualNetworks", &[remote]);
    // After everything else on the local VNet (its gateways included: a peering changed while one is
    // created fails); using the remote gateways needs them to exist.
    let mut depends = vec![b.after(local), remote_ref.clone()];
    if link.uses_remote_at(a_side) {
        depends.push(Ref::new("virtualNetworkGateways", &[&plan::vpn_gateway(remote)]));
        depends.push(Ref::new("virtualNetworkGateways", &[&plan::er_gateway(remote)]));
    }
    b.push(Resource {
        r: r.clone(),
        location: None,
        sku: None,
        tags: Vec::new(),
        properties: obj(vec![
            ("remoteVirtualNetwork", id_of(&remote_ref)),
            ("allowVirtualNetworkAccess", V::Bool(true)),
            ("allowForwardedTraffic", V::Bool(link.allows_forwarded_at(a_side))),
            ("allowGatewayTransit", V::Bool(link.allows_transit_at(a_side))),
            ("useRemoteGateways", V::Bool(link.uses_remote_at(a_side))),
        ]),
        depends,
    });
    b.last_child.insert(local.to_owned(), r);
}
