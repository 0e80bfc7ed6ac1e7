//! Ordering, to keep links short and crossings few: the order of the region columns, of the groups in
//! a region, and of the VNets in a group's rows.
//!
//! - Regions: a greedy chain. It starts with the region of most VNets and grows at whichever end has
//!   the most links to a region not yet placed, so regions that talk to each other sit side by side
//!   and VNet-to-VNet or cross-region peerings run between neighbouring columns.
//! - Groups and VNets: barycentre ordering (Sugiyama's crossing-minimisation step): after a first
//!   placement, the VNets of each group level are sorted by the mean column of their neighbours
//!   outside the group, and the groups of a region by the mean row of their members' neighbours in
//!   other groups; then the plan is placed again. Two sweeps; each is `O(n log n + links)`.
//! - A VNet under a hub that peers with three or more of its group (a shared-services spoke) goes to
//!   the middle of the first row, where its links fan out both ways.

use std::collections::BTreeMap;

use crate::design::{LinkKind, Pos};

use super::arrange::per_row;
use super::graph::{Graph, Group, Regions};

/// Orders the region columns as a greedy chain of the links between them.
pub(super) fn chain(regions: &mut Regions, graph: &Graph<'_>) {
    let mut region_of: Vec<Option<usize>> = vec![None; graph.len()];
    for (r, (_, groups)) in regions.iter().enumerate() {
        for v in groups.iter().flat_map(Group::members) {
            region_of[v as usize] = Some(r);
        }
    }
    let mut weight: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (v, r) in region_of.iter().enumerate() {
        let Some(r) = *r else { continue };
        for e in &graph.adj[v] {
            if let Some(o) = region_of[e.to as usize].filter(|o| *o != r) {
                *weight.entry((r, o)).or_default() += 1;
            }
        }
    }
    let sizes: Vec<usize> = regions.iter().map(|(_, g)| size(g)).collect();
    let mut placed = vec![false; regions.len()];
    // The next region to start from: the most VNets, then the first.
    let next_start = |placed: &[bool]| {
        (0..sizes.len())
            .filter(|r| !placed[*r])
            .max_by_key(|r| (sizes[*r], std::cmp::Reverse(*r)))
    };
    let mut order: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    while let Some(start) = next_start(&placed) {
        placed[start] = true;
        order.push_back(start);
        loop {
            let (front, back) = (order[0], order[order.len() - 1]);
            // The heaviest link from either end to a region not placed yet; the back wins ties.
            let best = weight
                .range((back, 0)..=(back, usize::MAX))
                .map(|(&(_, o), &w)| (w, true, std::cmp::Reverse(o)))
                .chain(
                    weight
                        .range((front, 0)..=(front, usize::MAX))
                        .map(|(&(_, o), &w)| (w, false, std::cmp::Reverse(o))),
                )
                .filter(|(_, _, o)| !placed[o.0])
                .max();
            let Some((_, at_back, o)) = best else { break };
            placed[o.0] = true;
            if at_back {
                order.push_back(o.0);
            } else {
                order.push_front(o.0);
            }
        }
    }
    let mut taken: Vec<Option<(Option<String>, Vec<Group>)>> = regions.drain(..).map(Some).collect();
    regions.extend(order.into_iter().filter_map(|r| taken[r].take()));
}

fn size(groups: &[Group]) -> usize {
    groups.iter().map(|g| g.members().count()).sum()
}

/// Moves each group's shared-services VNet (peered with three or more of its group) to the middle
/// of the first row.
pub(super) fn centre_stars(regions: &mut Regions, graph: &Graph<'_>) {
    for group in regions.iter_mut().flat_map(|(_, g)| g.iter_mut()) {
        if group.root.is_none() {
            continue;
        }
        let members: Vec<u32> = group.members().collect();
        let Some(level) = group.levels.first_mut() else {
            continue;
        };
        let inside = |v: u32| {
            graph.adj[v as usize]
                .iter()
                .filter(|e| e.kind == LinkKind::Peering && members.contains(&e.to))
                .count()
        };
        let Some((at, degree)) = level
            .iter()
            .enumerate()
            .map(|(at, v)| (at, inside(*v)))
            .max_by_key(|(at, d)| (*d, std::cmp::Reverse(*at)))
        else {
            continue;
        };
        if degree >= 3 {
            let under: usize = members.len() - 1;
            let middle = per_row(under).min(level.len()) / 2;
            let star = level.remove(at);
            level.insert(middle.min(level.len()), star);
        }
    }
}

/// One barycentre sweep: sorts each group level by its members' outside neighbours' mean column and
/// each region's groups by their outside neighbours' mean row. `pos` is where each node is now, `w`
/// its box width.
pub(super) fn sweep(regions: &mut Regions, graph: &Graph<'_>, pos: &impl Fn(u32) -> Pos, w: &impl Fn(u32) -> i32) {
    let mut group_of: Vec<Option<(usize, usize)>> = vec![None; graph.len()];
    for (r, (_, groups)) in regions.iter().enumerate() {
        for (g, group) in groups.iter().enumerate() {
            for v in group.members() {
                group_of[v as usize] = Some((r, g));
            }
        }
    }
    let centre = |v: u32| f64::from(pos(v).x) + f64::from(w(v)) / 2.0;
    for (r, (_, groups)) in regions.iter_mut().enumerate() {
        for (g, group) in groups.iter_mut().enumerate() {
            for level in &mut group.levels {
                let key = |v: u32| {
                    mean(
                        graph.adj[v as usize]
                            .iter()
                            .filter(|e| group_of[e.to as usize] != Some((r, g)))
                            .map(|e| centre(e.to)),
                    )
                    .unwrap_or_else(|| centre(v))
                };
                let mut keyed: Vec<(f64, i32, u32)> = level.iter().map(|&v| (key(v), pos(v).x, v)).collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                *level = keyed.into_iter().map(|(_, _, v)| v).collect();
            }
        }
        let row = |group: &Group| -> (f64, i32, i32) {
            let first = group.members().next().map_or(Pos::default(), pos);
            let outside = group.members().flat_map(|v| {
                graph.adj[v as usize]
                    .iter()
                    .filter(|e| matches!(group_of[e.to as usize], Some((ro, _)) if ro != r))
                    .map(|e| f64::from(pos(e.to).y))
            });
            (mean(outside).unwrap_or(f64::from(first.y)), first.y, first.x)
        };
        // The loose VNets stay last.
        let loose = groups.last().is_some_and(|g| g.root.is_none());
        let end = groups.len() - usize::from(loose);
        let mut keyed: Vec<((f64, i32, i32), Group)> = groups.drain(..end).map(|g| (row(&g), g)).collect();
        keyed.sort_by(|a, b| {
            (a.0)
                .0
                .total_cmp(&(b.0).0)
                .then((a.0).1.cmp(&(b.0).1))
                .then((a.0).2.cmp(&(b.0).2))
        });
        let rest: Vec<Group> = std::mem::take(groups);
        groups.extend(keyed.into_iter().map(|(_, g)| g).chain(rest));
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}
