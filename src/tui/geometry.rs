//! Pure geometry, below both `update` (hit-testing, panning) and `ui` (drawing): where each pane
//! goes on the screen ([`screen`]), what part of the diagram the canvas pane shows at which zoom level
//! ([`view`]; the boxes, routes and frames themselves are the model's `diagram`), the minimap's
//! scale and dots ([`minimap`]), and how many terminal cells text takes ([`text`]). Functions of sizes, positions, text and the design; no app state, no
//! drawing.

pub mod minimap;
pub mod screen;
pub mod text;
pub mod view;
