//! Fuzz target: any text as a location hash. Parsing, validation, every chapter's readouts, a key
//! nudge and the drawing must neither panic nor hang (libFuzzer's -timeout turns a hang into a
//! failure), and every readout must be finite or null.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linalg_live::chapters::find;
use linalg_live::page::{Msg, Page};
use linalg_live::readout::Value;
use linalg_live::state::route::{parse_hash, Route};
use linalg_live::view::render::{render, Recording};

fn finite(v: &Value) -> bool {
    match v {
        Value::Number(x) => x.is_finite(),
        Value::Vector(xs) => xs.iter().all(|x| x.is_finite()),
        Value::Matrix(rows) => rows.iter().flatten().all(|x| x.is_finite()),
        Value::List(items) => items.iter().all(finite),
        Value::Complex { re, im } => re.is_finite() && im.is_finite(),
        Value::Null | Value::Bool(_) => true,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Route::Chapter(link) = parse_hash(&text) else { return };
    let Some(info) = find(&link.slug) else { return };
    let mut page = Page::open(info, &link);
    for r in page.readouts() {
        assert!(finite(&r.value), "{} = {:?}", r.name, r.value);
    }
    if let Some(h) = page.handles().first() {
        page.update(Msg::Nudge { handle: h.id, dx: 1.0, dy: -1.0, fine: false });
    }
    for r in page.readouts() {
        assert!(finite(&r.value), "{} = {:?} after a nudge", r.name, r.value);
    }
    let frame = page.frame();
    render(&frame.scene, &frame.marks, page.viewport(), &mut Recording::default());
    let _ = (page.chapter().code(), page.chapter().summary(), page.hash());
});
