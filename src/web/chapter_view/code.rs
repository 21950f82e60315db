//! The code panel: the code that reproduces the state in the selected language, the language tabs,
//! the Copy button, and Download notebook (the numpy code with the figure, as a Jupyter notebook).

use super::build::Dom;
use super::{request_frame, save_notebook, Shared};
use crate::chapter::{AnyChapter, CodeBook};
use crate::web::dom::{set_attr, set_text, window};
use crate::web::download::NOTEBOOK_FAILED;
use crate::web::prose::fetch_text;
use gloo_events::EventListener;
use std::rc::{Rc, Weak};

/// Writes the chapter's code in the language of tab `tab` and marks that tab selected. While the code
/// book loads, the panel keeps what it shows (a static page's code of its state).
pub(super) fn show(dom: &Dom, chapter: &dyn AnyChapter, tab: usize, book: Option<&Result<CodeBook, ()>>) {
    match book {
        Some(Ok(book)) => {
            let code = chapter.code().text(book);
            let text = match tab {
                1 => &code.torch,
                2 => &code.nalgebra,
                _ => &code.numpy,
            };
            set_text(&dom.code, text);
        }
        Some(Err(())) => set_text(&dom.code, CODE_FAILED),
        None => {}
    }
    set_text(&dom.copy, "Copy");
    for (i, button) in dom.code_tabs.iter().enumerate() {
        let _ = set_attr(button, "aria-selected", if i == tab { "true" } else { "false" });
    }
}

/// What the code panel says when the chapter's code book could not be fetched.
const CODE_FAILED: &str = "The code could not be loaded. Reload the page to try again.";

/// Fetches the chapter's code book (`<slug>/code.txt` of the site the module came from) and shows
/// the code once it is there.
pub(super) fn load_book(shared: &Rc<Shared>) {
    let Ok(view) = shared.view.try_borrow() else { return };
    let url = format!("{}{}/code.txt", view.host.site_root(), view.page.info().slug);
    let link = Rc::downgrade(shared);
    wasm_bindgen_futures::spawn_local(async move {
        let book = fetch_text(&url).await.ok().and_then(|text| CodeBook::parse(&text).ok()).ok_or(());
        let Some(shared) = link.upgrade() else { return };
        if let Ok(mut view) = shared.view.try_borrow_mut() {
            view.code_book = Some(book);
            view.pending.state = true;
        }
        request_frame(&shared);
    });
}

/// The tabs', the Copy button's and the Download notebook button's listeners. A tab is the shell's own state, not the page's: it is
/// set here and the text is rewritten in the next frame.
pub(super) fn wire(dom: &Dom, link: &Weak<Shared>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    for (i, tab) in dom.code_tabs.iter().enumerate() {
        let w = link.clone();
        listeners.push(EventListener::new(tab, "click", move |_| {
            if let Some(shared) = w.upgrade() {
                if let Ok(mut view) = shared.view.try_borrow_mut() {
                    view.code_tab = i;
                    view.pending.state = true;
                }
                request_frame(&shared);
            }
        }));
    }
    let (w, status) = (link.clone(), dom.copy_status.clone());
    listeners.push(EventListener::new(&dom.notebook, "click", move |_| {
        let Some(shared) = w.upgrade() else { return };
        match save_notebook(&shared) {
            Ok(()) => set_text(&status, ""),
            Err(e) => {
                web_sys::console::warn_1(&e);
                set_text(&status, NOTEBOOK_FAILED);
            }
        }
    }));
    let (code, status, copy) = (dom.code.clone(), dom.copy_status.clone(), dom.copy.clone());
    listeners.push(EventListener::new(&dom.copy, "click", move |_| {
        let text = code.text_content().unwrap_or_default();
        let (status, copy) = (status.clone(), copy.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let result = match window() {
                Ok(w) => wasm_bindgen_futures::JsFuture::from(w.navigator().clipboard().write_text(&text)).await.map(|_| ()),
                Err(e) => Err(e),
            };
            set_text(&copy, if result.is_ok() { "Copied" } else { "Copy" });
            set_text(&status, if result.is_ok() { "" } else { "Could not copy: select the code and copy it by hand." });
        });
    }));
    listeners
}
