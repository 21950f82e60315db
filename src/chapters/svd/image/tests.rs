//! The picture tab's tests: the picture, its SVD, the errors and shares, the path-independence of
//! A_k, the rank input, the panels and the chart.

use super::*;
use crate::chapter::picture::PictureFile;
use crate::chapter::testing::open;
use crate::chapter::{to_params, Chapter, ChapterError, SliderRange};
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

/// The value of readout `name`.
fn value(t: &ImageTab, name: &str) -> Value {
    t.readouts().into_iter().find(|r| r.name == name).unwrap().value
}

fn readout(t: &ImageTab, name: &str) -> f64 {
    match value(t, name) {
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
    let f = built_in().unwrap();
    assert_eq!((f.original.width, f.original.height, f.original.pixels.len()), (COLS, ROWS, ROWS * COLS));
    // Rich enough that low ranks are visibly blurry: the spectrum decays slowly, then drops.
    let s = &f.channels[0].svd.singular_values;
    assert!(s[9] / s[0] > 1e-2 && s[30] / s[0] > 1e-3, "{s}");
    assert_eq!(f.channels[0].svd.rank(), 104, "prose.html names the picture's rank");
    assert!(SvdPage::PROSE.contains("104"));
}

#[test]
fn full_rank_reproduces_the_picture_and_errors_agree() {
    let full = tab(ROWS);
    assert!((&full.approx[0] - &full.factors.channels[0].picture).amax() < 1e-9);
    assert!(readout(&full, "relative_error") < 1e-12);
    assert_eq!(value(&full, "relative_error_sigma").to_json(), "0.0");
    // The sentence says what a reader can see: no error left, not the arithmetic's rounding.
    assert!(full.summary().contains("is off by 0% "), "{}", full.summary());
    // From the picture's rank (104) on; one layer short, the error is small but real.
    assert!(tab(104).summary().contains("is off by 0% "), "{}", tab(104).summary());
    assert!(tab(103).summary().contains("is off by 3.938e-6% "), "{}", tab(103).summary());
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
    // Up, down by removing layers (30 → 26 → 20), down by building again (20 → 2), up, and down
    // by removing layers to the end.
    for k in [4, 5, 30, 26, 20, 2, 9, 8, 7] {
        set_k(&mut page, k as f64).unwrap();
    }
    assert_eq!(page.image.unwrap().approx, tab(7).approx, "bit for bit");
}

#[test]
fn brightness_rounds_to_the_nearest_byte_and_clips() {
    for byte in 0..=255u8 {
        let v = f64::from(byte) / 255.0;
        assert_eq!(picture::to_byte(v), byte);
        assert_eq!(picture::to_byte(v + 0.49 / 255.0), byte);
        assert_eq!(picture::to_byte(v - 0.49 / 255.0), byte);
        assert_eq!(picture::to_byte(v + 0.51 / 255.0), byte.saturating_add(1));
    }
    for (v, byte) in [(-0.3, 0), (1.7, 255), (f64::NAN, 0), (f64::INFINITY, 255), (f64::NEG_INFINITY, 0)] {
        assert_eq!(picture::to_byte(v), byte, "{v}");
    }
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
    let s = &t.factors.channels[0].svd.singular_values;
    assert!(s[ROWS - 1] < s[0] * LOG_FLOOR_RATIO, "{}", s[ROWS - 1]);
    assert!(chart.description().contains("numerically zero"), "{}", chart.description());
    assert!(t.summary().contains("Rank 12 of 120"));
    let mut code = crate::chapter::Code::imports();
    t.append_code(&mut code);
    let code = code.text(&crate::chapter::CodeBook::of_chapter(<crate::chapters::svd::SvdPage as crate::chapter::Describe>::CODE));
    assert!(code.numpy.contains("k = 12") && code.nalgebra.contains("let k = 12;"));
}

/// A colour picture of `width` × `height` pixels: smooth gradients in red and green, a blue disc.
fn colour_file(width: usize, height: usize) -> PictureFile {
    let mut rgba = Vec::with_capacity(width * height * 4);
    for r in 0..height {
        for c in 0..width {
            let disc = (c as f64 - width as f64 / 2.0).hypot(r as f64 - height as f64 / 2.0) < height as f64 / 4.0;
            rgba.extend([(255 * c / width) as u8, (255 * r / height) as u8, if disc { 220 } else { 30 }, 255]);
        }
    }
    PictureFile::new("photo.png", (width * 2, height * 2), width, height, rgba).unwrap()
}

/// Runs a picture job to the end on the tab at rank `k`, checking its progress.
fn shown(k: usize, file: &PictureFile, grey: bool) -> SvdPage {
    let mut page = at_rank(k);
    let mut job = crate::chapter::Chapter::picture_job(&page, file, grey).unwrap();
    let (mut last, mut steps) = (job.progress(), 0);
    while !job.step().unwrap() {
        assert!(job.progress() >= last);
        last = job.progress();
        steps += 1;
        assert!(steps <= 3 * crate::math::truncated::MAX_POWER_ITERATIONS, "bounded");
    }
    assert_eq!(job.progress(), 1.0);
    assert!(crate::chapter::Chapter::show_picture(&mut page, job.into_any()));
    page
}

#[test]
fn the_readers_colour_picture_is_compressed_per_channel() {
    let file = colour_file(90, 70);
    let page = shown(10, &file, false);
    let t = page.image.as_ref().unwrap();
    assert_eq!(t.factors.channels.len(), 3);
    assert_eq!(t.max_rank(), 50);
    assert_eq!(t.own().map(|(f, grey)| (f.name.as_str(), grey)), Some(("photo.png", false)));
    let shape = value(t, "picture_shape");
    assert_eq!(shape, Value::Vector(vec![70.0, 90.0, 3.0]));
    assert_eq!(readout(t, "rank_k"), 10.0);
    assert_eq!(readout(t, "storage_ratio"), 10.0 * 161.0 / 6300.0);
    for k in [1, 3, 10, 50] {
        let mut page = page.clone();
        set_k(&mut page, k as f64).unwrap();
        let t = page.image.as_ref().unwrap();
        let (measured, from_sigma) = (readout(t, "relative_error"), readout(t, "relative_error_sigma"));
        // Summed over the channels, measured on the pixels and from σ agree.
        let by_hand: f64 = t.factors.channels.iter().zip(&t.approx).map(|(c, a)| (&c.picture - a).norm_squared()).sum::<f64>().sqrt()
            / t.factors.channels.iter().map(|c| c.picture.norm_squared()).sum::<f64>().sqrt();
        assert!((measured - by_hand).abs() < 1e-12, "k = {k}");
        assert!((measured - from_sigma).abs() < 1e-6, "k = {k}: {measured} vs {from_sigma}");
        assert!((readout(t, "energy") + from_sigma * from_sigma - 1.0).abs() < 1e-12);
    }
    // Every panel is in colour, and the original is the file's pixels.
    let scene = t.scene();
    let images: Vec<&Bitmap> =
        scene.shapes.iter().filter_map(|s| if let Shape::Image { image, .. } = s { Some(image) } else { None }).collect();
    assert!(images.iter().all(|i| i.channels == 3 && i.is_valid() && (i.width, i.height) == (90, 70)));
    assert_eq!(&images[0].pixels[..3], &file.rgba[..3]);
    assert!(t.chart().y_label.contains("σᵢ(G)²") && t.chart().title.contains("(10 of 50 kept)"));
    assert!(t.summary().contains("your 70×90 colour picture “photo.png”"), "{}", t.summary());
    // The picture is not in the link: the link is the built-in picture's at the same k.
    assert_eq!(to_params(&page), to_params(&at_rank(10)));
    let mut code = crate::chapter::Code::imports();
    t.append_code(&mut code);
    let code = code.text(&crate::chapter::CodeBook::of_chapter(<crate::chapters::svd::SvdPage as crate::chapter::Describe>::CODE));
    assert!(code.numpy.contains("stays in your browser") && code.nalgebra.contains("// draws and compresses the built-in picture"));
}

#[test]
fn the_rank_is_capped_at_the_triples_computed() {
    let mut page = shown(80, &colour_file(90, 70), false);
    assert_eq!(page.image.as_ref().unwrap().k, 50, "the rank shown is clamped to the largest computed");
    let err = set_k(&mut page, 51.0).unwrap_err().to_string();
    assert!(err.contains("from 1 to 50 for this picture"), "{err}");
    assert_eq!(page.image.as_ref().unwrap().k, 50);
    let k = crate::chapter::AnyChapter::inputs(&page).into_iter().find(|i| i.name == "k").unwrap();
    assert_eq!(k.slider.map(|s| s.max), Some(50.0));
    let built_in = at_rank(80);
    let k = crate::chapter::AnyChapter::inputs(&built_in).into_iter().find(|i| i.name == "k").unwrap();
    assert_eq!(k.slider.map(|s| s.max), Some(120.0));
    // A picture smaller than 50 pixels a side has as many triples as its short side.
    let tiny = shown(10, &colour_file(12, 9), false);
    assert_eq!(tiny.image.as_ref().unwrap().max_rank(), 9);
    assert_eq!(tiny.image.as_ref().unwrap().k, 9);
}

#[test]
fn greyscale_is_one_svd_of_the_luma() {
    let file = colour_file(40, 30);
    let page = shown(5, &file, true);
    let t = page.image.as_ref().unwrap();
    assert_eq!(t.factors.channels.len(), 1);
    assert_eq!(t.own().map(|(_, grey)| grey), Some(true));
    let luma = 0.299 * f64::from(file.rgba[0]) + 0.587 * f64::from(file.rgba[1]) + 0.114 * f64::from(file.rgba[2]);
    assert!((t.factors.channels[0].picture[(0, 0)] - luma / 255.0).abs() < 1e-12);
    let shape = value(t, "picture_shape");
    assert_eq!(shape, Value::Vector(vec![30.0, 40.0, 1.0]));
    assert!(t.scene().shapes.iter().all(|s| !matches!(s, Shape::Image { image, .. } if image.channels != 1)));
    // A picture without colour is one channel even when colour is asked for.
    let grey = PictureFile::new("grey.png", (2, 2), 2, 2, vec![7, 7, 7, 255, 9, 9, 9, 255, 1, 1, 1, 255, 3, 3, 3, 255]).unwrap();
    assert_eq!(shown(1, &grey, false).image.unwrap().factors.channels.len(), 1);
}

#[test]
fn the_built_in_picture_has_its_shape_and_a_picture_needs_the_tab() {
    let shape = value(&tab(10), "picture_shape");
    assert_eq!(shape, Value::Vector(vec![120.0, 160.0, 1.0]));
    let map = open::<SvdPage>(&[]);
    assert!(!crate::chapter::Chapter::takes_picture(&map) && crate::chapter::Chapter::takes_picture(&at_rank(3)));
    let mut job = crate::chapter::Chapter::picture_job(&at_rank(3), &colour_file(10, 10), false).unwrap();
    while !job.step().unwrap() {}
    let mut map = map;
    assert!(!crate::chapter::Chapter::show_picture(&mut map, job.into_any()), "the map tab shows no picture");
    assert!(map.image.is_none());
}

#[test]
fn the_panels_are_a_k_its_error_and_the_kth_layer_as_matrices_give_them() {
    // The panels of one pass over the pixels, against the matrices written out: A − A_k, and the
    // k-th layer σ_k u_k v_kᵀ built with add_layers and scaled by its largest entry.
    for k in [1, 2, 9, 40] {
        let t = tab(k);
        let c = &t.factors.channels[0];
        let (m, n) = c.picture.shape();
        let error = &c.picture - &t.approx[0];
        let mut layer = DMatrix::zeros(m, n);
        add_layers(&c.svd, &mut layer, k - 1..k);
        let scale = layer.amax();
        let expected = [
            picture::bitmap(&[&t.approx[0]], |v| v),
            picture::bitmap(&[&error], |v| 0.5 + 2.0 * v),
            picture::bitmap(&[&layer], |v| 0.5 + 0.5 * v / scale),
        ];
        for (panel, want) in t.panels.iter().zip(&expected) {
            assert_eq!((panel.width, panel.height, panel.channels), (n, m, 1));
            let off = panel.pixels.iter().zip(want.pixels.iter()).filter(|(a, b)| a.abs_diff(**b) > 1).count();
            assert_eq!(off, 0, "k = {k}: pixels more than one step apart");
        }
        let measured = error.norm() / c.picture.norm();
        assert!((t.measured_error - measured).abs() <= 1e-12, "k = {k}: {} vs {measured}", t.measured_error);
    }
}
