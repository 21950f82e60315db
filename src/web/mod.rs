//! The browser shell: the only module that uses `web_sys`. It routes the URL hash to the landing page
//! or a chapter, mounts views, and shows a notice if the module ever panics.

mod canvas;
mod chapter_view;
mod chart_canvas;
mod dom;
mod download;
mod element;
mod figure_painter;
mod landing;
mod prose;
mod share_dialog;
mod theme;

use crate::chapters::find;
use crate::page::Page;
use crate::state::route::{parse_hash, Route};
use crate::theme::Look;
pub use chapter_view::ChapterView;
use dom::{add, document, el, window, Res};
use gloo_events::EventListener;
use std::cell::{Cell, RefCell};
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
    _theme_picker: Option<EventListener>,
}

thread_local! {
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
    /// Whether this module runs the site (rather than `<linalg-figure>` elements in another page).
    static SITE: Cell<bool> = const { Cell::new(false) };
    /// On a chapter's static page (`<slug>/index.html`, `<main data-chapter="<slug>">`): that chapter,
    /// whose state its address holds after `#?`.
    static STATIC_CHAPTER: Cell<Option<&'static str>> = const { Cell::new(None) };
    /// The way from this page to the site's folder: `""` from index.html, `"../"` from a static page.
    static SITE_ROOT: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether the first page has been mounted (a static page is taken over where the reader is).
    static MOUNTED_ONCE: Cell<bool> = const { Cell::new(false) };
}

/// The relative link to a chapter's static page, e.g. `svd/` (`../svd/` from another static page).
pub fn chapter_href(slug: &str) -> String {
    format!("{}{slug}/", site_root())
}

/// The relative link to the landing page.
pub fn landing_href() -> String {
    let root = site_root();
    if root.is_empty() {
        "./".to_string()
    } else {
        root
    }
}

/// The way from this page to the site's folder (`""` or `"../"`), for links and fetches.
pub fn site_root() -> String {
    SITE_ROOT.with(|r| r.borrow().clone())
}

/// The page's hash as the router reads it: on a static page `#?A=…` is `#/<slug>?A=…`.
fn route_hash(hash: &str) -> String {
    match STATIC_CHAPTER.with(Cell::get) {
        Some(slug) if hash.is_empty() || hash == "#" => format!("#/{slug}"),
        Some(slug) if hash.starts_with("#?") => format!("#/{slug}{}", &hash[1..]),
        _ => hash.to_string(),
    }
}

/// On a chapter's static page, the address of another chapter's static page for a hash that names it
/// (`#/svd?A=1,2;3,4` → `../svd/#?A=1,2;3,4`); `None` for this chapter, an unknown one, or elsewhere.
fn other_static_page(hash: &str) -> Option<String> {
    let current = STATIC_CHAPTER.with(Cell::get)?;
    let rest = hash.strip_prefix("#/")?;
    let (slug, query) = rest.split_once('?').unwrap_or((rest, ""));
    let info = find(slug).filter(|info| info.slug != current)?;
    let state = if query.is_empty() { String::new() } else { format!("#?{query}") };
    Some(format!("{}{state}", chapter_href(info.slug)))
}

/// How a page hash (`#/<slug>?A=…`) is written in the address bar: on its own static page as `#?A=…`
/// (the default state: no hash at all, `None`), elsewhere as it is.
pub fn address_hash(hash: &str) -> Option<String> {
    let Some(slug) = STATIC_CHAPTER.with(Cell::get) else { return Some(hash.to_string()) };
    match hash.strip_prefix("#/").and_then(|h| h.strip_prefix(slug)) {
        Some("") => None,
        Some(rest) if rest.starts_with('?') => Some(format!("#{rest}")),
        _ => Some(hash.to_string()),
    }
}

/// Entry point: runs when the module loads. Starts the site only on the site's own page, whose
/// `<main id="app">` carries `data-linalg-site` (not the test harness page, not a page that loads
/// `linalg-figure.js`: there the element mounts each figure through `mountFigure`).
#[wasm_bindgen(start)]
pub fn start() {
    install_panic_notice();
    let Some(root) = document().ok().and_then(|d| d.get_element_by_id("app")).filter(|e| e.has_attribute("data-linalg-site")) else {
        return;
    };
    let Ok(window) = window() else { return };
    SITE.with(|site| site.set(true));
    let static_chapter = root.get_attribute("data-chapter").and_then(|slug| find(&slug)).map(|info| info.slug);
    STATIC_CHAPTER.with(|c| c.set(static_chapter));
    SITE_ROOT.with(|r| *r.borrow_mut() = root.get_attribute("data-site-root").unwrap_or_default());
    let hashchange = EventListener::new(&window, "hashchange", |_| route_current());
    let header = document().ok().and_then(|d| d.query_selector("header.site").ok().flatten());
    let picker = header.and_then(|h| theme::build_picker(&h, theme_changed).ok());
    APP.with(|app| *app.borrow_mut() = Some(App { root, mounted: None, _hashchange: hashchange, _theme_picker: picker }));
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
    let promise = navigator.service_worker().register(&format!("{}sw.js", site_root()));
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// The reader picked another theme: the mounted chapter redraws its figure in the new colours.
fn theme_changed() {
    APP.with(|app| {
        if let Ok(app) = app.try_borrow() {
            if let Some(Mounted::Chapter(view)) = app.as_ref().and_then(|a| a.mounted.as_ref()) {
                view.theme_changed();
            }
        }
    });
}

fn route_current() {
    let Ok(location) = window().map(|w| w.location()) else { return };
    let raw = location.hash().unwrap_or_default();
    // On a static page, a link to another chapter (`#/svd?…`, from the explanation) opens that
    // chapter's own static page, with the state after `#?`.
    if let Some(address) = other_static_page(&raw) {
        let _ = location.replace(&address);
        return;
    }
    let hash = route_hash(&raw);
    // The look first, so that the new page reads its figure colours from the right theme.
    let (look, embed) = match parse_hash(&hash) {
        Route::Chapter(link) => (Look::from_params(&link.params), link.embed),
        Route::Landing => (Look::default(), false),
    };
    if let Err(e) = theme::apply_site(&look, embed) {
        web_sys::console::warn_1(&e);
    }
    mount_in_app(&hash);
    // A new page starts at its top; the first one (a static page taken over) stays where the reader is.
    if let (Ok(w), true) = (window(), MOUNTED_ONCE.with(|m| m.replace(true))) {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Builds the page for `hash` in place of the one on show.
fn mount_in_app(hash: &str) {
    APP.with(|app| {
        let Ok(mut app) = app.try_borrow_mut() else { return };
        let Some(app) = app.as_mut() else { return };
        // Unmount first so the old page's listeners and frame are gone before the new DOM is built.
        app.mounted = None;
        match mount(&app.root, hash) {
            Ok(m) => app.mounted = Some(m),
            Err(e) => web_sys::console::error_2(&"linalg-live: could not build the page".into(), &e),
        }
    });
}

/// Builds the page on show again, where the reader is (the figure worker failed: its canvas is gone).
fn remount() {
    if let Ok(location) = window().map(|w| w.location()) {
        mount_in_app(&route_hash(&location.hash().unwrap_or_default()));
    }
}

/// Whether this module runs the site's own pages (not elements in someone else's page, not tests).
fn on_site() -> bool {
    SITE.with(Cell::get)
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
        Route::Chapter(link) => {
            let page = find(&link.slug).map(|info| Page::open(info, &link));
            match page {
                Some(page) => {
                    doc.set_title(&format!("{} {} · linalg-live", page.info().number, page.info().title));
                    Ok(Mounted::Chapter(ChapterView::mount(root, page)?))
                }
                None => {
                    let known = find(&link.slug);
                    doc.set_title("Not available · linalg-live");
                    root.set_text_content(None);
                    let wrap = add(root, "div", &[("class", "not-found")], None)?;
                    let text = match known {
                        Some(info) => format!("Chapter {} ({}) is not available yet.", info.number, info.title),
                        None => "There is no chapter at this address.".to_string(),
                    };
                    add(&wrap, "h1", &[], Some("Not here yet"))?;
                    add(&wrap, "p", &[("role", "alert")], Some(&text))?;
                    add(&wrap, "a", &[("href", &landing_href())], Some("See all chapters"))?;
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
        // In someone else's page (custom elements) the console is the place, not their page's body.
        if !on_site() {
            return;
        }
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
