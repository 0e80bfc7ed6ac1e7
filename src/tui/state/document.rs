//! The document: the design, what the model derived from it (findings and estimate), the file it
//! belongs to, and its undo history. The analysis is the model's: the document only keeps it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use vnetsketch_model::analysis::{Analysis, Changed, analyze, reanalyze, reanalyze_beside};
use vnetsketch_model::hash::FxSet;
use vnetsketch_model::search::SearchIndex;
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Change, Design, Edit, EditError, LinkId, Node};

use super::drawing::{Drawing, Sketch, Stamps, Window};
use super::history::{History, Run};
use crate::io::Stamp;
use crate::tui::geometry::minimap::{Dots, Scale};
use crate::tui::geometry::view::View;
use vnetsketch_model::diagram::boxes::node_rect;
use vnetsketch_model::diagram::{Places, Rect, Scene, Topology, same_place};

/// The file the design belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileState {
    /// The path, when there is one.
    pub path: Option<PathBuf>,
    /// The file as last read or written (`None`: not on disk yet).
    pub stamp: Option<Stamp>,
    /// The file could not be read: never overwrite it without asking (saving asks for a name).
    pub unreadable: bool,
}

/// What to do once the next save succeeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterSave {
    /// Quit (`:wq`, or "save first" when quitting).
    Quit,
    /// Open this file ("save first" when opening another).
    Open(PathBuf),
    /// Import these files into a new design ("save first" when importing).
    Import(Vec<PathBuf>),
}

/// The design being drawn and everything that belongs to it.
pub struct Document {
    /// The design.
    pub design: Design,
    /// Findings of the design (the model's, recomputed after every edit that is not just a move).
    pub report: Report,
    /// Throughput estimate of the design (the model's, recomputed with the findings).
    pub estimate: Estimate,
    /// The file.
    pub file: FileState,
    /// Undo and redo.
    pub history: History,
    /// How many times the design changed (edits, undos, redos, a file opened, a recovery): the
    /// autosave counts edits with it.
    pub edits: u64,
    /// What to do after the next successful save (quit, open a file).
    pub after_save: Option<AfterSave>,
    /// The run of edits the last undo step is still open for (moves, a choice being stepped).
    pub run: Option<Run>,
    /// How many times [`Document::analyze`] ran: every change of the design but a move goes through it.
    analyses: u64,
    /// How many of the changes counted by [`Document::edits`] are known to have kept what each
    /// cache depends on.
    kept: KeptCounts,
    /// What the canvas draws that the model derives (topology, labels, frames, routes), kept.
    drawing: Drawing,
    /// The model's search index, as of analysis number `.0` (see [`Document::search_index`]).
    search: RefCell<Option<(u64, Rc<SearchIndex>)>>,
}

impl Document {
    /// `design`, belonging to `path` (`None`: a new design), analyzed.
    pub fn new(design: Design, path: Option<PathBuf>) -> Document {
        let mut doc = Document {
            design,
            report: Report::default(),
            estimate: Estimate::default(),
            file: FileState {
                path,
                stamp: None,
                unreadable: false,
            },
            history: History::default(),
            edits: 0,
            after_save: None,
            run: None,
            analyses: 0,
            kept: KeptCounts::default(),
            drawing: Drawing::default(),
            search: RefCell::new(None),
        };
        doc.analyze();
        doc
    }

    /// Recomputes the findings and the estimate (the model computes; the document only keeps them).
    pub fn analyze(&mut self) {
        self.adopt(analyze(&self.design));
    }

    /// Brings the findings and the estimate up to date after an edit that changed `what` (the model
    /// re-runs what reads it and keeps the rest).
    pub fn reanalyze(&mut self, what: Changed) {
        let before = self.take_analysis();
        self.adopt(reanalyze(&self.design, before, what));
    }

    /// [`Document::reanalyze`] on this thread, and meanwhile, on a helper thread, the routes of the
    /// canvas's window `view` and their line cells (`None`: the canvas routes nothing) when the edit
    /// made them stale: the analysis and the routing read the design and not each other, so on two
    /// cores the frame after an edit waits for the longer of them, not for both
    /// ([`reanalyze_beside`], which also frees there the analysis a whole one replaces). The labels,
    /// which read the analysis, wait for the frame.
    pub fn reanalyze_routing(&mut self, what: Changed, view: Option<View>) {
        let stamps = self.stamps();
        let view = view.filter(|v| !what.is_nothing() && self.drawing.stale(stamps, v.world()));
        // Beside the analysis too: freeing the one a whole analysis replaces (the model does).
        if view.is_none() && !what.meets(Changed::EVERYTHING) {
            self.reanalyze(what);
            return;
        }
        // What the routing reads, taken here; what it builds, kept after.
        let (topology, places) = self.drawing.kept_parts(&self.design, stamps);
        let trail = view.and_then(|v| self.drawing.take_trail(v.world()));
        let before = self.take_analysis();
        let (design, kept) = (&self.design, (topology.as_deref(), places.as_deref()));
        let (analysis, routed) = reanalyze_beside(design, before, what, move || {
            let view = view?;
            let topology = kept.0.map_or_else(|| Cow::Owned(Topology::new(design)), Cow::Borrowed);
            let places = kept.1.map_or_else(|| Cow::Owned(Places::new(design)), Cow::Borrowed);
            let scene = Scene::with_parts(design, &topology, &places);
            let (routing, trail) = scene.route_window_kept(view.world(), trail.as_ref());
            let cells = routing.cells(view.zoom, view.screen());
            drop(scene);
            Some((
                built(topology),
                built(places),
                routing,
                trail,
                (view.zoom, view.screen(), cells),
            ))
        });
        if let (Some(Some((topology, places, routing, trail, cells))), Some(view)) = (routed, view) {
            self.drawing.keep_parts(stamps, topology, places);
            self.drawing
                .keep_window(stamps, view.world(), routing, trail, Some(cells));
        }
        self.adopt(analysis);
    }

    /// The findings and the estimate, taken out (for the model to bring up to date).
    fn take_analysis(&mut self) -> Analysis {
        Analysis {
            report: std::mem::take(&mut self.report),
            estimate: std::mem::take(&mut self.estimate),
        }
    }

    /// `true` when the routes of the window `view` (world cells) are kept for the design as it is:
    /// drawing it routes nothing.
    pub fn routed(&self, view: Rect) -> bool {
        !self.drawing.stale(self.stamps(), view)
    }

    /// Takes `analysis` (the model's analysis of the design as it is now) as the findings and the
    /// estimate, and gives back the ones it replaces.
    pub fn adopt(&mut self, analysis: Analysis) -> Analysis {
        self.analyses += 1;
        Analysis {
            report: std::mem::replace(&mut self.report, analysis.report),
            estimate: std::mem::replace(&mut self.estimate, analysis.estimate),
        }
    }

    /// Applies `edit` to the design as one undo step (merged into the previous one when `merge`),
    /// without analyzing it (see [`crate::tui::App::apply`], which analyzes when more than a
    /// position changed).
    ///
    /// # Errors
    /// The model's, when the edit does not apply (the design is then unchanged).
    pub fn edit(&mut self, edit: &Edit, merge: bool) -> Result<Change, EditError> {
        let counts = (self.design.nodes().len(), self.design.links().len());
        let before = self.stamps();
        let change = self.design.apply(edit)?;
        self.edits += 1;
        self.follow(std::slice::from_ref(&change), counts, before);
        self.history.push(change.clone(), merge);
        Ok(change)
    }

    /// Undoes or redoes a step (`step` on the history, as [`History::undo`] or [`History::redo`];
    /// `applied` reads the changes it applied, as [`History::last_undone`]): the canvas caches follow
    /// them as they follow an edit. Gives back what `step` gives (`None`: nothing to undo or redo).
    pub fn step(
        &mut self,
        step: impl FnOnce(&mut History, &mut Design) -> Option<(String, Changed)>,
        applied: impl Fn(&History) -> Option<&[Change]>,
    ) -> Option<(String, Changed)> {
        let counts = (self.design.nodes().len(), self.design.links().len());
        let before = self.stamps();
        let done = step(&mut self.history, &mut self.design)?;
        self.edits += 1;
        // The history lends the changes while the caches follow them (no copy of a step's nodes).
        let history = std::mem::take(&mut self.history);
        self.follow(applied(&history).unwrap_or_default(), counts, before);
        self.history = history;
        Some(done)
    }

    /// The design was changed by `changes` (in the order applied) from `counts` nodes and links and
    /// state `before`: counts what they kept, and lets the canvas caches follow the nodes they
    /// touched when a box moved, changed, came or went.
    fn follow(&mut self, changes: &[Change], counts: (usize, usize), before: Stamps) {
        let touched = Touched::of(changes);
        let kept = kept(&self.design, &touched, counts);
        self.kept.shape += u64::from(kept.shape);
        self.kept.boxes += u64::from(kept.boxes);
        self.kept.figure += u64::from(kept.figure);
        if !kept.figure {
            let nodes: Vec<(Option<&Node>, Option<&Node>)> = touched
                .nodes
                .iter()
                .map(|(name, prior)| (*prior, self.design.node(name)))
                .filter(|(was, now)| was.is_some() || now.is_some())
                .collect();
            self.drawing.changed(&self.design, &nodes, before, self.stamps());
        }
    }

    /// How many times the analysis ran: a number that changes with every change of the design but
    /// a move (what the model derives from the design is kept with the number it was derived at).
    pub fn analyses(&self) -> u64 {
        self.analyses
    }

    /// The ends of every link by node index, for the canvas: kept while no node or link comes, goes
    /// or is renamed, so a frame, even at 10,000 VNets, resolves no name, and neither does a move or
    /// a property set.
    pub fn topology(&self) -> Rc<Topology> {
        self.drawing.topology(&self.design, self.stamps())
    }

    /// What a scene of the design is built on ([`Scene::with_parts`]): the link ends (see
    /// [`Document::topology`]) and the nodes' places (kept while every box keeps its place), so that
    /// a frame costs what it looks at, not the design's size.
    pub fn scene_parts(&self) -> (Rc<Topology>, Rc<Places>) {
        let stamps = self.stamps();
        (
            self.drawing.topology(&self.design, stamps),
            self.drawing.places(&self.design, stamps),
        )
    }

    /// The region and band frames and the content's bounds, kept while every box keeps its place and
    /// frame, and brought up to date by measuring only the nodes an edit moved or took to another
    /// region.
    pub fn sketch(&self) -> Rc<Sketch> {
        self.drawing.sketch(&self.design, self.stamps())
    }

    /// The minimap's dots at `scale` (see [`Drawing::dots`]).
    pub fn minimap_dots(&self, scale: Scale) -> Rc<Dots> {
        let stamps = self.stamps();
        self.drawing
            .dots(&self.drawing.sketch(&self.design, stamps), stamps, scale)
    }

    /// The model's routes for the world cells `view`, on `scene` (a scene of this design), with the
    /// labels of the routed links (`s2s 312M`, `!peering`, the model's): routed again when a box or
    /// the view changes (not when a node only changes region: no route reads a frame), labelled
    /// again after an analysis.
    pub fn window(&self, scene: &Scene<'_>, view: Rect) -> Rc<Window> {
        self.drawing
            .window(scene, (&self.estimate, &self.report), self.stamps(), view)
    }

    /// The design's state: what a cache of it is valid for. A change that did not go through
    /// [`Document::edit`] (an undo, a file opened) counts as changing everything.
    fn stamps(&self) -> Stamps {
        let counts = (self.design.nodes().len(), self.design.links().len());
        Stamps {
            shape: (self.edits - self.kept.shape, counts.0, counts.1),
            boxes: (self.edits - self.kept.boxes, counts.0, 0),
            figure: (self.edits - self.kept.figure, counts.0, 0),
            analyses: self.analyses,
        }
    }

    /// The model's search index of the design: built on the first search after each
    /// [`Document::analyze`] and kept while nodes only move (no name, prefix, SKU or region moves),
    /// so a keystroke in a search reads the index and never walks the design.
    pub fn search_index(&self) -> Rc<SearchIndex> {
        let mut cache = self.search.borrow_mut();
        match &*cache {
            Some((at, index)) if *at == self.analyses => Rc::clone(index),
            _ => {
                let index = Rc::new(SearchIndex::new(&self.design));
                *cache = Some((self.analyses, Rc::clone(&index)));
                index
            }
        }
    }

    /// `true` when there are unsaved changes.
    pub fn dirty(&self) -> bool {
        self.history.dirty()
    }

    /// The name of the file for the status bar.
    pub fn file_label(&self) -> String {
        match &self.file.path {
            Some(p) => p.display().to_string(),
            None => "[new design]".to_owned(),
        }
    }
}

/// Changes known to have kept what each cache depends on (see [`Kept`]).
#[derive(Clone, Copy, Debug, Default)]
struct KeptCounts {
    shape: u64,
    boxes: u64,
    figure: u64,
}

/// What a list of changes touched: each node once, with its value before the first change, and
/// the links.
struct Touched<'c> {
    nodes: Vec<(&'c str, Option<&'c Node>)>,
    links: Vec<LinkId>,
}

impl<'c> Touched<'c> {
    fn of(changes: &'c [Change]) -> Touched<'c> {
        let mut seen: FxSet<&str> = FxSet::default();
        let nodes = changes
            .iter()
            .flat_map(Change::prior_nodes)
            .filter(|(name, _)| seen.insert(name))
            .collect();
        let links = changes.iter().flat_map(Change::touched_links).collect();
        Touched { nodes, links }
    }
}

/// What a change kept (see [`kept`]).
struct Kept {
    /// Every node and link: none came, went or was renamed.
    shape: bool,
    /// Every node (none came, went or was renamed) and every box it touched in its place and size:
    /// links may have come or gone (no box reads a link).
    boxes: bool,
    /// Also every box it touched in its frame.
    figure: bool,
}

/// What the changes that `touched` nodes and links, now applied to `design` (which had `counts`
/// nodes and links before), kept.
fn kept(design: &Design, touched: &Touched<'_>, counts: (usize, usize)) -> Kept {
    let nodes = counts.0 == design.nodes().len()
        && touched
            .nodes
            .iter()
            .all(|(name, prior)| prior.is_some() && design.node(name).is_some());
    let shape = nodes && counts.1 == design.links().len() && touched.links.iter().all(|id| design.link(*id).is_some());
    let all = |same: fn(&Node, &Node) -> bool| {
        nodes
            && touched
                .nodes
                .iter()
                .all(|(name, prior)| prior.zip(design.node(name)).is_some_and(|(a, b)| same(a, b)))
    };
    Kept {
        shape,
        boxes: all(|a, b| node_rect(a) == node_rect(b)),
        figure: all(same_place),
    }
}

/// What a copy-on-write part holds when it was built rather than borrowed.
fn built<T: Clone>(part: Cow<'_, T>) -> Option<T> {
    match part {
        Cow::Owned(built) => Some(built),
        Cow::Borrowed(_) => None,
    }
}
