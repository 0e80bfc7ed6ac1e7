//! A `key=value` option ([`Prop`]) and reading its value, and the checks on names and prefixes that
//! edits, the command language and the loader share. Every refusal names the key and the value.

use std::str::FromStr;

use ipnet::IpNet;

use crate::error::EditError;

/// One `key` or `key=value` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prop {
    /// The key.
    pub key: String,
    /// The value; `None` for a bare flag (which means `true`).
    pub value: Option<String>,
}

impl Prop {
    /// `key=value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Prop {
        Prop {
            key: key.into(),
            value: Some(value.into()),
        }
    }

    /// A bare flag.
    pub fn flag(key: impl Into<String>) -> Prop {
        Prop {
            key: key.into(),
            value: None,
        }
    }

    /// The value, or `true` for a bare flag.
    pub(crate) fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("true")
    }
}

/// `key=value` as a command line writes it, the value quoted when it needs it
/// ([`crate::command::quote_value`]); a bare flag is its key.
impl std::fmt::Display for Prop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{}={}", self.key, crate::text::quote_value(v)),
            None => f.write_str(&self.key),
        }
    }
}

/// Longest name accepted.
pub const MAX_NAME_LEN: usize = 80;

/// Longest free-text value accepted (a peering location), in characters.
pub const MAX_TEXT_LEN: usize = 200;

/// Checks a node name against the command language's `[A-Za-z0-9_.-]+` and the length limit.
pub fn check_name(name: &str) -> Result<(), EditError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(EditError::InvalidName {
            name: name.chars().take(100).collect(),
        })
    }
}

/// Refuses an empty address space, and any prefix with host bits set.
pub(crate) fn check_prefixes(prefixes: &[IpNet]) -> Result<(), EditError> {
    if prefixes.is_empty() {
        return Err(bad_value("prefixes", "", "at least one prefix is needed"));
    }
    prefixes.iter().try_for_each(check_prefix)
}

/// Refuses a prefix with host bits set (`10.0.0.1/16`), naming the network it probably meant.
pub fn check_prefix(prefix: &IpNet) -> Result<(), EditError> {
    if prefix.trunc() == *prefix {
        Ok(())
    } else {
        Err(EditError::HostBits {
            prefix: prefix.to_string(),
            network: prefix.trunc().to_string(),
        })
    }
}

/// Parses `10.0.0.0/16,10.1.0.0/16` into prefixes, refusing host bits.
pub fn parse_prefixes(text: &str) -> Result<Vec<IpNet>, String> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let net: IpNet = part
            .parse()
            .map_err(|_| format!("`{part}` is not a CIDR prefix (expected e.g. 10.0.0.0/16 or fd00::/48)"))?;
        if net.trunc() != net {
            return Err(format!("`{part}` has host bits set; did you mean {}?", net.trunc()));
        }
        out.push(net);
    }
    Ok(out)
}

/// `key=value` refused, and why.
pub(crate) fn bad_value(key: &str, value: &str, reason: impl Into<String>) -> EditError {
    EditError::BadValue {
        key: key.to_owned(),
        value: value.to_owned(),
        reason: reason.into(),
    }
}

/// A key that a `what` does not have, with the keys it has and the nearest of them.
pub(crate) fn unknown_key<'k>(p: &Prop, what: &str, allowed: impl IntoIterator<Item = &'k str>) -> EditError {
    let allowed: Vec<&str> = allowed.into_iter().collect();
    EditError::UnknownKey {
        key: p.key.clone(),
        what: what.to_owned(),
        suggestion: crate::suggest::did_you_mean(&p.key, allowed.iter().copied()).map(str::to_owned),
        allowed: allowed.join(", "),
    }
}

/// The value's text (`""` for a bare flag, where that means "no value").
pub(crate) fn raw(p: &Prop) -> &str {
    p.value.as_deref().unwrap_or("")
}

/// `true`/`yes`/`on`/`1` or `false`/`no`/`off`/`0`, any case; a bare flag is `true`.
pub(crate) fn parse_bool(p: &Prop) -> Result<bool, EditError> {
    match p.text().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        other => Err(bad_value(&p.key, other, "expected true or false")),
    }
}

/// A whole number.
pub(crate) fn parse_num<T: FromStr>(p: &Prop) -> Result<T, EditError> {
    let text = p
        .value
        .as_deref()
        .ok_or_else(|| bad_value(&p.key, "", "expected a number, as key=N"))?;
    text.parse()
        .map_err(|_| bad_value(&p.key, text, "expected a whole number"))
}

/// A whole number, or `none`.
pub(crate) fn parse_opt_num<T: FromStr>(p: &Prop) -> Result<Option<T>, EditError> {
    if is_none(p) { Ok(None) } else { parse_num(p).map(Some) }
}

/// A value of type `T` (an address, say), described as `what` in the refusal.
pub(crate) fn parse_value<T: FromStr>(p: &Prop, what: &str) -> Result<T, EditError> {
    let text = p
        .value
        .as_deref()
        .ok_or_else(|| bad_value(&p.key, "", format!("expected {what}, as key=VALUE")))?;
    text.parse()
        .map_err(|_| bad_value(&p.key, text, format!("expected {what}")))
}

/// [`parse_value`], or `None` for `none`.
pub(crate) fn parse_opt_value<T: FromStr>(p: &Prop, what: &str) -> Result<Option<T>, EditError> {
    if is_none(p) {
        Ok(None)
    } else {
        parse_value(p, what).map(Some)
    }
}

/// A word whose type spells its own refusal (a SKU, a protocol), kept as the type says it.
pub(crate) fn parse_word<T: FromStr<Err = String>>(p: &Prop) -> Result<T, EditError> {
    let text = raw(p);
    text.parse().map_err(|reason: String| bad_value(&p.key, text, reason))
}

/// Prefixes, as [`parse_prefixes`] reads them.
pub(crate) fn parse_prefix_list(p: &Prop) -> Result<Vec<IpNet>, EditError> {
    let text = raw(p);
    parse_prefixes(text).map_err(|r| bad_value(&p.key, text, r))
}

/// `key=none` or `key=` (empty): clears an optional value.
pub(crate) fn is_none(p: &Prop) -> bool {
    matches!(p.value.as_deref(), Some(v) if v.eq_ignore_ascii_case("none") || v.is_empty())
}

/// The value of `key=VALUE`, or a refusal saying that form is expected.
fn given(p: &Prop) -> Result<String, EditError> {
    p.value
        .clone()
        .ok_or_else(|| bad_value(&p.key, "", "expected a value, as key=VALUE"))
}

/// A name-like word (a region), or `None` for `none`.
pub(crate) fn text_value(p: &Prop) -> Result<Option<String>, EditError> {
    if is_none(p) {
        return Ok(None);
    }
    let v = given(p)?;
    check_name(&v).map_err(|_| {
        let reason = if v.contains(char::is_whitespace) {
            "expected one word of letters, digits, `_`, `.` or `-` (Azure spells regions without spaces: westeurope)"
        } else {
            "expected letters, digits, `_`, `.` or `-`"
        };
        bad_value(&p.key, &v, reason)
    })?;
    Ok(Some(v))
}

/// Free text (a peering location: `New York`), or `None` for `none` or nothing. Any characters but
/// control characters, at most [`MAX_TEXT_LEN`]; the command language quotes text with spaces
/// (`location="New York"`), an inspector passes the text as it is.
pub(crate) fn free_text(p: &Prop) -> Result<Option<String>, EditError> {
    if is_none(p) {
        return Ok(None);
    }
    let v = given(p)?;
    if v.chars().any(char::is_control) {
        return Err(bad_value(
            &p.key,
            &v.escape_debug().to_string(),
            "control characters are not allowed",
        ));
    }
    if v.chars().count() > MAX_TEXT_LEN {
        let head: String = v.chars().take(20).collect();
        return Err(bad_value(
            &p.key,
            &format!("{head}…"),
            format!("at most {MAX_TEXT_LEN} characters"),
        ));
    }
    Ok(Some(v))
}
