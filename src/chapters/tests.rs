//! The registry's tests: the contract's slugs, every chapter's defaults, and links in and out.

use super::*;
use crate::chapter::{from_params, to_params, AnyChapter};

fn open(slug: &str, params: &[(&str, &str)]) -> (Box<dyn AnyChapter>, Vec<String>) {
    let params: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    from_params(find(slug).expect("a known slug").build, &params)
}

#[test]
fn the_table_has_the_contract_slugs_in_order() {
    let slugs: Vec<&str> = CHAPTERS.iter().map(|c| c.slug).collect();
    assert_eq!(
        slugs,
        [
            "tensors",
            "multiplication",
            "inverse",
            "span",
            "norms",
            "special-matrices",
            "eigendecomposition",
            "svd",
            "pseudoinverse",
            "trace",
            "determinant",
            "pca"
        ]
    );
    assert!(find("nope").is_none());
}

#[test]
fn every_built_chapter_round_trips_its_default_state_through_the_url() {
    for info in CHAPTERS.iter() {
        let (chapter, problems) = open(info.slug, &[]);
        assert!(problems.is_empty());
        let params = to_params(chapter.as_ref());
        let (again, problems) = from_params(info.build, &params);
        assert!(problems.is_empty(), "{}: {problems:?}", info.slug);
        assert_eq!(to_params(again.as_ref()), params, "{}", info.slug);
    }
}

#[test]
fn every_declared_input_exists_and_keeps_its_default_in_the_first_state() {
    for info in CHAPTERS.iter() {
        let chapter = (info.build)();
        for input in chapter.inputs() {
            assert!(!input.value.is_empty(), "{}: {} is blank", info.slug, input.name);
        }
    }
}

#[test]
fn an_invalid_parameter_names_itself_and_falls_back_to_the_default() {
    let default = to_params(open("determinant", &[]).0.as_ref());
    for (k, v) in [("A", "NaN"), ("A", "1,2;3"), ("A", "<img src=x onerror=alert(1)>"), ("A", "1,2"), ("A", "1e400,1;1,1")] {
        let (chapter, problems) = open("determinant", &[("x", "1,1"), (k, v)]);
        assert_eq!(problems.len(), 1, "{k}={v}");
        assert!(problems[0].starts_with(&format!("Parameter {k}:")), "{}", problems[0]);
        assert_eq!(to_params(chapter.as_ref()), default);
    }
}

#[test]
fn a_choice_that_depends_on_another_is_kept_in_any_order() {
    for params in [[("view", "ab"), ("order", "ba")], [("order", "ba"), ("view", "ab")]] {
        let (chapter, problems) = open("multiplication", &params);
        assert!(problems.is_empty());
        assert!(to_params(chapter.as_ref()).contains(&("order".to_string(), "ba".to_string())));
    }
}

#[test]
fn every_code_snippet_is_used_and_every_book_parses() {
    use crate::chapter::CodeBook;
    let shared = CodeBook::parse(include_str!("../chapter/code.txt")).expect("the shared code book parses");
    let sources = |dir: &std::path::Path| -> String {
        let mut text = String::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().contains("test") {
                    text.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        text
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let shared_users = sources(&root);
    for key in shared.keys() {
        assert!(shared_users.contains(&format!("\"{key}\"")), "src/chapter/code.txt: snippet {key} is not used");
    }
    for info in CHAPTERS.iter() {
        let (chapter, _) = open(info.slug, &[]);
        let own = CodeBook::parse(chapter.code_book()).unwrap_or_else(|e| panic!("{}: code.txt: {e}", info.slug));
        // The books are read together: a chapter's key must not repeat a shared one.
        CodeBook::of_chapter(chapter.code_book());
        let text = sources(&root.join("chapters").join(info.slug.replace('-', "_")));
        for key in own.keys() {
            assert!(text.contains(&format!("\"{key}\"")), "{}: code.txt: snippet {key} is not used", info.slug);
        }
        let code = chapter.code_text();
        assert!(!format!("{code:?}").contains("${"), "{}: a ${{…}} was not filled", info.slug);
    }
}
