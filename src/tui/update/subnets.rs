//! A VNet's subnets in the inspector: one row each, edited in place as the words of the `subnet`
//! command after the VNet (`NAME PREFIX [hosts=N]`; `auto/N` takes the lowest free prefix of the
//! VNet's space), added with `a`, deleted with `d` after asking (Enter never deletes). The model
//! parses and applies them (`subnet VNET …`, `delete VNET/SUBNET`); a rename is one undo step.

use vnetsketch_model::{Edit, parse_line};

use crate::tui::state::row::NEW_SUBNET;
use crate::tui::state::{App, Confirm, Mode, Row, Selection, TextInput};

/// Enter on a subnet's row: its words in a field.
pub fn edit(app: &mut App, name: &str) {
    let Some(vnet) = selected_vnet(app) else { return };
    let Some(subnet) = app
        .doc
        .design
        .vnet(&vnet)
        .and_then(|v| v.subnets.iter().find(|s| s.name == name))
    else {
        return;
    };
    app.mode = Mode::Field {
        key: format!("subnet {name}"),
        input: TextInput::new(Row::subnet_text(subnet)),
        error: None,
    };
    app.info(format!(
        "subnet of {vnet}: NAME PREFIX [hosts=N] (auto/N: the lowest free /N) · Enter applies"
    ));
}

/// `a` in the inspector of a VNet: a field for a new subnet.
pub fn add(app: &mut App) {
    let Some(vnet) = selected_vnet(app) else {
        app.error("select a VNet to add a subnet to it");
        return;
    };
    // The row the field shows on: after the last one.
    app.panes.inspector_row = app.inspector_rows().len();
    app.mode = Mode::Field {
        key: NEW_SUBNET.to_owned(),
        input: TextInput::default(),
        error: None,
    };
    app.info(format!(
        "new subnet of {vnet}: NAME PREFIX [hosts=N], e.g. app auto/24 · Enter adds · Esc cancels"
    ));
}

/// `d` on a subnet's row: asks first.
pub fn ask_delete(app: &mut App, name: &str) {
    if let Some(vnet) = selected_vnet(app) {
        app.mode = Mode::Confirm(Confirm::DeleteSubnet {
            vnet,
            name: name.to_owned(),
        });
    }
}

/// Enter in a subnet's field (`key` is `subnet NAME`, or [`NEW_SUBNET`]): the model parses the
/// words as `subnet VNET …` and applies them; a new name replaces the old subnet in the same undo
/// step. Returns the model's refusal as text.
pub fn submit(app: &mut App, key: &str, text: &str) -> Result<(), String> {
    let vnet = selected_vnet(app).ok_or("select a VNet first")?;
    let old = key.strip_prefix("subnet ").filter(|_| key != NEW_SUBNET);
    let edit = parse_line(&format!("subnet {vnet} {text}"))
        .map_err(|e| format!("`{}`: {}", e.word, e.message))?
        .ok_or("type NAME PREFIX [hosts=N]")?;
    let Edit::Subnet { name, .. } = &edit else {
        return Err("type NAME PREFIX [hosts=N]".to_owned());
    };
    let renamed = old.filter(|o| *o != name);
    if renamed.is_some()
        && app
            .doc
            .design
            .vnet(&vnet)
            .is_some_and(|v| v.subnets.iter().any(|s| s.name == *name))
    {
        return Err(format!("{vnet} has a subnet {name} already"));
    }
    let change = app.apply(&edit, false).map_err(|e| e.to_string())?;
    let mut summary = change.summary;
    if let Some(old) = renamed {
        let remove = Edit::RemoveSubnet {
            vnet: vnet.clone(),
            name: old.to_owned(),
        };
        app.apply(&remove, true).map_err(|e| e.to_string())?;
        summary = format!("subnet {vnet}/{old} is now {name}");
    }
    // The row of the subnet, wherever it is now.
    let key = format!("subnet {name}");
    if let Some(i) = app.inspector_rows().iter().position(|r| r.key == key) {
        app.panes.inspector_row = i;
    }
    app.info(summary);
    Ok(())
}

fn selected_vnet(app: &App) -> Option<String> {
    match &app.panes.selection {
        Selection::Node(n) if app.doc.design.vnet(n).is_some() => Some(n.clone()),
        _ => None,
    }
}
