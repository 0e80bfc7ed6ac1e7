//! The shape of a property table's row ([`Property`]): its key, doc, the part of the node it needs,
//! the values it takes, its reader and writer; and the small helpers the rows' readers and writers
//! end with.

use super::value::Prop;
use crate::error::EditError;
use crate::sku::Era;

/// The part of its node a property belongs to. The inspector shows the row only while the part
/// exists; setting the key without it is refused, saying how to add the part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// The node (or link, or subnet) itself: always there.
    Nothing,
    /// The VNet's VPN gateway (`gateway VNET vpn SKU` or `vpn-sku=SKU` adds it).
    VpnGateway,
    /// The VNet's ExpressRoute gateway (`gateway VNET er SKU` or `er-sku=SKU` adds it).
    ErGateway,
    /// The site's ExpressRoute circuit (`circuit=MBPS` adds it).
    Circuit,
}

/// The values a property takes, for choosers and completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// Free text: a name, a number, an address.
    Free,
    /// CIDR prefixes, comma-separated, or `auto/N` (the lowest free /N).
    Prefixes,
    /// One of these words (`false`/`true`, the protocols, the generations).
    OneOf(&'static [&'static str]),
    /// `none` (which removes the part) or one of these words (the SKUs).
    NoneOr(&'static [&'static str]),
    /// `none` or one end of the link (the peering's per-side flags).
    LinkEnd,
}

/// `false`, `true`: the choices of every flag.
pub const BOOL: Choices = Choices::OneOf(&["false", "true"]);

impl Choices {
    /// The values to offer; `ends` are the link's ends, for [`Choices::LinkEnd`] (none offered without them).
    pub fn values(self, ends: Option<(&str, &str)>) -> Vec<String> {
        let words: Vec<&str> = match self {
            Choices::Free | Choices::Prefixes => Vec::new(),
            Choices::OneOf(words) => words.to_vec(),
            Choices::NoneOr(words) => std::iter::once("none").chain(words.iter().copied()).collect(),
            Choices::LinkEnd => match ends {
                Some((a, b)) => vec!["none", a, b],
                None => vec!["none"],
            },
        };
        words.into_iter().map(str::to_owned).collect()
    }
}

/// Reads a property of a `T` as text (`none` when unset).
pub type Read<T> = fn(&T) -> String;
/// Parses a property's value and sets it on a `T` in a design of the given era, or says why not.
pub type Write<T> = fn(&mut T, &Prop, Era) -> Result<(), EditError>;

/// One row of a property table: a key of a `T` (a [`Vnet`](crate::design::Vnet), a
/// [`Site`](crate::design::Site), a [`Users`](crate::design::Users) group, a
/// [`Subnet`](crate::design::Subnet) or a [`Link`](crate::design::Link)).
pub struct Property<T: 'static> {
    /// The key, as `set` takes it.
    pub key: &'static str,
    /// What it is, one line.
    pub doc: &'static str,
    /// The part of the node it belongs to.
    pub needs: Needs,
    /// The values it takes.
    pub choices: Choices,
    /// Its current value as text.
    pub read: Read<T>,
    /// Parse and set.
    pub write: Write<T>,
    /// Whether the inspector shows the row (an older spelling of what other rows show is not shown).
    pub shown: bool,
}

impl<T> Property<T> {
    /// A free-text row of the node itself; [`Property::choices`] and [`Property::needs`] refine it.
    pub(crate) const fn new(key: &'static str, doc: &'static str, read: Read<T>, write: Write<T>) -> Property<T> {
        Property {
            key,
            doc,
            needs: Needs::Nothing,
            choices: Choices::Free,
            read,
            write,
            shown: true,
        }
    }

    /// The row, accepted by `set` and listed in help, but not shown by the inspector (other rows
    /// show what it sets).
    pub(crate) const fn hidden(mut self) -> Property<T> {
        self.shown = false;
        self
    }

    /// The row with `choices`.
    pub(crate) const fn choices(mut self, choices: Choices) -> Property<T> {
        self.choices = choices;
        self
    }

    /// The row, belonging to part `needs`.
    pub(crate) const fn needs(mut self, needs: Needs) -> Property<T> {
        self.needs = needs;
        self
    }

    /// What the row says about its key, whatever the entity.
    pub fn key_doc(&self) -> KeyDoc {
        KeyDoc {
            key: self.key,
            doc: self.doc,
            needs: self.needs,
            choices: self.choices,
        }
    }
}

/// A row of a table without its reader and writer: for help, completion and messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyDoc {
    /// The key.
    pub key: &'static str,
    /// What it is, one line.
    pub doc: &'static str,
    /// The part of the node it belongs to.
    pub needs: Needs,
    /// The values it takes.
    pub choices: Choices,
}

/// Sets `field` to a value parsed already: the end of most writers.
#[allow(clippy::unnecessary_wraps)] // the shape of a writer's result, so a row's writer can end with it
pub(super) fn set<T>(field: &mut T, value: T) -> Result<(), EditError> {
    *field = value;
    Ok(())
}

/// An optional value as text, `none` when unset.
pub(super) fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "none".to_owned(), |v| v.to_string())
}
