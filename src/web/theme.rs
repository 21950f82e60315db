//! Applying a theme and an accent colour: a `data-theme` attribute that the stylesheet maps to colours,
//! and the accent through the CSSOM (the Content-Security-Policy forbids style attributes). The site's
//! header picker remembers the reader's choice in localStorage; embeds never read or write it.

use super::dom::{add, html, window, Res};
use crate::theme::{Look, Theme};
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};

/// The localStorage key of the site's theme choice.
const STORAGE_KEY: &str = "linalg-live-theme";

/// The reader's saved choice, if storage is available and holds a valid one.
pub fn stored() -> Option<Theme> {
    let storage = window().ok()?.local_storage().ok().flatten()?;
    Theme::parse(&storage.get_item(STORAGE_KEY).ok().flatten()?).ok()
}

/// Saves the reader's choice (silently nothing where storage is blocked).
fn store(theme: Theme) {
    if let Some(storage) = window().ok().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(STORAGE_KEY, theme.name());
    }
}

/// Sets `theme` and `accent` on `target` and everything inside it: `auto` removes the attribute, so
/// the stylesheet's `prefers-color-scheme` rules apply.
pub fn apply(target: &Element, theme: Theme, accent: Option<&str>) -> Res<()> {
    match theme {
        Theme::Auto => target.remove_attribute("data-theme")?,
        other => target.set_attribute("data-theme", other.name())?,
    }
    let style = html(target)?.style();
    match accent {
        Some(colour) => {
            style.set_property("--accent", colour)?;
            style.set_property("--focus", colour)?;
        }
        None => {
            style.remove_property("--accent")?;
            style.remove_property("--focus")?;
        }
    }
    Ok(())
}

/// The site page's look: the link's theme, else (on the site itself, not in an `embed=1` iframe, which
/// should match its host page rather than the reader's choice on this site) the saved choice, else the
/// system's.
pub fn apply_site(look: &Look, embed: bool) -> Res<()> {
    let root = window()?.document().and_then(|d| d.document_element()).ok_or("no document element")?;
    let remembered = if embed { None } else { stored() };
    apply(&root, look.theme.or(remembered).unwrap_or(Theme::Auto), look.accent.as_deref())
}

/// Adds the theme picker to the site header; `changed` runs after a new choice is applied.
pub fn build_picker(header: &Element, changed: impl Fn() + 'static) -> Res<EventListener> {
    // A static chapter page has a disabled copy in its place (so the header keeps its height).
    if let Some(placeholder) = header.query_selector(".theme-picker")? {
        placeholder.remove();
    }
    let label = add(header, "label", &[("class", "theme-picker")], None)?;
    add(&label, "span", &[], Some("Theme"))?;
    let select: HtmlSelectElement = add(&label, "select", &[], None)?.dyn_into()?;
    let current = stored().unwrap_or(Theme::Auto);
    for theme in Theme::ALL {
        add(&select, "option", &[("value", theme.name())], Some(theme.label()))?;
    }
    select.set_value(current.name());
    let picker = select.clone();
    Ok(EventListener::new(&select, "change", move |_| {
        let Ok(theme) = Theme::parse(&picker.value()) else { return };
        store(theme);
        let accent = window().ok().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = accent {
            let accent = html(&root).ok().and_then(|h| h.style().get_property_value("--accent").ok()).filter(|a| !a.is_empty());
            let _ = apply(&root, theme, accent.as_deref());
        }
        changed();
    }))
}
