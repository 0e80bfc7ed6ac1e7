//! Helpers for the TUI's tests: build an app from a script, press keys, render to text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vnetsketch_model::{Design, run_script};

use super::action::keymap;
use super::action::{Action, Effect};
use super::state::App;
use super::{ui, update};

/// The hub-and-spoke used across tests.
pub const HUB_SPOKE: &str = "\
vnet hub 10.0.0.0/16 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw1AZ
vnet spoke1 10.1.0.0/16
vnet spoke2 10.2.0.0/16
site office 192.168.0.0/24 ip=203.0.113.10 uplink=500
users road 172.16.0.0/24 clients=50 protocol=openvpn
link peering hub spoke1 allow-gateway-transit=hub use-remote-gateways=spoke1
link peering hub spoke2
link s2s hub office
link p2s hub road
";

/// An app on the design built by `script`, sized `w` x `h`, with saves under `saves/`.
pub fn app(script: &str, w: u16, h: u16) -> App {
    let mut d = Design::default();
    run_script(&mut d, script).expect("test script");
    let mut app = App::new(d, None);
    app.saves_dir = "saves".into();
    // Autosave off: a test that wants it gives a temp folder (never the user's state folder).
    app.autosave.dir = None;
    update::update(&mut app, Action::Resize(w, h));
    app
}

/// The app on a generated design of `vnets` VNets, laid out by the model, opened at `w` x `h`.
pub fn generated(vnets: usize, w: u16, h: u16) -> App {
    let mut design = vnetsketch_model::generate::generate(vnets, 1);
    design
        .apply(&vnetsketch_model::Edit::Layout { names: Vec::new() })
        .expect("layout");
    let mut a = App::new(design, None);
    a.autosave.dir = None;
    super::update::view::opened(&mut a);
    update::update(&mut a, Action::Resize(w, h));
    a
}

/// Presses one key (as the terminal would send it) and returns the effects.
pub fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    match keymap::action_for(app, &KeyEvent::new(code, mods)) {
        Some(action) => update::update(app, action),
        None => Vec::new(),
    }
}

/// Presses the keys of `keys`, one character each (no modifiers but Shift in the character).
pub fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        effects.extend(key(app, code, KeyModifiers::NONE));
    }
    effects
}

/// Types `:line` and Enter.
pub fn command(app: &mut App, line: &str) -> Vec<Effect> {
    press(app, &format!(":{line}\n"))
}

/// The text on the `:` line (`None`: not typing a command).
pub fn line(a: &App) -> Option<String> {
    match &a.mode {
        super::state::Mode::Command { input, .. } => Some(input.text().to_owned()),
        _ => None,
    }
}

/// `true` when the status line says something containing `text`.
pub fn status_says(app: &App, text: &str) -> bool {
    app.messages.status.as_ref().is_some_and(|s| s.1.contains(text))
}

/// The index of the first finding of `rule`.
pub fn finding_index(a: &App, rule: &str) -> usize {
    a.doc
        .report
        .findings
        .iter()
        .position(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding"))
}

/// Rules whose findings snapshots show. The model gains rules over time; keeping snapshots to these
/// keeps them about the screen, not about the rule set (the model's tests cover the rules).
const STABLE_RULES: &[&str] = &["link-needs-gateway", "link-dangling"];

/// Keeps only the findings of [`STABLE_RULES`], the highlighted one still highlighted.
pub fn stabilize(app: &mut App) {
    let chosen = app.highlighted().cloned();
    app.doc.report.findings.retain(|f| STABLE_RULES.contains(&f.rule));
    app.panes.finding = chosen.and_then(|c| app.doc.report.findings.iter().position(|f| *f == c));
}

/// Renders the app on a test terminal of its size.
pub fn terminal(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    t.draw(|f| ui::render(app, f)).expect("draw");
    t
}

/// The rendered screen as text.
pub fn screen(app: &App) -> String {
    terminal(app).backend().to_string()
}

/// A screen to test: its name and how to get there at a size.
pub type Screen = (&'static str, fn(u16, u16) -> App);

fn selected_vnet(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "n"); // hub
    a
}

fn selected_link(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "]]]]"); // the P2S link
    a
}

fn findings_focus(w: u16, h: u16) -> App {
    let mut a = app(
        "vnet hub 10.0.0.0/16\nsite office 192.168.0.0/24\nlink s2s hub office\nvnet b 10.0.0.0/16",
        w,
        h,
    );
    press(&mut a, "\t\t");
    let i = finding_index(&a, "link-needs-gateway");
    if let Some(select) = super::update::findings::select(&mut a, i) {
        update::update(&mut a, select);
    }
    a
}

fn inspector_edit_error(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "n\tj\n");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "10.0.0.0/33\n");
    a
}

fn command_error(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, ":vnet spoke3 10.3.0.0/33\n");
    a
}

fn link_mode(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "nc3\t"); // VNet-to-VNet: the other VNets are the targets

    a
}

fn help(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "?");
    a
}

fn confirm_quit(w: u16, h: u16) -> App {
    let mut a = app("", w, h);
    press(&mut a, ":vnet hub 10.0.0.0/16\nq");
    a
}

fn confirm_delete(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "nd");
    a
}

fn prompt_save_as(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "S");
    a
}

fn unreadable(w: u16, h: u16) -> App {
    let mut a = App::unreadable(
        "saves/broken.ron".into(),
        "saves/broken.ron:3:14: expected a CIDR prefix, found `10.0.0.0/40`",
    );
    a.saves_dir = "saves".into();
    update::update(&mut a, Action::Resize(w, h));
    a
}

fn empty(w: u16, h: u16) -> App {
    app("", w, h)
}

fn command_typing(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "v");
    press(&mut a, "spoke3 10.3.0.0/16");
    a
}

fn recovery(w: u16, h: u16, show_diff: bool) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    a.doc.file.path = Some("saves/hub-spoke.ron".into());
    let mut copy = a.doc.design.clone();
    run_script(
        &mut copy,
        "vnet spoke3 10.3.0.0/16\nlink peering hub spoke3\ndelete road\nmove hub 40 3\nset spoke2 region=northeurope",
    )
    .expect("edits");
    let offer = super::state::Offer {
        copy: "state/hub-spoke-0123456789abcdef.ron".into(),
        file: a.doc.file.path.clone(),
        diff: crate::recovery::diff(&a.doc.design, &copy),
        design: copy,
        when: "2026-11-23 10:00 UTC (5 minutes ago)".into(),
        notes: Vec::new(),
        show_diff,
    };
    a.mode = super::state::Mode::Recover(Box::new(offer));
    a
}

fn recovery_offer(w: u16, h: u16) -> App {
    recovery(w, h, false)
}

fn recovery_diff(w: u16, h: u16) -> App {
    recovery(w, h, true)
}

fn choose_sku(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "n\t");
    let row = a
        .inspector_rows()
        .iter()
        .position(|r| r.key == "vpn-sku")
        .expect("vpn-sku");
    a.panes.inspector_row = row;
    press(&mut a, "\n2az");
    a
}

fn search(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, "/10.");
    a
}

fn completion(w: u16, h: u16) -> App {
    let mut a = app(HUB_SPOKE, w, h);
    press(&mut a, ":gateway hub vpn Vpn");
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    a
}

/// Every screen and mode worth a snapshot.
pub const SCREENS: &[Screen] = &[
    ("empty", empty),
    ("vnet_selected", selected_vnet),
    ("link_selected", selected_link),
    ("findings_focus", findings_focus),
    ("inspector_edit_error", inspector_edit_error),
    ("command_typing", command_typing),
    ("command_error", command_error),
    ("link_mode", link_mode),
    ("help", help),
    ("confirm_quit", confirm_quit),
    ("confirm_delete", confirm_delete),
    ("prompt_save_as", prompt_save_as),
    ("unreadable_file", unreadable),
    ("recovery_offer", recovery_offer),
    ("recovery_diff", recovery_diff),
    ("choose_sku", choose_sku),
    ("search", search),
    ("completion", completion),
];
