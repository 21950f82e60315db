//! What the page tells its surroundings and hears from them: where it is mounted, its state in the
//! address bar (when a drag or a slide ends, otherwise at most every [`URL_THROTTLE_MS`]), its height
//! and state to the page that embeds it in an iframe and that page's requests (`host_api`), and the
//! problems of the link it was opened from.

use super::Throttle;
use crate::host_api::Request;
use crate::page::Page;
use crate::web::dom::{set_hidden, set_text, window, Res};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Least time between two URL rewrites while the state keeps changing (the reader typing, or holding
/// down a key), in ms.
const URL_THROTTLE_MS: f64 = 250.0;

/// Where a chapter view is mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// The site's own page (full, or `embed=1` in an iframe): it owns the URL and the body.
    Site,
    /// A `<linalg-figure>` in someone else's page: never touches that page's URL, body or theme; its
    /// link back points into `site_dir`, the site's folder.
    Element {
        /// The site's folder, ending in `/`.
        site_dir: String,
    },
}

impl Host {
    /// The way from the host page to the site's folder, for links into the site and its files.
    pub(super) fn site_root(&self) -> String {
        match self {
            Host::Site => crate::web::site_root(),
            Host::Element { site_dir } => site_dir.clone(),
        }
    }
}

/// Writes the page's hash into the address bar (without a history entry) when it is owed and the
/// last rewrite is old enough. A pointer `gesture` (a drag, a slider held) writes it once, when it
/// ends: the browser's rewrite of the address costs a frame's worth of time.
pub(super) fn sync_url(url: &mut Throttle, page: &Page, now: f64, gesture: bool) -> Res<()> {
    if !(url.dirty && url.due(now, URL_THROTTLE_MS)) || gesture {
        return Ok(());
    }
    write_url(url, page, now, false)
}

/// Writes the page's hash into the address bar as a new history entry, at once.
pub(super) fn push_url(url: &mut Throttle, page: &Page, now: f64) -> Res<()> {
    write_url(url, page, now, true)
}

/// Writes the page's state into the address bar, as a new history entry or in place of the current
/// one, unless it is there already. On a chapter's static page the state follows `#?`, and the
/// default state has no hash at all.
fn write_url(url: &mut Throttle, page: &Page, now: f64, new_entry: bool) -> Res<()> {
    let window = window()?;
    let location = window.location();
    let (hash, address) = match crate::web::address_hash(&page.hash()) {
        Some(hash) => (hash.clone(), hash),
        None => (String::new(), location.pathname()? + &location.search()?),
    };
    if location.hash().ok().as_deref() != Some(hash.as_str()) {
        let history = window.history()?;
        if new_entry {
            history.push_state_with_url(&JsValue::NULL, "", Some(&address))?;
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&address))?;
        }
    }
    url.done(now);
    Ok(())
}

/// Whether the page runs inside a frame of another page.
pub(super) fn in_iframe() -> bool {
    window().ok().and_then(|w| w.parent().ok().flatten().map(|p| p != w)).unwrap_or(false)
}

/// Tells the embedding page how tall the document is (`{"height": px}`) whenever that changes, for
/// any reason (content, width, a font arriving): a ResizeObserver on the document's root element.
pub(super) fn watch_height() -> Res<super::SizeWatch> {
    let root = window()?.document().and_then(|d| d.document_element()).ok_or("no document element")?;
    let (watched, last) = (root.clone(), std::cell::Cell::new(f64::NAN));
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        // The root's own box: its content's height (scrollHeight would never report less than the
        // frame is tall, so a frame could grow but never shrink to a smaller figure).
        let height = watched.get_bounding_client_rect().height().ceil();
        if height == last.get() {
            return;
        }
        last.set(height);
        let message = js_sys::Object::new();
        if js_sys::Reflect::set(&message, &"height".into(), &height.into()).is_ok() {
            post_to_parent(&message);
        }
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
    observer.observe(&root);
    Ok((observer, on_resize))
}

/// Shows what was wrong with the link (the chapter then opened with its default example) and with
/// its theme and accent (the state is kept), or hides the alert; and in `in_page`, beside the figure,
/// why a link followed inside the page could not set the figure.
pub(super) fn show_link_problems(alert: &Element, in_page: &Element, page: &Page) -> Res<()> {
    let refused = page.link_problems();
    set_hidden(in_page, refused.is_empty())?;
    if !refused.is_empty() {
        set_text(in_page, &format!("That link could not set the figure, which is unchanged. {}", refused.join(" ")));
    }
    let problems = page.url_problems();
    let mut sentences = Vec::new();
    if !problems.is_empty() {
        sentences
            .push(format!("This link's state could not be used, so the chapter opens with its default example. {}", problems.join(" ")));
    }
    // Theme and accent problems name their parameter; the chapter state is kept.
    sentences.extend(page.look().problems.iter().cloned());
    set_hidden(alert, sentences.is_empty())?;
    if !sentences.is_empty() {
        set_text(alert, &sentences.join(" "));
    }
    Ok(())
}

/// Posts `message` to the window that frames this page, for any origin: the height and the state
/// report hold only what the address shows and what follows from it, so any embedding page may read
/// them.
fn post_to_parent(message: &JsValue) {
    if let Ok(Some(parent)) = window().and_then(|w| w.parent()) {
        let _ = parent.post_message(message, "*");
    }
}

/// Where the figure reports its state after every finished gesture, and in answer to a host
/// (`host_api`).
pub(super) enum Reporter {
    /// The site's own page: nobody.
    Nobody,
    /// An `embed=1` page in an iframe: the parent window, by `postMessage`.
    Parent,
    /// A `<linalg-figure>`: its callback, which fires the `linalg-change` event.
    Callback(js_sys::Function),
}

impl Reporter {
    /// Sends the report (JSON text from `host_api::report`) as an object. The report holds only what
    /// the address shows (the state) and the readouts computed from it, so, like the height, any
    /// embedding page may read it.
    pub(super) fn send(&self, report: &str) {
        let Ok(message) = js_sys::JSON::parse(report) else { return };
        match self {
            Reporter::Nobody => {}
            Reporter::Parent => post_to_parent(&message),
            Reporter::Callback(f) => {
                let _ = f.call1(&JsValue::NULL, &message);
            }
        }
    }
}

/// Listens for the host's requests (`linalg:set`, `linalg:get`) in an iframe: only messages from the
/// parent window are believed (the page that framed us, whatever its origin); anything that is not a
/// well-formed request is ignored. `on_request` gets each request.
pub(super) fn host_requests(on_request: impl Fn(Request) + 'static) -> Res<gloo_events::EventListener> {
    let window = window()?;
    let parent = window.parent()?.ok_or("no parent window")?;
    Ok(gloo_events::EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
        let from_parent = event.source().is_some_and(|source| js_sys::Object::is(&source, &parent));
        if !from_parent {
            return;
        }
        let Some(text) = js_sys::JSON::stringify(&event.data()).ok().and_then(|t| t.as_string()) else { return };
        if let Some(request) = Request::parse(&text) {
            on_request(request);
        }
    }))
}
