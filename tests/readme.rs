//! The README documents every chapter's URL parameters (with defaults) and readouts. This test builds
//! that table from the chapters themselves and fails if the README's copy differs, printing the table
//! to paste, so the public interface documented there cannot drift from the code.

use linalg_live::chapter::InputView;
use linalg_live::chapters::CHAPTERS;

fn table() -> String {
    let mut out =
        String::from("| slug | parameters (default) | choices (first is the default) | readouts (`data-readout`) |\n|---|---|---|---|\n");
    for info in CHAPTERS.iter() {
        let chapter = (info.build)();
        let params: Vec<String> = chapter.inputs().iter().map(|i: &InputView| format!("`{}` = `{}`", i.name, i.to_param())).collect();
        let choices: Vec<String> = chapter
            .choices()
            .iter()
            .map(|c| format!("`{}`: {}", c.name, c.options.iter().map(|(v, _)| format!("`{v}`")).collect::<Vec<_>>().join(", ")))
            .collect();
        let inputs: Vec<&str> = chapter.inputs().iter().map(|i| i.name).collect();
        let readouts: Vec<String> =
            chapter.readouts().iter().filter(|r| !inputs.contains(&r.name)).map(|r| format!("`{}`", r.name)).collect();
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", info.slug, params.join(", "), choices.join("; "), readouts.join(", ")));
    }
    out
}

#[test]
fn the_readme_documents_every_parameter_and_readout() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = table();
    let start = readme.find("<!-- contract-table -->\n").map(|i| i + "<!-- contract-table -->\n".len());
    let end = readme.find("<!-- /contract-table -->");
    let documented = match (start, end) {
        (Some(s), Some(e)) if s <= e => &readme[s..e],
        _ => "",
    };
    assert!(documented == table, "README.md's contract table is out of date; it should read:\n\n{table}");
}
