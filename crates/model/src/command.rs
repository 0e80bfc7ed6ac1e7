//! The command language (PRODUCT.md, "Command language"): one line, one [`Edit`].
//!
//! The TUI's `:` prompt and `vnetsketch run SCRIPT` both go through [`parse_line`] and
//! [`run_script`]. A line that fails names its column and the offending word; a script that fails
//! names the line, and the design is left as it was before the script. A value with spaces is
//! quoted, `location="New York"`, with `\"` and `\\` inside (`command/lex.rs`); [`quote_value`]
//! writes a value so that it reads back.

use crate::design::{Design, LinkKind, Pos};
use crate::edit::{Edit, GatewayKind, Prop};
use crate::error::{ParseError, ScriptError};
use crate::plan::{PrefixSpec, parse_prefix_specs};
use crate::sku::Era;

mod lex;

pub use crate::text::quote_value;
use lex::{Word, words};

/// Longest command line accepted, in bytes.
pub const MAX_LINE_LEN: usize = 4096;

/// One command of the language, for help screens: its syntax and what it does.
pub struct CommandDoc {
    /// The syntax, as PRODUCT.md writes it.
    pub syntax: &'static str,
    /// What it does.
    pub doc: &'static str,
}

/// Every command of the language. The options each names are keys of the property tables of
/// [`crate::props`] (a test checks), which parse and apply them.
pub const COMMANDS: &[CommandDoc] = &[
    CommandDoc {
        syntax: "vnet NAME PREFIX[,PREFIX...] [region=REGION]",
        doc: "add a VNet (any PREFIX may be auto/N: the lowest free /N of the pool)",
    },
    CommandDoc {
        syntax: "subnet VNET NAME PREFIX [hosts=N]",
        doc: "add or replace a subnet (PREFIX may be auto/N: the lowest free /N of the VNet's space)",
    },
    CommandDoc {
        syntax: "gateway VNET vpn SKU [policy-based] [active-active] [asn=N] [generation=1|2]",
        doc: "add or replace the VPN gateway (SKU none removes it)",
    },
    CommandDoc {
        syntax: "gateway VNET er SKU [fastpath] [units=N]",
        doc: "add or replace the ExpressRoute gateway",
    },
    CommandDoc {
        syntax: "site NAME PREFIX[,PREFIX...] [ip=IPV4] [behind-nat] [asn=N] [uplink=MBPS] [circuit=MBPS] [location=TEXT]",
        doc: "add an on-premises site",
    },
    CommandDoc {
        syntax: "users NAME POOL clients=N [protocol=sstp|ikev2|openvpn]",
        doc: "add a P2S user group (POOL may be auto/N)",
    },
    CommandDoc {
        syntax: "link s2s|p2s|v2v|peering|er A B [options]",
        doc: "draw a link (a is the VNet end)",
    },
    CommandDoc {
        syntax: "set NAME KEY=VALUE...",
        doc: "change properties of a node (prefixes=auto/N and pool=auto/N plan them anew)",
    },
    CommandDoc {
        syntax: "set design pool=PREFIX[,PREFIX...] [catalog=current|2017]",
        doc: "set the pool auto/N takes VNet, site and P2S space from (default 10.0.0.0/8), or the catalog era",
    },
    CommandDoc {
        syntax: "unlink KIND A B",
        doc: "remove the links of that kind between A and B",
    },
    CommandDoc {
        syntax: "set-link KIND A B KEY=VALUE...",
        doc: "change the flags of the links of that kind between A and B (bgp, nat, custom-ipsec, policy-based-selectors; peering: allow-gateway-transit@VNET, use-remote-gateways@VNET, forwarded-traffic@VNET, allow-gateway-transit=VNET, use-remote-gateways=VNET, forwarded-traffic, one-sided)",
    },
    CommandDoc {
        syntax: "delete NAME | delete VNET/SUBNET",
        doc: "delete a node and its links, or a subnet",
    },
    CommandDoc {
        syntax: "duplicate NAME [as NEWNAME]",
        doc: "copy a node beside it under the next free name (spoke1 -> spoke2), with auto prefixes; a spoke keeps its peering to its hub",
    },
    CommandDoc {
        syntax: "move NAME X Y",
        doc: "put a node at a canvas position",
    },
    CommandDoc {
        syntax: "pin NAME",
        doc: "pin a node: a layout keeps it where it is",
    },
    CommandDoc {
        syntax: "unpin NAME",
        doc: "unpin a node: a layout may move it again",
    },
    CommandDoc {
        syntax: "layout [NAME...]",
        doc: "auto-layout the design, or just these nodes (one undo step)",
    },
    CommandDoc {
        syntax: "catalog current|2017",
        doc: "switch the SKU catalog era",
    },
];

struct Cursor<'a> {
    words: Vec<Word<'a>>,
    next: usize,
    end_column: usize,
    usage: &'static str,
}

impl<'a> Cursor<'a> {
    fn err(column: usize, word: &str, message: impl Into<String>) -> ParseError {
        ParseError {
            column,
            word: word.to_owned(),
            message: message.into(),
        }
    }

    fn take(&mut self, what: &str) -> Result<&Word<'a>, ParseError> {
        let i = self.next;
        self.next += 1;
        self.words
            .get(i)
            .ok_or_else(|| Self::err(self.end_column, "", format!("expected {what}; usage: {}", self.usage)))
    }

    fn name(&mut self, what: &str) -> Result<String, ParseError> {
        let w = self.take(what)?;
        check_word_name(w)?;
        Ok(w.text.clone().into_owned())
    }

    fn prefixes(&mut self, what: &str) -> Result<Vec<PrefixSpec>, ParseError> {
        let w = self.take(what)?;
        parse_prefix_specs(&w.text).map_err(|m| Self::err(w.column, &w.text, m))
    }

    fn props(&mut self) -> Result<Vec<Prop>, ParseError> {
        let mut out = Vec::new();
        while let Some(w) = self.words.get(self.next) {
            self.next += 1;
            let prop = match w.text.split_once('=') {
                Some((k, v)) => Prop::new(k, v),
                None => Prop::flag(w.text.as_ref()),
            };
            if !is_key(&prop.key) {
                return Err(Self::err(
                    w.column,
                    &w.text,
                    format!("expected an option, key=value or a flag; usage: {}", self.usage),
                ));
            }
            out.push(prop);
        }
        Ok(out)
    }

    fn done(&self) -> Result<(), ParseError> {
        match self.words.get(self.next) {
            Some(w) => Err(Self::err(
                w.column,
                &w.text,
                format!("unexpected word; usage: {}", self.usage),
            )),
            None => Ok(()),
        }
    }
}

/// `key`, or `key@SIDE` (a side of a link: `a`, `b` or an end's name).
fn is_key(key: &str) -> bool {
    let (base, side) = key.split_once('@').unwrap_or((key, "x"));
    !base.is_empty()
        && base.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && crate::edit::check_name(side).is_ok()
}

fn check_word_name(w: &Word<'_>) -> Result<(), ParseError> {
    crate::edit::check_name(&w.text).map_err(|e| Cursor::err(w.column, &w.text, e.to_string()))
}

/// The first word of every command, in [`COMMANDS`] order, each once (`link`, `unlink`…).
pub fn command_words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for c in COMMANDS {
        let first = c.syntax.split(' ').next().unwrap_or("");
        for word in first.split('|') {
            if !word.is_empty() && !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

/// The syntax of the command `verb` (lower case), from [`COMMANDS`].
pub fn syntax_of(verb: &str) -> Option<&'static str> {
    COMMANDS
        .iter()
        .find(|c| c.syntax.split(' ').next() == Some(verb))
        .map(|c| c.syntax)
}

fn usage(verb: &str) -> &'static str {
    syntax_of(verb).unwrap_or("")
}

/// Parses one line. Blank lines and comments give `Ok(None)`.
///
/// # Examples
/// ```
/// use vnetsketch_model::parse_line;
/// assert!(parse_line("  # a comment").unwrap().is_none());
/// let err = parse_line("vnet hub 10.0.0.0/33").unwrap_err();
/// assert_eq!((err.column, err.word.as_str()), (10, "10.0.0.0/33"));
/// ```
pub fn parse_line(line: &str) -> Result<Option<Edit>, ParseError> {
    if line.len() > MAX_LINE_LEN {
        return Err(Cursor::err(
            1,
            "",
            format!("the line is {} bytes; lines are limited to {MAX_LINE_LEN}", line.len()),
        ));
    }
    let (mut all, end_column) = words(line)?;
    if all.is_empty() {
        return Ok(None);
    }
    let verb = all.remove(0);
    let verb_text = verb.text.to_ascii_lowercase();
    let mut c = Cursor {
        words: all,
        next: 0,
        end_column,
        usage: usage(&verb_text),
    };
    let edit = match verb_text.as_str() {
        "vnet" => Edit::AddVnet {
            name: c.name("a VNet name")?,
            prefixes: c.prefixes("the address prefixes")?,
            props: c.props()?,
        },
        "subnet" => {
            let vnet = c.name("the VNet's name")?;
            let name = c.name("the subnet's name")?;
            let prefixes = c.prefixes("the subnet prefix")?;
            let w = &c.words[c.next - 1];
            let [prefix] = prefixes[..] else {
                return Err(Cursor::err(w.column, &w.text, "a subnet has exactly one prefix"));
            };
            Edit::Subnet {
                vnet,
                name,
                prefix,
                props: c.props()?,
            }
        }
        "gateway" => {
            let vnet = c.name("the VNet's name")?;
            let kw = c.take("vpn or er")?;
            let kind = match kw.text.to_ascii_lowercase().as_str() {
                "vpn" => GatewayKind::Vpn,
                "er" => GatewayKind::Er,
                _ => return Err(Cursor::err(kw.column, &kw.text, "expected vpn or er")),
            };
            let sku = c.take("a SKU")?.text.clone().into_owned();
            if sku.eq_ignore_ascii_case("none") {
                c.done()?;
                Edit::RemoveGateway { vnet, kind }
            } else {
                Edit::Gateway {
                    vnet,
                    kind,
                    sku,
                    props: c.props()?,
                }
            }
        }
        "site" => Edit::AddSite {
            name: c.name("a site name")?,
            prefixes: c.prefixes("the site's prefixes")?,
            props: c.props()?,
        },
        "users" => {
            let name = c.name("a user group name")?;
            let prefixes = c.prefixes("the client address pool")?;
            let w = &c.words[c.next - 1];
            let [pool] = prefixes[..] else {
                return Err(Cursor::err(w.column, &w.text, "a client address pool is one prefix"));
            };
            let props = c.props()?;
            if !props.iter().any(|p| p.key == "clients") {
                return Err(Cursor::err(
                    end_column,
                    "",
                    format!("expected clients=N; usage: {}", c.usage),
                ));
            }
            Edit::AddUsers { name, pool, props }
        }
        "link" | "unlink" | "set-link" => {
            let kw = c.take("a link kind (s2s, p2s, v2v, peering, er)")?;
            let kind: LinkKind = kw
                .text
                .parse()
                .map_err(|m: String| Cursor::err(kw.column, &kw.text, m))?;
            let a = c.name("the VNet end")?;
            let b = c.name("the other end")?;
            match verb_text.as_str() {
                "link" => Edit::Link {
                    kind,
                    a,
                    b,
                    props: c.props()?,
                },
                "unlink" => {
                    c.done()?;
                    Edit::Unlink { kind, a, b }
                }
                _ => {
                    let props = c.props()?;
                    if props.is_empty() {
                        return Err(Cursor::err(
                            end_column,
                            "",
                            format!("expected KEY=VALUE; usage: {}", c.usage),
                        ));
                    }
                    Edit::SetLinks { kind, a, b, props }
                }
            }
        }
        "set" => {
            let name = c.name("a node name")?;
            let props = c.props()?;
            if props.is_empty() {
                return Err(Cursor::err(
                    end_column,
                    "",
                    "expected KEY=VALUE; usage: set NAME KEY=VALUE...",
                ));
            }
            Edit::Set { name, props }
        }
        "delete" => {
            let w = c.take("a node name, or VNET/SUBNET")?;
            for part in w.text.splitn(2, '/') {
                check_word_name(&Word {
                    text: part.into(),
                    column: w.column,
                })?;
            }
            let name = w.text.clone().into_owned();
            c.done()?;
            Edit::Delete { name }
        }
        "duplicate" => {
            let name = c.name("a node name")?;
            let new_name = match c.words.get(c.next) {
                Some(w) if w.text.eq_ignore_ascii_case("as") => {
                    c.next += 1;
                    Some(c.name("the copy's name")?)
                }
                _ => None,
            };
            c.done()?;
            Edit::Duplicate { name, new_name }
        }
        "move" => {
            let name = c.name("a node name")?;
            let mut coord = |what| -> Result<i32, ParseError> {
                let w = c.take(what)?;
                w.text
                    .parse::<i32>()
                    .ok()
                    .filter(|v| v.abs() <= 1_000_000)
                    .ok_or_else(|| {
                        Cursor::err(
                            w.column,
                            &w.text,
                            "expected a whole number between -1000000 and 1000000",
                        )
                    })
            };
            let x = coord("X")?;
            let y = coord("Y")?;
            c.done()?;
            Edit::Move {
                name,
                pos: Pos { x, y },
            }
        }
        "pin" | "unpin" => {
            let name = c.name("a node name")?;
            c.done()?;
            Edit::Pin {
                name,
                pinned: verb_text == "pin",
            }
        }
        "layout" => {
            let mut names = Vec::new();
            while c.next < c.words.len() {
                names.push(c.name("a node name")?);
            }
            Edit::Layout { names }
        }
        "catalog" => {
            let w = c.take("current or 2017")?;
            let era: Era = w.text.parse().map_err(|m: String| Cursor::err(w.column, &w.text, m))?;
            c.done()?;
            Edit::Catalog { era }
        }
        _ => {
            let verbs = command_words();
            let hint = crate::suggest::hint(crate::suggest::did_you_mean(&verb.text, verbs.iter().copied()));
            return Err(Cursor::err(
                verb.column,
                &verb.text,
                format!("unknown command{hint}; commands are: {}", verbs.join(", ")),
            ));
        }
    };
    if c.next < c.words.len() {
        c.done()?;
    }
    Ok(Some(edit))
}

/// Parses and applies one line to `design`: the `:` prompt's path. Returns the change's summary
/// (`None` for a blank line) and the change for undo.
pub fn apply_line(design: &mut Design, line: &str) -> Result<Option<crate::edit::Change>, ScriptError> {
    let Some(edit) = parse_line(line).map_err(|e| ScriptError {
        line: 1,
        column: Some(e.column),
        word: e.word,
        message: e.message,
    })?
    else {
        return Ok(None);
    };
    design.apply(&edit).map(Some).map_err(|e| script_error(line, 1, &e))
}

fn script_error(line: &str, number: usize, e: &crate::error::EditError) -> ScriptError {
    let word = e.word().unwrap_or("").to_owned();
    let column = if word.is_empty() {
        None
    } else {
        words(line)
            .ok()
            .and_then(|(ws, _)| ws.iter().find(|w| w.text.contains(&word)).map(|w| w.column))
    };
    ScriptError {
        line: number,
        column,
        word,
        message: e.to_string(),
    }
}

/// Runs a whole script on `design`. On the first failing line the design is restored to what it was
/// and the error names that line and word.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script};
/// let mut d = Design::default();
/// let err = run_script(&mut d, "vnet hub 10.0.0.0/16\nlink s2s hub nowhere\n").unwrap_err();
/// assert_eq!((err.line, err.word.as_str()), (2, "nowhere"));
/// assert!(d.nodes().is_empty(), "a failed script changes nothing");
/// ```
pub fn run_script(design: &mut Design, script: &str) -> Result<usize, ScriptError> {
    let mut undo = Vec::new();
    let mut applied = 0;
    for (i, line) in script.lines().enumerate() {
        let result = parse_line(line)
            .map_err(|e| ScriptError {
                line: i + 1,
                column: Some(e.column),
                word: e.word,
                message: e.message,
            })
            .and_then(|edit| match edit {
                None => Ok(None),
                Some(edit) => design.apply(&edit).map(Some).map_err(|e| script_error(line, i + 1, &e)),
            });
        match result {
            Ok(Some(change)) => {
                undo.push(change);
                applied += 1;
            }
            Ok(None) => {}
            Err(e) => {
                for change in undo.into_iter().rev() {
                    design.revert(change);
                }
                return Err(e);
            }
        }
    }
    Ok(applied)
}

#[cfg(test)]
mod tests;
