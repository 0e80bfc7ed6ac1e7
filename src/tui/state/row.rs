//! One row of the inspector: a property of the selection as the model lists it
//! ([`PropertyView`]), or a subnet of the selected VNet (edited as `NAME PREFIX [hosts=N]`, the
//! words of the `subnet` command after the VNet).

use vnetsketch_model::design::Subnet;
use vnetsketch_model::edit::PropertyView;

/// The key of the field that adds a subnet (the rows of subnets are `subnet NAME`).
pub const NEW_SUBNET: &str = "subnet +";

/// One row of the inspector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What editing it sets: a property key as `set` takes it, or `subnet NAME`.
    pub key: String,
    /// What the row is called on screen.
    pub label: String,
    /// What it is, one line.
    pub doc: &'static str,
    /// The current value as text (`none` when unset).
    pub value: String,
    /// The values a chooser offers (empty for free text).
    pub choices: Vec<String>,
    /// The subnet the row is, for a subnet's row.
    pub subnet: Option<String>,
}

impl From<PropertyView> for Row {
    fn from(view: PropertyView) -> Row {
        Row {
            key: view.key.to_owned(),
            label: view.label,
            doc: view.doc,
            value: view.value,
            choices: view.choices,
            subnet: None,
        }
    }
}

impl Row {
    /// The row of a subnet.
    pub fn subnet(s: &Subnet) -> Row {
        Row {
            key: format!("subnet {}", s.name),
            label: format!("subnet {}", s.name),
            doc: "a subnet: NAME PREFIX [hosts=N] (auto/N takes the lowest free prefix)",
            value: Row::subnet_value(s),
            choices: Vec::new(),
            subnet: Some(s.name.clone()),
        }
    }

    /// A subnet as its field starts: the words of the `subnet` command after the VNet.
    pub fn subnet_text(s: &Subnet) -> String {
        format!("{} {}", s.name, Row::subnet_value(s))
    }

    fn subnet_value(s: &Subnet) -> String {
        if s.hosts > 0 {
            format!("{} hosts={}", s.prefix, s.hosts)
        } else {
            s.prefix.to_string()
        }
    }
}
