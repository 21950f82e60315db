//! The mapping between world coordinates (the maths, y up) and screen coordinates (CSS px, y down).

use crate::math::clamp;
use nalgebra::Vector2;

/// A point or vector in world units.
pub type World = Vector2<f64>;

/// A point in CSS pixels from the canvas's top-left corner, y pointing down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    /// Pixels from the left edge.
    pub x: f64,
    /// Pixels from the top edge.
    pub y: f64,
}

/// Smallest and largest zoom, in CSS px per world unit.
pub const MIN_SCALE: f64 = 0.5;
/// See [`MIN_SCALE`].
pub const MAX_SCALE: f64 = 2000.0;

/// The visible part of the plane: a centre, a scale and the canvas size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// World point at the canvas centre.
    pub center: World,
    /// CSS px per world unit.
    pub scale: f64,
    /// Canvas width in CSS px.
    pub width: f64,
    /// Canvas height in CSS px.
    pub height: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport { center: World::zeros(), scale: 40.0, width: 400.0, height: 400.0 }
    }
}

impl Viewport {
    /// World → screen.
    pub fn to_screen(&self, p: World) -> Screen {
        Screen { x: self.width / 2.0 + (p.x - self.center.x) * self.scale, y: self.height / 2.0 - (p.y - self.center.y) * self.scale }
    }

    /// Screen → world.
    pub fn to_world(&self, s: Screen) -> World {
        World::new(self.center.x + (s.x - self.width / 2.0) / self.scale, self.center.y - (s.y - self.height / 2.0) / self.scale)
    }

    /// The visible world rectangle as (min corner, max corner).
    pub fn world_bounds(&self) -> (World, World) {
        let half = World::new(self.width, self.height) / (2.0 * self.scale);
        (self.center - half, self.center + half)
    }

    /// Clamps a world point into the visible rectangle (a drag never takes a handle off screen).
    pub fn clamp(&self, p: World) -> World {
        let (lo, hi) = self.world_bounds();
        World::new(clamp(p.x, lo.x, hi.x), clamp(p.y, lo.y, hi.y))
    }

    /// Moves the view by a screen offset (a pan gesture).
    pub fn pan(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.center += World::new(-dx, dy) / self.scale;
        }
    }

    /// Zooms by `factor` keeping the world point under `at` fixed.
    pub fn zoom_at(&mut self, at: Screen, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let anchor = self.to_world(at);
        self.scale = clamp(self.scale * factor, MIN_SCALE, MAX_SCALE);
        let moved = self.to_world(at);
        self.center += anchor - moved;
    }

    /// Centres and scales so that the box `lo..hi` (plus the origin) fills the canvas with a margin.
    pub fn fit(&mut self, lo: World, hi: World) {
        let lo = lo.inf(&World::zeros());
        let hi = hi.sup(&World::zeros());
        let span = (hi - lo).abs();
        let margin = 1.25;
        let size = (span.x.max(1.0) * margin, span.y.max(1.0) * margin);
        let scale = (self.width / size.0).min(self.height / size.1);
        // Keep the origin centred when the content surrounds it: the figure reads like the book's plots.
        let symmetric = hi.sup(&(-lo));
        let sym_scale = (self.width / (2.0 * symmetric.x.max(0.5) * margin)).min(self.height / (2.0 * symmetric.y.max(0.5) * margin));
        if sym_scale >= scale * 0.6 {
            self.center = World::zeros();
            self.scale = clamp(sym_scale, MIN_SCALE, MAX_SCALE);
        } else {
            self.center = (lo + hi) / 2.0;
            self.scale = clamp(scale, MIN_SCALE, MAX_SCALE);
        }
    }

    /// Resizes the canvas, keeping the centre.
    pub fn resize(&mut self, width: f64, height: f64) {
        if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 {
            self.width = width;
            self.height = height;
        }
    }

    /// Grid spacing in world units: 1, 2 or 5 × 10ᵏ, so that lines are at least `min_px` apart.
    pub fn grid_step(&self, min_px: f64) -> f64 {
        nice_step(min_px / self.scale)
    }
}

/// The smallest 1, 2 or 5 × 10ᵏ that is at least `raw` (for positive, finite `raw`; 1 otherwise).
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let base = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * base).find(|&s| s >= raw * (1.0 - 1e-12)).unwrap_or(10.0 * base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn origin_is_the_centre_and_y_points_up() {
        let v = Viewport::default();
        assert_eq!(v.to_screen(World::zeros()), Screen { x: 200.0, y: 200.0 });
        assert_eq!(v.to_screen(World::new(1.0, 1.0)), Screen { x: 240.0, y: 160.0 });
    }

    #[test]
    fn grid_steps_are_round() {
        let mut v = Viewport::default();
        assert_eq!(v.grid_step(30.0), 1.0);
        v.scale = 4.0;
        assert_eq!(v.grid_step(30.0), 10.0);
        v.scale = 10.0;
        assert_eq!(v.grid_step(30.0), 5.0);
    }

    #[test]
    fn fit_shows_the_content() {
        let mut v = Viewport::default();
        v.fit(World::new(0.0, 0.0), World::new(22.0, 42.0));
        let (lo, hi) = v.world_bounds();
        assert!(lo.x <= 0.0 && lo.y <= 0.0 && hi.x >= 22.0 && hi.y >= 42.0);
    }

    proptest! {
        #[test]
        fn screen_world_round_trip(x in -1e3f64..1e3, y in -1e3f64..1e3, scale in MIN_SCALE..MAX_SCALE,
                                   cx in -50f64..50.0, cy in -50f64..50.0) {
            let v = Viewport { center: World::new(cx, cy), scale, width: 390.0, height: 390.0 };
            let back = v.to_world(v.to_screen(World::new(x, y)));
            prop_assert!((back - World::new(x, y)).norm() < 1e-9 * (1.0 + x.abs() + y.abs()));
        }

        #[test]
        fn zoom_keeps_the_anchor(sx in 0f64..400.0, sy in 0f64..400.0, factor in 0.1f64..10.0) {
            let mut v = Viewport::default();
            let at = Screen { x: sx, y: sy };
            let before = v.to_world(at);
            v.zoom_at(at, factor);
            prop_assert!((v.to_world(at) - before).norm() < 1e-9);
        }
    }
}
