//! What differs between the design in the file and the one in a recovery copy, and when a copy
//! was written, in words.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use vnetsketch_model::Design;

/// What differs between the design in the file and the one in the recovery copy, in lines of text:
/// a summary, then one line per node added (`+`), removed (`-`) or changed (`~`, "moved" when only
/// its position differs), then the links added and removed. `["no differences"]` when equal.
pub fn diff(file: &Design, copy: &Design) -> Vec<String> {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (name, node) in copy.nodes() {
        match file.nodes().get(name) {
            None => added.push(format!("+ {} {name}", node.kind())),
            Some(old) if old != node => {
                let mut moved = old.clone();
                *moved.pos_mut() = node.pos();
                let how = if moved == *node { "moved" } else { "changed" };
                changed.push(format!("~ {} {name} ({how})", node.kind()));
            }
            Some(_) => {}
        }
    }
    for (name, node) in file.nodes() {
        if !copy.nodes().contains_key(name) {
            removed.push(format!("- {} {name}", node.kind()));
        }
    }
    let (links_added, links_removed, links_changed) = link_diff(file, copy);
    let (before, after) = (file.links().len(), copy.links().len());
    let mut out = Vec::new();
    let links = if before == after {
        format!("links: {after}")
    } else {
        format!(
            "links: {before} in the file, {after} in the copy ({:+})",
            after as i64 - before as i64
        )
    };
    if added.is_empty()
        && removed.is_empty()
        && changed.is_empty()
        && links_added.is_empty()
        && links_removed.is_empty()
        && links_changed.is_empty()
    {
        if file.era != copy.era {
            return vec![format!(
                "catalog era: {:?} in the file, {:?} in the copy",
                file.era, copy.era
            )];
        }
        return vec!["no differences".to_owned()];
    }
    out.push(format!(
        "nodes: {} added, {} removed, {} changed; {links}",
        added.len(),
        removed.len(),
        changed.len()
    ));
    if file.era != copy.era {
        out.push(format!(
            "catalog era: {:?} in the file, {:?} in the copy",
            file.era, copy.era
        ));
    }
    out.extend(added);
    out.extend(removed);
    out.extend(changed);
    out.extend(links_added.into_iter().map(|l| format!("+ link {l}")));
    out.extend(links_removed.into_iter().map(|l| format!("- link {l}")));
    out.extend(links_changed.into_iter().map(|l| format!("~ link {l} (changed)")));
    out
}

/// Links only in the copy, only in the file, and changed (same ends and kind, other settings), by
/// `kind a b`. Links have no names and their ids are per load, so they are matched by content.
fn link_diff(file: &Design, copy: &Design) -> (Vec<String>, Vec<String>, Vec<String>) {
    // Count each exact link (by its full debug form) on both sides; what is left over differs.
    let mut count: BTreeMap<String, (i64, String)> = BTreeMap::new();
    for l in file.links().values() {
        count.entry(format!("{l:?}")).or_insert((0, l.describe())).0 -= 1;
    }
    for l in copy.links().values() {
        count.entry(format!("{l:?}")).or_insert((0, l.describe())).0 += 1;
    }
    let mut plus: BTreeMap<String, i64> = BTreeMap::new();
    let mut minus: BTreeMap<String, i64> = BTreeMap::new();
    for (n, describe) in count.into_values() {
        if n > 0 {
            *plus.entry(describe).or_default() += n;
        } else if n < 0 {
            *minus.entry(describe).or_default() -= n;
        }
    }
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (describe, &n) in &plus {
        let m = minus.get(describe).copied().unwrap_or(0);
        let common = n.min(m);
        changed.extend((0..common).map(|_| describe.clone()));
        added.extend((common..n).map(|_| describe.clone()));
    }
    for (describe, &m) in &minus {
        let n = plus.get(describe).copied().unwrap_or(0);
        removed.extend((n.min(m)..m).map(|_| describe.clone()));
    }
    (added, removed, changed)
}

/// `2026-11-23 14:05 UTC (5 minutes ago)`: when `t` was, seen at `now`.
pub fn describe_time(when: SystemTime, now: SystemTime) -> String {
    let secs = when.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    let ago = match now.duration_since(when).map(|d| d.as_secs()) {
        Ok(age) if age < 60 => "just now".to_owned(),
        Ok(age) if age < 3600 => format!("{} ago", plural(age / 60, "minute")),
        Ok(age) if age < 86_400 => format!("{} ago", plural(age / 3600, "hour")),
        Ok(age) => format!("{} ago", plural(age / 86_400, "day")),
        Err(_) => "in the future".to_owned(),
    };
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC ({ago})",
        rest / 3600,
        (rest % 3600) / 60
    )
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::recovery::design;
    use vnetsketch_model::run_script;

    #[test]
    fn the_diff_names_nodes_and_counts_links() {
        let file = design(
            "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24\n\
             link peering hub spoke\nlink s2s hub office",
        );
        assert_eq!(diff(&file, &file), vec!["no differences"]);
        let mut copy = file.clone();
        run_script(
            &mut copy,
            "vnet spoke2 10.2.0.0/16\nlink peering hub spoke2\ndelete office\nmove hub 30 4\n\
             set spoke region=northeurope",
        )
        .expect("edits");
        let lines = diff(&file, &copy);
        assert_eq!(lines[0], "nodes: 1 added, 1 removed, 2 changed; links: 2", "{lines:#?}");
        for expected in [
            "+ vnet spoke2",
            "- site office",
            "~ vnet hub (moved)",
            "~ vnet spoke (changed)",
            "+ link peering hub spoke2",
            "- link s2s hub office",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in {lines:#?}");
        }
        let mut more = file.clone();
        run_script(&mut more, "vnet spoke2 10.2.0.0/16\nlink peering hub spoke2").expect("edits");
        assert_eq!(
            diff(&file, &more)[0],
            "nodes: 1 added, 0 removed, 0 changed; links: 2 in the file, 3 in the copy (+1)"
        );
        // A link whose settings changed is one changed link, not one added and one removed.
        let mut flags = file.clone();
        run_script(&mut flags, "set-link peering hub spoke forwarded-traffic").expect("a flag");
        let lines = diff(&file, &flags);
        assert!(lines.iter().any(|l| l.starts_with("~ link ")), "{lines:#?}");
        assert!(!lines.iter().any(|l| l.starts_with("+ link ")), "{lines:#?}");
        assert_eq!(
            diff(&Design::default(), &file)[0],
            "nodes: 3 added, 0 removed, 0 changed; links: 0 in the file, 2 in the copy (+2)"
        );
    }

    #[test]
    fn times_read_as_utc_dates_and_ages() {
        let t = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(
            describe_time(t, t + Duration::from_secs(300)),
            "2026-11-18 11:06 UTC (5 minutes ago)"
        );
        assert!(describe_time(t, t).ends_with("(just now)"));
        assert!(describe_time(t, t + Duration::from_secs(3600)).ends_with("(1 hour ago)"));
        assert!(describe_time(t, t + Duration::from_secs(3 * 86_400)).ends_with("(3 days ago)"));
        assert!(describe_time(t + Duration::from_secs(5), t).ends_with("(in the future)"));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
