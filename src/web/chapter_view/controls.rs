//! The controls under the figure: the choices (radio groups), the timeline (Play and a scrubber over
//! the stages) and the input editors, rebuilt together when their structure changes (a new view, a
//! new size); between rebuilds only their values are brought up to date.

use super::build::Dom;
use super::{editors, input, send, Shared, View};
use crate::chapter::{AnyChapter, ChoiceView, Handles};
use crate::page::{Msg, Page};
use crate::web::dom::{add, now_ms, set_attr, set_hidden, set_text, Res};
use gloo_events::EventListener;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

impl View {
    /// Rebuilds the choices, timeline and editors and replaces their listeners.
    pub(super) fn build_controls(&mut self, shared: &Rc<Shared>) -> Res<()> {
        let link = Rc::downgrade(shared);
        let mut listeners = Vec::new();
        let chapter = self.page.chapter();
        build_choices(&self.dom.choices, chapter, &link, &mut listeners)?;
        build_timeline(&self.dom.timeline, &chapter.stages(), &link, &mut listeners)?;
        self.editors = editors::build(&self.dom.editors, chapter, &link, &mut listeners)?;
        self.control_listeners = listeners;
        Ok(())
    }
}

/// One radio group per choice; picking an option sends [`Msg::Choose`].
fn build_choices(parent: &Element, chapter: &dyn AnyChapter, link: &Weak<Shared>, listeners: &mut Vec<EventListener>) -> Res<()> {
    parent.set_text_content(None);
    for ChoiceView { name, label, options, current } in chapter.choices() {
        let set = add(parent, "fieldset", &[("class", "choice")], None)?;
        add(&set, "legend", &[], Some(label))?;
        for &(value, text) in options {
            let lab = add(&set, "label", &[], None)?;
            let radio: HtmlInputElement =
                add(&lab, "input", &[("type", "radio"), ("name", &format!("choice-{name}")), ("value", value)], None)?.dyn_into()?;
            radio.set_checked(value == current);
            add(&lab, "span", &[], Some(text))?;
            let w = link.clone();
            listeners
                .push(EventListener::new(&radio, "change", move |_| send(&w, Msg::Choose { choice: name, option: value.to_string() })));
        }
    }
    Ok(())
}

/// Play and the scrubber over the stages, with the stages' names (hidden without stages).
fn build_timeline(parent: &Element, stages: &[&str], link: &Weak<Shared>, listeners: &mut Vec<EventListener>) -> Res<()> {
    parent.set_text_content(None);
    set_hidden(parent, stages.is_empty())?;
    if stages.is_empty() {
        return Ok(());
    }
    let play = add(parent, "button", &[("type", "button"), ("class", "play"), ("aria-label", "Play the transformation")], Some("▶ Play"))?;
    let range: HtmlInputElement = add(
        parent,
        "input",
        &[
            ("type", "range"),
            ("min", "0"),
            ("max", &stages.len().to_string()),
            ("step", "0.001"),
            ("aria-label", "Timeline: how much of the transformation is applied"),
        ],
        None,
    )?
    .dyn_into()?;
    let labels = add(parent, "ol", &[("class", "stages")], None)?;
    for s in stages {
        add(&labels, "li", &[], Some(s))?;
    }
    let w = link.clone();
    listeners.push(EventListener::new(&play, "click", move |_| {
        // The media query's change event can arrive a frame after the setting changed: ask again.
        send(&w, input::reduced_motion());
        send(&w, Msg::PlayPause(now_ms()))
    }));
    let (w, r) = (link.clone(), range.clone());
    listeners.push(EventListener::new(&range, "input", move |_| send(&w, Msg::Scrub(r.value_as_number()))));
    Ok(())
}

/// Brings the timeline's stage names, position and Play button up to date with the page.
pub(super) fn update_timeline(parent: &Element, page: &Page) -> Res<()> {
    // Stage names can depend on the state (a reflection instead of a rotation): keep them current.
    let labels = parent.query_selector_all(".stages li")?;
    let stages = page.chapter().stages();
    if labels.length() as usize == stages.len() {
        for (i, name) in stages.iter().enumerate() {
            if let Some(li) = labels.get(i as u32).and_then(|n| n.dyn_into::<Element>().ok()) {
                set_text(&li, name);
            }
        }
    }
    if let Some(range) = parent.query_selector("input[type=range]")? {
        let range: HtmlInputElement = range.dyn_into()?;
        let pos = page.timeline().position();
        if (range.value_as_number() - pos).abs() > 1e-9 {
            range.set_value_as_number(pos);
        }
    }
    if let Some(play) = parent.query_selector("button.play")? {
        let playing = page.timeline().is_playing();
        set_text(&play, if playing { "❚❚ Pause" } else { "▶ Play" });
        set_attr(&play, "aria-label", if playing { "Pause" } else { "Play the transformation" })?;
    }
    Ok(())
}

/// Marks Undo, Redo and Reset as available or not (`aria-disabled`, so that a button keeps the
/// keyboard focus when its last step is taken).
pub(super) fn update_history(dom: &Dom, page: &Page) -> Res<()> {
    for (button, enabled) in [(&dom.undo, page.can_undo()), (&dom.redo, page.can_redo()), (&dom.reset, page.can_reset())] {
        set_attr(button, "aria-disabled", if enabled { "false" } else { "true" })?;
    }
    Ok(())
}

/// Shows only the tools that do something now: snapping while something can be dragged, zoom and Fit
/// while there is a drawing (not a sentence instead of one).
pub(super) fn update_view_tools(dom: &Dom, page: &Page, note: bool) -> Res<()> {
    // The chapter's handles, not the page's: those hide while the timeline is mid-way.
    let draggable = match page.chapter().handles() {
        Handles::Plane(handles) => !handles.is_empty(),
        Handles::Space(handles) => !handles.is_empty(),
    };
    set_hidden(&dom.snap_label, !draggable)?;
    for button in [&dom.zoom_in, &dom.zoom_out, &dom.fit] {
        set_hidden(button, note)?;
    }
    Ok(())
}
