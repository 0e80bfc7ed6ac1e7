//! The document: the design, what the model derived from it (findings and estimate), the file it
//! belongs to, and its undo history. The analysis is the model's: the document only keeps it.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use vnetsketch_model::analysis::{Analysis, analyze};
use vnetsketch_model::search::SearchIndex;
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Change, Design, Edit, EditError};

use super::drawing::{DesignStamp, Drawing, Sketch};
use super::history::{History, Run};
use crate::io::Stamp;
use vnetsketch_model::diagram::route::Labels;
use vnetsketch_model::diagram::{Rect, Routing, Scene, Topology};

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
        let change = self.design.apply(edit)?;
        self.edits += 1;
        self.history.push(change.clone(), merge);
        Ok(change)
    }

    /// How many times the analysis ran: a number that changes with every change of the design but
    /// a move (what the model derives from the design is kept with the number it was derived at).
    pub fn analyses(&self) -> u64 {
        self.analyses
    }

    /// The ends of every link by node index, for the canvas. Built on first use after each
    /// [`Document::analyze`] and kept while nodes only move (a move changes no end), so a frame, even
    /// at 10,000 VNets, resolves no name; rebuilt as well when the counts no longer fit the design.
    pub fn topology(&self) -> Rc<Topology> {
        self.drawing.topology(&self.design, self.analyses)
    }

    /// Each link's label (`s2s 312M`, `!peering`), the model's, kept until the next analysis.
    pub fn labels(&self) -> Rc<Labels> {
        self.drawing
            .labels(&self.design, &self.estimate, &self.report, self.analyses)
    }

    /// The region and band frames and the content's bounds, kept until the design changes.
    pub fn sketch(&self) -> Rc<Sketch> {
        self.drawing.sketch(&self.design, self.stamp())
    }

    /// The model's routes for the world cells `view`, on `scene` (a scene of this design), kept
    /// while neither the design nor the view changes.
    pub fn routing(&self, scene: &Scene<'_>, view: Rect) -> Rc<Routing> {
        let labels = self.labels();
        self.drawing.routing(scene, &labels, self.stamp(), view)
    }

    /// The design's state: what a cache of it is valid for.
    fn stamp(&self) -> DesignStamp {
        (
            self.edits,
            self.analyses,
            self.design.nodes().len(),
            self.design.links().len(),
        )
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
