//! The picture tab's tests: the picture, its SVD, the errors and shares, the path-independence of
//! A_k, the rank input, the panels and the chart.

use super::*;
use crate::chapter::testing::open;
use crate::chapter::{Chapter, ChapterError, SliderRange};
use crate::readout::Value;
use crate::view::chart::LOG_FLOOR_RATIO;
use crate::view::scene::Shape;

/// The page with the picture tab open at rank `k`.
fn at_rank(k: usize) -> SvdPage {
    open::<SvdPage>(&[("tab", "image"), ("k", &k.to_string())])
}

fn tab(k: usize) -> ImageTab {
    at_rank(k).image.expect("the picture tab is open")
}

fn readout(t: &ImageTab, name: &str) -> f64 {
    match t.readouts().into_iter().find(|r| r.name == name).unwrap().value {
        Value::Number(x) => x,
        v => panic!("{name} = {v:?}"),
    }
}

/// Sets k through the input's declaration (its shared checks, then the setter).
fn set_k(page: &mut SvdPage, k: f64) -> Result<(), ChapterError> {
    RANK.set(page, DMatrix::from_element(1, 1, k))
}

#[test]
fn the_picture_is_deterministic_and_sized() {
    let a = picture::picture();
    assert_eq!(a.shape(), (ROWS, COLS));
    assert_eq!(a, picture::picture());
    assert!(a.iter().all(|v| (0.0..=1.0).contains(v)));
    // Sun, mountain, flag and sky are where the formula puts them.
    assert!((a[(48, 46)] - 0.95).abs() < 1e-12 && (a[(110, 112)] - 0.08).abs() < 1e-12);
    assert_eq!((a[(92, 10)], a[(92, 18)]), (0.9, 0.2));
    assert!((a[(0, 0)] - (0.15 + 0.5 * 0.5 / 160.0 + 0.15 * 0.5 / 120.0)).abs() < 1e-15);
    let f = factors().unwrap();
    assert_eq!((f.original.width, f.original.height, f.original.pixels.len()), (COLS, ROWS, ROWS * COLS));
    // Rich enough that low ranks are visibly blurry: the spectrum decays slowly, then drops.
    let s = &f.svd.singular_values;
    assert!(s[9] / s[0] > 1e-2 && s[30] / s[0] > 1e-3, "{s}");
    assert_eq!(f.svd.rank(), 104, "prose.html names the picture's rank");
    assert!(SvdPage::PROSE.contains("104"));
}

#[test]
fn full_rank_reproduces_the_picture_and_errors_agree() {
    let full = tab(ROWS);
    assert!((&full.approx - &full.factors.picture).amax() < 1e-9);
    assert!(readout(&full, "relative_error") < 1e-12);
    assert_eq!(readout(&full, "storage_ratio"), (ROWS * (ROWS + COLS + 1)) as f64 / (ROWS * COLS) as f64);
    for k in [1, 2, 5, 10, 40, 100] {
        let t = tab(k);
        let (measured, from_sigma) = (readout(&t, "relative_error"), readout(&t, "relative_error_sigma"));
        assert!((measured - from_sigma).abs() <= 1e-9, "k = {k}: {measured} vs {from_sigma}");
        assert!((readout(&t, "energy") + from_sigma * from_sigma - 1.0).abs() < 1e-12);
        assert_eq!(readout(&t, "storage_ratio"), k as f64 * 281.0 / 19200.0);
        assert_eq!(readout(&t, "rank_k"), k as f64);
    }
    // Error falls as k grows.
    assert!(readout(&tab(5), "relative_error") > readout(&tab(20), "relative_error"));
}

#[test]
fn a_rank_does_not_depend_on_the_path_to_it() {
    let mut page = at_rank(3);
    for k in [4, 5, 30, 2, 7] {
        set_k(&mut page, k as f64).unwrap();
    }
    assert_eq!(page.image.unwrap().approx, tab(7).approx, "bit for bit");
}

#[test]
fn the_slider_spans_every_rank_and_bad_ranks_are_refused() {
    let mut page = at_rank(10);
    assert_eq!(RANK.slider, Some(SliderRange { min: 1.0, max: ROWS as f64, step: 1.0 }));
    assert_eq!(MAX_RANK, page.image.as_ref().unwrap().max_rank());
    for bad in [0.0, -1.0, 2.5, (ROWS + 1) as f64] {
        let err = set_k(&mut page, bad).unwrap_err().to_string();
        assert!(err.contains("whole number from 1 to 120"), "{err}");
    }
    // Not numbers at all: the shared check refuses them before k's own rule.
    for bad in [f64::NAN, f64::INFINITY] {
        assert_eq!(set_k(&mut page, bad), Err(ChapterError::NotFinite));
    }
    assert!(RANK.set(&mut page, DMatrix::from_element(2, 1, 1.0)).is_err());
    assert_eq!(page.image.as_ref().unwrap().k, 10);
    let k = crate::chapter::AnyChapter::inputs(&page).into_iter().find(|i| i.name == "k").unwrap();
    assert_eq!(k.to_param(), "10");
    // The declared default is the rank the tab opens with.
    assert_eq!(RANK.default, DEFAULT_RANK.to_string());
    assert_eq!(tab(DEFAULT_RANK).k, ImageTab::new().unwrap().k);
}

#[test]
fn the_scene_has_four_panels_and_the_chart_marks_k() {
    let t = tab(12);
    let scene = t.scene();
    let images: Vec<&Bitmap> =
        scene.shapes.iter().filter_map(|s| if let Shape::Image { image, .. } = s { Some(image) } else { None }).collect();
    assert_eq!(images.len(), 4);
    assert!(images.iter().all(|i| i.pixels.len() == ROWS * COLS && i.width == COLS));
    assert!(Rc::ptr_eq(&images[0].pixels, &t.factors.original.pixels), "the original's pixels are shared, not rebuilt");
    let again = t.scene();
    let Some(Shape::Image { image: approx, .. }) = again.shapes.get(2) else { panic!("A_k is the second panel") };
    assert!(Rc::ptr_eq(&images[1].pixels, &approx.pixels), "redrawing makes no new pixels");
    let chart = t.chart();
    assert_eq!(chart.series[0].points.len(), 12);
    assert_eq!(chart.series[1].points.len(), ROWS - 12);
    assert_eq!(chart.marker.as_ref().map(|m| m.x), Some(12.5));
    // Numerically zero singular values exist and land on the chart's floor, not at −∞.
    let s = &t.factors.svd.singular_values;
    assert!(s[ROWS - 1] < s[0] * LOG_FLOOR_RATIO, "{}", s[ROWS - 1]);
    assert!(chart.description().contains("numerically zero"), "{}", chart.description());
    assert!(t.summary().contains("Rank 12 of 120"));
    let mut code = crate::chapter::Code::imports();
    t.append_code(&mut code);
    assert!(code.numpy.contains("k = 12") && code.nalgebra.contains("let k = 12;"));
}
