//! What the canvas draws that the model derives from the design, kept between frames and edits, each
//! for as long as what it depends on holds (see [`Stamps`]): the link ends (while no node or link
//! comes, goes or is renamed), the nodes' places and the routes of the last window drawn (while every
//! box keeps its place and size, and the view holds), the window's labels (made again after an
//! analysis, for the routed links only, and placed again only when one of them changed), and the
//! region and band frames with the content's bounds (while every box keeps its place, size and frame).
//! An edit that moves nodes or takes them to another region updates the places and the frames it
//! touched (the model's [`Framing`]) instead of building them again, and a region edit keeps the
//! window's routes (no route reads a frame). So an edit costs what it changed and what the screen
//! shows, not the design's size. The model computes all of it; this only decides when to ask again.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::ops::Bound;
use std::rc::Rc;

use vnetsketch_model::design::Node;
use vnetsketch_model::diagram::route::{Labels, LineCell, Trail};
use vnetsketch_model::diagram::style::{ErrorLinks, label_of};
use vnetsketch_model::diagram::{Frame, Framing, Places, Rect, Routing, Scene, Topology, Zoom};
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Design, Pos};

use crate::tui::geometry::minimap::{Dots, Scale};

/// The frames of a design, the world cells its boxes and frames cover, and where its nodes are (the
/// minimap's dots).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sketch {
    /// Region and band frames.
    pub frames: Vec<Frame>,
    /// Every box and frame (empty for an empty design).
    pub bounds: Rect,
    /// Every node's position, in name order.
    pub positions: Vec<Pos>,
}

/// A count of the changes that may have changed something, with the numbers of nodes and links.
pub type Stamp = (u64, usize, usize);

/// The design's state as the caches see it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamps {
    /// Changes that may have added, removed or renamed a node or a link (all but moves and property
    /// sets): the link ends hold while it stays.
    pub shape: Stamp,
    /// Changes that may have moved, resized, added, removed or renamed a box (all but links made or
    /// removed and property sets that keep every box in its place and size): the places hold while it
    /// stays, and the routes while it and `shape` stay.
    pub boxes: Stamp,
    /// Changes that may have moved, resized, reframed, added, removed or renamed a box (all but links
    /// made or removed and property sets that keep every box in its place, size and frame): the frames
    /// hold while it stays.
    pub figure: Stamp,
    /// Analyses: the labels hold while it stays.
    pub analyses: u64,
}

/// The routes of one window and the labels of the links routed there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Window {
    /// The model's routes (label spots placed for `labels`).
    pub routing: Routing,
    /// The label of each routed link.
    pub labels: Labels,
    /// The routes' line cells at a zoom level in a screen area, found once (no label changes them).
    cells: OnceCell<(Zoom, Rect, Vec<LineCell>)>,
}

impl Window {
    /// The routes' line cells at `zoom` in `screen` (screen cells at that level): the model's
    /// [`Routing::cells`], kept from the first call (the window's view has one zoom and one screen).
    pub fn cells(&self, zoom: Zoom, screen: Rect) -> Cow<'_, [LineCell]> {
        let (z, s, cells) = self
            .cells
            .get_or_init(|| (zoom, screen, self.routing.cells(zoom, screen)));
        if (*z, *s) == (zoom, screen) {
            Cow::Borrowed(cells)
        } else {
            Cow::Owned(self.routing.cells(zoom, screen))
        }
    }
}

/// The last window: the boxes' and the links' stamps and the view it was routed for, the analysis its
/// labels are of (`None`: routed ahead of its analysis, not labelled yet), and the model's trail of
/// its routing (for routing the view again after an edit).
type WindowCache = Option<((Stamp, Stamp), Rect, Option<u64>, Rc<Window>, Trail)>;

/// The caches (see the module doc).
#[derive(Default)]
pub struct Drawing {
    topology: RefCell<Option<(Stamp, Rc<Topology>)>>,
    places: RefCell<Option<(Stamp, Rc<Places>)>>,
    errors: RefCell<Option<(u64, Rc<ErrorLinks>)>>,
    sketch: RefCell<Option<(Stamp, Rc<Sketch>, Framing)>>,
    window: RefCell<WindowCache>,
    dots: RefCell<Option<(Stamp, Rc<Dots>)>>,
}

impl Drawing {
    /// The links' ends by node index (kept while no node or link came, went or was renamed).
    pub fn topology(&self, design: &Design, stamps: Stamps) -> Rc<Topology> {
        let mut cache = self.topology.borrow_mut();
        match &*cache {
            Some((at, t)) if *at == stamps.shape && t.fits(design) => Rc::clone(t),
            _ => {
                let t = Rc::new(Topology::new(design));
                *cache = Some((stamps.shape, Rc::clone(&t)));
                t
            }
        }
    }

    /// Where the nodes are (kept while every box keeps its place).
    pub fn places(&self, design: &Design, stamps: Stamps) -> Rc<Places> {
        let mut cache = self.places.borrow_mut();
        match &*cache {
            Some((at, p)) if *at == stamps.boxes && p.fits(design) => Rc::clone(p),
            _ => {
                let p = Rc::new(Places::new(design));
                *cache = Some((stamps.boxes, Rc::clone(&p)));
                p
            }
        }
    }

    /// An edit took `changed` nodes (each before and after it: moved, resized, taken to another
    /// region, added (`None` before) or deleted (`None` after); links may have come and gone too) from
    /// state `before` to `after`: the places, the frames and the minimap's dots kept for `before`
    /// follow them (the frames measuring only those nodes), so that such an edit costs what it
    /// changed. What does not follow is built again on its next use.
    pub fn changed(&self, design: &Design, changed: &[(Option<&Node>, Option<&Node>)], before: Stamps, after: Stamps) {
        let Some(steps) = Steps::of(design, changed) else {
            // Too many nodes came or went to follow: built again on their next use.
            *self.places.borrow_mut() = None;
            *self.sketch.borrow_mut() = None;
            *self.dots.borrow_mut() = None;
            return;
        };
        if let Some((at, places)) = &mut *self.places.borrow_mut()
            && *at == before.boxes
        {
            let places = Rc::make_mut(places);
            steps.apply(|step| match step {
                Step::Removed(i) => places.removed(i),
                Step::Inserted(i, p) => places.inserted(i, p),
                Step::Moved(i, p) => places.moved(i, p),
            });
            *at = after.boxes;
        }
        let mut cache = self.sketch.borrow_mut();
        if let Some((at, sketch, framing)) = &mut *cache
            && *at == before.figure
        {
            if !changed.iter().all(|(was, now)| framing.update(*was, *now)) {
                // Not the framing of the design before the edit: built again on its next use.
                *cache = None;
                return;
            }
            let sketch = Rc::make_mut(sketch);
            steps.apply(|step| match step {
                Step::Removed(i) => {
                    if (i as usize) < sketch.positions.len() {
                        sketch.positions.remove(i as usize);
                    }
                }
                Step::Inserted(i, p) => {
                    let at = (i as usize).min(sketch.positions.len());
                    sketch.positions.insert(at, p);
                }
                Step::Moved(i, p) => {
                    if let Some(at) = sketch.positions.get_mut(i as usize) {
                        *at = p;
                    }
                }
            });
            framing.frames().clone_into(&mut sketch.frames);
            sketch.bounds = framing.bounds();
            *at = after.figure;
        }
        drop(cache);
        let bounds = self.sketch.borrow().as_ref().map(|(_, s, _)| s.bounds);
        let mut dots = self.dots.borrow_mut();
        if let Some((at, d)) = &mut *dots
            && *at == before.boxes
        {
            if bounds == Some(d.scale().bounds) {
                let d = Rc::make_mut(d);
                for (was, now) in changed {
                    d.moved(was.map(Node::pos), now.map(Node::pos));
                }
                *at = after.boxes;
            } else {
                *dots = None;
            }
        }
    }

    /// The minimap's dots for the nodes of `sketch` (the design's, as of `stamps`) at `scale`: kept
    /// while no box moves and the scale holds, and followed through moves that keep the bounds.
    pub fn dots(&self, sketch: &Sketch, stamps: Stamps, scale: Scale) -> Rc<Dots> {
        let mut cache = self.dots.borrow_mut();
        match &*cache {
            Some((at, d)) if *at == stamps.boxes && d.scale() == scale => Rc::clone(d),
            _ => {
                let d = Rc::new(Dots::new(scale, &sketch.positions));
                *cache = Some((stamps.boxes, Rc::clone(&d)));
                d
            }
        }
    }

    /// The links with an error finding, as of analysis `analyses`.
    fn errors(&self, report: &Report, analyses: u64) -> Rc<ErrorLinks> {
        let mut cache = self.errors.borrow_mut();
        match &*cache {
            Some((at, e)) if *at == analyses => Rc::clone(e),
            _ => {
                let e = Rc::new(ErrorLinks::new(report));
                *cache = Some((analyses, Rc::clone(&e)));
                e
            }
        }
    }

    /// The frames and bounds of the design (kept while every box keeps its place and frame).
    pub fn sketch(&self, design: &Design, stamps: Stamps) -> Rc<Sketch> {
        let mut cache = self.sketch.borrow_mut();
        match &*cache {
            Some((at, s, _)) if *at == stamps.figure => Rc::clone(s),
            _ => {
                let framing = Framing::new(design);
                let s = Rc::new(Sketch {
                    frames: framing.frames().to_vec(),
                    bounds: framing.bounds(),
                    positions: design.nodes().values().map(Node::pos).collect(),
                });
                *cache = Some((stamps.figure, Rc::clone(&s), framing));
                s
            }
        }
    }

    /// The routes of the links that may show in `view` (world cells), as the model routes that
    /// window, with their labels as of the analysis (`estimate`, `report`): routed again when a box,
    /// a link or the view changed, labelled again after an analysis (and the labels placed again when
    /// one of them changed).
    pub fn window(&self, scene: &Scene<'_>, analysis: (&Estimate, &Report), stamps: Stamps, view: Rect) -> Rc<Window> {
        self.route(scene, stamps, view);
        let mut cache = self.window.borrow_mut();
        let Some((_, _, labelled, w, _)) = &mut *cache else {
            return Rc::new(Window::default());
        };
        if *labelled != Some(stamps.analyses) {
            let errors = self.errors(analysis.1, stamps.analyses);
            let labels: Labels = w
                .routing
                .routes
                .iter()
                .filter_map(|r| Some((r.id, label_of(scene.design(), analysis.0, &errors, r.id)?)))
                .collect();
            if labelled.is_none() || labels != w.labels {
                let mut routing = w.routing.clone();
                scene.relabel(&mut routing, view, &labels);
                *w = Rc::new(Window {
                    routing,
                    labels,
                    cells: w.cells.clone(),
                });
            }
            *labelled = Some(stamps.analyses);
        }
        Rc::clone(w)
    }

    /// `true` when the routes kept are not those of `view` for the design as of `stamps` (drawing
    /// it routes the window again).
    pub fn stale(&self, stamps: Stamps, view: Rect) -> bool {
        !matches!(&*self.window.borrow(), Some((at, v, ..)) if *at == (stamps.boxes, stamps.shape) && *v == view)
    }

    /// Routes `view` for the design as of `stamps` unless its routes are kept, searching only the
    /// links whose routes may differ from the last routing of this view (the model's trail of it);
    /// the labels wait for [`Drawing::window`].
    fn route(&self, scene: &Scene<'_>, stamps: Stamps, view: Rect) {
        if !self.stale(stamps, view) {
            return;
        }
        let before = self.take_trail(view);
        let (routing, trail) = scene.route_window_kept(view, before.as_ref());
        self.keep_window(stamps, view, routing, trail, None);
    }

    /// The trail of the last routing of `view`, taken out (the window's routes go with it).
    pub fn take_trail(&self, view: Rect) -> Option<Trail> {
        self.window.borrow_mut().take().filter(|c| c.1 == view).map(|c| c.4)
    }

    /// Keeps `routing` (with its `trail`) as the routes of `view` for the design as of `stamps`,
    /// not labelled yet, with its line cells when they were found (at a zoom, in a screen area).
    pub fn keep_window(
        &self,
        stamps: Stamps,
        view: Rect,
        routing: Routing,
        trail: Trail,
        cells: Option<(Zoom, Rect, Vec<LineCell>)>,
    ) {
        let w = Rc::new(Window {
            routing,
            labels: Labels::default(),
            cells: cells.map(OnceCell::from).unwrap_or_default(),
        });
        *self.window.borrow_mut() = Some(((stamps.boxes, stamps.shape), view, None, w, trail));
    }

    /// The link ends and the places kept for the design as of `stamps` (each `None` when it has to
    /// be built again).
    pub fn kept_parts(&self, design: &Design, stamps: Stamps) -> (Option<Rc<Topology>>, Option<Rc<Places>>) {
        let topology = self.topology.borrow();
        let places = self.places.borrow();
        (
            topology
                .as_ref()
                .filter(|(at, t)| *at == stamps.shape && t.fits(design))
                .map(|(_, t)| Rc::clone(t)),
            places
                .as_ref()
                .filter(|(at, p)| *at == stamps.boxes && p.fits(design))
                .map(|(_, p)| Rc::clone(p)),
        )
    }

    /// Keeps link ends and places built for the design as of `stamps`.
    pub fn keep_parts(&self, stamps: Stamps, topology: Option<Topology>, places: Option<Places>) {
        if let Some(t) = topology {
            *self.topology.borrow_mut() = Some((stamps.shape, Rc::new(t)));
        }
        if let Some(p) = places {
            *self.places.borrow_mut() = Some((stamps.boxes, Rc::new(p)));
        }
    }
}

/// One change of a list kept in name order ([`Steps`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// The node of this index went.
    Removed(u32),
    /// A node came at this index, here.
    Inserted(u32, Pos),
    /// The node of this index moved here.
    Moved(u32, Pos),
}

/// An edit's changes to the nodes as changes of lists kept in name order: the nodes deleted, by
/// their index before the edit, last first; then the nodes added, by their index after it, first
/// first (each lands where it belongs once the ones before it are in); then the nodes kept, by index.
struct Steps(Vec<Step>);

/// Beyond this many nodes added and deleted in one edit, a list is built again rather than followed
/// (each insert or removal shifts the list).
const MAX_FOLLOWED: usize = 64;

impl Steps {
    /// The steps of `changed` (see [`Drawing::changed`]), `design` being the design after the edit;
    /// `None` when too many nodes came or went to follow.
    fn of(design: &Design, changed: &[(Option<&Node>, Option<&Node>)]) -> Option<Steps> {
        let gone: Vec<&str> = changed
            .iter()
            .filter(|(_, now)| now.is_none())
            .filter_map(|(was, _)| Some((*was)?.name()))
            .collect();
        let came: Vec<&str> = changed
            .iter()
            .filter(|(was, _)| was.is_none())
            .filter_map(|(_, now)| Some((*now)?.name()))
            .collect();
        if gone.len() + came.len() > MAX_FOLLOWED {
            return None;
        }
        // A deleted node's index before the edit: the nodes before it then are those before it now,
        // less the ones added, plus the others deleted.
        let mut removed: Vec<u32> = gone
            .iter()
            .map(|name| {
                let upto: (Bound<&str>, Bound<&str>) = (Bound::Unbounded, Bound::Excluded(name));
                let now = design.nodes().range::<str, _>(upto).count();
                let before = (now + gone.iter().filter(|g| *g < name).count())
                    .saturating_sub(came.iter().filter(|c| *c < name).count());
                before as u32
            })
            .collect();
        removed.sort_unstable_by(|a, b| b.cmp(a));
        let mut inserted: Vec<(u32, Pos)> = changed
            .iter()
            .filter(|(was, _)| was.is_none())
            .filter_map(|(_, now)| Some((design.rank((*now)?.name())?, (*now)?.pos())))
            .collect();
        inserted.sort_unstable_by_key(|(i, _)| *i);
        let moved = changed
            .iter()
            .filter_map(|(was, now)| Some((was.as_ref()?, now.as_ref()?)))
            .filter_map(|(_, now)| Some(Step::Moved(design.rank(now.name())?, now.pos())));
        let mut steps: Vec<Step> = removed.into_iter().map(Step::Removed).collect();
        steps.extend(inserted.into_iter().map(|(i, p)| Step::Inserted(i, p)));
        steps.extend(moved);
        Some(Steps(steps))
    }

    /// Runs `f` on each step, in order.
    fn apply(&self, mut f: impl FnMut(Step)) {
        self.0.iter().copied().for_each(&mut f);
    }
}
