//! Every numpy oracle case (tests/fixtures/numpy-oracle.json, copied from the shared fixtures): open the
//! page from the case's URL state and compare its readouts with numpy's, using the fixture's compare
//! modes and tolerance.

use linalg_live::chapter::from_params;
use linalg_live::chapters::find;
use linalg_live::readout::Value;
use serde_json::Value as Json;

struct Tolerance {
    rel: f64,
    abs: f64,
}

fn to_json(v: &Value) -> Json {
    serde_json::from_str(&v.to_json()).expect("readouts serialise to valid JSON")
}

fn close(got: &Json, want: &Json, tol: &Tolerance) -> bool {
    match (got, want) {
        (Json::Number(g), Json::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            (g - w).abs() <= tol.abs + tol.rel * w.abs()
        }
        (Json::Object(g), Json::Object(w)) => ["re", "im"].iter().all(|k| close(&g[*k], &w[*k], tol)),
        (Json::Number(_), Json::Object(w)) => close(&serde_json::json!({"re": got, "im": 0.0}), &Json::Object(w.clone()), tol),
        (Json::Array(g), Json::Array(w)) => g.len() == w.len() && g.iter().zip(w).all(|(a, b)| close(a, b, tol)),
        _ => got == want,
    }
}

fn negate(v: &Json) -> Json {
    match v {
        Json::Array(items) => Json::Array(items.iter().map(negate).collect()),
        Json::Number(n) => serde_json::json!(-n.as_f64().unwrap()),
        other => other.clone(),
    }
}

fn transpose(m: &Json) -> Json {
    let rows = m.as_array().cloned().unwrap_or_default();
    let cols = rows.first().and_then(|r| r.as_array()).map_or(0, Vec::len);
    Json::Array((0..cols).map(|c| Json::Array(rows.iter().map(|r| r[c].clone()).collect())).collect())
}

fn agrees(mode: &str, got: &Json, want: &Json, tol: &Tolerance) -> bool {
    match mode {
        "exact" => got == want || close(got, want, &Tolerance { rel: 0.0, abs: 0.0 }),
        "num" => close(got, want, tol),
        "set" => {
            let (Some(g), Some(w)) = (got.as_array(), want.as_array()) else { return false };
            let mut left: Vec<&Json> = g.iter().collect();
            g.len() == w.len()
                && w.iter().all(|x| match left.iter().position(|y| close(y, x, tol)) {
                    Some(i) => {
                        left.remove(i);
                        true
                    }
                    None => false,
                })
        }
        "rows_sign" | "cols_sign" => {
            let (g, w) = if mode == "rows_sign" { (got.clone(), want.clone()) } else { (transpose(got), transpose(want)) };
            let (Some(g), Some(w)) = (g.as_array(), w.as_array()) else { return false };
            g.len() == w.len() && g.iter().zip(w).all(|(a, b)| close(a, b, tol) || close(&negate(a), b, tol))
        }
        _ => false,
    }
}

#[test]
fn built_chapters_agree_with_numpy() {
    let fixture: Json = serde_json::from_str(include_str!("fixtures/numpy-oracle.json")).unwrap();
    let tol = Tolerance { rel: fixture["tolerance"]["rel"].as_f64().unwrap(), abs: fixture["tolerance"]["abs"].as_f64().unwrap() };
    let (mut checked, mut failures) = (0, Vec::new());
    for case in fixture["cases"].as_array().unwrap() {
        let slug = case["page"].as_str().unwrap();
        let info = find(slug).unwrap_or_else(|| panic!("fixture names unknown page {slug}"));
        let params: Vec<(String, String)> =
            case["state"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
        let (chapter, problems) = from_params(info.build, &params);
        assert!(problems.is_empty(), "{slug} {params:?}: {problems:?}");
        let readouts = chapter.readouts();
        for (name, want) in case["expect"].as_object().unwrap() {
            let mode = case["compare"][name].as_str().unwrap();
            let got = readouts.iter().find(|r| r.name == name).map(|r| to_json(&r.value));
            match got {
                Some(got) if agrees(mode, &got, want, &tol) => {}
                got => failures.push(format!("{slug} {params:?}: {name} = {got:?}, numpy says {want} ({mode})")),
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 0, "no fixture case was checked");
    eprintln!("numpy oracle: {checked} cases agree");
}

#[test]
fn the_comparison_itself_can_fail() {
    let tol = Tolerance { rel: 1e-9, abs: 1e-9 };
    assert!(!agrees("num", &serde_json::json!([1.0, 2.0]), &serde_json::json!([1.0, 2.1]), &tol));
    assert!(agrees("cols_sign", &serde_json::json!([[1.0, -2.0], [3.0, -4.0]]), &serde_json::json!([[-1.0, -2.0], [-3.0, -4.0]]), &tol));
    assert!(!agrees("rows_sign", &serde_json::json!([[1.0, -2.0]]), &serde_json::json!([[-1.0, -2.0]]), &tol));
    assert!(agrees("set", &serde_json::json!([2.0, 1.0]), &serde_json::json!([1.0, 2.0]), &tol));
    assert!(!agrees("exact", &Json::Null, &serde_json::json!(0.0), &tol));
}
