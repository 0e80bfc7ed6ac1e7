//! Routing many links in their order on two threads, with the routes one thread gives.
//!
//! Links are routed one by one in a fixed order, each committed route marking the grid for the next.
//! A link's search reads only the cells of its widest window, and its route lies in them, so a link
//! need only wait for the earlier links whose windows meet its own: routed after them, it sees the
//! cells it reads as it would routed one by one, whatever else has been routed meanwhile. So each link
//! waits for those links, and two threads take the links that wait for nothing (the earliest first),
//! route and commit them, and free the links waiting for them. The routes, and the pictures, are the
//! same on one thread or two, whatever the machine and its load; a thread never waits for the other
//! while a link is free to route.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

use super::grid::Grid;
use super::link::{Plan, Request, route_one, route_planned};
use super::search::Search;
use super::types::Route;

/// Fewer links than this are routed on one thread (a second one would cost more than it saves).
const MIN_LINKS: usize = 512;
/// Cells per side of the squares that windows are compared by (windows meeting one square are taken
/// to meet: a link may wait for one it did not need to, never the other way round).
const SQUARE: i32 = 8;

/// Routes `requests` in their order on `grid`, each route committed for the next; on two threads
/// when `threads` is set, there are enough links and the machine has a second core. The routes are
/// those of one thread, in the order of `requests`.
pub(super) fn route_in_order(grid: &Grid, requests: &[Request], threads: bool) -> Vec<Route> {
    if !threads || requests.len() < MIN_LINKS || !two_cores() {
        let mut search = Search::default();
        return requests
            .iter()
            .map(|req| {
                let route = route_one(grid, &mut search, req);
                commit(grid, &route);
                route
            })
            .collect();
    }
    let plans: Vec<Plan> = requests.iter().map(|req| Plan::new(grid, req)).collect();
    let work = Work::new(grid, requests, &plans);
    let mut done = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-route".into())
            .spawn_scoped(scope, || work.run())
            .ok();
        let mut mine = work.run();
        if let Some(helper) = helper {
            // A panic in the helper is a bug like one on this thread: pass it on.
            match helper.join() {
                Ok(theirs) => mine.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        mine
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, route)| route).collect()
}

/// Marks `route` on the grid (a fallback, which may cross boxes, marks nothing).
fn commit(grid: &Grid, route: &Route) {
    if !route.fallback {
        grid.commit(&route.points, route.bundle);
    }
}

/// The links to route on two threads, and what each waits for.
struct Work<'a> {
    grid: &'a Grid,
    requests: &'a [Request],
    plans: &'a [Plan],
    /// Per link: the later links waiting for it.
    freed: Vec<Vec<u32>>,
    board: Mutex<Board>,
    /// Signalled when a link is freed, when the last is routed, or when a thread fails.
    changed: Condvar,
}

/// What the threads share while they route.
struct Board {
    /// Links waiting for nothing, the earliest first.
    free: BinaryHeap<Reverse<u32>>,
    /// Per link: how many links it still waits for.
    waits: Vec<u32>,
    /// Links not routed yet.
    left: usize,
    /// Set when a thread panicked: the other stops.
    failed: bool,
}

impl<'a> Work<'a> {
    fn new(grid: &'a Grid, requests: &'a [Request], plans: &'a [Plan]) -> Work<'a> {
        let area = grid.area;
        let columns = (area.w.max(0) as usize).div_ceil(SQUARE as usize);
        let rows = (area.h.max(0) as usize).div_ceil(SQUARE as usize);
        // Per square: the last link whose window meets it; a link waits for those of its squares
        // (each of which waited for the one before it there).
        let mut last = vec![u32::MAX; columns * rows];
        let mut freed = vec![Vec::new(); plans.len()];
        let mut waits = vec![0; plans.len()];
        let mut before = Vec::new();
        for (i, plan) in plans.iter().enumerate() {
            let w = plan.windows[1];
            if w.is_empty() {
                continue;
            }
            let (x0, x1) = ((w.x - area.x) / SQUARE, (w.right() - 1 - area.x) / SQUARE);
            before.clear();
            for y in (w.y - area.y) / SQUARE..=(w.bottom() - 1 - area.y) / SQUARE {
                let row = y as usize * columns;
                for s in &mut last[row + x0 as usize..=row + x1 as usize] {
                    if *s != u32::MAX {
                        before.push(*s);
                    }
                    *s = i as u32;
                }
            }
            before.sort_unstable();
            before.dedup();
            waits[i] = before.len() as u32;
            for &b in &before {
                freed[b as usize].push(i as u32);
            }
        }
        let free = (0..plans.len() as u32)
            .filter(|&i| waits[i as usize] == 0)
            .map(Reverse)
            .collect();
        Work {
            grid,
            requests,
            plans,
            freed,
            board: Mutex::new(Board {
                free,
                waits,
                left: plans.len(),
                failed: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn board(&self) -> MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Routes free links until none is left: the links this thread routed, with their indexes.
    fn run(&self) -> Vec<(usize, Route)> {
        // Should this thread panic, the other must not wait for it forever.
        struct Failed<'w, 'a>(&'w Work<'a>);
        impl Drop for Failed<'_, '_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.board().failed = true;
                    self.0.changed.notify_all();
                }
            }
        }
        let _failed = Failed(self);
        let mut search = Search::default();
        let mut out: Vec<(usize, Route)> = Vec::new();
        loop {
            let mut board = self.board();
            if let Some((i, _)) = out.last() {
                let i = *i;
                board.left -= 1;
                let mut woken = false;
                for &j in &self.freed[i] {
                    board.waits[j as usize] -= 1;
                    if board.waits[j as usize] == 0 {
                        board.free.push(Reverse(j));
                        woken = true;
                    }
                }
                if woken || board.left == 0 {
                    self.changed.notify_all();
                }
            }
            let i = loop {
                if board.failed || board.left == 0 {
                    return out;
                }
                if let Some(Reverse(i)) = board.free.pop() {
                    break i as usize;
                }
                board = self.changed.wait(board).unwrap_or_else(PoisonError::into_inner);
            };
            drop(board);
            let route = route_planned(self.grid, &mut search, &self.requests[i], &self.plans[i]);
            commit(self.grid, &route);
            out.push((i, route));
        }
    }
}

/// `true` when this process may run on more than one core (asked once).
fn two_cores() -> bool {
    static CORES: OnceLock<bool> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
}
