//! Bicep: no Bicep compiler runs on this machine (it ships as a `.NET` tool from `NuGet`, which this
//! machine cannot reach), so the output is parsed with the tree-sitter Bicep grammar
//! (`tree-sitter-bicep`, a real parser of the language) and its structure checked: no syntax error,
//! one pinned API version, every symbol used is declared, `parent:` on subnets and peerings,
//! `@secure()` on shared keys.

use std::collections::{BTreeSet, HashSet};

use tree_sitter::{Node, Parser};
use vnetsketch_exchange::Format;

use crate::support::{designs, exported, script};

struct Seen {
    declared: HashSet<String>,
    used: BTreeSet<String>,
    types: Vec<String>,
    secure: Vec<String>,
    parents: usize,
}

fn text<'a>(n: Node<'_>, src: &'a str) -> &'a str {
    n.utf8_text(src.as_bytes()).expect("test data")
}

fn walk(n: Node<'_>, src: &str, seen: &mut Seen) {
    match n.kind() {
        "resource_declaration" | "parameter_declaration" => {
            let mut c = n.walk();
            let id = n
                .named_children(&mut c)
                .find(|k| k.kind() == "identifier")
                .expect("test data");
            seen.declared.insert(text(id, src).to_owned());
            if n.kind() == "resource_declaration" {
                let mut c = n.walk();
                let ty = n
                    .named_children(&mut c)
                    .find(|k| k.kind() == "string")
                    .expect("test data");
                seen.types.push(text(ty, src).to_owned());
            }
            let decorated = n
                .prev_named_sibling()
                .is_some_and(|p| p.kind() == "decorators" && text(p, src).contains("@secure()"));
            if n.kind() == "parameter_declaration" && decorated {
                seen.secure.push(text(id, src).to_owned());
            }
        }
        "identifier" => {
            let parent = n.parent().map(|p| p.kind()).unwrap_or_default();
            // Keys of object properties and the names after `.` are not references.
            let is_value = match parent {
                "object_property" => n.prev_sibling().is_some(),
                "member_expression" => n.prev_sibling().is_none(),
                "array" => true,
                _ => false,
            };
            if is_value {
                seen.used.insert(text(n, src).to_owned());
            }
        }
        "object_property" if text(n, src).starts_with("parent:") => seen.parents += 1,
        _ => {}
    }
    let mut c = n.walk();
    for child in n.children(&mut c) {
        walk(child, src, seen);
    }
}

fn parse(name: &str, src: &str) -> Seen {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_bicep::LANGUAGE.into())
        .expect("test data");
    let tree = parser.parse(src, None).expect("test data");
    let root = tree.root_node();
    assert!(
        !root.has_error(),
        "{name}: the Bicep grammar finds a syntax error:\n{}",
        root.to_sexp()
    );
    let mut seen = Seen {
        declared: HashSet::new(),
        used: BTreeSet::new(),
        types: Vec::new(),
        secure: Vec::new(),
        parents: 0,
    };
    walk(root, src, &mut seen);
    seen
}

#[test]
fn every_example_parses_and_every_symbol_is_declared() {
    for (name, design) in designs() {
        let src = exported(&design, Format::Bicep);
        let seen = parse(&name, &src);
        for used in &seen.used {
            assert!(
                seen.declared.contains(used),
                "{name}: `{used}` is used but not declared"
            );
        }
        assert!(!seen.types.is_empty(), "{name}: no resources");
        for ty in &seen.types {
            assert!(
                ty.starts_with("'Microsoft.Network/") && ty.ends_with("@2024-05-01'"),
                "{name}: {ty}"
            );
        }
        let children = seen
            .types
            .iter()
            .filter(|t| t.contains("/subnets@") || t.contains("/virtualNetworkPeerings@"))
            .count();
        assert_eq!(
            seen.parents, children,
            "{name}: every subnet and peering names its parent"
        );
        let keys = src.lines().filter(|l| l.starts_with("param sharedKey_")).count();
        assert_eq!(
            seen.secure.iter().filter(|s| s.starts_with("sharedKey_")).count(),
            keys,
            "{name}: shared keys are @secure()"
        );
    }
}

#[test]
fn the_grammar_finds_a_broken_file() {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_bicep::LANGUAGE.into()).unwrap();
    let tree = parser
        .parse(
            "resource x 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'a'\n",
            None,
        )
        .unwrap();
    assert!(
        tree.root_node().has_error(),
        "an unclosed object must be a syntax error"
    );
}

#[test]
fn references_are_symbolic_and_ordering_is_explicit() {
    let design = script(
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\nsubnet hub app 10.0.1.0/24\n\
         gateway hub vpn VpnGw1AZ\nsite office 192.168.0.0/24\nlink s2s hub office\n",
    );
    let src = exported(&design, Format::Bicep);
    let seen = parse("small", &src);
    for symbol in [
        "vnet_hub",
        "snet_hub_GatewaySubnet",
        "vgw_hub_vpngw",
        "lgw_office",
        "sharedKey_hub_to_office",
    ] {
        assert!(
            seen.used.contains(symbol),
            "the walk sees {symbol} used: {:?}",
            seen.used
        );
    }
    assert!(src.contains("id: snet_hub_GatewaySubnet.id"), "{src}");
    assert!(src.contains("  parent: vnet_hub\n  name: 'app'"));
    assert!(
        src.contains("  dependsOn: [\n    snet_hub_GatewaySubnet\n  ]"),
        "subnets are created one after the other"
    );
    assert!(src.contains(
        "@secure()\n@description('IPsec shared key of s2s hub office')\nparam sharedKey_hub_to_office string"
    ));
    assert!(
        src.contains("gatewayIpAddress: gatewayIp_office"),
        "a site without a device address takes a parameter"
    );
    assert!(src.contains("param location string = resourceGroup().location"));
}
