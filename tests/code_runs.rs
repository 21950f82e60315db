//! The code panel's numpy snippet is a script that prints what the page shows: for every numpy oracle
//! case, the snippet of that state runs with the system Python and numpy (scripts/setup.sh installs
//! numpy when it is missing), and every number of the readouts the case checks appears in what it
//! prints, with the page's signs (so the lines that normalise signs of U, V and eigenvectors are there).
//! The PyTorch snippet is compiled by Python (torch itself is not installed for the tests).

use linalg_live::chapter::from_params;
use linalg_live::chapters::find;
use linalg_live::readout::Value;
use serde_json::Value as Json;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `python3 -` with `script` on stdin; stdout, or the failure with stderr.
fn python(script: &str) -> Result<String, String> {
    let mut child = Command::new("python3")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start python3: {e}"))?;
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Every number in a text: `[[ 2. -3.5e-01]`, `(1+2j)`, `True` (no number).
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() || (matches!(bytes[i], b'-' | b'+') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        let inside_word = i > 0 && (bytes[i - 1].is_ascii_alphabetic() || bytes[i - 1] == b'_');
        if !starts || inside_word {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'.') {
            j += 1;
        }
        if j < bytes.len() && matches!(bytes[j], b'e' | b'E') {
            let mut k = j + 1;
            if k < bytes.len() && matches!(bytes[k], b'-' | b'+') {
                k += 1;
            }
            if k < bytes.len() && bytes[k].is_ascii_digit() {
                j = k;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
            }
        }
        if let Ok(x) = text[i..j].trim_end_matches('.').parse::<f64>() {
            out.push(x);
        }
        i = j;
    }
    out
}

/// The numbers of a readout value, flattened (booleans and null have none).
fn flatten(value: &Value, out: &mut Vec<f64>) {
    match value {
        Value::Number(x) => out.push(*x),
        Value::Vector(xs) => out.extend(xs),
        Value::Matrix(rows) => rows.iter().for_each(|r| out.extend(r)),
        Value::List(items) => items.iter().for_each(|v| flatten(v, out)),
        Value::Complex { re, im } => out.extend([*re, *im]),
        Value::Null | Value::Bool(_) => {}
    }
}

/// The problems with one oracle case's snippets (none when they run and print the page's numbers).
fn check_case(case: &Json) -> Vec<String> {
    let slug = case["page"].as_str().unwrap();
    let params: Vec<(String, String)> =
        case["state"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    let names: Vec<&str> = case["expect"].as_object().unwrap().keys().map(String::as_str).collect();
    check_state(slug, &params, &names)
}

/// The problems with the snippets of one state (none when they run and print the numbers of the
/// readouts `names`).
fn check_state(slug: &str, params: &[(String, String)], names: &[&str]) -> Vec<String> {
    let (chapter, _) = from_params(find(slug).unwrap().build, params);
    let code = chapter.code_text();
    // One interpreter per case: compile the PyTorch snippet (torch is not installed), run numpy's.
    let script = format!("compile({:?}, 'the PyTorch snippet', 'exec')\n{}", code.torch, code.numpy);
    let printed = match python(&script) {
        Ok(out) => numbers(&out),
        Err(why) => return vec![format!("{slug} {params:?}: the snippets fail:\n{why}")],
    };
    let readouts = chapter.readouts();
    let mut problems = Vec::new();
    for name in names {
        let Some(readout) = readouts.iter().find(|r| r.name == *name) else {
            problems.push(format!("{slug} {params:?}: the page has no readout {name}"));
            continue;
        };
        let mut want = Vec::new();
        flatten(&readout.value, &mut want);
        let scale = want.iter().fold(1.0_f64, |m, x| m.max(x.abs()));
        if let Some(x) = want.into_iter().find(|x| !printed.iter().any(|p| (p - x).abs() <= 1e-6 * x.abs() + 1e-9 * scale)) {
            problems.push(format!("{slug} {params:?}: {name} has {x}, which the numpy snippet does not print"));
        }
    }
    problems
}

#[test]
fn pca_prints_its_scores_and_components_with_the_pages_signs() {
    // The component-coordinates view: scores = (P − μ)·D, for k = 1 and 2, in 2-D and in 3-D.
    let states: [&[(&str, &str)]; 3] = [&[("view", "pcs")], &[("view", "pcs"), ("k", "2")], &[("view", "pcs"), ("dim", "3"), ("k", "2")]];
    let failures: Vec<String> = states
        .iter()
        .flat_map(|state| {
            let params: Vec<(String, String)> = state.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            check_state("pca", &params, &["scores", "components"])
        })
        .collect();
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_page_prints_the_null_space_in_the_basis_it_shows() {
    // Lines and planes, square, wide and tall, on the four pages that show a null space: the basis
    // depends only on the subspace, so numpy's SVD rebuilds it with the same signs.
    let states = [
        ("inverse", "1,2;2,4"),
        ("inverse", "1,1,1;1,1,1;1,1,1"),
        ("span", "1,2,3;4,5,6;7,8,9"),
        ("span", "1,2;2,4;3,6"),
        ("determinant", "3,1;6,2"),
        ("determinant", "1,1,1;1,1,1;1,1,1"),
        ("determinant", "0,0;0,0"),
        ("svd", "1,2,3;4,5,6"),
        ("svd", "1,2,3;2,4,6;3,6,9"),
        ("svd", "0,1;0,0"),
    ];
    let failures: Vec<String> =
        states.iter().flat_map(|(slug, a)| check_state(slug, &[("A".to_string(), a.to_string())], &["null_space"])).collect();
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_numpy_snippets_print_the_pages_numbers_with_its_signs() {
    if let Err(why) = python("import numpy") {
        panic!("numpy is needed to run the code panel's snippets (scripts/setup.sh installs it): {why}");
    }
    let fixture: Json = serde_json::from_str(include_str!("fixtures/numpy-oracle.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    // Two interpreters at a time: most of the time is Python starting and importing numpy.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let halves: Vec<_> = cases
            .chunks(cases.len().div_ceil(2))
            .map(|chunk| scope.spawn(move || chunk.iter().flat_map(check_case).collect::<Vec<_>>()))
            .collect();
        halves.into_iter().flat_map(|h| h.join().expect("a checker thread")).collect()
    });
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn numbers_are_read_as_numpy_prints_them() {
    assert_eq!(numbers("[[ 2.  -3.5e-01]\n [ 1e+02 0. ]] (1+2j) True x2"), vec![2.0, -0.35, 100.0, 0.0, 1.0, 2.0]);
}
