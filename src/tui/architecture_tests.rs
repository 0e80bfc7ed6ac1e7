//! The rooms' rules, checked on the source: the module graph of `src/tui` (what each module's
//! non-test code names through `super::`, `crate::tui::` or a child module's name) has no cycle,
//! and each room only reaches the rooms below it: geometry ← state ← action ← update ← shell,
//! and state ← ui ← shell (ui never reaches update; neither reaches shell).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every non-test module of the TUI: its path (`["tui", "update", "canvas"]`) and its code, with
/// comments and test modules cut off.
fn sources() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, prefix: &Module, out: &mut BTreeMap<Module, String>) {
        for entry in std::fs::read_dir(dir).expect("src/tui").flatten() {
            let path = entry.path();
            let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            let mut module = prefix.clone();
            module.push(name.clone());
            if path.is_dir() {
                walk(&path, &module, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !(name.ends_with("tests") || name == "test_support")
            {
                out.insert(module, code(&std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    out.insert(
        vec!["tui".to_owned()],
        code(&std::fs::read_to_string(src.join("tui.rs")).expect("tui.rs")),
    );
    walk(&src.join("tui"), &vec!["tui".to_owned()], &mut out);
    out
}

/// `text` without comments and without its `#[cfg(test)] mod tests { … }`.
fn code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifiers of a path starting at `rest` (`a::b::{c, d::e}` gives `[a, b]` and `[c, d]`).
fn paths(rest: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    let mut parts = Vec::new();
    let mut s = rest;
    loop {
        let id = ident(s);
        if id.is_empty() {
            break;
        }
        s = &s[id.len()..];
        parts.push(id);
        match s.strip_prefix("::") {
            Some(next) => s = next,
            None => return vec![parts],
        }
    }
    let Some(group) = s.strip_prefix('{').and_then(|g| g.split('}').next()) else {
        return vec![parts];
    };
    group
        .split(',')
        .map(|item| {
            let mut p = parts.clone();
            let first = ident(item.trim());
            if first != "self" && !first.is_empty() {
                p.push(first);
            }
            p
        })
        .collect()
}

/// The module graph: each module and the modules its code names.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let sources = sources();
    let resolve = |mut path: Module| {
        while !path.is_empty() && !sources.contains_key(&path) {
            path.pop();
        }
        path
    };
    let mut graph = BTreeMap::new();
    for (module, code) in &sources {
        let mut uses = BTreeSet::new();
        let children: Vec<&str> = code
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub mod ").or(l.trim().strip_prefix("mod ")))
            .filter_map(|l| l.strip_suffix(';'))
            .collect();
        let mut bases: Vec<(String, Module)> = vec![
            ("crate::tui::".to_owned(), vec!["tui".to_owned()]),
            ("super::".to_owned(), module[..module.len() - 1].to_vec()),
        ];
        for child in children {
            let mut m = module.clone();
            m.push(child.to_owned());
            bases.push((format!("{child}::"), m));
        }
        for (prefix, base) in &bases {
            for (at, _) in code.match_indices(prefix.as_str()) {
                let before = code[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || matches!(before, '_' | ':' | '.') {
                    continue;
                }
                for path in paths(&code[at + prefix.len()..]) {
                    let mut full = base.clone();
                    full.extend(path);
                    let target = resolve(full);
                    if !target.is_empty() && target != *module {
                        uses.insert(target);
                    }
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

/// The room of a module: `tui::update::canvas` is in `update`.
fn room(module: &Module) -> &str {
    module.get(1).map_or("tui", String::as_str)
}

#[test]
fn the_rooms_have_no_import_cycle_and_depend_downwards_only() {
    let graph = graph();
    assert!(graph.len() > 40, "the source was read: {} modules", graph.len());
    // Rooms below each room (and the room itself).
    let allowed = |from: &str, to: &str| {
        let below: &[&str] = match from {
            "geometry" => &["geometry"],
            "state" => &["state", "geometry"],
            "action" => &["action", "state", "geometry"],
            "update" => &["update", "action", "state", "geometry"],
            "ui" => &["ui", "action", "state", "geometry"],
            _ => return true,
        };
        below.contains(&to)
    };
    for (module, uses) in &graph {
        for used in uses {
            assert!(
                allowed(room(module), room(used)),
                "{} reaches {}: {} may not depend on {}",
                module.join("::"),
                used.join("::"),
                room(module),
                room(used)
            );
        }
    }
    // No cycle: every module can be taken out once all the modules it uses are, and once no module
    // left uses it (Kahn's algorithm both ways); what stays is on a cycle.
    let mut left: BTreeMap<&Module, BTreeSet<&Module>> =
        graph.iter().map(|(m, uses)| (m, uses.iter().collect())).collect();
    loop {
        let used: BTreeSet<&Module> = left.values().flatten().copied().collect();
        let Some(done) = left
            .iter()
            .find(|(m, uses)| uses.is_empty() || !used.contains(*m))
            .map(|(m, _)| *m)
        else {
            break;
        };
        left.remove(done);
        for uses in left.values_mut() {
            uses.remove(done);
        }
    }
    let cycle: Vec<String> = left.keys().map(|m| m.join("::")).collect();
    assert!(cycle.is_empty(), "modules on an import cycle: {cycle:?}");
}
