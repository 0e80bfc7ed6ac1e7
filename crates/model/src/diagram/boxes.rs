//! A node's box: its size and its text at each zoom level. The canvas and the picture exporters both
//! call [`node_box`], so a box is the same size everywhere and an exported picture shows what the
//! canvas shows.
//!
//! At [`Zoom::Full`] a box is [`BOX_H`] rows: a border, three text lines (name; prefixes; gateways,
//! device address and circuit, or clients and protocol) and a border; its width is the widest line plus
//! two cells of border and padding on each side, between [`MIN_BOX_W`] and [`MAX_BOX_W`] (longer text
//! is cut with `…`). Widths are display widths ([`unicode_width`]), so wide characters take two cells.
//! At [`Zoom::Compact`] a box is one row holding the name between two edge cells; at
//! [`Zoom::Overview`] it is a [`mark`]: the name's initials and numbers, or a one-word name cut to fit. The size at the reduced levels comes from
//! the full box ([`Zoom::box_rect`]), so the same layout serves every level.

use ipnet::IpNet;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::design::{Node, NodeKind};

use super::geom::Rect;
use super::zoom::Zoom;

/// Height of a full box, borders included.
pub const BOX_H: i32 = 5;
/// Narrowest full box.
pub const MIN_BOX_W: i32 = 14;
/// Widest full box.
pub const MAX_BOX_W: i32 = 26;

/// A node's box: where it is (full size, world cells) and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeBox {
    /// The node's kind (the canvas writes it in the top border: `vnet`, `site`, `users`).
    pub kind: NodeKind,
    /// The box at full size, its top-left corner at the node's position.
    pub rect: Rect,
    /// The three full lines, uncut: name; prefixes; details.
    pub lines: [String; 3],
}

impl NodeBox {
    /// The box on screen at `zoom` (relative to the world origin; see [`Zoom::box_rect`]).
    pub fn rect_at(&self, zoom: Zoom) -> Rect {
        zoom.box_rect(self.rect)
    }

    /// Where the first text line starts inside [`NodeBox::rect_at`]: past the border and padding at
    /// full size, past the edge cell when compact, at the mark itself in the overview.
    pub const fn text_offset(zoom: Zoom) -> (i32, i32) {
        match zoom {
            Zoom::Full => (2, 1),
            Zoom::Compact => (1, 0),
            Zoom::Overview => (0, 0),
        }
    }

    /// The text lines at `zoom`, each cut to fit the box at that level (one line below full size).
    pub fn lines_at(&self, zoom: Zoom) -> Vec<String> {
        let r = self.rect_at(zoom);
        match zoom {
            Zoom::Full => self
                .lines
                .iter()
                .map(|l| ellipsize(l, (r.w - 4).max(0) as usize))
                .collect(),
            Zoom::Compact => vec![abbreviate(&self.lines[0], (r.w - 2).max(0) as usize)],
            Zoom::Overview => vec![mark(self.kind, &self.lines[0], r.w.max(0) as usize)],
        }
    }
}

/// The box of `node` at its position.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script};
/// use vnetsketch_model::diagram::{Zoom, node_box};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub-0001 10.0.0.0/16\ngateway hub-0001 vpn VpnGw2AZ\nmove hub-0001 0 0").unwrap();
/// let b = node_box(d.node("hub-0001").unwrap());
/// assert_eq!(b.lines_at(Zoom::Full), ["hub-0001", "10.0.0.0/16", "vpn VpnGw2AZ"]);
/// assert_eq!((b.rect.w, b.rect.h), (16, 5));
/// assert_eq!(b.lines_at(Zoom::Overview), ["H1"]);
/// ```
pub fn node_box(node: &Node) -> NodeBox {
    let lines = node_lines(node);
    let w = box_width(&lines);
    NodeBox {
        kind: node.kind(),
        rect: Rect::at(node.pos(), w, BOX_H),
        lines,
    }
}

/// The full-size box of `node` without making its text (what a spatial index and the frames
/// measure, for every node: the widths are counted as the text would be written, no string is built).
pub fn node_rect(node: &Node) -> Rect {
    Rect::at(node.pos(), node_width(node), BOX_H)
}

/// Decimal digits of `n`.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Characters of an IPv4 address as written (`203.0.113.10`).
fn v4_width(ip: std::net::Ipv4Addr) -> usize {
    ip.octets().iter().map(|o| digits(u32::from(*o))).sum::<usize>() + 3
}

/// Characters of a prefix as written (IPv6 is rare enough to be written out and counted).
fn prefix_width(p: &IpNet) -> usize {
    match p {
        IpNet::V4(n) => v4_width(n.addr()) + 1 + digits(u32::from(n.prefix_len())),
        IpNet::V6(_) => p.to_string().len(),
    }
}

/// [`box_width`] of [`node_lines`], counted without writing the lines.
fn node_width(node: &Node) -> i32 {
    let prefixes = node.prefixes();
    let prefixes_w: usize = prefixes.iter().map(prefix_width).sum::<usize>() + prefixes.len().saturating_sub(1);
    let pair = |a: Option<usize>, b: Option<usize>, none: &str| match (a, b) {
        (None, None) => none.len(),
        (a, b) => a.unwrap_or(0) + b.unwrap_or(0) + usize::from(a.is_some() && b.is_some()),
    };
    let details_w = match node {
        Node::Vnet(v) => pair(
            v.vpn.as_ref().map(|g| 4 + g.sku.as_str().len()),
            v.er.as_ref().map(|g| 3 + g.sku.as_str().len()),
            "no gateway",
        ),
        Node::Site(site) => pair(
            site.ip.map(v4_width),
            site.circuit.as_ref().map(|c| 4 + digits(c.mbps)),
            "no device ip",
        ),
        Node::Users(u) => digits(u.clients) + " clients ".len() + u.protocol.as_str().len(),
    };
    let name = node.name();
    let name_w = if name.is_ascii() { name.len() } else { name.width() };
    let widest = name_w.max(prefixes_w).max(details_w);
    (widest.min(MAX_BOX_W as usize) as i32 + 4).clamp(MIN_BOX_W, MAX_BOX_W)
}

/// The three text lines of a node's full box: name, prefixes, details (gateways; device address and
/// circuit; clients and protocol).
pub fn node_lines(node: &Node) -> [String; 3] {
    let prefixes = node
        .prefixes()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // Two optional parts joined by a space, or what to say when neither is there.
    let pair = |a: Option<String>, b: Option<String>, none: &str| match (a, b) {
        (Some(a), Some(b)) => format!("{a} {b}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => none.to_owned(),
    };
    let details = match node {
        Node::Vnet(v) => pair(
            v.vpn.as_ref().map(|g| format!("vpn {}", g.sku)),
            v.er.as_ref().map(|g| format!("er {}", g.sku)),
            "no gateway",
        ),
        Node::Site(s) => pair(
            s.ip.map(|ip| ip.to_string()),
            s.circuit.as_ref().map(|c| format!("ER {}M", c.mbps)),
            "no device ip",
        ),
        Node::Users(u) => format!("{} clients {}", u.clients, u.protocol),
    };
    [node.name().to_owned(), prefixes, details]
}

/// The width of a full box holding `lines`.
pub fn box_width(lines: &[String; 3]) -> i32 {
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    (widest.min(MAX_BOX_W as usize) as i32 + 4).clamp(MIN_BOX_W, MAX_BOX_W)
}

/// `text` cut to `width` display cells, the last one `…` when cut.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = truncate(text, width.saturating_sub(1));
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to at most `width` display cells.
fn truncate(text: &str, width: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > width {
            break;
        }
        used += cw;
        out.push(c);
    }
    out
}

/// `name` cut to `width` display cells keeping both ends, for a compact box: a third of the cells
/// for the start, `…`, and the rest for the end (`spoke-0042-03` in 10 cells: `spo…042-03`). Names
/// in bulk differ at the end (`spoke-0042-03`, `spoke-0042-04`), so a cut name is still told apart from
/// its neighbours, where cutting the end away (`spoke-00…`) made them all alike.
pub fn abbreviate(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_owned();
    }
    if width < 4 {
        return ellipsize(name, width);
    }
    let head = truncate(name, ((width - 1) / 3).max(1));
    let room = width - head.width() - 1;
    // The longest end of `name` that fits in `room` cells.
    let mut used = 0;
    let mut start = name.len();
    for (i, c) in name.char_indices().rev() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        used += cw;
        start = i;
    }
    format!("{head}…{}", &name[start..])
}

/// A node's mark in the overview, at most `width` cells, made from its name's words (split at `-`,
/// `_` and `.`; a word's trailing digits are a number, written without leading zeros):
///
/// - a site or user group whose name has two numbers or more (`branch-0042-1`) carries its group
///   number, the first, and its own, the last, in subscript: `B42₁`, or `42₁` when that is too long.
///   Those nodes sit in the on-premises and users bands, shared by every hub of a region column, so
///   the mark alone says which hub they belong to, where `B1` repeated under every hub;
/// - a name of one word and no number shows as much of the word as fits, capitalised (`Berlin`,
///   `Ber`), where the initial alone made `berlin` and `branch` both `B`;
/// - any other name, VNets above all, gives the initials of its words and its last number
///   (`spoke-0042-03` → `S3` beside `S4`, under its hub `H42`); when that is too long, the initial
///   and as much of the number's end as fits. A VNet is drawn in its hub's column, so its place says
///   the rest, and all the numbers run together would say less (`S423` could be `spoke-0004-23`).
pub fn mark(kind: NodeKind, name: &str, width: usize) -> String {
    let words = Words::of(name);
    if kind != NodeKind::Vnet
        && let [group, .., own] = words.numbers[..]
    {
        let letters = &words.letters;
        let low = subscript(own);
        let fitting = [format!("{letters}{group}{low}"), format!("{group}{low}")]
            .into_iter()
            .find(|m| m.width() <= width);
        if let Some(m) = fitting {
            return m;
        }
    }
    if let (Some(word), []) = (words.single, &words.numbers[..]) {
        let mut chars = word.chars();
        let capitalised: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        return truncate(&capitalised, width);
    }
    let m = initials(name);
    if m.width() <= width {
        return m;
    }
    let letters = m.chars().take_while(|c| !c.is_ascii_digit()).count();
    let number: Vec<char> = m.chars().skip(letters).collect();
    let head = truncate(&m, 1.min(letters));
    let keep = width.saturating_sub(head.width()).min(number.len());
    let tail: String = number[number.len() - keep..].iter().collect();
    truncate(&format!("{head}{tail}"), width)
}

/// A number written in subscript digits (`12` → `₁₂`), one cell each.
fn subscript(number: &str) -> String {
    number
        .chars()
        .map(|c| c.to_digit(10).and_then(|d| char::from_u32(0x2080 + d)).unwrap_or(c))
        .collect()
}

/// A name taken apart for its mark: words split at `-`, `_` and `.`; a word of digits, or a word's
/// trailing digits (`web01`), is a number, written without leading zeros.
struct Words<'a> {
    /// The first letter of each word that is not all digits, upper case.
    letters: String,
    /// The numbers, in order.
    numbers: Vec<&'a str>,
    /// The only word, when the name is one word.
    single: Option<&'a str>,
}

impl<'a> Words<'a> {
    fn of(name: &'a str) -> Words<'a> {
        let mut words = Words {
            letters: String::new(),
            numbers: Vec::new(),
            single: None,
        };
        let mut count = 0;
        for part in name.split(['-', '_', '.']).filter(|p| !p.is_empty()) {
            count += 1;
            words.single = Some(part);
            let text = part.trim_end_matches(|c: char| c.is_ascii_digit());
            if let Some(c) = text.chars().next() {
                words.letters.extend(c.to_uppercase());
            }
            if text.len() < part.len() {
                let trimmed = part[text.len()..].trim_start_matches('0');
                words.numbers.push(if trimmed.is_empty() { "0" } else { trimmed });
            }
        }
        if count != 1 {
            words.single = None;
        }
        words
    }
}

/// A name's initials for the overview: the first letter of each word (upper case), then its last
/// number without leading zeros (a word's trailing digits count): `spoke-0001-03` → `S3`,
/// `hub-0042` → `H42`, `head-office` → `HO`, `dc-west-2` → `DW2`, `web01` → `W1`.
pub fn initials(name: &str) -> String {
    let words = Words::of(name);
    let mut out = words.letters;
    out.push_str(words.numbers.last().copied().unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Design, run_script};

    fn design() -> Design {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet a-very-long-name-for-a-virtual-network 10.0.0.0/16,10.1.0.0/16\n\
             site office 192.168.0.0/24 ip=203.0.113.1 circuit=1000\n\
             users remote 172.16.0.0/24 clients=50 protocol=openvpn\n\
             move office 40 0",
        )
        .expect("script");
        d
    }

    #[test]
    fn full_boxes_hold_three_lines_cut_to_the_widest_box() {
        let d = design();
        let v = node_box(d.node("a-very-long-name-for-a-virtual-network").expect("vnet"));
        assert_eq!(v.rect.w, MAX_BOX_W);
        let lines = v.lines_at(Zoom::Full);
        assert_eq!(lines[0], "a-very-long-name-for-…");
        assert_eq!(lines[0].width(), (MAX_BOX_W - 4) as usize);
        assert_eq!(lines[2], "no gateway");
        let s = node_box(d.node("office").expect("site"));
        assert_eq!(s.lines[2], "203.0.113.1 ER 1000M");
        assert_eq!((s.rect.x, s.rect.y, s.rect.w), (40, 0, 24));
        let u = node_box(d.node("remote").expect("users"));
        assert_eq!(u.lines[2], "50 clients openvpn");
        assert_eq!(node_rect(d.node("remote").expect("users")), u.rect);
    }

    #[test]
    fn compact_and_overview_text_fits_the_scaled_box() {
        let d = design();
        for (_, node) in crate::diagram::geom::all_nodes(&d) {
            let b = node_box(node);
            for zoom in Zoom::ALL {
                let r = b.rect_at(zoom);
                let (dx, _) = NodeBox::text_offset(zoom);
                for line in b.lines_at(zoom) {
                    assert!(dx + line.width() as i32 <= r.w - dx.min(1), "{zoom:?} {line} in {r:?}");
                }
            }
        }
    }

    #[test]
    fn counted_widths_are_the_widths_of_the_lines() {
        let mut d = crate::generate::generate(300, 11);
        run_script(
            &mut d,
            "vnet er-only 10.250.0.0/16\nsubnet er-only GatewaySubnet 10.250.255.0/27\ngateway er-only er ErGw1AZ\n\
             site nothing 192.168.250.0/24\nsite circuit-only 192.168.251.0/24 circuit=50\nvnet six fd00:1::/48,10.251.0.0/16",
        )
        .expect("script");
        for (_, node) in crate::diagram::geom::all_nodes(&d).chain(crate::diagram::geom::all_nodes(&design())) {
            assert_eq!(node_width(node), box_width(&node_lines(node)), "{}", node.name());
        }
    }

    #[test]
    fn cut_names_keep_what_tells_them_apart() {
        assert_eq!(abbreviate("spoke-0042-03", 10), "spo…042-03");
        assert_eq!(abbreviate("spoke-0042-03", 13), "spoke-0042-03");
        assert_eq!(abbreviate("head-office", 7), "he…fice");
        assert_eq!(abbreviate("日本語のネットワーク", 9), "日…ワーク");
        assert_eq!(abbreviate("abcdef", 3), "ab…");
        // A VNet's place, under its hub, says the rest: its initials and last number; the number's
        // end when that is too long, which tells neighbours apart.
        let vnets = [
            ("spoke-0042-03", 4, "S3"),
            ("spoke-0042-03", 6, "S3"),
            ("hub-0042", 4, "H42"),
            ("hub-01234", 3, "H34"),
            ("head-office", 1, "H"),
            ("2nd-étage", 2, "2É"),
            ("web01", 4, "W1"),
        ];
        for (name, width, want) in vnets {
            assert_eq!(mark(NodeKind::Vnet, name, width), want, "{name} in {width}");
        }
    }

    #[test]
    fn a_site_mark_says_its_group_and_a_lone_word_is_spelt() {
        // With no room for the group (`branch-0123-2` in 3), the name's end, as a VNet's.
        let marks = [
            (NodeKind::Site, "branch-0042-1", 6, "B42₁"),
            (NodeKind::Site, "branch-0042-1", 4, "B42₁"),
            (NodeKind::Site, "branch-0042-1", 3, "42₁"),
            (NodeKind::Site, "branch-0000-0", 3, "B0₀"),
            (NodeKind::Site, "branch-0123-2", 3, "B2"),
            (NodeKind::Site, "dc-0042", 4, "D42"),
            (NodeKind::Users, "users-0007-12", 6, "U7₁₂"),
            (NodeKind::Site, "berlin", 4, "Berl"),
            (NodeKind::Site, "branch", 4, "Bran"),
            (NodeKind::Vnet, "hub", 6, "Hub"),
            (NodeKind::Site, "élan", 2, "Él"),
            (NodeKind::Site, "日本語", 5, "日本"),
            (NodeKind::Site, "berlin", 0, ""),
        ];
        for (kind, name, width, want) in marks {
            assert_eq!(mark(kind, name, width), want, "{kind:?} {name} in {width}");
        }
    }

    #[test]
    fn laid_out_branch_sites_have_marks_no_other_branch_has() {
        // At 1,000 VNets every hub has one to three branches `branch-HHHH-B` in the on-premises band;
        // their marks were `B0`, `B1`, `B2` under every hub.
        let mut d = crate::generate::generate(1_000, 1);
        d.apply(&crate::Edit::Layout { names: Vec::new() }).expect("layout");
        let mut marks = std::collections::BTreeMap::new();
        for (name, node) in crate::diagram::geom::all_nodes(&d) {
            if let Some(rest) = name.strip_prefix("branch-") {
                let m = node_box(node).lines_at(Zoom::Overview).remove(0);
                let group = rest[..4].trim_start_matches('0');
                assert!(m.contains(if group.is_empty() { "0" } else { group }), "{name}: {m}");
                assert_eq!(marks.insert(m.clone(), name), None, "{m} twice");
            }
        }
        assert!(marks.len() > 50, "{} branches", marks.len());
    }

    #[test]
    fn the_spokes_of_one_hub_have_different_marks_and_compact_names() {
        // Generated spokes are called `spoke-HHHH-SS`: at 10,000 VNets the old marks (every number
        // run together, then cut to the box: `S1023` for `spoke-0102-03` in four cells) were `S102`
        // for every spoke of hub 102.
        let d = crate::generate::generate(10_000, 1);
        let mut by_hub: std::collections::BTreeMap<&str, Vec<&Node>> = std::collections::BTreeMap::new();
        for (name, node) in crate::diagram::geom::all_nodes(&d) {
            if let Some(rest) = name.strip_prefix("spoke-") {
                by_hub.entry(&rest[..4]).or_default().push(node);
            }
        }
        assert!(by_hub.len() > 100, "{} hubs", by_hub.len());
        for (hub, spokes) in by_hub {
            for zoom in [Zoom::Compact, Zoom::Overview] {
                let mut texts: Vec<String> = spokes.iter().map(|n| node_box(n).lines_at(zoom).remove(0)).collect();
                texts.sort();
                let n = texts.len();
                texts.dedup();
                assert_eq!(texts.len(), n, "hub {hub} at {zoom:?}: {texts:?}");
            }
        }
    }

    #[test]
    fn wide_characters_take_two_cells() {
        assert_eq!(ellipsize("日本語のネットワーク", 7), "日本語…");
        assert_eq!(ellipsize("abc", 0), "");
        assert_eq!(initials("hub-0001"), "H1");
        assert_eq!(initials("spoke-0001-03"), "S3");
        assert_eq!(initials("x-000"), "X0");
        assert_eq!(initials("head-office"), "HO");
    }
}
