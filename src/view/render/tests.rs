use super::*;

#[test]
fn the_unit_square_under_a_lands_on_its_columns() {
    let view = Viewport::default();
    let a = Matrix2::new(2.0, 3.0, 6.0, 5.0);
    let mut scene = Scene::default();
    scene.unit_square(&a, Role::Image, 0.2);
    let mut rec = Recording::default();
    render(&scene, &[], &view, &mut rec);
    let (pts, closed, fill, _) = &rec.paths[0];
    assert!(*closed && *fill == Some(Role::Image));
    let want = [(0.0, 0.0), (2.0, 6.0), (5.0, 11.0), (3.0, 5.0)].map(|(x, y)| view.to_screen(World::new(x, y)));
    assert_eq!(pts.as_slice(), &want);
}

#[test]
fn singular_maps_draw_no_lattice() {
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: Matrix2::new(1.0, 2.0, 2.0, 4.0), stroke: Stroke::solid(Role::Grid, 1.0) });
    let mut rec = Recording::default();
    render(&scene, &[], &Viewport::default(), &mut rec);
    assert!(rec.paths.is_empty());
}

#[test]
fn lattice_line_count_stays_bounded_for_any_map() {
    let view = Viewport { scale: 0.5, ..Viewport::default() };
    for map in
        [Matrix2::identity(), Matrix2::new(1e-9, 0.0, 0.0, 1e-9), Matrix2::new(1.0, 2.0, 2.0, 4.001), Matrix2::new(1e6, 0.0, 3.0, 1e-6)]
    {
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map, stroke: Stroke::solid(Role::Grid, 1.0) });
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        assert!(rec.paths.len() <= 2 * (MAX_LINES as usize + 8), "{} lines for {map}", rec.paths.len());
    }
    // Every drawn line pair is at least the minimum gap apart on screen.
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    let mut rec = Recording::default();
    render(&scene, &[], &view, &mut rec);
    let xs: Vec<f64> = rec.paths.iter().filter(|p| p.0[0].x == p.0[1].x).map(|p| p.0[0].x).collect();
    assert!(xs.len() > 3 && xs.windows(2).all(|w| w[1] - w[0] >= MIN_LINE_GAP_PX - 1e-9), "{xs:?}");
}

#[test]
fn lines_cross_the_whole_view_and_circles_map_to_ellipses() {
    let view = Viewport::default();
    let mut scene = Scene::default();
    scene.push(Shape::Line {
        through: World::new(0.0, 1.0),
        direction: World::new(1.0, 0.0),
        stroke: Stroke::solid(Role::Grid, 1.0),
        label: None,
    });
    scene.push(Shape::Line { through: World::zeros(), direction: World::zeros(), stroke: Stroke::solid(Role::Grid, 1.0), label: None });
    scene.unit_circle(&Matrix2::new(3.0, 0.0, 0.0, 2.0), Stroke::solid(Role::Eigen, 1.0), None);
    let mut rec = Recording::default();
    render(&scene, &[], &view, &mut rec);
    assert_eq!(rec.paths.len(), 2, "the zero-direction line is skipped");
    let (pts, ..) = &rec.paths[0];
    assert!(pts[0].x < 0.0 && pts[1].x > view.width && (pts[0].y - 160.0).abs() < 1e-9);
    let ellipse = &rec.paths[1].0;
    assert_eq!(ellipse.len(), crate::view::scene::CIRCLE_SAMPLES);
    assert_eq!(ellipse[0], view.to_screen(World::new(3.0, 0.0)));
}

#[test]
fn far_from_the_origin_nothing_loops_forever() {
    // At 1e20, adding 1 to a coordinate no longer changes it: loops must count, not accumulate.
    for center in [1e20, -1e20, 1e300] {
        let view = Viewport { center: World::new(center, center), ..Viewport::default() };
        let mut scene = Scene::default();
        scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
        scene.push(Shape::Lattice { map: Matrix2::new(2.0, 1.0, 1.0, 3.0), stroke: Stroke::solid(Role::Grid, 1.0) });
        scene.push(Shape::Axes);
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        assert!(rec.paths.len() + rec.texts.len() < 2000);
    }
}

#[test]
fn many_points_draw_at_most_one_square_per_pixel_and_none_off_the_view() {
    let view = Viewport::default();
    let inside = view.to_world(Screen { x: 10.2, y: 20.7 });
    let twin = view.to_world(Screen { x: 10.6, y: 20.9 });
    let far = World::new(1e9, 0.0);
    let mut scene = Scene::default();
    scene.push(Shape::Points {
        at: vec![inside, twin, far, World::new(f64::NAN, 0.0), World::zeros()].into(),
        role: Role::Data,
        size: 2.0,
        alpha: 1.0,
    });
    let mut rec = Recording::default();
    render(&scene, &[], &view, &mut rec);
    assert_eq!(rec.paths.len(), 2, "{:?}", rec.paths);
    let (square, closed, fill, _) = &rec.paths[0];
    assert!(*closed && *fill == Some(Role::Data) && square.len() == 4);
    assert!((square[0].x - 9.2).abs() < 1e-9 && (square[2].y - 21.7).abs() < 1e-9, "{square:?}");
}

#[test]
fn images_fill_their_world_rectangle_and_malformed_ones_are_skipped() {
    let view = Viewport::default();
    let image = Bitmap { width: 2, height: 1, channels: 1, pixels: vec![0, 255].into() };
    let mut scene = Scene::default();
    scene.push(Shape::Image { min: World::new(1.0, 2.0), max: World::new(3.0, 3.0), image: image.clone() });
    scene.push(Shape::Image { min: World::zeros(), max: World::new(1.0, 1.0), image: Bitmap { width: 3, ..image.clone() } });
    scene.push(Shape::Image { min: World::zeros(), max: World::new(1.0, 1.0), image: Bitmap { channels: 2, ..image.clone() } });
    let mut rec = Recording::default();
    render(&scene, &[], &view, &mut rec);
    assert_eq!(rec.images, vec![(view.to_screen(World::new(1.0, 3.0)), view.to_screen(World::new(3.0, 2.0)), image)]);
}

#[test]
fn a_quadratic_field_is_sampled_over_the_view_with_its_sign() {
    let view = Viewport::default();
    let field = |form: Matrix2<f64>| {
        let mut scene = Scene::default();
        scene.push(Shape::QuadraticField { form, positive: Role::Image, negative: Role::Data, alpha: 0.3 });
        let mut rec = Recording::default();
        render(&scene, &[], &view, &mut rec);
        rec.heats
    };
    // x² − y²: positive left and right of the centre, negative above and below, largest |f| = 1.
    let heats = field(Matrix2::new(1.0, 0.0, 0.0, -1.0));
    let (top_left, bottom_right, heat) = &heats[0];
    assert_eq!((*top_left, *bottom_right), (Screen { x: 0.0, y: 0.0 }, Screen { x: view.width, y: view.height }));
    assert_eq!((heat.width, heat.height), (100, 100));
    let at = |c: usize, r: usize| heat.values[r * heat.width + c];
    assert!(at(99, 50) > 0.9 && at(0, 50) > 0.9 && at(50, 0) < -0.9 && at(50, 99) < -0.9);
    assert!(at(50, 50).abs() < 1e-3 && heat.values.iter().all(|v| v.abs() <= 1.0));
    // √ of f relative to the peak: at x = 2.55 (f = 6.5) against 4.95² − 0.05² = 24.5, about 0.515.
    assert!((f64::from(at(75, 50)) - (6.5_f64 / 24.5).sqrt()).abs() < 1e-6, "{}", at(75, 50));
    // Huge entries are scaled first; the zero form and non-finite ones draw nothing.
    let huge = field(Matrix2::new(1e308, 1e308, 1e308, 1e308));
    assert!(huge[0].2.values.iter().all(|v| v.is_finite() && *v >= 0.0));
    assert!(field(Matrix2::zeros()).is_empty() && field(Matrix2::new(f64::NAN, 0.0, 0.0, 1.0)).is_empty());
}

#[test]
fn heat_colours_follow_the_sign_and_malformed_maps_give_nothing() {
    let heat = HeatMap { width: 3, height: 1, values: vec![1.0, -0.5, 0.0], positive: Role::Image, negative: Role::Data, alpha: 0.4 };
    assert_eq!(heat.rgba((200, 0, 0), (0, 0, 200)), vec![200, 0, 0, 102, 0, 0, 200, 51, 0, 0, 200, 0]);
    assert!(HeatMap { width: 2, ..heat }.rgba((0, 0, 0), (0, 0, 0)).is_empty());
}

/// Records texts with their alignment and the rings (circles filled at 0.25).
#[derive(Default)]
struct Drawn {
    texts: Vec<PlacedLabel>,
    rings: Vec<Screen>,
    paths: usize,
}

impl Painter for Drawn {
    fn clear(&mut self) {}
    fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {
        self.paths += 1;
    }
    fn circle(&mut self, center: Screen, _: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        if fill.is_some_and(|f| f.alpha == 0.25) && stroke.is_some() {
            self.rings.push(center);
        }
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.texts.push(PlacedLabel { at, text: text.into(), role, align });
    }
}

#[test]
fn the_renderer_draws_its_layout_with_labels_clear_of_everything() {
    use crate::view::labels::overlapping_pairs;
    // An arrow's tip label, a line's edge label and two plain labels near one point, a handle on
    // the tip, another handle right beside it, and the axes' tick labels.
    let view = Viewport::default();
    let mut scene = Scene::default();
    scene.push(Shape::Axes);
    scene.arrow(World::new(1.0, 1.0), Stroke::solid(Role::Basis1, 2.0), "u");
    scene.arrow(World::new(1.02, 1.0), Stroke::solid(Role::Basis2, 2.0), "v");
    scene.push(Shape::Label { at: World::new(1.1, 1.1), text: "b".into(), role: Role::Image });
    scene.push(Shape::Label { at: World::new(1.0, 0.05), text: "on the axis".into(), role: Role::Axis });
    scene.push(Shape::Line {
        through: World::zeros(),
        direction: World::new(1.0, 4.0),
        stroke: Stroke::solid(Role::Eigen, 2.0),
        label: Some("λ₁ = 6".into()),
    });
    let marks = [World::new(1.0, 1.0), World::new(1.05, 1.0)].map(|at| HandleMark { at, role: Role::Input, active: false });
    let mut drawn = Drawn::default();
    render(&scene, &marks, &view, &mut drawn);
    let layout = layout(&scene, &marks, &view);
    let mut expected = layout.ticks.clone();
    expected.extend(layout.labels.iter().cloned());
    assert_eq!(drawn.texts, expected, "the render draws the layout: ticks, then labels");
    assert_eq!(drawn.rings, layout.rings.iter().map(|r| r.0).collect::<Vec<_>>());
    assert!(drawn.rings[1].x > drawn.rings[0].x + 20.0, "the second ring moved aside: {:?}", drawn.rings);
    assert_eq!(overlapping_pairs(&layout.labels), 0, "{:?}", layout.labels);
    for l in &layout.labels {
        let b = l.bounds().unwrap();
        assert!(b.inside(view.width, view.height), "{l:?}");
        assert!(layout.rings.iter().all(|(c, r)| !b.touches_circle(*c, *r)), "{l:?}");
        assert!(layout.ticks.iter().all(|t| !t.bounds().unwrap().overlaps(&b)), "{l:?}");
    }
    assert!(!layout.ticks.is_empty() && layout.ticks.iter().all(|t| t.bounds().unwrap().inside(view.width, view.height)));
}

/// A painter with a base layer that records which shapes went where.
#[derive(Default)]
struct Layered {
    in_base: bool,
    has_base: bool,
    /// Paths drawn into the base layer, and onto the surface, since the last look.
    base_paths: usize,
    paths: usize,
    texts: Vec<PlacedLabel>,
    clears: usize,
    copies: usize,
}

impl Painter for Layered {
    fn clear(&mut self) {
        self.clears += 1;
    }
    fn path(&mut self, _: &[Screen], _: bool, _: Option<Fill>, _: Option<Stroke>) {
        if self.in_base {
            self.base_paths += 1;
        } else {
            self.paths += 1;
        }
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.texts.push(PlacedLabel { at, text: text.into(), role, align });
    }
    fn begin_base(&mut self) -> bool {
        self.in_base = true;
        true
    }
    fn end_base(&mut self) {
        self.in_base = false;
        self.has_base = true;
    }
    fn clear_to_base(&mut self) -> bool {
        self.copies += usize::from(self.has_base);
        self.has_base
    }
}

fn moving_scene(tip: f64) -> Scene {
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.arrow(World::new(1.0, 2.0), Stroke::solid(Role::Basis1, 2.0), "a");
    scene.arrow(World::new(tip, 1.0), Stroke::solid(Role::Input, 2.0), "v");
    scene
}

#[test]
fn a_layered_frame_redraws_only_what_changed() {
    let view = Viewport::default();
    let (mut painter, mut layers) = (Layered::default(), Layers::default());
    let ring = |x| [HandleMark { at: World::new(x, 1.0), role: Role::Input, active: true }];
    // The first frame draws everything directly.
    assert!(render_layered(moving_scene(3.0), &ring(3.0), &view, &mut painter, &mut layers, Labels::Place));
    assert_eq!((painter.clears, painter.base_paths, painter.copies), (1, 0, 0));
    let full = painter.paths;
    // The same frame again draws nothing.
    assert!(!render_layered(moving_scene(3.0), &ring(3.0), &view, &mut painter, &mut layers, Labels::Place));
    assert_eq!((painter.clears, painter.paths), (1, full));
    // The tip moves: the grid and the first arrow go into the base layer once…
    painter.paths = 0;
    assert!(render_layered(moving_scene(2.0), &ring(2.0), &view, &mut painter, &mut layers, Labels::Place));
    let base = painter.base_paths;
    assert!(base > 10 && painter.copies == 1 && painter.clears == 1, "{base} {}", painter.copies);
    // …and later frames copy it and draw the moving arrow (shaft, head) and the ring: 3 paths.
    for tip in [1.0, 0.5] {
        painter.paths = 0;
        painter.texts.clear();
        assert!(render_layered(moving_scene(tip), &ring(tip), &view, &mut painter, &mut layers, Labels::Place));
        assert_eq!((painter.paths, painter.base_paths), (3, base));
        // Every label is drawn again, the base's too, where a whole render puts it: labels are
        // placed together, from every shape's obstacles.
        assert_eq!(painter.texts, layout(&moving_scene(tip), &ring(tip), &view).labels);
        assert!(painter.texts.iter().any(|l| l.text == "a") && painter.texts.iter().any(|l| l.text == "v"));
    }
    // A new view redraws everything.
    painter.paths = 0;
    let zoomed = Viewport { scale: 50.0, ..view };
    assert!(render_layered(moving_scene(0.5), &ring(0.5), &zoomed, &mut painter, &mut layers, Labels::Place));
    assert_eq!(painter.clears, 2);
    assert!(painter.paths > 10);
}

#[test]
fn between_placements_labels_follow_and_a_placement_draws_them_again() {
    let view = Viewport::default();
    let (mut painter, mut layers) = (Layered::default(), Layers::default());
    // A label written on a handle's ring, so placed off its anchor; then the label moves off the ring.
    let scene = |x: f64| {
        let mut scene = Scene::default();
        scene.arrow(World::new(1.0, 2.0), Stroke::solid(Role::Basis1, 2.0), "a");
        scene.push(Shape::Label { at: World::new(x, 1.0), text: "v".into(), role: Role::Input });
        scene
    };
    let ring = [HandleMark { at: World::new(3.0, 1.0), role: Role::Input, active: true }];
    assert!(render_layered(scene(3.0), &ring, &view, &mut painter, &mut layers, Labels::Place));
    let placed = painter.texts.clone();
    assert_eq!(placed, layout(&scene(3.0), &ring, &view).labels);
    let anchor = |x| view.to_screen(World::new(x, 1.0));
    assert!((placed[1].at.x - anchor(3.0).x).hypot(placed[1].at.y - anchor(3.0).y) > 5.0, "moved off the ring: {placed:?}");
    // Following, the label keeps the placement's move from its anchor (a placement would put it back
    // on its anchor, now clear of the ring); the other label stays.
    painter.texts.clear();
    assert!(render_layered(scene(1.0), &ring, &view, &mut painter, &mut layers, Labels::Follow));
    assert!(layers.followed());
    let shift = anchor(1.0).x - anchor(3.0).x;
    assert_eq!(painter.texts[0], placed[0]);
    assert!(
        (painter.texts[1].at.x - placed[1].at.x - shift).abs() < 1e-9 && painter.texts[1].at.y == placed[1].at.y,
        "{:?}",
        painter.texts
    );
    // The same shapes again: nothing to draw while following, a placement when asked for one.
    assert!(!render_layered(scene(1.0), &ring, &view, &mut painter, &mut layers, Labels::Follow));
    painter.texts.clear();
    assert!(render_layered(scene(1.0), &ring, &view, &mut painter, &mut layers, Labels::Place));
    let fresh = layout(&scene(1.0), &ring, &view).labels;
    assert_eq!(painter.texts, fresh);
    assert_eq!((fresh[1].at.x, fresh[1].at.y), (anchor(1.0).x, anchor(1.0).y));
    assert!(!layers.followed());
    assert!(!render_layered(scene(1.0), &ring, &view, &mut painter, &mut layers, Labels::Place));
}

#[test]
fn axes_are_labelled_with_round_numbers() {
    let mut rec = Recording::default();
    let mut scene = Scene::default();
    scene.push(Shape::Axes);
    render(&scene, &[], &Viewport::default(), &mut rec);
    let labels: Vec<&str> = rec.texts.iter().map(|t| t.1.as_str()).collect();
    assert!(labels.contains(&"2") && labels.contains(&"−2"), "{labels:?}");
}

#[test]
fn thinning_a_path_keeps_it_within_the_tolerance() {
    // A circle of radius 60 px in 96 points: about every other point goes, none strays over 0.25 px.
    let circle: Vec<Screen> = (0..96)
        .map(|i| {
            let t = i as f64 * std::f64::consts::TAU / 96.0;
            Screen { x: 200.0 + 60.0 * t.cos(), y: 200.0 + 60.0 * t.sin() }
        })
        .collect();
    let thin = thin_path(&circle, 0.25);
    assert!(thin.len() <= 50 && thin.len() >= 24, "{}", thin.len());
    assert_eq!((thin[0], *thin.last().unwrap()), (circle[0], circle[95]));
    // Every dropped point lies within the tolerance of the thinned polyline.
    for p in &circle {
        let near = thin.windows(2).map(|w| distance_to_segment(*p, w[0], w[1])).fold(f64::INFINITY, f64::min);
        assert!(near <= 0.25, "{p:?} is {near} px away");
    }
    // A large circle keeps every point; a straight line keeps its ends and one point per run.
    let big: Vec<Screen> = circle.iter().map(|p| Screen { x: (p.x - 200.0) * 10.0, y: (p.y - 200.0) * 10.0 }).collect();
    assert_eq!(thin_path(&big, 0.25).len(), 96);
    let line: Vec<Screen> = (0..40).map(|i| Screen { x: i as f64, y: 2.0 * i as f64 }).collect();
    assert_eq!(thin_path(&line, 0.25), vec![line[0], line[16], line[32], line[39]]);
    // Non-finite points and what is around them are kept; short paths are unchanged.
    let mut broken = line.clone();
    broken[20].x = f64::NAN;
    let kept = thin_path(&broken, 0.25);
    assert!(kept.iter().any(|p| p.x.is_nan()) && kept.contains(&line[19]) && kept.contains(&line[21]));
    assert_eq!(thin_path(&line[..2], 0.25), line[..2].to_vec());
    assert_eq!(thin_path(&line[..1], 0.25), line[..1].to_vec());
    assert!(thin_path(&[], 0.25).is_empty());
}
