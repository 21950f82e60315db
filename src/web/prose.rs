//! A chapter's explanation is not compiled into the module (it is a quarter of its size): the build
//! writes it, with the chapter's static page, to `<slug>/prose.html` (`src/prerender.rs`), and a page
//! that was not opened from that static page fetches it from the site's own origin.

use super::dom::{window, Res};
use super::site_root;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Response};

/// Fetches `<slug>/prose.html` and shows it in `article` (a note instead if it cannot be loaded).
pub(super) fn load(article: &Element, slug: &str) {
    let (article, url) = (article.clone(), format!("{}{slug}/prose.html", site_root()));
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_text(&url).await {
            // Trusted: our own static text, written by the build next to the module and fetched from
            // the site's origin only (the page's Content-Security-Policy allows no other). User text
            // never goes through here.
            Ok(html) => {
                article.set_inner_html(&html);
                let _ = super::chapter_view::focus_scrolling_math();
            }
            Err(_) => article.set_text_content(Some("The explanation could not be loaded. Reload the page to try again.")),
        }
    });
}

/// The text at `url` (an error for a failed request or a status that is not OK).
pub(super) async fn fetch_text(url: &str) -> Res<String> {
    let response: Response = JsFuture::from(window()?.fetch_with_str(url)).await?.dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str("not found"));
    }
    JsFuture::from(response.text()?).await?.as_string().ok_or_else(|| JsValue::from_str("not text"))
}
