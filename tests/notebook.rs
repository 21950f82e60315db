//! "Download notebook": for several chapters and states, the notebook is nbformat 4.5 JSON without
//! outputs, and its code cells run in order with the system Python (numpy and matplotlib, installed
//! by `scripts/setup.sh --tests`; `MPLBACKEND=Agg`, as `jupyter nbconvert --execute` would need no
//! display either): the numpy cell prints every number of the page's main readouts (the readouts the
//! numpy oracle checks for that chapter, as in tests/code_runs.rs) and the figure cell draws a figure
//! of the page's size, saved as a PNG by a line this test appends.

use linalg_live::chapters::find;
use linalg_live::notebook::{build, Notebook};
use linalg_live::page::Page;
use linalg_live::readout::Value;
use linalg_live::state::route::ChapterLink;
use linalg_live::view::matplotlib::light_theme;
use linalg_live::view::scene::Role;
use linalg_live::view::svg::ROLE_NAMES;
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// A chapter's slug and the link parameters of a state.
type Case = (&'static str, &'static [(&'static str, &'static str)]);

/// The states checked: each figure backend feature at least once (lattice and arrows, 3-D
/// projections, a heat map, a point cloud, a picture, a note instead of a figure).
const CASES: [Case; 8] = [
    ("multiplication", &[]),
    ("svd", &[("A", "4,-4;4,1;1,5")]),
    ("svd", &[("tab", "image")]),
    ("eigendecomposition", &[("view", "quadratic")]),
    ("pca", &[]),
    ("determinant", &[("A", "3,3,3;5,5,3;3,-5,5")]),
    ("pseudoinverse", &[]),
    ("tensors", &[("A", "1,2;3,4;5,6"), ("view", "columns")]),
];

fn open(slug: &str, params: &[(&str, &str)]) -> Page {
    let link = ChapterLink::new(slug, params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
    let page = Page::open(find(slug).unwrap(), &link);
    assert!(page.url_problems().is_empty(), "{slug} {params:?}: {:?}", page.url_problems());
    page
}

/// Runs `python3 -` with `script` on stdin in `dir`, without a display; stdout, or the failure.
fn python(script: &str, dir: &Path) -> Result<String, String> {
    let mut child = Command::new("python3")
        .arg("-")
        .current_dir(dir)
        .env("MPLBACKEND", "Agg")
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

/// Every number in a text as numpy prints it (the reading of tests/code_runs.rs).
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

/// A chapter's main readouts: those the numpy oracle checks for it.
fn main_readouts(slug: &str) -> BTreeSet<String> {
    let fixture: Json = serde_json::from_str(include_str!("fixtures/numpy-oracle.json")).unwrap();
    fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| case["page"] == slug)
        .flat_map(|case| case["expect"].as_object().unwrap().keys().cloned().collect::<Vec<_>>())
        .collect()
}

/// The problems with the notebook's JSON against nbformat 4.5 (none when it is valid).
fn structure(json: &Json) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_string());
        }
    };
    let top: BTreeSet<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    check(top == BTreeSet::from(["cells", "metadata", "nbformat", "nbformat_minor"]), "the four top-level keys");
    check(json["nbformat"] == 4 && json["nbformat_minor"] == 5, "nbformat 4.5");
    check(json["metadata"]["kernelspec"]["name"] == "python3", "a python3 kernel");
    check(json["metadata"]["language_info"]["name"] == "python", "the language");
    let cells = json["cells"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = cells.iter().map(|c| c["cell_type"].as_str().unwrap_or("?")).collect();
    check(kinds == ["markdown", "code", "code"], "a markdown cell then two code cells");
    let mut ids = BTreeSet::new();
    for cell in &cells {
        let id = cell["id"].as_str().unwrap_or("");
        check(!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "a valid id");
        check(ids.insert(id.to_string()), "unique ids");
        check(cell["metadata"].is_object(), "cell metadata");
        let lines = cell["source"].as_array().cloned().unwrap_or_default();
        check(!lines.is_empty() && lines.iter().all(Json::is_string), "the source as lines");
        let n = lines.len();
        check(
            lines.iter().enumerate().all(|(i, l)| l.as_str().unwrap_or("").ends_with('\n') == (i + 1 < n)),
            "each line ends in \\n but the last",
        );
        let keys: BTreeSet<&str> = cell.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        if cell["cell_type"] == "code" {
            check(cell["outputs"] == serde_json::json!([]), "no stored outputs");
            check(cell["execution_count"].is_null(), "execution_count null");
            check(keys == BTreeSet::from(["cell_type", "execution_count", "id", "metadata", "outputs", "source"]), "code cell keys");
        } else {
            check(keys == BTreeSet::from(["cell_type", "id", "metadata", "source"]), "markdown cell keys");
        }
    }
    problems
}

/// A cell's text as Jupyter joins its lines.
fn source(cell: &Json) -> String {
    cell["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
}

/// A fresh empty folder for one case's files.
fn scratch(index: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linalg-live-notebook-{}-{index}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What running one case's notebook found.
struct Run {
    /// Problems with the JSON, the run or the saved figure.
    problems: Vec<String>,
    /// Numbers of the main readouts that the numpy cell did not print.
    missing: Vec<String>,
}

/// Builds, checks and runs one case's notebook.
fn run_case(index: usize, slug: &str, params: &[(&str, &str)]) -> Run {
    let page = open(slug, params);
    let notebook: Notebook = build(&page, "https://example.org/linalg-live/index.html#/ignored", &page.chapter().code_text().numpy);
    let text = notebook.to_json();
    let mut run = Run { problems: Vec::new(), missing: Vec::new() };
    let json: Json = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(e) => {
            run.problems.push(format!("{slug} {params:?}: not JSON: {e}"));
            return run;
        }
    };
    run.problems.extend(structure(&json).into_iter().map(|p| format!("{slug} {params:?}: {p}")));
    let dir = scratch(index);
    std::fs::write(dir.join(notebook.file_name()), &text).unwrap();
    let cells = json["cells"].as_array().unwrap();
    let markdown = source(&cells[0]);
    let link = format!("](https://example.org/linalg-live/index.html{})", page.full_page_hash());
    if !markdown.starts_with(&format!("# {} ", page.info().number)) || !markdown.contains(&link) {
        run.problems.push(format!("{slug} {params:?}: the title or the link back:\n{markdown}"));
    }
    // The code cells in order in one interpreter, as a kernel runs them; then the figure is saved.
    let png = dir.join("figure.png");
    let mut script: String = cells.iter().filter(|c| c["cell_type"] == "code").map(|c| source(c) + "\n").collect();
    script.push_str(&format!("fig.savefig({:?})\n", png.to_str().unwrap()));
    let printed = match python(&script, &dir) {
        Ok(out) => numbers(&out),
        Err(why) => {
            run.problems.push(format!("{slug} {params:?}: the notebook fails:\n{why}"));
            return run;
        }
    };
    match std::fs::read(&png) {
        Ok(bytes) if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 24 => {
            let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
            let view = page.viewport();
            if (f64::from(size(16)), f64::from(size(20))) != (view.width.round(), view.height.round()) {
                run.problems.push(format!(
                    "{slug} {params:?}: the PNG is {}×{}, the figure {}×{}",
                    size(16),
                    size(20),
                    view.width,
                    view.height
                ));
            }
        }
        _ => run.problems.push(format!("{slug} {params:?}: no PNG was saved")),
    }
    let _ = std::fs::remove_dir_all(&dir);
    for readout in page.readouts().iter().filter(|r| main_readouts(slug).contains(r.name)) {
        let mut want = Vec::new();
        flatten(&readout.value, &mut want);
        let scale = want.iter().fold(1.0_f64, |m, x| m.max(x.abs()));
        if let Some(x) = want.into_iter().find(|x| !printed.iter().any(|p| (p - x).abs() <= 1e-6 * x.abs() + 1e-9 * scale)) {
            run.missing.push(format!("{slug} {params:?}: {} has {x}, which the numpy cell does not print", readout.name));
        }
    }
    run
}

/// Every case's run, done once for both tests that read them (two interpreters at a time: most of
/// the time is Python starting and importing matplotlib).
fn runs() -> &'static [Run] {
    static RUNS: OnceLock<Vec<Run>> = OnceLock::new();
    RUNS.get_or_init(|| {
        if let Err(why) = python("import numpy, matplotlib", &std::env::temp_dir()) {
            panic!("numpy and matplotlib are needed to run the notebooks (scripts/setup.sh --tests installs them): {why}");
        }
        let cases: Vec<(usize, &Case)> = CASES.iter().enumerate().collect();
        std::thread::scope(|scope| {
            let halves: Vec<_> = cases
                .chunks(cases.len().div_ceil(2))
                .map(|chunk| scope.spawn(move || chunk.iter().map(|(i, (slug, params))| run_case(*i, slug, params)).collect::<Vec<_>>()))
                .collect();
            halves.into_iter().flat_map(|h| h.join().expect("a checker thread")).collect()
        })
    })
}

#[test]
fn notebooks_are_valid_and_run_to_the_pages_figure() {
    let problems: Vec<&String> = runs().iter().flat_map(|r| &r.problems).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n"));
}

/// The numpy cell is the code panel's snippet, so this fails exactly where tests/code_runs.rs does
/// for these states (until every chapter's snippet prints its numbers).
#[test]
fn the_numpy_cell_prints_the_pages_main_readouts() {
    let missing: Vec<&String> = runs().iter().flat_map(|r| &r.missing).collect();
    assert!(
        missing.is_empty(),
        "{} numbers missing:\n{}",
        missing.len(),
        missing.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_case_draws_what_it_is_there_for() {
    let figure = |slug: &str, params: &[(&str, &str)]| {
        let page = open(slug, params);
        build(&page, "https://example.org/", &page.chapter().code_text().numpy).cells()[2].source.clone()
    };
    assert!(figure("eigendecomposition", &[("view", "quadratic")]).contains("heat = np.frombuffer("));
    assert!(figure("svd", &[("tab", "image")]).contains("picture = np.frombuffer("));
    assert!(figure("tensors", &[("A", "1,2;3,4;5,6"), ("view", "columns")]).contains("wrap=True"));
    let arrows = figure("multiplication", &[]);
    assert!(arrows.contains("ax.plot(") && arrows.contains("ax.fill(") && arrows.contains("**LABEL)") && arrows.contains("Circle("));
}

#[test]
fn the_notebooks_colours_are_the_light_themes() {
    let css = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/style.css")).unwrap();
    // The first block declares the light theme (`:root, :host`); the dark one comes later.
    let light = &css[..css.find('}').unwrap()];
    let var = |name: &str| {
        let at = light.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in style.css")) + name.len() + 1;
        light[at..].split(';').next().unwrap().trim().to_string()
    };
    let theme = light_theme();
    for (role, name) in ROLE_NAMES {
        let ours = &theme.roles.iter().find(|(r, _)| *r == role).unwrap().1;
        assert_eq!(*ours, var(&format!("--c-{name}")), "{name}");
    }
    assert_eq!(theme.text_roles, vec![(Role::Ghost, var("--c-ghost-text"))]);
    assert_eq!(theme.background, var("--c-figure-bg"));
    assert_eq!(theme.font, var("--figure-font"));
}
