//! The chapters' texts, checked as a reader would use them: every example the text names is a link
//! that sets the figure (and the link is valid), the chapters link where the maths connects, questions
//! ask the reader to predict before looking, and no page speaks our internal words.

use linalg_live::chapter::from_params;
use linalg_live::chapters::{find, CHAPTERS};
use linalg_live::state::route::{parse_hash, Route};

/// Every `href="#/…"` in a text, with `&amp;` decoded.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"#/").skip(1).filter_map(|rest| rest.split('"').next()).map(|h| format!("#/{}", h.replace("&amp;", "&"))).collect()
}

/// Opens a link's state on its chapter; the problems it reports (none for a valid link).
fn problems(hash: &str) -> Result<(String, Vec<String>), String> {
    let Route::Chapter(link) = parse_hash(hash) else { return Err(format!("{hash} is not a chapter link")) };
    let info = find(&link.slug).ok_or_else(|| format!("{hash} names no chapter"))?;
    let (_, problems) = from_params(info.build, &link.params);
    Ok((link.slug, [link.problems, problems].concat()))
}

#[test]
fn every_chapter_text_sets_its_figure_links_other_chapters_and_asks_before_it_tells() {
    let mut failures = Vec::new();
    for info in CHAPTERS.iter() {
        let prose = (info.build)().prose();
        let mut own = 0;
        let mut others = std::collections::BTreeSet::new();
        for hash in links(prose) {
            match problems(&hash) {
                Ok((slug, p)) if p.is_empty() => {
                    if slug == info.slug {
                        own += usize::from(hash.contains('?'));
                    } else {
                        others.insert(slug);
                    }
                }
                Ok((_, p)) => failures.push(format!("{}: {hash} is refused: {p:?}", info.slug)),
                Err(why) => failures.push(format!("{}: {why}", info.slug)),
            }
        }
        if own < 3 {
            failures.push(format!("{}: {own} links set the figure (at least 3)", info.slug));
        }
        if others.len() < 2 {
            failures.push(format!("{}: links {} other chapters (at least 2): {others:?}", info.slug, others.len()));
        }
        let questions: Vec<&str> =
            prose.split("<details class=\"predict\">").skip(1).map(|d| d.split("</details>").next().unwrap_or("")).collect();
        if questions.len() < 2 {
            failures.push(format!("{}: {} predict-then-look questions (at least 2)", info.slug, questions.len()));
        }
        for q in &questions {
            let summary = q.split("<summary>").nth(1).and_then(|s| s.split("</summary>").next()).unwrap_or("");
            if !summary.trim_end().ends_with('?') {
                failures.push(format!("{}: a question's summary does not ask: {summary:?}", info.slug));
            }
            if !links(q).iter().any(|h| h.starts_with(&format!("#/{}?", info.slug))) {
                failures.push(format!("{}: a question's answer links no state that shows it: {summary:?}", info.slug));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_page_says_seed() {
    let mut found = Vec::new();
    for info in CHAPTERS.iter() {
        let chapter = (info.build)();
        let mut texts = vec![chapter.prose().to_string(), chapter.summary()];
        texts.extend(chapter.readouts().into_iter().map(|r| r.note));
        let code = chapter.code_text();
        texts.extend([code.numpy, code.torch, code.nalgebra]);
        for text in texts {
            let lower = text.to_lowercase();
            if lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "seed" || w == "seeds" || w == "seed's") {
                found.push(format!("{}: …{}…", info.slug, &text[..text.len().min(80)]));
            }
        }
    }
    assert!(found.is_empty(), "readers know the book and the notebooks, not our word 'seed':\n{}", found.join("\n"));
}

#[test]
fn formulas_look_like_a_textbook_in_every_browser() {
    // MathML Core honours only mathvariant="normal": bold vectors are Unicode's mathematical bold
    // letters. A parenthesis stretches only around something taller than a line (a fraction, a sum
    // with limits); around g(𝒄) it keeps the text's height.
    let mut found = Vec::new();
    for info in CHAPTERS.iter() {
        let prose = (info.build)().prose();
        if prose.contains("mathvariant=\"bold\"") {
            found.push(format!("{}: mathvariant=\"bold\", which Chromium ignores", info.slug));
        }
        for (i, _) in prose.match_indices("<mo>(</mo>") {
            let inside = prose[i..].split("<mo>)</mo>").next().unwrap_or("");
            if !["<mfrac", "<munder", "<msup", "<mtable"].iter().any(|tall| inside.contains(tall)) {
                found.push(format!("{}: a stretchy ( around {}", info.slug, &inside[..inside.len().min(80)]));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_link_has_a_name_a_screen_reader_can_say() {
    // Chromium gives a link no accessible name from MathML: a link that is only a formula needs an
    // aria-label.
    let mut found = Vec::new();
    for info in CHAPTERS.iter() {
        let prose = (info.build)().prose();
        for link in prose.split("<a ").skip(1) {
            let (open, rest) = link.split_once('>').unwrap_or((link, ""));
            let inner = rest.split("</a>").next().unwrap_or("");
            // The text outside any <math> inside the link.
            let (mut words, mut depth) = (String::new(), 0);
            for (i, piece) in inner.split('<').enumerate() {
                let (tag, text) = if i == 0 { ("", piece) } else { piece.split_once('>').unwrap_or((piece, "")) };
                if tag.starts_with("math") {
                    depth += 1;
                } else if tag.starts_with("/math") {
                    depth -= 1;
                }
                if depth == 0 {
                    words.push_str(text);
                }
            }
            if words.trim().is_empty() && !open.contains("aria-label=\"") {
                found.push(format!("{}: <a {open}> has only a formula and no aria-label", info.slug));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
