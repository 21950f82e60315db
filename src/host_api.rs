//! The messages between an embedded figure and the page that hosts it (docs/embedding.md): the host
//! asks with `{type: "linalg:set", state: "A=1,2;3,4"}` or `{type: "linalg:get"}`; the figure
//! answers, and reports after every finished gesture, with
//! `{type: "linalg:state", chapter, state, readouts: {name: value}}`. The same report is the
//! `<linalg-figure>` element's `linalg-change` event detail. Pure: the shell only passes JSON text.

use crate::json;
use crate::page::{Msg, Page};
use crate::share::state_string;
use crate::state::route::{parse_hash, Route, MAX_HASH_LEN};
use std::collections::BTreeMap;

/// The type of a host's request to set the state.
pub const SET: &str = "linalg:set";
/// The type of a host's request for the state.
pub const GET: &str = "linalg:get";
/// The type of the figure's report.
pub const STATE: &str = "linalg:state";

/// What a host asks of the figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Set the chapter's state from the part of a chapter address after `?`.
    Set(String),
    /// Report the state.
    Get,
}

impl Request {
    /// A request to set the state `state`, with or without its leading `?`.
    pub fn set(state: &str) -> Request {
        Request::Set(state.trim_start_matches('?').to_string())
    }

    /// The request in a message's JSON text; `None` for anything else (other libraries' messages,
    /// malformed ones, a state that is not text or longer than any link may be), which the figure
    /// ignores.
    pub fn parse(json: &str) -> Option<Request> {
        if json.len() > 2 * MAX_HASH_LEN {
            return None;
        }
        let message = json::parse(json)?;
        match message.get("type")?.as_str()? {
            SET => {
                let state = message.get("state")?.as_str()?;
                (state.len() <= MAX_HASH_LEN).then(|| Request::set(state))
            }
            GET => Some(Request::Get),
            _ => None,
        }
    }

    /// The page message that applies a `Set` to `page`: the state goes through the router like a
    /// link followed in the page (validated, one undoable step, refused with the reason shown beside
    /// the figure). `None` for `Get`.
    pub fn to_msg(&self, page: &Page) -> Option<Msg> {
        let Request::Set(state) = self else { return None };
        match parse_hash(&format!("#/{}?{state}", page.info().slug)) {
            Route::Chapter(link) => Some(Msg::FollowLink(link)),
            Route::Landing => None,
        }
    }
}

/// The figure's report of `page`: its chapter, its chapter state as the part of an address after
/// `?` (what `linalg:set` and the element's `state` attribute take; no look, no embed mode), and
/// every readout's value as in `data-value` (JSON text).
pub fn report(page: &Page) -> String {
    let state = state_string(page.info().slug, &page.state_params());
    // Keys in sorted order, as the report has always been written.
    let readouts: BTreeMap<&str, String> = page.readouts().into_iter().map(|r| (r.name, r.value.to_json())).collect();
    let readouts: Vec<String> = readouts.iter().map(|(name, value)| format!("{}:{value}", json::quote(name))).collect();
    format!(
        r#"{{"chapter":{},"readouts":{{{}}},"state":{},"type":{}}}"#,
        json::quote(page.info().slug),
        readouts.join(","),
        json::quote(&state),
        json::quote(STATE)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chapters::find;
    use crate::state::route::ChapterLink;
    use serde_json::{Map, Value};

    fn page(slug: &str, params: &[(&str, &str)]) -> Page {
        let params = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Page::open(find(slug).unwrap(), &ChapterLink::new(slug, params))
    }

    #[test]
    fn set_and_get_are_read_and_everything_else_ignored() {
        assert_eq!(Request::parse(r#"{"type":"linalg:set","state":"A=1,2;3,4"}"#), Some(Request::Set("A=1,2;3,4".into())));
        assert_eq!(Request::parse(r#"{"type":"linalg:set","state":"?A=1"}"#), Some(Request::Set("A=1".into())));
        assert_eq!(Request::parse(r#"{"type":"linalg:get","extra":1}"#), Some(Request::Get));
        for junk in [
            "",
            "null",
            "42",
            "[]",
            r#"{"height":300}"#,
            r#"{"type":"linalg:set"}"#,
            r#"{"type":"linalg:set","state":7}"#,
            r#"{"type":"linalg:state","state":""}"#,
            r#"{"type":"LINALG:GET"}"#,
            "{\"type\":\"linalg:get\"",
        ] {
            assert_eq!(Request::parse(junk), None, "{junk}");
        }
        let long = format!(r#"{{"type":"linalg:set","state":"A={}"}}"#, "1,".repeat(MAX_HASH_LEN));
        assert_eq!(Request::parse(&long), None);
    }

    #[test]
    fn a_set_is_a_link_followed_in_the_page_and_the_report_follows() {
        let mut p = page("determinant", &[("embed", "1")]);
        let set = Request::parse(r#"{"type":"linalg:set","state":"A=1,2;3,4"}"#).unwrap();
        p.update(set.to_msg(&p).unwrap());
        let told: Value = serde_json::from_str(&report(&p)).unwrap();
        assert_eq!(told["type"], "linalg:state");
        assert_eq!(told["chapter"], "determinant");
        assert_eq!(told["state"], "A=1,2;3,4");
        assert_eq!(told["readouts"]["det"], -2.0);
        assert_eq!(told["readouts"]["null_space"], serde_json::json!([]));
        // A refused state keeps the figure and says why beside it.
        let bad = Request::Set("A=1,2;3".into());
        p.update(bad.to_msg(&p).unwrap());
        assert!(!p.link_problems().is_empty());
        assert_eq!(serde_json::from_str::<Value>(&report(&p)).unwrap()["readouts"]["det"], -2.0);
        assert_eq!(Request::Get.to_msg(&p), None);
    }

    #[test]
    fn the_report_is_what_serde_json_wrote() {
        for slug in ["eigendecomposition", "pca", "svd", "tensors"] {
            let p = page(slug, &[]);
            let mut readouts = Map::new();
            for r in p.readouts() {
                readouts.insert(r.name.to_string(), serde_json::from_str(&r.value.to_json()).unwrap());
            }
            let mut message = Map::new();
            message.insert("type".into(), STATE.into());
            message.insert("chapter".into(), slug.into());
            message.insert("state".into(), state_string(slug, &p.state_params()).into());
            message.insert("readouts".into(), Value::Object(readouts));
            // The same members and numbers (serde_json may end a 17-digit number on another digit).
            assert_eq!(serde_json::from_str::<Value>(&report(&p)).unwrap(), Value::Object(message), "{slug}");
            assert!(report(&p).starts_with(&format!(r#"{{"chapter":"{slug}","readouts":{{"#)), "sorted keys");
        }
    }
}
