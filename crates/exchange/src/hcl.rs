//! A small HCL writer that lays text out as `terraform fmt` does: two-space indents, `=` aligned
//! across a run of single-line attributes (a blank line, a comment, a block or a multi-line value
//! ends the run), one blank line between top-level blocks.

use std::fmt::Write as _;

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    Str(String),
    Num(i64),
    Bool(bool),
    List(Vec<Expr>),
    /// An object written on several lines (`{ key = value … }`).
    Object(Vec<(String, Expr)>),
    /// A reference or call written as is (`var.location`, `azurerm_subnet.hub.id`).
    Raw(String),
}

/// One line-level item of a body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Attr(String, Expr),
    Block(Block),
    Blank,
    Comment(String),
}

/// A block: `kind "label"… { items }`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub items: Vec<Item>,
}

impl Block {
    pub(crate) fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_owned(),
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            items: Vec::new(),
        }
    }

    pub(crate) fn attr(&mut self, key: &str, value: Expr) -> &mut Block {
        self.items.push(Item::Attr(key.to_owned(), value));
        self
    }

    pub(crate) fn block(&mut self, block: Block) -> &mut Block {
        self.items.push(Item::Block(block));
        self
    }

    pub(crate) fn blank(&mut self) -> &mut Block {
        self.items.push(Item::Blank);
        self
    }
}

/// A string literal: `"…"` with `\`, `"`, control characters and template openers (`${`, `%{`) escaped.
pub(crate) fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    if !text
        .bytes()
        .any(|b| matches!(b, b'\\' | b'"' | b'\n' | b'\r' | b'\t' | b'$' | b'%'))
    {
        s.push_str(text);
        s.push('"');
        return s;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            '"' => s.push_str("\\\""),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                s.push(c);
                s.push(c);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn single_line(e: &Expr) -> bool {
    !matches!(e, Expr::Object(fields) if !fields.is_empty())
}

fn expr(out: &mut String, e: &Expr, depth: usize) {
    match e {
        Expr::Str(s) => out.push_str(&quoted(s)),
        Expr::Num(n) => {
            let _ = write!(out, "{n}");
        }
        Expr::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Expr::Raw(r) => out.push_str(r),
        Expr::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(out, item, depth);
            }
            out.push(']');
        }
        Expr::Object(fields) if fields.is_empty() => out.push_str("{}"),
        Expr::Object(fields) => {
            out.push_str("{\n");
            let items: Vec<Item> = fields.iter().map(|(k, v)| Item::Attr(k.clone(), v.clone())).collect();
            body(out, &items, depth + 1);
            pad(out, depth);
            out.push('}');
        }
    }
}

fn pad(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn body(out: &mut String, items: &[Item], depth: usize) {
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Attr(..) => {
                // The run of single-line attributes starting here shares one `=` column.
                let run_end = items[i..]
                    .iter()
                    .position(|it| !matches!(it, Item::Attr(_, v) if single_line(v)))
                    .map_or(items.len(), |p| i + p);
                let run = if run_end == i { i + 1 } else { run_end };
                let width = items[i..run]
                    .iter()
                    .map(|it| match it {
                        Item::Attr(k, _) => k.len(),
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                for it in &items[i..run] {
                    if let Item::Attr(k, v) = it {
                        pad(out, depth);
                        // `{k:<width$}` without the formatter: the name, then spaces to `width` characters.
                        out.push_str(k);
                        out.extend(std::iter::repeat_n(' ', width.saturating_sub(k.chars().count())));
                        out.push_str(" = ");
                        expr(out, v, depth);
                        out.push('\n');
                    }
                }
                i = run;
            }
            Item::Block(b) => {
                block(out, b, depth);
                i += 1;
            }
            Item::Blank => {
                out.push('\n');
                i += 1;
            }
            Item::Comment(c) => {
                pad(out, depth);
                let _ = writeln!(out, "# {c}");
                i += 1;
            }
        }
    }
}

fn block(out: &mut String, b: &Block, depth: usize) {
    pad(out, depth);
    out.push_str(&b.kind);
    for l in &b.labels {
        out.push(' ');
        out.push_str(&quoted(l));
    }
    if b.items.is_empty() {
        out.push_str(" {}\n");
        return;
    }
    out.push_str(" {\n");
    body(out, &b.items, depth + 1);
    pad(out, depth);
    out.push_str("}\n");
}

/// Writes top-level items (blocks separated by one blank line, comments as they come).
pub(crate) fn write(items: &[Item]) -> String {
    let mut out = String::new();
    let mut previous_block = false;
    for it in items {
        match it {
            Item::Block(b) => {
                if previous_block {
                    out.push('\n');
                }
                block(&mut out, b, 0);
                previous_block = true;
            }
            Item::Comment(c) => {
                if previous_block {
                    out.push('\n');
                }
                let _ = writeln!(out, "# {c}");
                previous_block = false;
            }
            Item::Blank => {
                out.push('\n');
                previous_block = false;
            }
            Item::Attr(..) => body(&mut out, std::slice::from_ref(it), 0),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_align_until_a_blank_line_or_block() {
        let mut b = Block::new("resource", &["azurerm_subnet", "hub"]);
        b.attr("name", Expr::Str("GatewaySubnet".into()))
            .attr("resource_group_name", Expr::Raw("var.resource_group_name".into()))
            .blank()
            .attr("a", Expr::Num(1));
        let mut inner = Block::new("features", &[]);
        inner.items.clear();
        b.block(inner);
        let text = write(&[Item::Block(b)]);
        assert_eq!(
            text,
            "resource \"azurerm_subnet\" \"hub\" {\n  name                = \"GatewaySubnet\"\n  resource_group_name = var.resource_group_name\n\n  a = 1\n  features {}\n}\n"
        );
    }

    #[test]
    fn strings_escape_quotes_and_templates() {
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        assert_eq!(quoted("${x} %{y} $5"), "\"$${x} %%{y} $5\"");
    }
}
