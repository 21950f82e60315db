use super::*;
use crate::view::render::{render_layered, HandleMark, Labels, Layers};
use crate::view::scene::{Cloud, Scene, Shape};
use crate::view::viewport::{Viewport, World};
use nalgebra::Matrix2;
use proptest::prelude::*;
use std::rc::Rc;

/// Writes down every call it gets, arguments and all, and keeps a base layer as the canvas painter
/// does: from `end_base` until the next resize.
#[derive(Debug, Default, PartialEq)]
struct Calls {
    calls: Vec<String>,
    size: Option<(f64, f64, f64)>,
    in_base: bool,
    base_kept: bool,
}

impl Calls {
    fn log(&mut self, call: String) {
        self.calls.push(call);
    }
}

impl Surface for Calls {
    fn resize(&mut self, width: f64, height: f64, scale: f64) {
        if self.size != Some((width, height, scale)) {
            self.base_kept = false;
        }
        self.size = Some((width, height, scale));
        self.log(format!("resize {width} {height} {scale}"));
    }
    fn set_theme(&mut self, theme: SvgTheme) {
        self.log(format!("theme {:?} {:?} {} {}", theme.roles, theme.text_roles, theme.background, theme.font));
    }
}

impl Painter for Calls {
    fn clear(&mut self) {
        self.log("clear".into());
    }
    fn path(&mut self, points: &[Screen], closed: bool, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.log(format!("path {points:?} {closed} {fill:?} {stroke:?}"));
    }
    fn circle(&mut self, center: Screen, radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.log(format!("circle {center:?} {radius} {fill:?} {stroke:?}"));
    }
    fn circles(&mut self, centers: &[Screen], radius: f64, fill: Option<Fill>, stroke: Option<Stroke>) {
        self.log(format!("circles {centers:?} {radius} {fill:?} {stroke:?}"));
    }
    fn polylines(&mut self, lines: &[Vec<Screen>], stroke: Stroke) {
        self.log(format!("polylines {lines:?} {stroke:?}"));
    }
    fn text(&mut self, at: Screen, text: &str, role: Role, align: Align) {
        self.log(format!("text {at:?} {text} {role:?} {align:?}"));
    }
    fn image(&mut self, top_left: Screen, bottom_right: Screen, image: &Bitmap) {
        self.log(format!("image {top_left:?} {bottom_right:?} {image:?}"));
    }
    fn heat(&mut self, top_left: Screen, bottom_right: Screen, heat: &HeatMap) {
        self.log(format!("heat {top_left:?} {bottom_right:?} {heat:?}"));
    }
    fn squares(&mut self, centers: &[Screen], size: f64, fill: Fill) {
        self.log(format!("squares {centers:?} {size} {fill:?}"));
    }
    fn begin_base(&mut self) -> bool {
        self.log("begin base".into());
        self.in_base = true;
        true
    }
    fn end_base(&mut self) {
        self.log("end base".into());
        self.in_base = false;
        self.base_kept = true;
    }
    fn clear_to_base(&mut self) -> bool {
        if !self.base_kept || self.in_base {
            return false;
        }
        self.log("clear to base".into());
        true
    }
}

fn s(x: f64, y: f64) -> Screen {
    Screen { x, y }
}

fn theme() -> SvgTheme {
    SvgTheme {
        roles: vec![(Role::Basis1, "#e69f00".into()), (Role::Axis, "rgb(20, 20, 20)".into())],
        text_roles: vec![(Role::Ghost, "#666".into())],
        background: "#fff".into(),
        font: "13px system-ui, sans-serif".into(),
    }
}

/// One of every call, with every role, dash, alignment and look.
fn every_call(p: &mut dyn Painter) {
    let fill = Fill { role: Role::Data, alpha: 0.25 };
    p.clear();
    p.path(&[s(0.0, 0.5), s(-3.25, 1e300)], true, Some(fill), Some(Stroke::dashed(Role::Eigen, 1.5)));
    p.path(&[], false, None, None);
    p.circle(s(4.0, 5.0), 6.0, None, Some(Stroke { role: Role::Grid, width: 1.0, dash: Dash::Dotted }));
    p.circles(&[s(1.0, 2.0), s(3.0, 4.0)], 7.5, Some(Fill { role: Role::Second, alpha: 1.0 }), None);
    p.polylines(&[vec![s(0.0, 0.0), s(1.0, 1.0)], vec![], vec![s(f64::NAN, f64::INFINITY)]], Stroke::solid(Role::Ghost, 2.0));
    for (role, align) in ROLES.iter().zip([Align::Left, Align::Center, Align::Right].iter().cycle()) {
        p.text(s(10.0, 20.0), "λ₁ = −0.5 · x", *role, *align);
    }
    p.text(s(0.0, 0.0), "", Role::Axis, Align::Left);
    let image = Bitmap { width: 2, height: 1, channels: 3, pixels: Rc::from(&[1u8, 2, 3, 4, 5, 6][..]) };
    p.image(s(0.0, 0.0), s(20.0, 10.0), &image);
    let heat =
        HeatMap { width: 2, height: 2, values: vec![-1.0, 0.5, f32::NAN, 0.0], positive: Role::Basis1, negative: Role::Basis2, alpha: 0.4 };
    p.heat(s(1.0, 1.0), s(9.0, 9.0), &heat);
    p.squares(&[s(5.0, 5.0)], 2.0, Fill { role: Role::Image, alpha: 0.6 });
}

const ROLES: [Role; 10] =
    [Role::Basis1, Role::Basis2, Role::Input, Role::Image, Role::Second, Role::Eigen, Role::Data, Role::Ghost, Role::Grid, Role::Axis];

#[test]
fn every_call_replays_as_it_was_made() {
    let mut writer = CommandWriter::default();
    let mut direct = Calls::default();
    assert!(writer.resize(300.0, 200.0, 2.0));
    direct.resize(300.0, 200.0, 2.0);
    writer.set_theme(&theme());
    direct.set_theme(theme());
    every_call(&mut writer);
    every_call(&mut direct);
    let mut replayed = Calls::default();
    replay(&writer.take(), &mut replayed).unwrap();
    assert_eq!(replayed.calls, direct.calls);
    assert!(writer.take().is_empty(), "take empties the writer");
}

#[test]
fn the_writer_keeps_a_base_from_its_end_until_a_resize() {
    let mut writer = CommandWriter::default();
    writer.resize(100.0, 100.0, 1.0);
    assert!(!writer.clear_to_base(), "no base yet");
    assert!(writer.begin_base());
    assert!(!writer.begin_base(), "one base at a time");
    assert!(!writer.clear_to_base(), "not while it is drawn");
    writer.end_base();
    assert!(writer.clear_to_base());
    assert!(!writer.resize(100.0, 100.0, 1.0), "the same size");
    assert!(writer.clear_to_base(), "kept at the same size");
    assert!(writer.resize(100.0, 100.0, 2.0), "a new scale");
    assert!(!writer.clear_to_base(), "dropped by the resize");
}

fn scene(tip: f64, cloud: &Cloud) -> Scene {
    let mut scene = Scene::default();
    scene.push(Shape::Lattice { map: Matrix2::identity(), stroke: Stroke::solid(Role::Grid, 1.0) });
    scene.push(Shape::Axes);
    scene.push(Shape::Points { at: cloud.clone(), role: Role::Data, size: 2.0, alpha: 0.5 });
    scene.arrow(World::new(1.0, 2.0), Stroke::solid(Role::Basis1, 2.0), "a");
    scene.arrow(World::new(tip, 1.0), Stroke::solid(Role::Input, 2.0), "v");
    scene
}

#[test]
fn layered_frames_replay_exactly_as_drawn_directly() {
    // A drag (the base is kept and copied), a resize (the base is drawn again) and more drag.
    let cloud = Cloud::from((0..50).map(|i| World::new(f64::from(i) * 0.1, 1.0)).collect::<Vec<_>>());
    let (mut writer, mut replayed, mut direct) = (CommandWriter::default(), Calls::default(), Calls::default());
    let (mut layers_writer, mut layers_direct) = (Layers::default(), Layers::default());
    let mut view = Viewport::default();
    for step in 0..8 {
        if step == 4 {
            view.width += 40.0;
        }
        let marks = [HandleMark { at: World::new(0.5 + f64::from(step) * 0.1, 1.0), role: Role::Input, active: step % 2 == 0 }];
        if writer.resize(view.width, view.height, 2.0) {
            layers_writer.reset();
        }
        direct.resize(view.width, view.height, 2.0);
        let tip = 0.5 + f64::from(step) * 0.1;
        render_layered(scene(tip, &cloud), &marks, &view, &mut writer, &mut layers_writer, Labels::Place);
        render_layered(scene(tip, &cloud), &marks, &view, &mut direct, &mut layers_direct, Labels::Place);
        replay(&writer.take(), &mut replayed).unwrap();
    }
    assert_eq!(replayed.calls, direct.calls);
    let copies = direct.calls.iter().filter(|c| *c == "clear to base").count();
    assert!(copies >= 5, "the base is copied while nothing under it moves: {copies} copies");
    assert_eq!(direct.calls.iter().filter(|c| *c == "begin base").count(), 2, "drawn at the start and after the resize");
}

#[test]
fn a_cut_or_damaged_frame_is_an_error_after_the_calls_before_it() {
    let mut writer = CommandWriter::default();
    writer.resize(10.0, 10.0, 1.0);
    every_call(&mut writer);
    let bytes = writer.take();
    for cut in 0..bytes.len() {
        let mut calls = Calls::default();
        let _ = replay(&bytes[..cut], &mut calls);
    }
    let mut calls = Calls::default();
    let error = replay(&bytes[..bytes.len() - 1], &mut calls).unwrap_err();
    assert_eq!(error.problem, "the frame ends early");
    assert!(calls.calls.len() > 10, "the calls before the cut were made: {}", calls.calls.len());
    let mut calls = Calls::default();
    assert_eq!(replay(&[CLEAR, 99], &mut calls), Err(CommandError { at: 1, problem: "unknown command" }));
    assert_eq!(calls.calls, ["clear"]);
    // A list claiming four billion points in a frame of a few bytes allocates nothing.
    let huge = [&[PATH][..], &u32::MAX.to_le_bytes()].concat();
    assert_eq!(replay(&huge, &mut Calls::default()).unwrap_err().problem, "a count larger than the frame");
}

proptest! {
    #[test]
    fn any_bytes_replay_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = replay(&bytes, &mut Calls::default());
    }
}
