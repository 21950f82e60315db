//! The chapter page's fixed DOM, built once at mounting: title or embed bar, the figure panel — its
//! stage (the figure with its canvas and handle layer, caption, tools, choices and timeline, which
//! stay in view) and the sections that scroll beside or under it (chart, editors, results, code) —
//! the prose and the links to the neighbouring chapters.

use super::embed::{in_iframe, Host};
use super::picture::PicturePanel;
use crate::chapters::CHAPTERS;
use crate::page::Page;
use crate::state::parts::Part;
use crate::web::dom::{add, media_matches, set_attr, window, Res};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement};

/// The code panel's languages, in tab order.
pub(super) const LANGUAGES: [&str; 3] = ["numpy", "PyTorch", "nalgebra"];

/// The page's fixed elements.
pub(super) struct Dom {
    /// What the page was mounted into.
    pub root: Element,
    /// The page's wrapper (`.chapter-page`), which marks the parts left out.
    pub page: Element,
    /// The box holding the canvas and the handle layer (square on phones; on wide screens as tall as
    /// the window allows).
    pub figure: Element,
    /// The figure's drawing.
    pub canvas: HtmlCanvasElement,
    /// Where the handle buttons go, over the canvas.
    pub handle_layer: Element,
    /// The sentence shown when the state cannot be drawn.
    pub figure_note: Element,
    /// The caption under the figure: what it shows now, rewritten with the figure (also during a drag).
    pub caption: Element,
    /// The spoken summary of the figure (the polite live region, rewritten when a gesture ends).
    pub summary: Element,
    /// The alert about the link's problems.
    pub url_alert: Element,
    /// The alert about a link in the page that could not set the figure.
    pub link_alert: Element,
    /// The snap-to-grid checkbox.
    pub snap: HtmlInputElement,
    /// Its label (hidden when nothing can be dragged).
    pub snap_label: Element,
    /// Where the choices go.
    pub choices: Element,
    /// Where the timeline goes.
    pub timeline: Element,
    /// Where the input editors go.
    pub editors: Element,
    /// Where the chapter's chart goes (empty when it has none).
    pub chart_slot: Element,
    /// The reader's own picture: picker, switches, progress (hidden where none is taken).
    pub picture: PicturePanel,
    /// The results table.
    pub readouts: Element,
    /// The code text.
    pub code: Element,
    /// The code panel's language tabs, as [`LANGUAGES`].
    pub code_tabs: Vec<Element>,
    /// The code panel's Copy button.
    pub copy: Element,
    /// The code panel's Download notebook button.
    pub notebook: Element,
    /// Where a failed copy or download is reported.
    pub copy_status: Element,
    /// The Fit button.
    pub fit: Element,
    /// The Zoom in button.
    pub zoom_in: Element,
    /// The Zoom out button.
    pub zoom_out: Element,
    /// The Undo button.
    pub undo: Element,
    /// The Redo button.
    pub redo: Element,
    /// The Reset button.
    pub reset: Element,
    /// The figure's toolbar.
    pub tools: Element,
    /// The chapter's explanation (none when `show=` leaves it out, as an embed does by default, and
    /// in an element).
    pub prose: Option<Element>,
}

/// Whether the window is wide enough for the figure beside the text (style.css's breakpoint): the
/// editors, results and code start open there, and closed on phones, under the figure.
const WIDE: &str = "(min-width: 1024px)";

/// The keys of Undo and Redo, for `aria-keyshortcuts` (⌘ on macOS, Ctrl elsewhere).
fn shortcuts() -> (&'static str, &'static str) {
    let mac = window().ok().and_then(|w| w.navigator().platform().ok()).is_some_and(|p| p.starts_with("Mac"));
    if mac {
        ("Meta+Z", "Meta+Shift+Z")
    } else {
        ("Control+Z", "Control+Shift+Z Control+Y")
    }
}

/// A section of the panel that the reader can open and close: `<details>` with its heading.
fn section(parent: &Element, class: &str, title: &str, open: bool) -> Res<Element> {
    let details = add(parent, "details", &[("class", &format!("panel-section {class}"))], None)?;
    if open {
        details.set_attribute("open", "")?;
    }
    let summary = add(&details, "summary", &[], None)?;
    add(&summary, "h2", &[], Some(title))?;
    Ok(details)
}

impl Dom {
    /// Builds the page into `root`, replacing its content.
    pub fn build(root: &Element, page: &Page, host: &Host) -> Res<Dom> {
        // A static page's explanation (or the last chapter's) is kept, to be shown again without a fetch.
        let kept_prose = root.query_selector("article.prose[data-prose]")?;
        root.set_text_content(None);
        let info = page.info();
        let embed = page.embed();
        let wrap = add(root, "div", &[("class", if embed { "chapter-page embedded" } else { "chapter-page" })], None)?;
        hide_parts(&wrap, page)?;
        if *host == Host::Site {
            if let Some(body) = window()?.document().and_then(|d| d.body()) {
                body.class_list().toggle_with_force("embed", embed)?;
            }
        }
        let grid = add(&wrap, "div", &[("class", "chapter-grid")], None)?;
        // The title and the link's alert head the text column (beside the figure on wide screens).
        let head = add(&grid, "div", &[("class", "chapter-head")], None)?;
        if embed {
            let bar = add(&head, "p", &[("class", "embed-bar")], None)?;
            let link = format!("{}index.html{}", host.site_root(), page.full_page_hash());
            add(
                &bar,
                "a",
                &[("href", &link), ("target", "_blank"), ("rel", "noopener")],
                Some(&format!("{} {} · linalg-live ↗", info.number, info.title)),
            )?;
        } else {
            let crumbs = add(&head, "nav", &[("class", "crumbs"), ("aria-label", "Breadcrumb")], None)?;
            add(&crumbs, "a", &[("href", &crate::web::landing_href())], Some("linalg-live"))?;
            add(&crumbs, "span", &[("aria-hidden", "true")], Some(" › "))?;
            add(&crumbs, "span", &[], Some(&format!("Chapter {}", info.number)))?;
            add(&head, "h1", &[], Some(&format!("{} {}", info.number, info.title)))?;
        }
        let url_alert = add(&head, "div", &[("class", "alert url-alert"), ("role", "alert"), ("hidden", "")], None)?;

        let panel = add(&grid, "section", &[("class", "figure-panel"), ("aria-label", "Interactive figure")], None)?;
        // The figure with everything that acts on it stays in view; the rest scrolls beside or under it.
        let stage = add(&panel, "div", &[("class", "figure-stage")], None)?;
        let figure = add(&stage, "div", &[("class", "figure")], None)?;
        // The drawing is an image named after the chapter and described by the spoken summary.
        let figure_name =
            format!("Figure: {}. Drag the handles or use the controls below; the sentence under the figure says what changed.", info.title);
        let canvas: HtmlCanvasElement =
            add(&figure, "canvas", &[("role", "img"), ("aria-label", &figure_name), ("aria-describedby", "figure-summary")], None)?
                .dyn_into()?;
        let handle_layer = add(&figure, "div", &[("class", "handle-layer")], None)?;
        let figure_note = add(&figure, "p", &[("class", "figure-note"), ("hidden", "")], None)?;
        if embed && (in_iframe() || *host != Host::Site) {
            add_activation(&figure)?;
        }
        // What the figure shows, twice: a caption that follows every frame (hidden from screen readers,
        // which would otherwise hear every step of a drag), and the polite live region, rewritten when
        // a gesture ends, which they read.
        let caption = add(&stage, "p", &[("class", "caption"), ("aria-hidden", "true")], None)?;
        let summary = add(&stage, "p", &[("class", "summary"), ("id", "figure-summary"), ("aria-live", "polite")], None)?;

        let tools = add(&stage, "div", &[("class", "figure-tools")], None)?;
        let history = add(&tools, "div", &[("class", "tool-group"), ("role", "group"), ("aria-label", "History")], None)?;
        let (undo_keys, redo_keys) = shortcuts();
        let undo = add(&history, "button", &[("type", "button"), ("class", "undo"), ("aria-keyshortcuts", undo_keys)], Some("Undo"))?;
        let redo = add(&history, "button", &[("type", "button"), ("class", "redo"), ("aria-keyshortcuts", redo_keys)], Some("Redo"))?;
        let reset = add(&history, "button", &[("type", "button"), ("class", "reset")], Some("Reset"))?;
        let view = add(&tools, "div", &[("class", "tool-group"), ("role", "group"), ("aria-label", "View")], None)?;
        let zoom_out = add(&view, "button", &[("type", "button"), ("aria-label", "Zoom out")], Some("−"))?;
        let zoom_in = add(&view, "button", &[("type", "button"), ("aria-label", "Zoom in")], Some("+"))?;
        let fit = add(&view, "button", &[("type", "button")], Some("Fit"))?;
        let snap_label = add(&tools, "label", &[("class", "check")], None)?;
        let snap: HtmlInputElement = add(&snap_label, "input", &[("type", "checkbox")], None)?.dyn_into()?;
        snap.set_checked(page.snap());
        add(&snap_label, "span", &[], Some("Snap to grid"))?;
        let link_alert = add(&stage, "p", &[("class", "alert link-alert"), ("role", "alert"), ("hidden", "")], None)?;

        let choices = add(&stage, "div", &[("class", "choices")], None)?;
        let picture = PicturePanel::build(&stage)?;
        let timeline = add(&stage, "div", &[("class", "timeline")], None)?;

        let scroll = add(&panel, "div", &[("class", "panel-scroll")], None)?;
        // Open on wide screens and in embeds; on phones the editors and code start closed, so that the
        // text follows the figure and its results (style.css's narrow layout).
        let open = embed || *host != Host::Site || media_matches(WIDE);
        let inputs = section(&scroll, "inputs", "Edit the inputs", open)?;
        let editors = add(&inputs, "div", &[("class", "editors")], None)?;
        let chart_slot = add(&scroll, "div", &[("class", "chart-slot")], None)?;
        // The results stay open; on a phone they scroll in a box of their own (a keyboard-focusable
        // region there), so that the text is not pushed screens down.
        let readout_box = section(&scroll, "readout-box", "Results", true)?;
        let holder = if open {
            add(&readout_box, "div", &[("class", "readouts-scroll")], None)?
        } else {
            add(
                &readout_box,
                "div",
                &[("class", "readouts-scroll"), ("tabindex", "0"), ("role", "region"), ("aria-label", "Results, scrolling")],
                None,
            )?
        };
        let readouts = add(&holder, "table", &[("class", "readouts")], None)?;

        let code_panel = section(&scroll, "code-panel", "Code", open)?;
        let tabs = add(&code_panel, "div", &[("class", "tabs")], None)?;
        let tablist = add(&tabs, "div", &[("role", "tablist"), ("aria-label", "Language")], None)?;
        let mut code_tabs = Vec::new();
        for (i, name) in LANGUAGES.iter().enumerate() {
            let selected = if i == 0 { "true" } else { "false" };
            let attrs = [("type", "button"), ("role", "tab"), ("aria-selected", selected), ("aria-controls", "code-tabpanel")];
            code_tabs.push(add(&tablist, "button", &attrs, Some(name))?);
        }
        // Success shows on the focused button itself ("Copied"); only a failure needs an alert. The
        // figure's summary stays the page's one polite live region.
        let actions = add(&tabs, "div", &[("class", "code-actions")], None)?;
        let copy = add(&actions, "button", &[("type", "button"), ("class", "copy")], Some("Copy"))?;
        let notebook = add(&actions, "button", &[("type", "button"), ("class", "notebook")], Some("Download notebook"))?;
        let copy_status = add(&tabs, "span", &[("class", "copy-status"), ("role", "alert")], None)?;
        let pre = add(&code_panel, "pre", &[("role", "tabpanel"), ("id", "code-tabpanel"), ("tabindex", "0")], None)?;
        let code = add(&pre, "code", &[], None)?;

        // The text belongs to the site: an element in another page never shows it (its links lead
        // around the site).
        let text = page.parts().contains(Part::Text) && *host == Host::Site;
        let prose = if text { Some(add_prose_and_neighbours(&grid, page, kept_prose)?) } else { None };
        Ok(Dom {
            root: root.clone(),
            page: wrap,
            figure,
            canvas,
            handle_layer,
            figure_note,
            caption,
            summary,
            url_alert,
            link_alert,
            snap,
            snap_label,
            choices,
            timeline,
            editors,
            chart_slot,
            picture,
            readouts,
            code,
            code_tabs,
            copy,
            notebook,
            copy_status,
            fit,
            zoom_in,
            zoom_out,
            undo,
            redo,
            reset,
            tools,
            prose,
        })
    }
}

/// Marks the parts `page` leaves out (`show=`) on the page's wrapper, for style.css
/// (`[data-hide~=code]`): hidden by the stylesheet, so that nothing the frame loop shows or hides can
/// bring them back.
pub(super) fn hide_parts(wrap: &Element, page: &Page) -> Res<()> {
    let parts = page.parts();
    let hidden: Vec<&str> = Part::ALL.iter().filter(|p| !parts.contains(**p)).map(|p| p.name()).collect();
    set_attr(wrap, "data-hide", &hidden.join(" "))
}

/// Inside a host page the figure ignores touches and drags until the reader asks for it, so that
/// scrolling the host page over it keeps scrolling the page.
fn add_activation(figure: &Element) -> Res<()> {
    figure.class_list().add_1("inactive")?;
    let activate = add(figure, "button", &[("type", "button"), ("class", "activate")], Some("Click to interact"))?;
    let (figure, done) = (figure.clone(), activate.clone());
    gloo_events::EventListener::once(&activate, "click", move |_| {
        let _ = figure.class_list().remove_1("inactive");
        done.remove();
    })
    .forget();
    Ok(())
}

/// The explanation beside the figure (the one a static page or the last chapter left, `kept`, when
/// it is this chapter's; else fetched), and the links to the previous and next chapters; returns the
/// explanation.
fn add_prose_and_neighbours(grid: &Element, page: &Page, kept: Option<Element>) -> Res<Element> {
    let slug = page.info().slug;
    let prose = match kept.filter(|article| article.get_attribute("data-prose").as_deref() == Some(slug)) {
        Some(article) => {
            grid.append_child(&article)?;
            article
        }
        None => {
            let article = add(grid, "article", &[("class", "prose"), ("data-prose", slug)], None)?;
            crate::web::prose::load(&article, slug);
            article
        }
    };

    // In the text's column, so that on wide screens the figure beside it stays in view to the end.
    let nav = add(grid, "nav", &[("class", "prevnext"), ("aria-label", "Chapters")], None)?;
    let index = CHAPTERS.iter().position(|c| c.slug == page.info().slug).unwrap_or(0);
    for (offset, rel, arrow) in [(-1i32, "prev", "← "), (1, "next", " →")] {
        let slot = add(&nav, "div", &[("class", rel)], None)?;
        let Some(other) = index.checked_add_signed(offset as isize).and_then(|i| CHAPTERS.get(i)) else { continue };
        let label =
            format!("{}{} {}{}", if offset < 0 { arrow } else { "" }, other.number, other.title, if offset > 0 { arrow } else { "" });
        add(&slot, "a", &[("href", &crate::web::chapter_href(other.slug)), ("rel", rel)], Some(&label))?;
    }
    Ok(prose)
}

/// Makes each display formula that is too wide for its column (and so scrolls sideways) reachable by
/// the keyboard, so that it can be scrolled without a mouse; formulas that fit take no tab stop.
pub(crate) fn focus_scrolling_math() -> Res<()> {
    let formulas = window()?.document().ok_or("no document")?.query_selector_all(".prose math[display=block]")?;
    for i in 0..formulas.length() {
        let Some(formula) = formulas.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        if formula.scroll_width() > formula.client_width() {
            set_attr(&formula, "tabindex", "0")?;
        } else {
            formula.remove_attribute("tabindex")?;
        }
    }
    Ok(())
}
