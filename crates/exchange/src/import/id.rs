//! Resource ids: `/subscriptions/S/resourceGroups/RG/providers/NS/T1/N1/T2/N2` taken apart, and the
//! index that resolves an id to a resource of the input without regard to case.

use vnetsketch_model::hash::FxMap;

use super::read::Res;

/// A resource id taken apart: `/subscriptions/S/resourceGroups/RG/providers/NS/T1/N1/T2/N2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArmId {
    pub sub: Option<String>,
    pub rg: Option<String>,
    /// `microsoft.network/virtualnetworks/subnets`, lower case.
    pub ty: String,
    /// One per type segment, as given.
    pub names: Vec<String>,
}

impl ArmId {
    /// The index key: type and names, lower case.
    pub(crate) fn key(&self) -> String {
        let mut k = String::with_capacity(self.ty.len() + self.names.iter().map(|n| n.len() + 1).sum::<usize>());
        k.push_str(&self.ty);
        for n in &self.names {
            k.push('|');
            if n.is_ascii() {
                let start = k.len();
                k.push_str(n);
                k[start..].make_ascii_lowercase();
            } else {
                k.push_str(&n.to_lowercase());
            }
        }
        k
    }

    /// The id of the parent resource (a subnet's VNet).
    pub(crate) fn parent(&self) -> Option<ArmId> {
        if self.names.len() < 2 {
            return None;
        }
        let cut = self.ty.rfind('/')?;
        Some(ArmId {
            sub: self.sub.clone(),
            rg: self.rg.clone(),
            ty: self.ty[..cut].to_owned(),
            names: self.names[..self.names.len() - 1].to_vec(),
        })
    }
}

/// Parses a resource id; `None` when it has no provider part or its types and names do not pair.
pub(crate) fn parse_id(id: &str) -> Option<ArmId> {
    let parts: Vec<&str> = id.split('/').filter(|p| !p.is_empty()).collect();
    let mut sub = None;
    let mut rg = None;
    let mut i = 0;
    while i + 1 < parts.len() {
        let word = parts[i];
        if word.eq_ignore_ascii_case("subscriptions") {
            sub = Some(parts[i + 1].to_owned());
        } else if word.eq_ignore_ascii_case("resourceGroups") {
            rg = Some(parts[i + 1].to_owned());
        } else if word.eq_ignore_ascii_case("providers") {
            break;
        } else {
            return None;
        }
        i += 2;
    }
    if parts.get(i).is_none_or(|p| !p.eq_ignore_ascii_case("providers")) {
        return None;
    }
    let namespace = parts.get(i + 1)?;
    let rest = &parts[i + 2..];
    if rest.is_empty() || !rest.len().is_multiple_of(2) {
        return None;
    }
    let mut ty = String::with_capacity(namespace.len() + rest.iter().step_by(2).map(|t| t.len() + 1).sum::<usize>());
    ty.push_str(namespace);
    let mut names = Vec::with_capacity(rest.len() / 2);
    for pair in rest.chunks(2) {
        ty.push('/');
        ty.push_str(pair[0]);
        names.push(pair[1].to_owned());
    }
    ty.make_ascii_lowercase();
    Some(ArmId { sub, rg, ty, names })
}

/// Resources by index key, for resolving ids: for each key the first resource that has it, and for
/// each resource the next one with the same key (in input order).
pub(crate) struct Index<'r> {
    first: FxMap<&'r str, usize>,
    next: Vec<usize>,
}

/// The end of a chain in `Index::next`.
const END: usize = usize::MAX;

impl<'r> Index<'r> {
    pub(crate) fn new(res: &'r [Res<'_>]) -> Index<'r> {
        let mut first: FxMap<&'r str, usize> = FxMap::default();
        first.reserve(res.len());
        let mut next = vec![END; res.len()];
        // From the last: each resource goes in front of those after it, so chains run in input order.
        for (i, r) in res.iter().enumerate().rev() {
            if let Some(after) = first.insert(r.key.as_str(), i) {
                next[i] = after;
            }
        }
        Index { first, next }
    }

    /// The resource `id` names: the one whose subscription and resource group match where both
    /// sides give them (without regard to case), else the only candidate; among several, the first
    /// that gives a resource group when `id` does, else the first.
    pub(crate) fn resolve(&self, res: &[Res<'_>], id: &ArmId) -> Option<usize> {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        };
        let mut at = *self.first.get(id.key().as_str())?;
        let (mut count, mut first, mut with_rg) = (0, None, None);
        while at != END {
            let r = &res[at].id;
            if same(&r.sub, &id.sub) && same(&r.rg, &id.rg) {
                count += 1;
                first.get_or_insert(at);
                if r.rg.is_some() && id.rg.is_some() {
                    with_rg.get_or_insert(at);
                }
            }
            at = self.next[at];
        }
        if count > 1 { with_rg.or(first) } else { first }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_without_regard_to_case() {
        let id = parse_id(
            "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet",
        )
        .unwrap();
        assert_eq!(id.ty, "microsoft.network/virtualnetworks/subnets");
        assert_eq!(id.names, ["hub", "GatewaySubnet"]);
        assert_eq!(id.rg.as_deref(), Some("RG1"));
        let other = parse_id(
            "/SUBSCRIPTIONS/s/RESOURCEGROUPS/rg1/PROVIDERS/microsoft.network/VIRTUALNETWORKS/HUB/SUBNETS/gatewaysubnet",
        )
        .unwrap();
        assert_eq!(id.key(), other.key());
        assert_eq!(id.parent().unwrap().key(), "microsoft.network/virtualnetworks|hub");
        assert!(parse_id("/subscriptions/s/resourceGroups/rg").is_none());
        assert!(parse_id("not an id").is_none());
    }
}
