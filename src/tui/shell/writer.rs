//! Recovery copies written off the event loop. Writing one means serializing the design, reading it
//! back to check it, and an atomic write with fsync: about 200 ms for a 10,000-VNet design, a hitch
//! every [`EDITS`](crate::tui::update::autosave::EDITS) edits if the loop did it. The loop hands the
//! [`Effect::Autosave`] and [`Effect::RemoveCopy`] effects to one thread, which runs them in the
//! order given (a removal queued after a write happens after it), and reports each write back as
//! the same [`Action::Autosaved`] the loop would have produced.
//!
//! One write at a time: while one is under way a new `Autosave` is dropped, and the policy asks again
//! (its count of pending edits only moves when a write reports). The copy of the design a write
//! takes (about 20 ms at 10,000 VNets) is made when the loop calls [`Writer::flush`], after the frame
//! that shows the edit that asked for it, not before; a removal asked for meanwhile cancels it. Dropping the writer waits for the
//! queue to drain, so nothing writes a copy after the shell's own way out (a signal, a panic, a
//! quit) has written or removed it.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use vnetsketch_model::Design;

use super::effects;
use crate::recovery;
use crate::tui::action::{Action, Effect};
use crate::tui::state::{App, Autosave};

/// What the thread does, in order.
enum Job {
    /// Write the recovery copy of `design` (the design as of `edits`).
    Write {
        design: Box<Design>,
        file: Option<PathBuf>,
        autosave: Box<Autosave>,
        edits: u64,
    },
    /// Remove a recovery copy.
    Remove(PathBuf),
}

/// The recovery-copy thread and its two queues.
pub struct Writer {
    jobs: Option<Sender<Job>>,
    done: Receiver<Action>,
    busy: bool,
    /// A write was asked for and waits for [`Writer::flush`].
    wanted: bool,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    /// Starts the thread; `None` when it cannot be started (the loop then writes inline).
    pub fn start() -> Option<Writer> {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel::<Action>();
        let thread = std::thread::Builder::new()
            .name("recovery-copies".into())
            .spawn(move || {
                for job in inbox {
                    match job {
                        Job::Write {
                            design,
                            file,
                            autosave,
                            edits,
                        } => {
                            let result = effects::write_copy_of(&design, file.as_deref(), &autosave)
                                .map_err(|e| format!("{e:#}"));
                            if outbox.send(Action::Autosaved { edits, result }).is_err() {
                                return;
                            }
                        }
                        Job::Remove(path) => recovery::remove_copy(&path),
                    }
                }
            })
            .ok()?;
        Some(Writer {
            jobs: Some(jobs),
            done,
            busy: false,
            wanted: false,
            thread: Some(thread),
        })
    }

    /// Takes `effect` when it is the writer's to run; `false` when the caller must run it (any other
    /// effect, or the thread is gone). A write waits for [`Writer::flush`].
    pub fn take(&mut self, effect: &Effect) -> bool {
        let Some(jobs) = &self.jobs else { return false };
        match effect {
            Effect::Autosave => {
                self.wanted |= !self.busy;
                true
            }
            Effect::RemoveCopy(path) => {
                self.wanted = false;
                jobs.send(Job::Remove(path.clone())).is_ok()
            }
            _ => false,
        }
    }

    /// Starts the write asked for since the last call, if any, with the design as it is now: the
    /// loop calls this once its frame is drawn.
    pub fn flush(&mut self, app: &App) {
        if !std::mem::take(&mut self.wanted) || self.busy {
            return;
        }
        let Some(jobs) = &self.jobs else { return };
        let job = Job::Write {
            design: Box::new(app.doc.design.clone()),
            file: app.doc.file.path.clone(),
            autosave: Box::new(app.autosave.clone()),
            edits: app.doc.edits,
        };
        self.busy = jobs.send(job).is_ok();
    }

    /// The writes that finished since the last call, as actions for the app.
    pub fn finished(&mut self) -> Vec<Action> {
        let done: Vec<Action> = self.done.try_iter().collect();
        if !done.is_empty() {
            self.busy = false;
        }
        done
    }

    /// Waits for the queue to drain and returns what finished.
    pub fn finish(mut self) -> Vec<Action> {
        self.stop();
        self.finished()
    }

    fn stop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::test_support::app;
    use std::time::Duration;

    #[test]
    fn writes_run_off_the_loop_in_order_and_report_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut a = app("vnet hub 10.0.0.0/16", 120, 40);
        a.autosave = Autosave::new(Some(dir.path().to_path_buf()));
        let mut w = Writer::start().expect("a thread");
        assert!(w.take(&Effect::Autosave));
        w.flush(&a);
        // A second request while the first is under way is dropped, not queued.
        assert!(w.take(&Effect::Autosave));
        w.flush(&a);
        let mut done = Vec::new();
        for _ in 0..500 {
            done.extend(w.finished());
            if !done.is_empty() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let [
            Action::Autosaved {
                edits,
                result: Ok(path),
            },
        ] = done.as_slice()
        else {
            panic!("one write reported: {done:?}");
        };
        assert_eq!(*edits, a.doc.edits);
        assert!(path.exists(), "the copy is on disk");
        // A removal after a write happens after it; the drop waits for both.
        a.doc.edits += 1;
        assert!(w.take(&Effect::Autosave));
        w.flush(&a);
        assert!(w.take(&Effect::RemoveCopy(path.clone())));
        assert!(!w.take(&Effect::Quit), "other effects are the loop's");
        let rest = w.finish();
        assert_eq!(rest.len(), 1, "{rest:?}");
        assert!(!path.exists(), "removed after the second write");
        // A write asked for and not yet flushed when a removal comes is not made.
        let mut w = Writer::start().expect("a thread");
        assert!(w.take(&Effect::Autosave));
        assert!(w.take(&Effect::RemoveCopy(path.clone())));
        w.flush(&a);
        assert!(w.finish().is_empty(), "nothing written");
        assert!(!path.exists());
    }
}
