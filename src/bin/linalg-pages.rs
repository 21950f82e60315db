//! Writes the chapters' static pages into a built site (see `linalg_live::prerender`):
//!
//!     cargo run --features prerender --bin linalg-pages -- DIST
//!
//! reads `DIST/index.html` (the page shell trunk built) and writes, for every chapter,
//! `DIST/<slug>/index.html`, `DIST/<slug>/prose.html` and `DIST/<slug>/code.txt`; prints each written page's path relative to
//! DIST, one a line. scripts/pages.mjs (trunk's post-build hook) runs it, then adds each page's
//! Content-Security-Policy.

use linalg_live::prerender::{all_pages, fill_template};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: linalg-pages DIST (a built site with its index.html)");
        return ExitCode::FAILURE;
    };
    let run = || -> Result<(), String> {
        let template =
            std::fs::read_to_string(dist.join("index.html")).map_err(|e| format!("{}: {e}", dist.join("index.html").display()))?;
        for page in all_pages() {
            let folder = dist.join(page.slug);
            std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            let html = fill_template(&template, &page)?;
            std::fs::write(folder.join("index.html"), html).map_err(|e| e.to_string())?;
            std::fs::write(folder.join("prose.html"), page.prose).map_err(|e| e.to_string())?;
            std::fs::write(folder.join("code.txt"), &page.code_book).map_err(|e| e.to_string())?;
            println!("{}/index.html", page.slug);
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("linalg-pages: {e}");
            ExitCode::FAILURE
        }
    }
}
