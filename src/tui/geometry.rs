//! Pure geometry, below both `update` (hit-testing, panning) and `ui` (drawing): where each pane
//! goes on the screen ([`screen`]), where each node box and link route goes on the canvas
//! ([`canvas`]), the index that finds what is on screen or under a cell ([`canvas_index`]), and how
//! many terminal cells text takes ([`text`]). Functions of sizes, positions, text and the design;
//! no app state, no drawing.

pub mod canvas;
pub mod canvas_index;
pub mod screen;
pub mod text;
