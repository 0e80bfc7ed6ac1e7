//! The keymap: one static table of `{scope, key, command, description}`. Dispatch ([`action_for`])
//! and the help ([`super::manual`]) both read [`KEYMAP`], so the help can never disagree with
//! what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use vnetsketch_model::LinkKind;

use super::{Action, Cmd, Dir};
use crate::tui::state::{App, Focus, Mode};

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Normal mode, whatever pane has the focus (after the pane's own bindings).
    Global,
    /// Normal mode, canvas focused.
    Canvas,
    /// Normal mode, inspector focused.
    Inspector,
    /// Normal mode, findings focused.
    Findings,
    /// Drawing a link.
    Link,
    /// Choosing from a list (a property's values, search results) while typing filters it.
    List,
    /// Typing in a field: the `:` line, an inspector value, a file name.
    Text,
    /// A question or a message.
    Dialog,
    /// The help screen.
    Help,
    /// The offer to recover unsaved changes.
    Recovery,
}

impl Scope {
    /// Every scope, in help order.
    pub const ALL: [Scope; 10] = [
        Scope::Global,
        Scope::Canvas,
        Scope::Inspector,
        Scope::Findings,
        Scope::Link,
        Scope::List,
        Scope::Text,
        Scope::Dialog,
        Scope::Help,
        Scope::Recovery,
    ];

    /// Its heading in the help.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere (normal mode)",
            Scope::Canvas => "Canvas",
            Scope::Inspector => "Inspector",
            Scope::Findings => "Findings",
            Scope::Link => "Drawing a link",
            Scope::List => "Choosing from a list (a value, search results; typing filters it)",
            Scope::Text => "Typing (the : line, a value, a file name)",
            Scope::Dialog => "Questions",
            Scope::Help => "Help",
            Scope::Recovery => "Recovering unsaved changes (after a crash)",
        }
    }
}

/// A key with its modifiers (Shift is part of the character for letters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control, Alt, Shift (Shift only for non-characters).
    pub mods: KeyModifiers,
}

/// One binding.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// The key.
    pub key: Key,
    /// What it does.
    pub cmd: Cmd,
    /// What it does, in words, for the help.
    pub desc: &'static str,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl_code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::CONTROL,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn b(scope: Scope, key: Key, cmd: Cmd, desc: &'static str) -> Binding {
    Binding { scope, key, cmd, desc }
}

use Cmd as C;
use KeyCode as K;
use Scope as S;

/// Every binding. Bindings of one scope with the same description are listed together in the help.
#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    // Canvas
    b(S::Canvas, code(K::Left), C::Cursor(Dir::Left), "move the cursor (a node under it is selected)"),
    b(S::Canvas, code(K::Down), C::Cursor(Dir::Down), "move the cursor (a node under it is selected)"),
    b(S::Canvas, code(K::Up), C::Cursor(Dir::Up), "move the cursor (a node under it is selected)"),
    b(S::Canvas, code(K::Right), C::Cursor(Dir::Right), "move the cursor (a node under it is selected)"),
    b(S::Canvas, ch('h'), C::Cursor(Dir::Left), "move the cursor (a node under it is selected)"),
    b(S::Canvas, ch('j'), C::Cursor(Dir::Down), "move the cursor (a node under it is selected)"),
    b(S::Canvas, ch('k'), C::Cursor(Dir::Up), "move the cursor (a node under it is selected)"),
    b(S::Canvas, ch('l'), C::Cursor(Dir::Right), "move the cursor (a node under it is selected)"),
    b(S::Canvas, ctrl_code(K::Left), C::CursorFar(Dir::Left), "move the cursor 8 cells (pans the view)"),
    b(S::Canvas, ctrl_code(K::Down), C::CursorFar(Dir::Down), "move the cursor 8 cells (pans the view)"),
    b(S::Canvas, ctrl_code(K::Up), C::CursorFar(Dir::Up), "move the cursor 8 cells (pans the view)"),
    b(S::Canvas, ctrl_code(K::Right), C::CursorFar(Dir::Right), "move the cursor 8 cells (pans the view)"),
    b(S::Canvas, shift(K::Left), C::MoveNode(Dir::Left), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, shift(K::Down), C::MoveNode(Dir::Down), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, shift(K::Up), C::MoveNode(Dir::Up), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, shift(K::Right), C::MoveNode(Dir::Right), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, ch('H'), C::MoveNode(Dir::Left), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, ch('J'), C::MoveNode(Dir::Down), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, ch('K'), C::MoveNode(Dir::Up), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, ch('L'), C::MoveNode(Dir::Right), "move the selected node and the marked ones; held, it speeds up (or drag with the mouse)"),
    b(S::Canvas, ch(' '), C::ToggleMark, "mark or unmark the selected node: moves move every marked node (Esc unmarks)"),
    b(S::Canvas, ch('m'), C::ToggleMark, "mark or unmark the selected node: moves move every marked node (Esc unmarks)"),
    b(S::Canvas, ch('P'), C::TogglePin, "pin or unpin the selected node: a layout keeps a pinned node where it is"),
    b(S::Canvas, ch('v'), C::AddVnet, "add a VNet at the cursor (types `vnet ` on the : line)"),
    b(S::Canvas, ch('s'), C::AddSite, "add an on-premises site at the cursor (`site `)"),
    b(S::Canvas, ch('p'), C::AddUsers, "add a Point-to-Site user group at the cursor (`users `)"),
    b(S::Canvas, ch('c'), C::StartLink, "connect: draw a link from the selected node"),
    b(S::Canvas, ch('d'), C::Delete, "delete the selected node or link (asks first)"),
    b(S::Canvas, code(K::Delete), C::Delete, "delete the selected node or link (asks first)"),
    b(S::Canvas, code(K::Enter), C::Inspect, "edit the selection in the inspector"),
    b(S::Canvas, ch('e'), C::Inspect, "edit the selection in the inspector"),
    b(S::Canvas, ch('z'), C::Center, "centre the view on the cursor"),
    b(S::Canvas, ch('+'), C::ZoomIn, "zoom in: overview → one-line boxes → full boxes"),
    b(S::Canvas, ch('='), C::ZoomIn, "zoom in: overview → one-line boxes → full boxes"),
    b(S::Canvas, ch('-'), C::ZoomOut, "zoom out: full boxes → one-line boxes → overview (initials, no links)"),
    b(S::Canvas, ch('0'), C::Fit, "fit: show the whole design (the closest zoom where it fits)"),
    b(S::Canvas, ch('f'), C::Fit, "fit: show the whole design (the closest zoom where it fits)"),
    b(S::Canvas, ch('A'), C::Layout, "auto-layout the marked nodes, or the whole design (one undo step; :layout too)"),
    // Inspector
    b(S::Inspector, code(K::Up), C::RowUp, "previous property"),
    b(S::Inspector, ch('k'), C::RowUp, "previous property"),
    b(S::Inspector, code(K::Down), C::RowDown, "next property"),
    b(S::Inspector, ch('j'), C::RowDown, "next property"),
    b(S::Inspector, code(K::Enter), C::Activate, "edit the value: text in place, a choice from its list (type to filter), a flag toggles"),
    b(S::Inspector, ch('e'), C::Activate, "edit the value: text in place, a choice from its list (type to filter), a flag toggles"),
    b(S::Inspector, code(K::Right), C::ChoiceNext, "next choice (SKU, protocol, true/false…)"),
    b(S::Inspector, ch(' '), C::ChoiceNext, "next choice (SKU, protocol, true/false…)"),
    b(S::Inspector, ch('l'), C::ChoiceNext, "next choice (SKU, protocol, true/false…)"),
    b(S::Inspector, code(K::Left), C::ChoicePrev, "previous choice"),
    b(S::Inspector, ch('h'), C::ChoicePrev, "previous choice"),
    b(S::Inspector, ch('a'), C::AddSubnet, "add a subnet to the VNet (NAME PREFIX, or NAME auto/24)"),
    b(S::Inspector, ch('d'), C::Delete, "delete the subnet of the row, else the node or link (asks first)"),
    b(S::Inspector, code(K::Delete), C::Delete, "delete the subnet of the row, else the node or link (asks first)"),
    // Findings
    b(S::Findings, code(K::Up), C::RowUp, "previous finding (selects and highlights what it names)"),
    b(S::Findings, ch('k'), C::RowUp, "previous finding (selects and highlights what it names)"),
    b(S::Findings, code(K::Down), C::RowDown, "next finding (selects and highlights what it names)"),
    b(S::Findings, ch('j'), C::RowDown, "next finding (selects and highlights what it names)"),
    b(S::Findings, code(K::PageUp), C::PageUp, "a page up"),
    b(S::Findings, code(K::PageDown), C::PageDown, "a page down"),
    b(S::Findings, code(K::Enter), C::Activate, "go to it: the property it is about, and its fix on the : line (Enter runs it)"),
    // Global
    b(S::Global, ch('n'), C::NextNode, "select the next node"),
    b(S::Global, ch('N'), C::PrevNode, "select the previous node"),
    b(S::Global, ch(']'), C::NextLink, "select the next link (from a node: its newest)"),
    b(S::Global, ch('['), C::PrevLink, "select the previous link (from a node: its oldest)"),
    b(S::Global, ch('D'), C::Duplicate, "duplicate the selected node: next free name and prefixes, a spoke's peering too"),
    b(S::Global, ch('r'), C::Reach, "reach: mark what the selected node reaches, dim the rest; select another node for its path"),
    b(S::Global, ch('F'), C::PathFix, "reach: put the shown path's fix on the : line (Enter runs it)"),
    b(S::Global, ch('?'), C::Help, "help: every key, the command language, the rules"),
    b(S::Global, code(K::F(1)), C::Help, "help: every key, the command language, the rules"),
    b(S::Global, ch(':'), C::CommandLine, "command line (the command language, :w, :q…)"),
    b(S::Global, ch('/'), C::Search, "search nodes: a name, an address (10.2. finds its VNet), a SKU, a region"),
    b(S::Global, code(K::Tab), C::FocusNext, "focus the next pane"),
    b(S::Global, shift(K::BackTab), C::FocusPrev, "focus the previous pane"),
    b(S::Global, ch('u'), C::Undo, "undo"),
    b(S::Global, ctrl('z'), C::Undo, "undo"),
    b(S::Global, ch('U'), C::Redo, "redo"),
    b(S::Global, ctrl('r'), C::Redo, "redo"),
    b(S::Global, ctrl('y'), C::Redo, "redo"),
    b(S::Global, ctrl('s'), C::Save, "save (asks for a name the first time)"),
    b(S::Global, ch('S'), C::SaveAs, "save as…"),
    b(S::Global, ch('E'), C::ExportJson, "export JSON…"),
    b(S::Global, ch('O'), C::Open, "open a design file…"),
    b(S::Global, code(K::Esc), C::Cancel, "back to the canvas; end reach mode; clear the selection and the highlight"),
    b(S::Global, ch('q'), C::Quit, "quit (asks when there are unsaved changes)"),
    b(S::Global, ctrl('c'), C::Quit, "quit (asks when there are unsaved changes)"),
    // Link
    b(S::Link, ch('1'), C::LinkKind(LinkKind::S2s), "kind: Site-to-Site (VNet to site)"),
    b(S::Link, ch('2'), C::LinkKind(LinkKind::P2s), "kind: Point-to-Site (VNet to user group)"),
    b(S::Link, ch('3'), C::LinkKind(LinkKind::V2v), "kind: VNet-to-VNet"),
    b(S::Link, ch('4'), C::LinkKind(LinkKind::Peering), "kind: peering (VNet to VNet)"),
    b(S::Link, ch('5'), C::LinkKind(LinkKind::Er), "kind: ExpressRoute (VNet to site circuit)"),
    b(S::Link, code(K::Tab), C::NextTarget, "next target"),
    b(S::Link, ch('n'), C::NextTarget, "next target"),
    b(S::Link, shift(K::BackTab), C::PrevTarget, "previous target"),
    b(S::Link, ch('N'), C::PrevTarget, "previous target"),
    b(S::Link, code(K::Left), C::Cursor(Dir::Left), "move the cursor: the node under it is the target (or click one)"),
    b(S::Link, code(K::Down), C::Cursor(Dir::Down), "move the cursor: the node under it is the target (or click one)"),
    b(S::Link, code(K::Up), C::Cursor(Dir::Up), "move the cursor: the node under it is the target (or click one)"),
    b(S::Link, code(K::Right), C::Cursor(Dir::Right), "move the cursor: the node under it is the target (or click one)"),
    b(S::Link, code(K::Enter), C::ConfirmLink, "draw the link"),
    b(S::Link, code(K::Esc), C::Cancel, "cancel"),
    // List
    b(S::List, code(K::Up), C::RowUp, "previous entry"),
    b(S::List, shift(K::BackTab), C::RowUp, "previous entry"),
    b(S::List, code(K::Down), C::RowDown, "next entry"),
    b(S::List, code(K::Tab), C::RowDown, "next entry"),
    b(S::List, code(K::PageUp), C::PageUp, "a page up"),
    b(S::List, code(K::PageDown), C::PageDown, "a page down"),
    b(S::List, code(K::Enter), C::Submit, "take it (a value: one undo step; a node: select it, centred)"),
    b(S::List, code(K::Esc), C::Cancel, "back, as it was"),
    // Text
    b(S::Text, code(K::Enter), C::Submit, "submit"),
    b(S::Text, code(K::Esc), C::Cancel, "cancel"),
    b(S::Text, code(K::Backspace), C::Backspace, "delete before the cursor"),
    b(S::Text, code(K::Delete), C::DeleteChar, "delete under the cursor"),
    b(S::Text, code(K::Left), C::TextLeft, "cursor left"),
    b(S::Text, code(K::Right), C::TextRight, "cursor right"),
    b(S::Text, code(K::Home), C::TextHome, "to the start"),
    b(S::Text, ctrl('a'), C::TextHome, "to the start"),
    b(S::Text, code(K::End), C::TextEnd, "to the end"),
    b(S::Text, ctrl('e'), C::TextEnd, "to the end"),
    b(S::Text, ctrl('u'), C::TextClear, "clear the field"),
    b(S::Text, code(K::Tab), C::Complete, "complete the word (again: the next candidate; the list shows above)"),
    b(S::Text, shift(K::BackTab), C::CompletePrev, "the previous candidate"),
    b(S::Text, code(K::Up), C::HistoryPrev, "command line: earlier line of the history"),
    b(S::Text, code(K::Down), C::HistoryNext, "command line: later line of the history"),
    // Dialog
    b(S::Dialog, ch('y'), C::Yes, "yes: delete, overwrite (never Enter)"),
    b(S::Dialog, ch('s'), C::SaveFirst, "unsaved changes: save first, then quit or open"),
    b(S::Dialog, ch('d'), C::Discard, "unsaved changes: discard them, then quit or open"),
    b(S::Dialog, ch('n'), C::No, "no, cancel / close the message (Enter never discards or deletes)"),
    b(S::Dialog, code(K::Esc), C::No, "no, cancel / close the message (Enter never discards or deletes)"),
    b(S::Dialog, code(K::Enter), C::No, "no, cancel / close the message (Enter never discards or deletes)"),
    // Help
    b(S::Help, code(K::Up), C::RowUp, "scroll"),
    b(S::Help, ch('k'), C::RowUp, "scroll"),
    b(S::Help, code(K::Down), C::RowDown, "scroll"),
    b(S::Help, ch('j'), C::RowDown, "scroll"),
    b(S::Help, code(K::PageUp), C::PageUp, "a page up"),
    b(S::Help, code(K::PageDown), C::PageDown, "a page down"),
    b(S::Help, ch(' '), C::PageDown, "a page down"),
    b(S::Help, code(K::Esc), C::Cancel, "close the help"),
    b(S::Help, ch('q'), C::Cancel, "close the help"),
    b(S::Help, ch('?'), C::Cancel, "close the help"),
    // Recovery
    b(S::Recovery, ch('r'), C::Recover, "recover: take the unsaved changes (:w writes the file)"),
    b(S::Recovery, ch('R'), C::Recover, "recover: take the unsaved changes (:w writes the file)"),
    b(S::Recovery, ch('d'), C::ShowDifferences, "show or hide what differs from the file"),
    b(S::Recovery, ch('D'), C::ShowDifferences, "show or hide what differs from the file"),
    b(S::Recovery, ch('x'), C::Discard, "discard: delete the recovery copy"),
    b(S::Recovery, ch('X'), C::Discard, "discard: delete the recovery copy"),
    b(S::Recovery, code(K::Esc), C::Cancel, "decide later: keep the copy, open the file as it is"),
];

/// The scopes whose bindings apply in the app's current mode, in the order they are tried.
pub fn scopes(app: &App) -> &'static [Scope] {
    match &app.mode {
        Mode::Normal => match app.panes.focus {
            Focus::Canvas => &[Scope::Canvas, Scope::Global],
            Focus::Inspector => &[Scope::Inspector, Scope::Global],
            Focus::Findings => &[Scope::Findings, Scope::Global],
        },
        Mode::Command { .. } | Mode::Field { .. } | Mode::Prompt { .. } => &[Scope::Text],
        Mode::Choose(_) | Mode::Search(_) => &[Scope::List, Scope::Text],
        Mode::Link { .. } => &[Scope::Link],
        Mode::Confirm(_) | Mode::Message { .. } => &[Scope::Dialog],
        Mode::Help { .. } => &[Scope::Help],
        Mode::Recover(_) => &[Scope::Recovery],
    }
}

/// The key of a terminal key event, with Shift folded into characters.
pub fn normalize(event: &KeyEvent) -> Key {
    let mut mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let code = match event.code {
        KeyCode::Char(c) => {
            mods.remove(KeyModifiers::SHIFT);
            // Terminals send Ctrl+letter as the lower-case letter.
            if mods.contains(KeyModifiers::CONTROL) {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        KeyCode::BackTab => {
            mods.insert(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        other => other,
    };
    Key { code, mods }
}

/// The command bound to `key` in `scopes` (the first scope that binds it wins).
pub fn lookup(scopes: &[Scope], key: Key) -> Option<Cmd> {
    scopes
        .iter()
        .find_map(|s| KEYMAP.iter().find(|b| b.scope == *s && b.key == key).map(|b| b.cmd))
}

/// The action a key press means in the app's current mode: a bound command, or a character typed
/// into the active field. Releases and unbound keys give `None`.
pub fn action_for(app: &App, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let scopes = scopes(app);
    let key = normalize(event);
    if let Some(cmd) = lookup(scopes, key) {
        return Some(Action::Cmd(cmd));
    }
    match key.code {
        KeyCode::Char(c)
            if scopes.contains(&Scope::Text) && !key.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// A key as the help writes it: `q`, `Ctrl-s`, `Shift-Left`, `Enter`.
pub fn label(key: Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab => "Tab".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    if key.mods.contains(KeyModifiers::SHIFT) {
        out.push_str("Shift-");
    }
    out.push_str(&name);
    out
}

/// The bindings of `scope` grouped by description, in table order: `(keys, description)`.
pub fn grouped(scope: Scope) -> Vec<(Vec<String>, &'static str)> {
    let mut out: Vec<(Vec<String>, &'static str)> = Vec::new();
    for binding in KEYMAP.iter().filter(|b| b.scope == scope) {
        match out.iter_mut().find(|(_, d)| *d == binding.desc) {
            Some((keys, _)) => keys.push(label(binding.key)),
            None => out.push((vec![label(binding.key)], binding.desc)),
        }
    }
    out
}

/// The first key bound to `cmd` in `scope`, for hints in the status bar.
pub fn key_for(scope: Scope, cmd: Cmd) -> Option<String> {
    KEYMAP
        .iter()
        .find(|b| b.scope == scope && b.cmd == cmd)
        .map(|b| label(b.key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.key == b.key),
                    "{:?} {} bound twice",
                    a.scope,
                    label(a.key)
                );
            }
        }
    }

    #[test]
    fn shift_is_folded_into_characters_and_ctrl_letters_are_lower_case() {
        let e = KeyEvent::new(KeyCode::Char('H'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Scope::Canvas], normalize(&e)), Some(Cmd::MoveNode(Dir::Left)));
        let e = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(lookup(&[Scope::Global], normalize(&e)), Some(Cmd::Save));
        let e = KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE);
        assert_eq!(lookup(&[Scope::Global], normalize(&e)), Some(Cmd::FocusPrev));
        assert_eq!(label(ctrl('s')), "Ctrl-s");
        assert_eq!(label(shift(KeyCode::Left)), "Shift-←");
    }
}
