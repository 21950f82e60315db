//! The timeline of a staged transformation (identity → B → AB, or Vᵀ → Σ → U): play, pause, scrub.
//! Time comes in as milliseconds from the caller, so the timeline is a pure value that tests can drive.

use crate::math::clamp;

/// Milliseconds one stage takes to play.
pub const STAGE_MS: f64 = 900.0;
/// Pause between two stages while playing, in milliseconds.
pub const PAUSE_MS: f64 = 300.0;

/// Position and play state of a staged animation. `position` runs from 0 (nothing applied) to the
/// number of stages (all applied); stage `i` is in progress while `i < position < i + 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    stages: usize,
    position: f64,
    playing: Option<(f64, f64)>,
    /// When the reader prefers reduced motion, playing jumps stage by stage without tweening.
    pub reduced_motion: bool,
}

impl Timeline {
    /// A timeline with `stages` stages, resting at the end (everything applied: nothing moves on load).
    pub fn new(stages: usize) -> Timeline {
        Timeline { stages, position: stages as f64, playing: None, reduced_motion: false }
    }

    /// The number of stages.
    pub fn stages(&self) -> usize {
        self.stages
    }

    /// The current position in `0..=stages`.
    pub fn position(&self) -> f64 {
        self.position
    }

    /// Whether it is playing.
    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// The eased progress of stage `i` in `0..=1` (0 before it starts, 1 after it ends).
    pub fn progress(&self, i: usize) -> f64 {
        ease_in_out(clamp(self.position - i as f64, 0.0, 1.0))
    }

    /// Moves to a position (a scrub); stops playing.
    pub fn scrub(&mut self, position: f64) {
        self.playing = None;
        if position.is_finite() {
            self.position = clamp(position, 0.0, self.stages as f64);
        }
    }

    /// Jumps to the end (used when the reader starts dragging: handles sit on the final figure).
    pub fn finish(&mut self) {
        self.scrub(self.stages as f64);
    }

    /// Starts playing at time `now_ms`; from the end it restarts from 0. With reduced motion it steps
    /// to the next stage boundary at once instead.
    pub fn play(&mut self, now_ms: f64) {
        if self.position >= self.stages as f64 {
            self.position = 0.0;
            if self.reduced_motion {
                return;
            }
        }
        if self.reduced_motion {
            self.position = (self.position.floor() + 1.0).min(self.stages as f64);
            return;
        }
        self.playing = Some((now_ms, self.position));
    }

    /// Stops where it is.
    pub fn pause(&mut self) {
        self.playing = None;
    }

    /// Advances to time `now_ms`; returns whether the position changed.
    pub fn tick(&mut self, now_ms: f64) -> bool {
        let Some((start_ms, start_pos)) = self.playing else { return false };
        let elapsed = (now_ms - start_ms).max(0.0);
        let per_stage = STAGE_MS + PAUSE_MS;
        // Position advances one stage per STAGE_MS, then holds for PAUSE_MS at each whole stage.
        let done = start_pos.floor();
        let into = (start_pos - done) * STAGE_MS + elapsed;
        let stage = (into / per_stage).floor();
        let within = (into - stage * per_stage).min(STAGE_MS) / STAGE_MS;
        let pos = (done + stage + within).min(self.stages as f64);
        if pos >= self.stages as f64 {
            self.playing = None;
        }
        let changed = pos != self.position;
        self.position = pos;
        changed
    }
}

/// Cubic ease-in-out on 0..=1.
pub fn ease_in_out(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rests_at_the_end_and_plays_from_the_start() {
        let mut t = Timeline::new(2);
        assert_eq!(t.position(), 2.0);
        t.play(1000.0);
        assert_eq!(t.position(), 0.0);
        assert!(t.tick(1000.0 + STAGE_MS / 2.0));
        assert!((t.position() - 0.5).abs() < 1e-12);
        t.tick(1000.0 + STAGE_MS + PAUSE_MS / 2.0);
        assert_eq!(t.position(), 1.0, "holds at the stage boundary");
        t.tick(1e9);
        assert_eq!(t.position(), 2.0);
        assert!(!t.is_playing());
    }

    #[test]
    fn reduced_motion_steps_without_tweening() {
        let mut t = Timeline::new(2);
        t.reduced_motion = true;
        t.play(0.0);
        assert_eq!(t.position(), 0.0);
        t.play(0.0);
        assert_eq!(t.position(), 1.0);
        assert!(!t.is_playing());
    }

    #[test]
    fn scrub_clamps_and_progress_is_eased() {
        let mut t = Timeline::new(3);
        t.scrub(7.0);
        assert_eq!(t.position(), 3.0);
        t.scrub(f64::NAN);
        assert_eq!(t.position(), 3.0);
        t.scrub(1.5);
        assert_eq!((t.progress(0), t.progress(1), t.progress(2)), (1.0, 0.5, 0.0));
        assert!(ease_in_out(0.25) < 0.25 && ease_in_out(0.75) > 0.75);
    }
}
