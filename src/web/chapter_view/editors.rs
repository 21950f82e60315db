//! The input editors: per input a fieldset with its cells (a long list of points in a compact table
//! that scrolls), a slider for a scalar that has one, the buttons that add or remove rows and columns,
//! and a paste box for inputs that take points. Typing sends [`Msg::EditCell`]; Enter, leaving the
//! cell, or pasting a whole matrix into it sends [`Msg::CommitCell`]. A rebuild keeps the focus on the
//! control being typed in or slid, and values are never rewritten under the reader's cursor.

use super::{send, send_now, Shared};
use crate::chapter::{AnyChapter, InputKind, InputView};
use crate::format::display_shape;
use crate::page::{CellError, Msg};
use crate::state::matrix::{MAX_DIM, MAX_ROWS};
use crate::state::number::format_number;
use crate::state::typed::{classify, CellText};
use crate::web::dom::{add, html, set_attr, set_hidden, set_text, window, Res};
use gloo_events::{EventListener, EventListenerOptions};
use std::collections::BTreeMap;
use std::rc::Weak;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlInputElement, KeyboardEvent};

/// The editors as built: each input's cells, slider and message, and what was last written into
/// them, so that a frame compares numbers with numbers and touches only the controls whose value
/// changed (reading a cell back from the page costs more than formatting it).
#[derive(Default)]
pub(super) struct Editors {
    editors: Vec<Editor>,
}

/// One input's controls.
struct Editor {
    name: &'static str,
    slider: Option<HtmlInputElement>,
    /// Each cell's row, column and field.
    cells: Vec<(usize, usize, Control)>,
    /// Where the input's error or note shows.
    alert: Element,
    /// The error last shown (`None` before the first time).
    error: Option<Option<CellError>>,
}

/// A cell's text field and the text it is known to show (`None`: unknown, read it back).
struct Control {
    field: HtmlInputElement,
    shown: Option<String>,
}

/// Rebuilds every input's editor in `parent`, adding their listeners to `listeners`.
pub(super) fn build(parent: &Element, chapter: &dyn AnyChapter, link: &Weak<Shared>, listeners: &mut Vec<EventListener>) -> Res<Editors> {
    // Rebuilding replaces the editors: the control being typed in or slid keeps the focus.
    let refocus = focused_control(parent);
    parent.set_text_content(None);
    let mut editors = Editors::default();
    for input in chapter.inputs().into_iter().filter(|i| i.shown) {
        editors.editors.push(build_editor(parent, &input, link, listeners)?);
    }
    if let Some(selector) = refocus {
        if let Some(control) = parent.query_selector(&selector)?.and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
            control.focus()?;
            if control.type_() == "text" {
                let end = control.value().len() as u32;
                control.set_selection_range(end, end)?;
            }
        }
    }
    Ok(editors)
}

/// One input's fieldset.
fn build_editor(parent: &Element, input: &InputView, link: &Weak<Shared>, listeners: &mut Vec<EventListener>) -> Res<Editor> {
    let (rows, cols) = input.value.shape();
    let editable = input.editable();
    let set = add(parent, "fieldset", &[("class", "editor"), ("data-input", input.name)], None)?;
    let legend = add(&set, "legend", &[], None)?;
    add(&legend, "span", &[("class", "name")], Some(input.name))?;
    let shape = match input.kind {
        InputKind::Scalar => "number".to_string(),
        InputKind::Vector if rows == 1 => "1 entry".to_string(),
        InputKind::Vector => format!("{rows} entries"),
        InputKind::Matrix => display_shape(&input.value),
    };
    add(&legend, "span", &[("class", "shape")], Some(&shape))?;
    let long = input.long();
    let holder = if long { add(&set, "div", &[("class", "cells-scroll")], None)? } else { set.clone() };
    let grid = add(&holder, "div", &[("class", if long { "cells long" } else { "cells" })], None)?;
    // Through the CSSOM, not a style attribute: the Content-Security-Policy forbids inline styles.
    html(&grid)?.style().set_property("--cols", &cols.to_string())?;
    if let Some(note) = &input.note {
        add(&set, "p", &[("class", "editor-note")], Some(note))?;
    }
    let mut cells = Vec::new();
    for r in 0..if editable { rows } else { 0 } {
        if long {
            // The cells' names carry the row for screen readers; the number is for the eye.
            add(&grid, "span", &[("class", "row-number"), ("aria-hidden", "true")], Some(&(r + 1).to_string()))?;
        }
        for c in 0..cols {
            cells.push((r, c, add_cell(&grid, input, r, c, link, listeners)?));
        }
    }
    let mut slider_field = None;
    if let Some(range) = input.slider.filter(|_| input.kind == InputKind::Scalar) {
        let value = input.value.get(0).copied().unwrap_or(range.min);
        let slider: HtmlInputElement = add(
            &set,
            "input",
            &[
                ("type", "range"),
                ("class", "slider"),
                ("min", &format_number(range.min)),
                ("max", &format_number(range.max)),
                ("step", &format_number(range.step)),
                ("aria-label", &format!("{} slider", input.name)),
                ("data-slider", input.name),
            ],
            None,
        )?
        .dyn_into()?;
        slider.set_value(&format_number(value));
        // A step is applied at once: a held slider's steps come with the pointer's moves, once a frame.
        let (w, name, s2) = (link.clone(), input.name, slider.clone());
        listeners.push(EventListener::new(&slider, "input", move |_| {
            send_now(&w, Msg::EditCell { input: name, row: 0, col: 0, text: s2.value() })
        }));
        // Held by a pointer: the page follows it like a drag (input::page_listeners ends the slide).
        let w = link.clone();
        listeners.push(EventListener::new(&slider, "pointerdown", move |_| {
            if let Some(shared) = w.upgrade() {
                shared.sliding.set(true);
            }
        }));
        slider_field = Some(slider);
    }
    add_resize_buttons(&set, input, editable, link, listeners)?;
    if input.paste {
        add_paste(&set, input.name, link, listeners)?;
    }
    let alert = add(&set, "p", &[("class", "alert cell-error"), ("role", "alert"), ("hidden", "")], None)?;
    Ok(Editor { name: input.name, slider: slider_field, cells, alert, error: None })
}

/// The text field of cell (`r`, `c`).
fn add_cell(
    grid: &Element,
    input: &InputView,
    r: usize,
    c: usize,
    link: &Weak<Shared>,
    listeners: &mut Vec<EventListener>,
) -> Res<Control> {
    let label = match input.kind {
        InputKind::Scalar => input.name.to_string(),
        InputKind::Vector => format!("{}, entry {}", input.name, r + 1),
        InputKind::Matrix => format!("{}, row {}, column {}", input.name, r + 1, c + 1),
    };
    let cell: HtmlInputElement = add(
        grid,
        "input",
        &[
            ("type", "text"),
            ("inputmode", "text"),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("aria-label", &label),
            ("data-row", &r.to_string()),
            ("data-col", &c.to_string()),
        ],
        None,
    )?
    .dyn_into()?;
    let shown = format_number(input.value[(r, c)]);
    cell.set_value(&shown);
    let (w, name, cell2) = (link.clone(), input.name, cell.clone());
    listeners
        .push(EventListener::new(&cell, "input", move |_| send(&w, Msg::EditCell { input: name, row: r, col: c, text: cell2.value() })));
    // Done with the cell: leaving it (change) or Enter.
    let (w, cell2) = (link.clone(), cell.clone());
    listeners
        .push(EventListener::new(&cell, "change", move |_| send(&w, Msg::CommitCell { input: name, row: r, col: c, text: cell2.value() })));
    let (w, cell2) = (link.clone(), cell.clone());
    listeners.push(EventListener::new(&cell, "keydown", move |e| {
        if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Enter") {
            send(&w, Msg::CommitCell { input: name, row: r, col: c, text: cell2.value() });
        }
    }));
    // A whole matrix pasted into a cell replaces the input: its line breaks and tabs are read from the
    // clipboard, before a one-line field would strip them.
    let w = link.clone();
    listeners.push(EventListener::new_with_options(&cell, "paste", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(text) = pasted_text(e) else { return };
        if classify(&text) == CellText::Matrix {
            e.prevent_default();
            send(&w, Msg::CommitCell { input: name, row: r, col: c, text });
        }
    }));
    Ok(Control { field: cell, shown: Some(shown) })
}

/// The plain text of a paste event (`event.clipboardData.getData("text/plain")`).
fn pasted_text(event: &web_sys::Event) -> Option<String> {
    let data = js_sys::Reflect::get(event, &JsValue::from_str("clipboardData")).ok().filter(|d| d.is_object())?;
    let get: js_sys::Function = js_sys::Reflect::get(&data, &JsValue::from_str("getData")).ok()?.dyn_into().ok()?;
    get.call1(&data, &JsValue::from_str("text/plain")).ok()?.as_string()
}

/// The buttons that add or remove an entry, a row or a column (none for a scalar or a note).
fn add_resize_buttons(
    set: &Element,
    input: &InputView,
    editable: bool,
    link: &Weak<Shared>,
    listeners: &mut Vec<EventListener>,
) -> Res<()> {
    let (rows, cols) = input.value.shape();
    let sizes = add(set, "div", &[("class", "resize")], None)?;
    let steps: Vec<(&str, usize, usize, bool)> = match input.kind {
        _ if !editable => vec![],
        InputKind::Scalar => vec![],
        InputKind::Vector => vec![("− entry", rows.wrapping_sub(1), 1, rows > 1), ("+ entry", rows + 1, 1, rows < MAX_DIM)],
        InputKind::Matrix => vec![
            ("− row", rows.wrapping_sub(1), cols, rows > 1),
            ("+ row", rows + 1, cols, rows < MAX_ROWS),
            ("− column", rows, cols.wrapping_sub(1), cols > 1),
            ("+ column", rows, cols + 1, cols < MAX_DIM),
        ],
    };
    for (text, r, c, enabled) in steps {
        let what = text.replace('−', "remove a").replace('+', "add a");
        let b = add(&sizes, "button", &[("type", "button"), ("aria-label", &format!("{}: {what}", input.name))], Some(text))?;
        if !enabled {
            b.set_attribute("disabled", "")?;
        }
        let (w, name) = (link.clone(), input.name);
        listeners.push(EventListener::new(&b, "click", move |_| send(&w, Msg::Reshape { input: name, rows: r, cols: c })));
    }
    Ok(())
}

/// The box for pasted points (CSV, one `x,y` per line) and its Load button.
fn add_paste(set: &Element, name: &'static str, link: &Weak<Shared>, listeners: &mut Vec<EventListener>) -> Res<()> {
    let paste = add(set, "div", &[("class", "paste")], None)?;
    let id = format!("paste-{name}");
    add(&paste, "label", &[("for", &id)], Some("Paste points (CSV: x,y per line)"))?;
    let area = add(
        &paste,
        "textarea",
        &[("id", &id), ("rows", "3"), ("spellcheck", "false"), ("autocomplete", "off"), ("placeholder", "x,y\n1.5,2\n3,4.25")],
        None,
    )?;
    let load = add(&paste, "button", &[("type", "button"), ("class", "load")], Some("Load points"))?;
    let w = link.clone();
    listeners.push(EventListener::new(&load, "click", move |_| {
        // The textarea's text, read through the DOM property (no extra web-sys binding).
        let text = js_sys::Reflect::get(&area, &JsValue::from_str("value")).ok().and_then(|v| v.as_string()).unwrap_or_default();
        send(&w, Msg::Paste { input: name, text })
    }));
    Ok(())
}

impl Editors {
    /// Brings the cells and sliders up to date with the chapter's inputs, except the control the
    /// reader is typing in or sliding.
    pub(super) fn update(&mut self, root: &Element, chapter: &dyn AnyChapter) -> Res<()> {
        let active = active_element(root);
        let is_active = |field: &HtmlInputElement| active.as_ref() == Some(field.as_ref());
        for input in chapter.inputs() {
            let Some(editor) = self.editors.iter_mut().find(|e| e.name == input.name) else { continue };
            // A slider moves under the reader's pointer without taking the focus in every browser:
            // it is always compared with what it shows.
            if let Some(slider) = editor.slider.as_ref().filter(|s| !is_active(s)) {
                let text = input.value.get(0).map(|x| format_number(*x)).unwrap_or_default();
                if slider.value() != text {
                    slider.set_value(&text);
                }
            }
            for (r, c, cell) in &mut editor.cells {
                if is_active(&cell.field) {
                    // Never rewrite what the reader is typing; read it back once they leave.
                    cell.shown = None;
                    continue;
                }
                let Some(&x) = input.value.get((*r, *c)) else { continue };
                let text = format_number(x);
                if cell.shown.as_deref() != Some(text.as_str()) {
                    if cell.field.value() != text {
                        cell.field.set_value(&text);
                    }
                    cell.shown = Some(text);
                }
            }
        }
        Ok(())
    }

    /// Shows each editor's validation message and marks its invalid cell, or hides them; an editor
    /// whose error did not change is not touched.
    pub(super) fn show_errors(&mut self, errors: &BTreeMap<&'static str, CellError>) -> Res<()> {
        for editor in &mut self.editors {
            let error = errors.get(editor.name);
            if editor.error.as_ref().is_some_and(|shown| shown.as_ref() == error) {
                continue;
            }
            set_hidden(&editor.alert, error.is_none())?;
            // A note about a matrix still being typed is not an error.
            editor.alert.class_list().toggle_with_force("hint", error.is_some_and(|e| !e.invalid))?;
            set_text(&editor.alert, error.map_or("", |e| e.message.as_str()));
            for (r, c, cell) in &editor.cells {
                let invalid = error.is_some_and(|e| e.invalid && (e.row, e.col) == (*r, *c));
                set_attr(&cell.field, "aria-invalid", if invalid { "true" } else { "false" })?;
            }
            editor.error = Some(error.cloned());
        }
        Ok(())
    }
}

/// A selector for the editor control that has the focus (a cell or a slider), to find its
/// replacement after the editors are rebuilt.
fn focused_control(editors: &Element) -> Option<String> {
    let active = active_element(editors)?;
    if !editors.contains(Some(&active)) {
        return None;
    }
    let input = active.closest("[data-input]").ok()??.get_attribute("data-input")?;
    if let Some(slider) = active.get_attribute("data-slider") {
        return Some(format!("[data-input=\"{input}\"] input[data-slider=\"{slider}\"]"));
    }
    let (r, c) = cell_position(&active);
    (r != usize::MAX && c != usize::MAX).then(|| format!("[data-input=\"{input}\"] input[data-row=\"{r}\"][data-col=\"{c}\"]"))
}

/// Reads `data-row` / `data-col` of a cell.
fn cell_position(cell: &Element) -> (usize, usize) {
    let get = |k: &str| cell.get_attribute(k).and_then(|v| v.parse().ok()).unwrap_or(usize::MAX);
    (get("data-row"), get("data-col"))
}

/// The focused element in `node`'s tree: inside a shadow root `document.activeElement` is the host.
fn active_element(node: &Element) -> Option<Element> {
    match node.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        Ok(shadow) => shadow.active_element(),
        Err(_) => window().ok()?.document()?.active_element(),
    }
}
