//! The import's JSON tree. `serde_json` parses it (its syntax errors with line and column, its depth
//! limit), but every key and every string without escapes is borrowed from the input instead of
//! copied, and an object's members are one list (objects in Azure's JSON are small): a 42 MB
//! template makes a million values, and allocating each key and string was most of the import's time.
//!
//! It reads as `serde_json::Value` (without `preserve_order`) does: the last of duplicate keys wins,
//! [`Json::members`] lists an object's members in key order, and [`Json`]'s `Display` is
//! `Value`'s compact JSON.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A JSON value borrowing its text from the input where it can.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in input order, duplicates kept (lookups take the last).
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// The empty array, for lookups that find none.
const NO_ITEMS: &[Json<'static>] = &[];

impl<'a> Json<'a> {
    /// The member `key` of an object (the last one when the key repeats).
    pub(crate) fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The member `key` of an object, to change it.
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Json<'a>> {
        match self {
            Json::Object(members) => members.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Item `i` of an array.
    pub(crate) fn at(&self, i: usize) -> Option<&Json<'a>> {
        self.as_array().and_then(|items| items.get(i))
    }

    /// An object's members in key order, one per key (the last of duplicates), as `Value` iterates.
    pub(crate) fn members(&self) -> Vec<(&str, &Json<'a>)> {
        let Json::Object(members) = self else {
            return Vec::new();
        };
        let mut list: Vec<(&str, &Json<'a>)> = members.iter().map(|(k, v)| (k.as_ref(), v)).collect();
        // Stable: equal keys keep input order, so the last of each run is the one that counts.
        list.sort_by(|a, b| a.0.cmp(b.0));
        let mut out: Vec<(&str, &Json<'a>)> = Vec::with_capacity(list.len());
        for (k, v) in list {
            match out.last_mut() {
                Some(prev) if prev.0 == k => prev.1 = v,
                _ => out.push((k, v)),
            }
        }
        out
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The items of an array, none for anything else.
    pub(crate) fn items(&self) -> &[Json<'a>] {
        self.as_array().unwrap_or(NO_ITEMS)
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub(crate) fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    /// The same value as a `serde_json::Value`.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.clone().into_owned()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone().into_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Self {
        Json::String(Cow::Borrowed(s))
    }
}

impl From<i64> for Json<'_> {
    fn from(n: i64) -> Self {
        Json::Number(n.into())
    }
}

impl fmt::Display for Json<'_> {
    /// Compact JSON, as `Value` writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.to_value(), f)
    }
}

/// Parses `bytes` as one JSON document, as `serde_json::from_slice` does (the same errors).
pub(crate) fn parse(bytes: &[u8]) -> Result<Json<'_>, serde_json::Error> {
    let mut scratch = Scratch::default();
    // Valid UTF-8 is checked once here rather than string by string; input that is not is read
    // byte-wise, so the error names the place as before.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let mut de = serde_json::Deserializer::from_str(text);
        let json = Seed(&mut scratch).deserialize(&mut de)?;
        de.end()?;
        Ok(json)
    } else {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let json = Seed(&mut scratch).deserialize(&mut de)?;
        de.end()?;
        Ok(json)
    }
}

/// Where the items and members of the arrays and objects being read wait until their container
/// ends, so each container is allocated once, at its size.
#[derive(Default)]
struct Scratch<'de> {
    items: Vec<Json<'de>>,
    members: Vec<(Cow<'de, str>, Json<'de>)>,
}

/// Reads one value, its containers' contents going through the scratch.
struct Seed<'x, 'de>(&'x mut Scratch<'de>);

impl<'de> DeserializeSeed<'de> for Seed<'_, 'de> {
    type Value = Json<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, 'de> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json<'de>, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let start = self.0.items.len();
        while let Some(item) = seq.next_element_seed(Seed(&mut *self.0))? {
            self.0.items.push(item);
        }
        Ok(Json::Array(self.0.items.drain(start..).collect()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let start = self.0.members.len();
        while let Some(Key(k)) = map.next_key()? {
            let v = map.next_value_seed(Seed(&mut *self.0))?;
            self.0.members.push((k, v));
        }
        Ok(Json::Object(self.0.members.drain(start..).collect()))
    }
}

/// An object key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json<'_> {
        super::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_as_serde_json_value_does() {
        let text = r#"{"b":[1,-2,2.5,true,null,"x\"y"],"a":{"k":"first","k":"last"},"c\u0041":"\u00e9"}"#;
        let json = parse(text);
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(json.to_value(), value);
        assert_eq!(json.to_string(), value.to_string());
        assert_eq!(
            json.get("a").and_then(|a| a.get("k")).and_then(Json::as_str),
            Some("last")
        );
        assert_eq!(json.get("cA").and_then(Json::as_str), Some("é"));
        let keys: Vec<&str> = json.members().iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["a", "b", "cA"]);
        assert_eq!(json.get("a").unwrap().members().len(), 1);
        assert_eq!(
            json.get("b").and_then(|b| b.at(1)).map(ToString::to_string).as_deref(),
            Some("-2")
        );
        assert!(json.get("b").and_then(|b| b.at(4)).is_some_and(Json::is_null));
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let json = parse(r#"{"name":"hub","escaped":"a\nb"}"#);
        let Json::Object(members) = &json else {
            panic!("an object")
        };
        assert!(matches!(members[0].0, Cow::Borrowed("name")));
        assert!(matches!(json.get("name"), Some(Json::String(Cow::Borrowed("hub")))));
        assert!(matches!(json.get("escaped"), Some(Json::String(Cow::Owned(_)))));
    }
}
