//! What the canvas draws that the model derives from the design, kept between frames: the link
//! labels (until the next analysis), the region and band frames with the content's bounds (until the
//! next change, moves included), and the routes of the last window drawn (until the design changes
//! or the view moves). The model computes all of it; this only decides when to ask again.

use std::cell::RefCell;
use std::rc::Rc;

use vnetsketch_model::design::Node;
use vnetsketch_model::diagram::boxes::node_rect;
use vnetsketch_model::diagram::route::Labels;
use vnetsketch_model::diagram::style::link_labels;
use vnetsketch_model::diagram::{Frame, Rect, Routing, Scene, Topology, frames};
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Design, Pos};

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

/// A stamp of the design's state: (changes, analyses, nodes, links).
pub type DesignStamp = (u64, u64, usize, usize);

/// The routes of one window, with the design's state and the window they were routed for.
type RoutingCache = Option<((DesignStamp, Rect), Rc<Routing>)>;

/// The caches (see the module doc).
#[derive(Default)]
pub struct Drawing {
    topology: RefCell<Option<(u64, Rc<Topology>)>>,
    labels: RefCell<Option<(u64, Rc<Labels>)>>,
    sketch: RefCell<Option<(DesignStamp, Rc<Sketch>)>>,
    routing: RefCell<RoutingCache>,
}

impl Drawing {
    /// The links' ends by node index as of analysis `analyses` (kept while nodes only move).
    pub fn topology(&self, design: &Design, analyses: u64) -> Rc<Topology> {
        let mut cache = self.topology.borrow_mut();
        match &*cache {
            Some((at, t)) if *at == analyses && t.fits(design) => Rc::clone(t),
            _ => {
                let t = Rc::new(Topology::new(design));
                *cache = Some((analyses, Rc::clone(&t)));
                t
            }
        }
    }

    /// Each link's label (kind, throughput, error mark) as of analysis `analyses`.
    pub fn labels(&self, design: &Design, estimate: &Estimate, report: &Report, analyses: u64) -> Rc<Labels> {
        let mut cache = self.labels.borrow_mut();
        match &*cache {
            Some((at, l)) if *at == analyses && l.len() == design.links().len() => Rc::clone(l),
            _ => {
                let l = Rc::new(link_labels(design, estimate, report));
                *cache = Some((analyses, Rc::clone(&l)));
                l
            }
        }
    }

    /// The frames and bounds of the design as of `stamp`.
    pub fn sketch(&self, design: &Design, stamp: DesignStamp) -> Rc<Sketch> {
        let mut cache = self.sketch.borrow_mut();
        match &*cache {
            Some((at, s)) if *at == stamp => Rc::clone(s),
            _ => {
                let frames = frames(design);
                // A frame holds every site, user group and VNet with a region: only the other
                // VNets' boxes are measured again.
                let loose = design
                    .nodes()
                    .values()
                    .filter(|n| matches!(n, Node::Vnet(v) if v.region.is_none()))
                    .map(node_rect);
                let bounds = frames
                    .iter()
                    .map(|f| f.rect)
                    .chain(loose)
                    .fold(Rect::default(), |a, b| a.union(&b));
                let positions = design.nodes().values().map(Node::pos).collect();
                let s = Rc::new(Sketch {
                    frames,
                    bounds,
                    positions,
                });
                *cache = Some((stamp, Rc::clone(&s)));
                s
            }
        }
    }

    /// The routes of the links that may show in `view` (world cells), as the model routes that
    /// window, with labels; computed again when the design or the view changes.
    pub fn routing(&self, scene: &Scene<'_>, labels: &Labels, stamp: DesignStamp, view: Rect) -> Rc<Routing> {
        let mut cache = self.routing.borrow_mut();
        match &*cache {
            Some((at, r)) if *at == (stamp, view) => Rc::clone(r),
            _ => {
                let r = Rc::new(scene.route_window(view, Some(labels)));
                *cache = Some(((stamp, view), Rc::clone(&r)));
                r
            }
        }
    }
}
