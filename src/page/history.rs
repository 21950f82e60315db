//! Undo, redo and reset. Each gesture that changes the chapter — a drag from press to release, the
//! keys on one handle, the typing in one cell, a choice, a reshape, a paste, a placed or removed
//! point, a link that sets the figure, a reset — is one step: the chapter's state before it, kept as a
//! snapshot (`AnyChapter::clone_box`). The history is bounded in steps and in the entries the
//! snapshots hold, so a page with 10⁵ points keeps a few steps rather than gigabytes.

use super::{Changes, Page};
use crate::chapter::{to_params, AnyChapter, HandleId};
use std::collections::VecDeque;

/// Most steps kept for undo (and for redo).
pub const MAX_STEPS: usize = 100;
/// Most input entries (numbers) the snapshots hold together; the oldest go first. The newest step is
/// always kept, whatever its size.
pub const MAX_ENTRIES: usize = 2_000_000;

/// What a gesture is, to tell when the next message continues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gesture {
    /// A pointer drag of a handle, from press to release.
    Drag(HandleId),
    /// Arrow keys on one handle, until another gesture or the focus moves.
    Nudge(HandleId),
    /// Typing (or sliding) in one cell of an input, until it is committed or another gesture starts.
    Cell(&'static str, usize, usize),
    /// A single message: a choice, a reshape, a paste, a placed or removed point, a link, a reset.
    Once,
}

/// A past state and its size in entries.
struct Snapshot {
    chapter: Box<dyn AnyChapter>,
    entries: usize,
}

impl Snapshot {
    fn of(chapter: &dyn AnyChapter) -> Snapshot {
        let entries = chapter.inputs().iter().map(|i| i.value.len()).sum();
        Snapshot { chapter: chapter.clone_box(), entries }
    }

    fn taking(chapter: Box<dyn AnyChapter>) -> Snapshot {
        let entries = chapter.inputs().iter().map(|i| i.value.len()).sum();
        Snapshot { chapter, entries }
    }
}

/// The gesture in progress: what it is, the state before it, and whether it changed anything yet.
struct Open {
    gesture: Gesture,
    before: Snapshot,
    changed: bool,
}

/// The page's past and undone states.
#[derive(Default)]
pub(super) struct History {
    undo: VecDeque<Snapshot>,
    redo: Vec<Snapshot>,
    open: Option<Open>,
    /// The chapter's default state as URL parameters, to tell whether Reset would change anything.
    default_params: Vec<(String, String)>,
}

impl History {
    /// An empty history for a chapter whose default state has these parameters.
    pub fn new(default_params: Vec<(String, String)>) -> History {
        History { default_params, ..History::default() }
    }

    /// Steps that can be undone (a gesture in progress that changed something counts).
    pub fn undo_len(&self) -> usize {
        self.undo.len() + usize::from(self.open.as_ref().is_some_and(|o| o.changed))
    }

    /// Steps that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    fn push_undo(&mut self, step: Snapshot) {
        self.undo.push_back(step);
        let mut total: usize = self.undo.iter().chain(&self.redo).map(|s| s.entries).sum();
        while self.undo.len() > 1 && (self.undo.len() > MAX_STEPS || total > MAX_ENTRIES) {
            total -= self.undo.pop_front().map_or(0, |s| s.entries);
        }
    }
}

impl Page {
    /// Starts `gesture` (a snapshot of the state before it), unless it continues the one in progress.
    pub(super) fn begin(&mut self, gesture: Gesture) {
        if gesture != Gesture::Once && self.history.open.as_ref().is_some_and(|o| o.gesture == gesture) {
            return;
        }
        self.close_gesture();
        self.history.open = Some(Open { gesture, before: Snapshot::of(self.chapter.as_ref()), changed: false });
    }

    /// The gesture in progress changed the state: what was undone can no longer be redone.
    pub(super) fn touched(&mut self) {
        if let Some(open) = &mut self.history.open {
            open.changed = true;
            self.history.redo.clear();
        }
    }

    /// Ends the gesture in progress: a step when it changed something (which drops what was undone).
    pub(super) fn close_gesture(&mut self) {
        if let Some(open) = self.history.open.take() {
            if open.changed {
                self.history.redo.clear();
                self.history.push_undo(open.before);
            }
        }
    }

    /// Ends the gesture in progress if it is `gesture`.
    pub(super) fn close_if(&mut self, gesture: Gesture) {
        if self.history.open.as_ref().is_some_and(|o| o.gesture == gesture) {
            self.close_gesture();
        }
    }

    /// Puts back the state from before the gesture in progress, which stays open (a cell whose text
    /// became a whole matrix: the first keystrokes' numbers are not kept while it is being typed).
    /// Returns whether the state changed.
    pub(super) fn revert_gesture(&mut self) -> bool {
        let Some(open) = &mut self.history.open else { return false };
        if !open.changed {
            return false;
        }
        open.changed = false;
        self.chapter = open.before.chapter.clone_box();
        true
    }

    /// Whether Undo would do something.
    pub fn can_undo(&self) -> bool {
        self.history.undo_len() > 0
    }

    /// Whether Redo would do something.
    pub fn can_redo(&self) -> bool {
        self.history.redo_len() > 0
    }

    /// Whether Reset would change the state (it differs from the chapter's default).
    pub fn can_reset(&self) -> bool {
        to_params(self.chapter.as_ref()) != self.history.default_params
    }

    pub(super) fn undo(&mut self) -> Changes {
        self.close_gesture();
        let Some(before) = self.history.undo.pop_back() else { return Changes::default() };
        let now = self.swap_chapter(before.chapter, false);
        self.history.redo.push(Snapshot::taking(now));
        Changes::STRUCTURE
    }

    pub(super) fn redo(&mut self) -> Changes {
        self.close_gesture();
        let Some(after) = self.history.redo.pop() else { return Changes::default() };
        let now = self.swap_chapter(after.chapter, false);
        self.history.push_undo(Snapshot::taking(now));
        Changes::STRUCTURE
    }

    /// Replaces the whole state as one step (Reset, a link): the view is fitted as when a page opens.
    pub(super) fn replace_state(&mut self, chapter: Box<dyn AnyChapter>) -> Changes {
        self.close_gesture();
        let now = self.swap_chapter(chapter, true);
        self.history.redo.clear();
        self.history.push_undo(Snapshot::taking(now));
        Changes::STRUCTURE
    }

    pub(super) fn reset(&mut self) -> Changes {
        if !self.can_reset() {
            self.close_gesture();
            return Changes::default();
        }
        self.replace_state((self.info.build)())
    }

    /// Puts `chapter` in place of the current state and returns that. The timeline starts over (at
    /// its end), messages about the replaced state go, and the view is fitted when asked or when the
    /// figure changed kind (plane, space) or view (a choice).
    fn swap_chapter(&mut self, chapter: Box<dyn AnyChapter>, fit: bool) -> Box<dyn AnyChapter> {
        let look = |c: &dyn AnyChapter| (c.handles().in_space(), c.choices().into_iter().map(|c| c.current).collect::<Vec<_>>());
        let before = look(self.chapter.as_ref());
        let old = std::mem::replace(&mut self.chapter, chapter);
        self.dragging = None;
        self.cell_errors.clear();
        self.reset_timeline();
        if fit || look(self.chapter.as_ref()) != before {
            self.fit();
        }
        old
    }
}
