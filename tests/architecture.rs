//! The code's shape, checked: chapters do not import each other, nalgebra's decompositions are called
//! only in the maths (`crates/linalg-math`, a crate of its own, so it cannot reach into the app), the
//! pure crates never touch the browser, and no source file grows past what a reader can hold.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The maths crate's sources.
fn math_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/linalg-math/src")
}

/// Every Rust source of the site: the app's and the maths'.
fn all_rust_files() -> Vec<PathBuf> {
    let mut out = rust_files(&src());
    out.extend(rust_files(&math_src()));
    out
}

/// The text of a file without its test code: files named `tests.rs` and everything from the first
/// `#[cfg(test)]` on (test modules sit at the end of a file).
fn shipped(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs" || n == "testing.rs") {
        return String::new();
    }
    let text = fs::read_to_string(path).unwrap();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The chapter folders under src/chapters.
fn chapter_folders() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(src().join("chapters")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    out.sort();
    out
}

#[test]
fn no_chapter_imports_another_chapter() {
    let folders = chapter_folders();
    assert!(!folders.is_empty());
    let names: Vec<String> = folders.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    let mut offences = Vec::new();
    for (folder, name) in folders.iter().zip(&names) {
        for file in rust_files(folder) {
            let text = fs::read_to_string(&file).unwrap();
            for other in names.iter().filter(|n| *n != name) {
                for pattern in [format!("chapters::{other}"), format!("super::super::{other}"), format!("super::{other}::")] {
                    if text.contains(&pattern) {
                        offences.push(format!("{} uses {pattern}", file.display()));
                    }
                }
            }
            if text.contains("super::super::") && !text.contains("super::super::*") {
                offences.push(format!("{} reaches above its chapter with super::super", file.display()));
            }
        }
    }
    assert!(offences.is_empty(), "chapters must share through crate::chapter or crate::math:\n{}", offences.join("\n"));
}

#[test]
fn decompositions_are_called_only_in_math() {
    let calls = [
        ".lu()",
        ".qr()",
        ".svd(",
        "try_svd",
        "SVD::",
        "Schur",
        "SymmetricEigen",
        "symmetric_eigen",
        ".cholesky()",
        "try_inverse",
        ".determinant()",
        "pseudo_inverse",
    ];
    let mut offences = Vec::new();
    for file in rust_files(&src()) {
        for (n, line) in shipped(&file).lines().enumerate() {
            // Code the page shows the reader (inside string literals) is text, not a call.
            let code = line.split('"').step_by(2).collect::<String>();
            for call in calls.iter().filter(|c| code.contains(*c)) {
                offences.push(format!("{}:{}: {call}", file.display(), n + 1));
            }
        }
    }
    assert!(offences.is_empty(), "decompositions belong in crates/linalg-math:\n{}", offences.join("\n"));
}

#[test]
fn only_the_web_shell_touches_the_browser() {
    let mut offences = Vec::new();
    for file in all_rust_files() {
        if file.starts_with(src().join("web")) || file == src().join("lib.rs") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        // src/engine.rs borrows two number conversions from the JavaScript language (js_sys), no more.
        let words: &[&str] =
            if file == src().join("engine.rs") { &["web_sys", "wasm_bindgen"] } else { &["web_sys", "wasm_bindgen", "js_sys"] };
        for &word in words {
            if text.contains(word) {
                offences.push(format!("{} mentions {word}", file.display()));
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn no_source_file_is_longer_than_800_lines() {
    let long: Vec<String> = all_rust_files()
        .into_iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(&f).unwrap().lines().count();
            (lines > 800).then(|| format!("{} has {lines} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by responsibility:\n{}", long.join("\n"));
}
