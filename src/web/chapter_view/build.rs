//! The chapter page's fixed DOM, built once at mounting: title or embed bar, the figure with its
//! canvas and handle layer, tools, the slots for choices, timeline, editors, chart and readouts, the
//! code panel, the prose and the links to the neighbouring chapters.

use super::embed::{in_iframe, Host};
use crate::chapters::CHAPTERS;
use crate::page::Page;
use crate::web::dom::{add, set_attr, window, Res};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement};

/// The code panel's languages, in tab order.
pub(super) const LANGUAGES: [&str; 3] = ["numpy", "PyTorch", "nalgebra"];

/// The page's fixed elements.
pub(super) struct Dom {
    /// What the page was mounted into.
    pub root: Element,
    /// The square box holding the canvas and the handle layer.
    pub figure: Element,
    /// The figure's drawing.
    pub canvas: HtmlCanvasElement,
    /// Where the handle buttons go, over the canvas.
    pub handle_layer: Element,
    /// The sentence shown when the state cannot be drawn.
    pub figure_note: Element,
    /// The spoken summary of the figure.
    pub summary: Element,
    /// The alert about the link's problems.
    pub url_alert: Element,
    /// The snap-to-grid checkbox.
    pub snap: HtmlInputElement,
    /// Where the choices go.
    pub choices: Element,
    /// Where the timeline goes.
    pub timeline: Element,
    /// Where the input editors go.
    pub editors: Element,
    /// Where the chapter's chart goes (empty when it has none).
    pub chart_slot: Element,
    /// The results table.
    pub readouts: Element,
    /// The code text.
    pub code: Element,
    /// The code panel's language tabs, as [`LANGUAGES`].
    pub code_tabs: Vec<Element>,
    /// The code panel's Copy button.
    pub copy: Element,
    /// Where a failed copy is reported.
    pub copy_status: Element,
    /// The Fit button.
    pub fit: Element,
    /// The Zoom in button.
    pub zoom_in: Element,
    /// The Zoom out button.
    pub zoom_out: Element,
    /// The figure's toolbar.
    pub tools: Element,
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
        if *host == Host::Site {
            if let Some(body) = window()?.document().and_then(|d| d.body()) {
                body.class_list().toggle_with_force("embed", embed)?;
            }
        }
        if embed {
            let bar = add(&wrap, "p", &[("class", "embed-bar")], None)?;
            let site = match host {
                Host::Site => "",
                Host::Element { site_dir } => site_dir.as_str(),
            };
            let link = format!("{site}index.html{}", page.full_page_hash());
            add(
                &bar,
                "a",
                &[("href", &link), ("target", "_blank"), ("rel", "noopener")],
                Some(&format!("{} {} · linalg-live ↗", info.number, info.title)),
            )?;
        } else {
            let crumbs = add(&wrap, "nav", &[("class", "crumbs"), ("aria-label", "Breadcrumb")], None)?;
            add(&crumbs, "a", &[("href", &crate::web::landing_href())], Some("linalg-live"))?;
            add(&crumbs, "span", &[("aria-hidden", "true")], Some(" › "))?;
            add(&crumbs, "span", &[], Some(&format!("Chapter {}", info.number)))?;
            add(&wrap, "h1", &[], Some(&format!("{} {}", info.number, info.title)))?;
        }
        let url_alert = add(&wrap, "div", &[("class", "alert url-alert"), ("role", "alert"), ("hidden", "")], None)?;

        let grid = add(&wrap, "div", &[("class", "chapter-grid")], None)?;
        let panel = add(&grid, "section", &[("class", "figure-panel"), ("aria-label", "Interactive figure")], None)?;
        let figure = add(&panel, "div", &[("class", "figure")], None)?;
        // The drawing is an image named after the chapter and described by the spoken summary below it.
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
        let summary = add(&panel, "p", &[("class", "summary"), ("id", "figure-summary"), ("aria-live", "polite")], None)?;

        let tools = add(&panel, "div", &[("class", "figure-tools")], None)?;
        let zoom_out = add(&tools, "button", &[("type", "button"), ("aria-label", "Zoom out")], Some("−"))?;
        let zoom_in = add(&tools, "button", &[("type", "button"), ("aria-label", "Zoom in")], Some("+"))?;
        let fit = add(&tools, "button", &[("type", "button")], Some("Fit"))?;
        let snap_label = add(&tools, "label", &[("class", "check")], None)?;
        let snap: HtmlInputElement = add(&snap_label, "input", &[("type", "checkbox")], None)?.dyn_into()?;
        snap.set_checked(page.snap());
        add(&snap_label, "span", &[], Some("Snap to grid"))?;

        let choices = add(&panel, "div", &[("class", "choices")], None)?;
        let timeline = add(&panel, "div", &[("class", "timeline")], None)?;
        let editors = add(&panel, "div", &[("class", "editors")], None)?;
        let chart_slot = add(&panel, "div", &[("class", "chart-slot")], None)?;
        let readout_box = add(&panel, "section", &[("class", "readout-box"), ("aria-label", "Results")], None)?;
        add(&readout_box, "h2", &[], Some("Results"))?;
        let readouts = add(&readout_box, "table", &[("class", "readouts")], None)?;

        let code_panel = add(&panel, "section", &[("class", "code-panel"), ("aria-label", "Code")], None)?;
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
        let copy = add(&tabs, "button", &[("type", "button"), ("class", "copy")], Some("Copy"))?;
        let copy_status = add(&tabs, "span", &[("class", "copy-status"), ("role", "alert")], None)?;
        let pre = add(&code_panel, "pre", &[("role", "tabpanel"), ("id", "code-tabpanel"), ("tabindex", "0")], None)?;
        let code = add(&pre, "code", &[], None)?;

        let dom = Dom {
            root: root.clone(),
            figure,
            canvas,
            handle_layer,
            figure_note,
            summary,
            url_alert,
            snap,
            choices,
            timeline,
            editors,
            chart_slot,
            readouts,
            code,
            code_tabs,
            copy,
            copy_status,
            fit,
            zoom_in,
            zoom_out,
            tools,
        };
        if !embed {
            add_prose_and_neighbours(&wrap, &grid, page, kept_prose)?;
        }
        Ok(dom)
    }
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

/// The explanation beside the figure, and the links to the previous and next chapters.
fn add_prose_and_neighbours(wrap: &Element, grid: &Element, page: &Page, kept: Option<Element>) -> Res<()> {
    let slug = page.info().slug;
    match kept.filter(|article| article.get_attribute("data-prose").as_deref() == Some(slug)) {
        Some(article) => {
            grid.append_child(&article)?;
        }
        None => {
            let article = add(grid, "article", &[("class", "prose"), ("data-prose", slug)], None)?;
            crate::web::prose::load(&article, slug);
        }
    }

    let nav = add(wrap, "nav", &[("class", "prevnext"), ("aria-label", "Chapters")], None)?;
    let index = CHAPTERS.iter().position(|c| c.slug == page.info().slug).unwrap_or(0);
    for (offset, rel, arrow) in [(-1i32, "prev", "← "), (1, "next", " →")] {
        let slot = add(&nav, "div", &[("class", rel)], None)?;
        let Some(other) = index.checked_add_signed(offset as isize).and_then(|i| CHAPTERS.get(i)) else { continue };
        let label =
            format!("{}{} {}{}", if offset < 0 { arrow } else { "" }, other.number, other.title, if offset > 0 { arrow } else { "" });
        add(&slot, "a", &[("href", &crate::web::chapter_href(other.slug)), ("rel", rel)], Some(&label))?;
    }
    Ok(())
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
