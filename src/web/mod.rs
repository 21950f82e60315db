//! The browser shell: the only module that uses `web_sys`. It routes the URL hash to the landing page
//! or a chapter, mounts views, and shows a notice if the module ever panics.

mod canvas;
mod chapter_view;
mod dom;
mod landing;

use crate::chapters::find;
use crate::page::Page;
use crate::state::route::{parse_hash, Route};
pub use chapter_view::ChapterView;
use dom::{add, document, el, window, Res};
use gloo_events::EventListener;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// What is mounted in the app root.
pub enum Mounted {
    /// The syllabus.
    Landing,
    /// A chapter page (kept alive while shown).
    Chapter(ChapterView),
    /// A slug that is not a chapter.
    NotFound,
}

struct App {
    root: Element,
    mounted: Option<Mounted>,
    _hashchange: EventListener,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Entry point: runs when the module loads. Mounts the app into `#app` if the page has one (the test
/// harness page does not).
#[wasm_bindgen(start)]
pub fn start() {
    install_panic_notice();
    let Some(root) = document().ok().and_then(|d| d.get_element_by_id("app")) else { return };
    let Ok(window) = window() else { return };
    let hashchange = EventListener::new(&window, "hashchange", |_| route_current());
    APP.with(|app| *app.borrow_mut() = Some(App { root, mounted: None, _hashchange: hashchange }));
    route_current();
    register_offline_worker(&window);
}

/// Registers `sw.js` (next to index.html) so chapters open without a network after one visit.
/// Failure (an old browser, a file:// page, a sandboxed frame) only means no offline support.
fn register_offline_worker(window: &web_sys::Window) {
    let navigator = window.navigator();
    // Outside a secure context (http:// on a LAN address) `navigator.serviceWorker` does not exist.
    let available = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|sw| !sw.is_undefined());
    if !window.is_secure_context() || !available {
        return;
    }
    let promise = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

fn route_current() {
    let hash = window().ok().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    APP.with(|app| {
        let mut app = app.borrow_mut();
        let Some(app) = app.as_mut() else { return };
        // Unmount first so the old page's listeners and frame are gone before the new DOM is built.
        app.mounted = None;
        match mount(&app.root, &hash) {
            Ok(m) => app.mounted = Some(m),
            Err(e) => web_sys::console::error_2(&"linalg-live: could not build the page".into(), &e),
        }
        if let Ok(w) = window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// Builds the page for a location hash into `root` (used by the app and by the browser tests).
pub fn mount(root: &Element, hash: &str) -> Res<Mounted> {
    let doc = document()?;
    match parse_hash(hash) {
        Route::Landing => {
            doc.set_title("linalg-live · interactive linear algebra for deep learning");
            landing::build(root)?;
            Ok(Mounted::Landing)
        }
        Route::Chapter { slug, params, problems } => {
            let page = find(&slug).and_then(|info| Page::open(info, &params, problems));
            match page {
                Some(page) => {
                    doc.set_title(&format!("{} {} · linalg-live", page.info.number, page.info.title));
                    Ok(Mounted::Chapter(ChapterView::mount(root, page)?))
                }
                None => {
                    let known = find(&slug);
                    doc.set_title("Not available · linalg-live");
                    root.set_text_content(None);
                    let wrap = add(root, "div", &[("class", "not-found")], None)?;
                    let text = match known {
                        Some(info) => format!("Chapter {} ({}) is not available yet.", info.number, info.title),
                        None => "There is no chapter at this address.".to_string(),
                    };
                    add(&wrap, "h1", &[], Some("Not here yet"))?;
                    add(&wrap, "p", &[("role", "alert")], Some(&text))?;
                    add(&wrap, "a", &[("href", "#/")], Some("See all chapters"))?;
                    Ok(Mounted::NotFound)
                }
            }
        }
    }
}

/// A panic leaves the module unusable; say so on the page instead of freezing silently.
fn install_panic_notice() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("linalg-live panicked: {info}").into());
        if let Ok(body) = document().and_then(|d| d.body().ok_or_else(|| "no body".into())) {
            if let Ok(notice) = el(
                "div",
                &[("class", "crash"), ("role", "alert")],
                Some("Something went wrong and this page stopped responding. Please reload the page."),
            ) {
                let _ = body.prepend_with_node_1(&notice);
            }
        }
    }));
}
