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
        let mut k = self.ty.clone();
        for n in &self.names {
            k.push('|');
            k.push_str(&n.to_lowercase());
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
        match parts[i].to_ascii_lowercase().as_str() {
            "subscriptions" => sub = Some(parts[i + 1].to_owned()),
            "resourcegroups" => rg = Some(parts[i + 1].to_owned()),
            "providers" => break,
            _ => return None,
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
    let mut ty = namespace.to_ascii_lowercase();
    let mut names = Vec::new();
    for pair in rest.chunks(2) {
        ty.push('/');
        ty.push_str(&pair[0].to_ascii_lowercase());
        names.push(pair[1].to_owned());
    }
    Some(ArmId { sub, rg, ty, names })
}

/// Resources by index key, for resolving ids.
pub(crate) struct Index {
    by_key: FxMap<String, Vec<usize>>,
}

impl Index {
    pub(crate) fn new(res: &[Res<'_>]) -> Index {
        let mut by_key: FxMap<String, Vec<usize>> = FxMap::default();
        by_key.reserve(res.len());
        for (i, r) in res.iter().enumerate() {
            by_key.entry(r.id.key()).or_default().push(i);
        }
        Index { by_key }
    }

    /// The resource `id` names: the one whose subscription and resource group match where both
    /// sides give them (without regard to case), else the only candidate.
    pub(crate) fn resolve(&self, res: &[Res<'_>], id: &ArmId) -> Option<usize> {
        let candidates = self.by_key.get(&id.key())?;
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        };
        let matching: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| same(&res[i].id.sub, &id.sub) && same(&res[i].id.rg, &id.rg))
            .collect();
        match matching.as_slice() {
            [one] => Some(*one),
            [] => None,
            many => many
                .iter()
                .copied()
                .find(|&i| res[i].id.rg.is_some() && id.rg.is_some())
                .or(Some(many[0])),
        }
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
