//! The code panel: code that reproduces the page's state in numpy, PyTorch and nalgebra.
//!
//! A chapter's [`Code`] is a recipe: its inputs' declarations (written from their values) and the
//! snippets to append, by key, with the values to fill in. The snippets' text is the chapter's code
//! book, `code.txt` in its folder ([`CodeBook`]): compiled in natively (tests, the static pages, the
//! notebook they link), fetched by the module with the page (`<slug>/code.txt`), so that the three
//! languages' fixed text is not part of the WebAssembly module.
//!
//! A code book is a list of snippets. `@@ key langs` starts one: `langs` is `numpy`, `torch`,
//! `nalgebra`, `python` (numpy and PyTorch) or a list of these separated by commas; its text is the
//! lines up to the next `@@` line. A snippet adds its text and a line break to each of its languages
//! and nothing to the others. `${name}` in a text is replaced by the value the chapter gives for
//! `name`. The books of all chapters start with the shared one (`src/chapter/code.txt`).

use super::input::{Access, InputSpec};
use crate::decimal::debug;
use crate::state::number::format_number;
use nalgebra::DMatrix;

/// The code that reproduces the current state, in the three languages of the code panel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeText {
    /// Python with numpy (the default tab).
    pub numpy: String,
    /// Python with PyTorch.
    pub torch: String,
    /// Rust with nalgebra.
    pub nalgebra: String,
}

/// The three languages, in the order of the code panel's tabs and of [`CodeText`]'s fields.
const LANGUAGES: [&str; 3] = ["numpy", "torch", "nalgebra"];

/// A chapter's snippets by key: one text per language (`code.txt` of the chapter's folder).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CodeBook {
    /// (key, the text in each language it has), in the book's order.
    snippets: Vec<(String, [Option<String>; 3])>,
}

impl CodeBook {
    /// Reads a code book (the layout is in this module's documentation); says which line is wrong.
    pub fn parse(text: &str) -> Result<CodeBook, String> {
        let mut book = CodeBook::default();
        let mut current: Option<(String, Vec<usize>, Vec<&str>)> = None;
        let finish = |current: Option<(String, Vec<usize>, Vec<&str>)>, book: &mut CodeBook| {
            if let Some((key, languages, lines)) = current {
                let at = match book.snippets.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        book.snippets.push((key.clone(), Default::default()));
                        book.snippets.len() - 1
                    }
                };
                let entry = &mut book.snippets[at].1;
                for i in languages {
                    if entry[i].replace(lines.join("\n")).is_some() {
                        return Err(format!("snippet {key} has two {} texts", LANGUAGES[i]));
                    }
                }
            }
            Ok(())
        };
        for (number, line) in text.lines().enumerate() {
            let Some(header) = line.strip_prefix("@@ ") else {
                match current.as_mut() {
                    Some((_, _, lines)) => lines.push(line),
                    None if line.trim().is_empty() => {}
                    None => return Err(format!("line {}: text before the first @@ line", number + 1)),
                }
                continue;
            };
            finish(current.take(), &mut book)?;
            let (key, langs) = header.split_once(' ').ok_or_else(|| format!("line {}: @@ needs a key and languages", number + 1))?;
            let mut languages = Vec::new();
            for lang in langs.split(',') {
                match lang.trim() {
                    "python" => languages.extend([0, 1]),
                    other => languages.push(
                        LANGUAGES
                            .iter()
                            .position(|l| *l == other)
                            .ok_or_else(|| format!("line {}: unknown language {other}", number + 1))?,
                    ),
                }
            }
            current = Some((key.to_string(), languages, Vec::new()));
        }
        finish(current.take(), &mut book)?;
        Ok(book)
    }

    /// The snippets' keys (for the tests that every one is used).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.snippets.iter().map(|(key, _)| key.as_str())
    }

    /// The book of a chapter whose own snippets are `chapter` (its `code.txt`): the shared snippets
    /// first. Compiled in natively only; the module fetches `<slug>/code.txt`, the same text.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_chapter(chapter: &str) -> CodeBook {
        CodeBook::parse(&book_text(chapter)).unwrap_or_else(|e| panic!("a code.txt does not parse: {e}"))
    }
}

/// The text of a chapter's code book: the shared snippets, then the chapter's own (what the build
/// writes to `<slug>/code.txt`).
#[cfg(not(target_arch = "wasm32"))]
pub fn book_text(chapter: &str) -> String {
    format!("{}{chapter}", include_str!("code.txt"))
}

/// One step of a recipe.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// Text written from the state, appended as it is.
    Text([String; 3]),
    /// A snippet of the code book with the values of its `${…}` names.
    Snippet(&'static str, Vec<(&'static str, String)>),
}

/// The recipe of the code that reproduces the current state; [`Code::text`] writes it with the
/// chapter's code book.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Code {
    parts: Vec<Part>,
}

/// A numpy/torch literal of a vector: `[1, 2]`.
pub fn list_literal(entries: impl IntoIterator<Item = f64>) -> String {
    format!("[{}]", entries.into_iter().map(format_number).collect::<Vec<_>>().join(", "))
}

/// A numpy/torch literal of a matrix: `[[1, 2], [3, 4]]`.
pub fn matrix_literal(m: &DMatrix<f64>) -> String {
    format!("[{}]", m.row_iter().map(|r| list_literal(r.iter().copied())).collect::<Vec<_>>().join(", "))
}

/// Rust bindings are lower case: `A` becomes `a` (input names are ASCII; ASCII lowering also keeps
/// Unicode's case tables out of the WebAssembly module).
pub fn rust_name(name: &str) -> String {
    name.to_ascii_lowercase()
}

impl Code {
    /// An empty recipe (a chapter that imports more than [`Code::imports`] starts here).
    pub fn new() -> Code {
        Code::default()
    }

    /// Code that imports the libraries and nothing else.
    pub fn imports() -> Code {
        let mut code = Code::new();
        code.snippet("imports", &[]);
        code
    }

    /// Code that imports the libraries and declares every input of `state` that exists, with its
    /// current value, in declaration order.
    pub fn declare<S>(inputs: &[InputSpec<S>], state: &S) -> Code {
        Code::imports().declare_all(inputs, state)
    }

    /// This code (its imports), then every input of `state` that exists, declared with its current
    /// value in declaration order, then an empty line.
    pub fn declare_all<S>(mut self, inputs: &[InputSpec<S>], state: &S) -> Code {
        for spec in inputs {
            self.declare_one(spec, state);
        }
        self.push("\n", "\n", "\n");
        self
    }

    /// Declares one input with its current value (nothing when it does not exist now).
    pub fn declare_one<S>(&mut self, spec: &InputSpec<S>, state: &S) {
        let (name, rust) = (spec.name, rust_name(spec.name));
        let entries = |m: &DMatrix<f64>| m.transpose().iter().map(|&x| debug(x)).collect::<Vec<_>>().join(", ");
        match spec.access {
            Access::Scalar { get, .. } => {
                let Some(x) = get(state) else { return };
                self.snippet("declare_scalar", &[("name", name), ("rust", &rust), ("x", &debug(x))]);
            }
            Access::Vector { get, .. } => {
                let Some(v) = get(state) else { return };
                let (array, entries) = (list_literal(v.iter().copied()), entries(v));
                self.snippet("declare_vector", &[("name", name), ("rust", &rust), ("array", &array), ("entries", &entries)]);
            }
            Access::Matrix { get, .. } => {
                let Some(m) = get(state) else { return };
                let (rows, cols) = (m.nrows().to_string(), m.ncols().to_string());
                let values = [
                    ("name", name),
                    ("rust", &rust),
                    ("array", &matrix_literal(m)),
                    ("rows", &rows),
                    ("cols", &cols),
                    ("entries", &entries(m)),
                ];
                self.snippet("declare_matrix", &values);
            }
        }
    }

    /// Appends the code book's snippet `key`, each `${name}` replaced by its value in `values`, and a
    /// line break, in each language.
    pub fn snippet(&mut self, key: &'static str, values: &[(&'static str, &str)]) {
        self.parts.push(Part::Snippet(key, values.iter().map(|&(name, value)| (name, value.to_string())).collect()));
    }

    /// Appends text written from the state, as it is, to each language; fixed text belongs in the
    /// code book ([`Code::snippet`]).
    pub fn push(&mut self, numpy: &str, torch: &str, nalgebra: &str) {
        self.parts.push(Part::Text([numpy.to_string(), torch.to_string(), nalgebra.to_string()]));
    }

    /// The code in the three languages, the snippets taken from `book`. A snippet the book lacks is a
    /// comment saying so (and a failed assertion in tests: every chapter's snippets are checked).
    pub fn text(&self, book: &CodeBook) -> CodeText {
        let mut out: [String; 3] = Default::default();
        for part in &self.parts {
            match part {
                Part::Text(texts) => {
                    for (out, text) in out.iter_mut().zip(texts) {
                        out.push_str(text);
                    }
                }
                Part::Snippet(key, values) => {
                    let texts = book.snippets.iter().find(|(k, _)| k == key).map(|(_, texts)| texts);
                    debug_assert!(texts.is_some(), "the code book has no snippet {key}");
                    for (i, out) in out.iter_mut().enumerate() {
                        match texts.map(|t| &t[i]) {
                            Some(Some(text)) => fill(out, text, values),
                            Some(None) => continue,
                            None => out.push_str(if i == 2 {
                                "// (this code could not be loaded)"
                            } else {
                                "# (this code could not be loaded)"
                            }),
                        }
                        out.push('\n');
                    }
                }
            }
        }
        let [numpy, torch, nalgebra] = out;
        CodeText { numpy, torch, nalgebra }
    }
}

/// Appends `template` to `out` with each `${name}` replaced by its value.
fn fill(out: &mut String, template: &str, values: &[(&'static str, String)]) {
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 2..start + len];
        let value = values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
        debug_assert!(value.is_some(), "no value for ${{{name}}}");
        out.push_str(&rest[..start]);
        out.push_str(value.unwrap_or(&rest[start..start + len + 1]));
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct State {
        a: DMatrix<f64>,
        s: f64,
    }

    const INPUTS: [InputSpec<State>; 2] = [
        InputSpec::matrix(
            "A",
            "1,2.5;3,4",
            |s: &State| Some(&s.a),
            |s, m| {
                s.a = m;
                Ok(())
            },
        ),
        InputSpec::scalar(
            "s",
            "2",
            |s: &State| Some(s.s),
            |s, x| {
                s.s = x;
                Ok(())
            },
        ),
    ];

    const BOOK: &str =
        "@@ transpose python\nprint(A.T)  # ${m} by ${n}\n@@ transpose nalgebra\nlet t = a.transpose();\n\n@@ torch_only torch\nx = 1\n";

    #[test]
    fn code_declares_inputs_and_fills_snippets_in_three_languages() {
        let state = State { a: DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]), s: 2.0 };
        let mut code = Code::declare(&INPUTS, &state);
        code.snippet("transpose", &[("m", "2"), ("n", "3")]);
        code.snippet("torch_only", &[]);
        let code = code.text(&CodeBook::of_chapter(BOOK));
        assert!(code.numpy.contains("A = np.array([[1, 2.5], [3, 4]], dtype=float)\ns = 2.0\n"), "{}", code.numpy);
        assert!(code.numpy.ends_with("\n\nprint(A.T)  # 2 by 3\n"), "{}", code.numpy);
        assert!(code.torch.contains("torch.tensor([[1, 2.5], [3, 4]], dtype=torch.float64)"));
        assert!(code.torch.ends_with("print(A.T)  # 2 by 3\nx = 1\n"), "{}", code.torch);
        assert!(code.nalgebra.contains("let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.5, 3.0, 4.0]);"));
        assert!(code.nalgebra.ends_with("let t = a.transpose();\n\n"), "{:?}", code.nalgebra);
        assert_eq!(list_literal([1.0, -0.5]), "[1, -0.5]");
    }

    #[test]
    fn a_book_that_does_not_parse_says_where() {
        assert_eq!(CodeBook::parse("print(1)\n").unwrap_err(), "line 1: text before the first @@ line");
        assert_eq!(CodeBook::parse("@@ k\n").unwrap_err(), "line 1: @@ needs a key and languages");
        assert_eq!(CodeBook::parse("@@ k numpy,go\n").unwrap_err(), "line 1: unknown language go");
        assert_eq!(CodeBook::parse("@@ k python\na\n@@ k numpy\nb\n").unwrap_err(), "snippet k has two numpy texts");
    }

    #[test]
    fn a_snippet_the_book_lacks_is_a_comment() {
        let mut code = Code::new();
        code.parts.push(Part::Snippet("missing", Vec::new()));
        let result = std::panic::catch_unwind(|| code.text(&CodeBook::default()));
        // Tests assert (every chapter's snippets are checked); a release build writes a comment.
        assert!(result.is_err() || result.unwrap().numpy == "# (this code could not be loaded)\n");
    }
}
