//! The model's module graph, read from the source: a module depends on another when its non-test
//! code names it (or an item in it) through `crate::`, `vnetsketch_model::`, `super::`, `self::` or
//! one of its child modules, in a path or a `use` tree. The graph has no cycle: a family of rules
//! imports the shared vocabulary from a leaf module, never from the registry that lists it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) type Module = Vec<String>;
pub(crate) type Graph = BTreeMap<Module, BTreeSet<Module>>;

/// One token of Rust source, as far as paths are concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    Ident(String),
    /// `::`
    Sep,
    /// Any other punctuation character.
    Punct(char),
}

/// The tokens of `text`: comments, string and char literals and lifetimes dropped.
pub(crate) fn lex(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let skip_string = |mut i: usize| {
        // `i` is just after the opening quote.
        while i < chars.len() && chars[i] != '"' {
            i += if chars[i] == '\\' { 2 } else { 1 };
        }
        i + 1
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if c == '/' && next == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(i + 1);
        } else if c == 'r' && (next == '"' || next == '#') && !tokens_end_in_ident(&chars, i) {
            // A raw string: r"…" or r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(i + 1 + hashes) == Some(&'"') {
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let rest: String = chars[i + 2 + hashes..].iter().collect();
                i += 2
                    + hashes
                    + rest
                        .find(&close)
                        .map_or(rest.len(), |at| rest[..at].chars().count() + close.len());
            } else {
                tokens.push(Token::Ident("r".to_owned()));
                i += 1;
            }
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a).
            if next == '\\' {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
        } else if c == ':' && next == ':' {
            tokens.push(Token::Sep);
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    tokens
}

/// `true` when the character before `i` continues an identifier (so `r` there is not a raw string).
fn tokens_end_in_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `tokens` without the items under `#[cfg(test)]` (a test module, a test helper).
pub(crate) fn without_tests(tokens: &[Token]) -> Vec<Token> {
    let cfg_test: Vec<Token> = lex("#[cfg(test)]");
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i..].starts_with(&cfg_test) {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        // Skip the item: up to a `;` at depth 0, or to the `}` that closes its first block.
        i += cfg_test.len();
        let mut depth = 0usize;
        while i < tokens.len() {
            let t = &tokens[i];
            i += 1;
            match t {
                Token::Punct('{' | '(' | '[') => depth += 1,
                Token::Punct(c @ ('}' | ')' | ']')) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && *c == '}' {
                        break;
                    }
                }
                Token::Punct(';') if depth == 0 => break,
                _ => {}
            }
        }
    }
    out
}

/// The paths of a path or `use` tree starting at `tokens[i]` (an identifier): `a::b::{c, d::{e, f}}`
/// gives `a::b::c`, `a::b::d::e`, `a::b::d::f`; `self` in a group names the group's own path.
fn path_tree(tokens: &[Token], i: &mut usize, prefix: &Module, out: &mut Vec<Module>) {
    let mut path = prefix.clone();
    loop {
        match tokens.get(*i) {
            Some(Token::Ident(id)) => {
                if id != "self" || path.is_empty() {
                    path.push(id.clone());
                }
                *i += 1;
            }
            Some(Token::Punct('{')) => {
                *i += 1;
                while let Some(t) = tokens.get(*i) {
                    match t {
                        Token::Punct('}') => {
                            *i += 1;
                            return;
                        }
                        Token::Ident(_) | Token::Punct('{') => path_tree(tokens, i, &path, out),
                        _ => *i += 1,
                    }
                }
                return;
            }
            _ => break,
        }
        if tokens.get(*i) == Some(&Token::Sep) {
            *i += 1;
        } else {
            break;
        }
    }
    out.push(path);
}

/// The modules `code` (the tokens of `module`) names.
fn uses(module: &Module, tokens: &[Token], modules: &BTreeSet<Module>) -> BTreeSet<Module> {
    let children: BTreeSet<&str> = tokens
        .windows(2)
        .filter_map(|w| match w {
            [Token::Ident(m), Token::Ident(child)] if m == "mod" => Some(child.as_str()),
            _ => None,
        })
        .collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_path = matches!(&tokens[i], Token::Ident(_))
            && tokens.get(i + 1) == Some(&Token::Sep)
            && (i == 0 || tokens[i - 1] != Token::Sep);
        if !starts_path {
            i += 1;
            continue;
        }
        let mut paths = Vec::new();
        path_tree(tokens, &mut i, &Vec::new(), &mut paths);
        for path in paths {
            let (mut base, rest): (Module, &[String]) = match path[0].as_str() {
                "crate" | "vnetsketch_model" => (Vec::new(), &path[1..]),
                "self" => (module.clone(), &path[1..]),
                "super" => {
                    let ups = path.iter().take_while(|p| *p == "super").count();
                    (module[..module.len().saturating_sub(ups)].to_vec(), &path[ups..])
                }
                child if children.contains(child) => (module.clone(), &path[..]),
                _ => continue,
            };
            // The longest prefix of the path that is a module.
            let mut target = base.clone();
            for part in rest {
                base.push(part.clone());
                if modules.contains(&base) {
                    target.clone_from(&base);
                } else {
                    break;
                }
            }
            if target != *module && modules.contains(&target) {
                found.insert(target);
            }
        }
    }
    found
}

/// The graph of modules given by path (`["validate", "bgp"]`; the crate root is `[]`) and source.
pub(crate) fn graph_of(sources: &BTreeMap<Module, String>) -> Graph {
    let modules: BTreeSet<Module> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(module, text)| {
            let tokens = without_tests(&lex(text));
            (module.clone(), uses(module, &tokens, &modules))
        })
        .collect()
}

/// Every non-test source file of the model crate, by module path.
pub(crate) fn sources() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, prefix: &Module, out: &mut BTreeMap<Module, String>) {
        for entry in std::fs::read_dir(dir).expect("read src").flatten() {
            let path = entry.path();
            let name = path.file_stem().and_then(|n| n.to_str()).unwrap_or("").to_owned();
            let mut module = prefix.clone();
            if path.is_dir() {
                module.push(name);
                walk(&path, &module, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !name.ends_with("tests") && name != "test_support"
            {
                if name != "lib" {
                    module.push(name);
                }
                out.insert(module, std::fs::read_to_string(&path).expect("read source"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &Vec::new(),
        &mut out,
    );
    out
}

/// The strongly connected components of more than one module (Tarjan), each with the edges inside
/// it, as `a -> b` lines.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g Module, usize>,
        low: BTreeMap<&'g Module, usize>,
        stack: Vec<&'g Module>,
        on_stack: BTreeSet<&'g Module>,
        found: Vec<Vec<&'g Module>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g Module) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    self.found.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    let name = |m: &Module| if m.is_empty() { "crate".to_owned() } else { m.join("::") };
    t.found
        .iter()
        .map(|component| {
            let members: BTreeSet<&Module> = component.iter().copied().collect();
            let mut edges: Vec<String> = members
                .iter()
                .flat_map(|v| {
                    graph[*v]
                        .iter()
                        .filter(|w| members.contains(w))
                        .map(move |w| format!("{} -> {}", name(v), name(w)))
                })
                .collect();
            edges.sort();
            edges
        })
        .collect()
}

fn module(path: &str) -> Module {
    path.split("::").filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

#[test]
fn the_model_has_no_import_cycle_between_modules() {
    let graph = graph_of(&sources());
    assert!(graph.len() > 40, "the source was read: {} modules", graph.len());
    // The reader sees the edges it must: a use tree, a nested group, a child's path, a parent's item.
    for (from, to) in [
        ("analysis", "throughput"),
        ("validate", "validate::index"),
        ("validate::bgp", "validate::index"),
        ("", "command"),
    ] {
        assert!(
            graph[&module(from)].contains(&module(to)),
            "{from} -> {to} not read: {:?}",
            graph[&module(from)]
        );
    }
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "import cycles between modules (each with its edges):\n{found:#?}"
    );
}

#[test]
fn the_checker_finds_a_back_reference_from_a_child_to_its_parent() {
    let sources: BTreeMap<Module, String> = [
        ("", "mod validate;\nmod paths;"),
        (
            "validate",
            "mod bgp;\nmod finding;\npub use finding::{Out, Rule};\nstatic RULES: &[Rule] = &[bgp::BGP];",
        ),
        ("validate::finding", "pub struct Out; // super::Out would be a cycle\n"),
        (
            "validate::bgp",
            "use super::{finding::{Out, Rule as R}, index::Ctx};\n\
             #[cfg(test)]\nmod tests { use super::super::RULES; }\n",
        ),
        (
            "paths",
            "fn f() { let s = \"crate::validate::x\"; crate::validate::bgp::check(); }",
        ),
    ]
    .into_iter()
    .map(|(m, s)| (module(m), s.to_owned()))
    .collect();
    let graph = graph_of(&sources);
    assert_eq!(
        graph[&module("validate::bgp")],
        BTreeSet::from([module("validate::finding"), module("validate")])
    );
    assert!(graph[&module("validate::finding")].is_empty());
    assert_eq!(graph[&module("paths")], BTreeSet::from([module("validate::bgp")]));
    // `super::index::Ctx` names the parent (no `index` module here): bgp -> validate -> bgp.
    assert_eq!(
        cycles(&graph),
        vec![vec![
            "validate -> validate::bgp".to_owned(),
            "validate::bgp -> validate".to_owned()
        ]]
    );
}
