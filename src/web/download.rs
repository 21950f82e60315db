//! Files the page hands to the reader: a blob saved through a temporary object URL and an
//! `<a download>` click (no request), and the one "Download notebook" action of the share dialog and
//! the code panel.

use super::dom::{el, window, Res};
use crate::notebook;
use crate::page::Page;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement};

/// What the share dialog and the code panel say when the browser would not save the notebook.
pub const NOTEBOOK_FAILED: &str = "The browser did not save the notebook: try again, or copy the code instead.";

/// Saves a blob under a file name through a temporary object URL.
pub fn blob(blob: &Blob, name: &str) -> Res<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let link: HtmlAnchorElement = el("a", &[("href", &url), ("download", name)], None)?.dyn_into()?;
    link.click();
    // Revoked a moment later: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Saves `text` as a file of media type `mime` named `name`.
pub fn text(text: &str, mime: &str, name: &str) -> Res<()> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    blob(&Blob::new_with_str_sequence_and_options(&parts, &options)?, name)
}

/// Builds the notebook of the page's current state in the browser and saves it. `site_page` is the
/// address its link back starts from: the site's page (`location.href` on the site, the site's
/// `index.html` for a `<linalg-figure>`); its hash is replaced by this state's.
pub fn notebook(page: &Page, site_page: &str, numpy: &str) -> Res<()> {
    let notebook = notebook::build(page, site_page, numpy);
    text(&notebook.to_json(), notebook::MIME_TYPE, notebook.file_name())
}
