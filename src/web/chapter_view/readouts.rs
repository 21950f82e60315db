//! The results table: one row per readout, its exact value in `data-value` (JSON) and its rounded form
//! for people, as [`ReadoutDisplay`] describes it. The table is rebuilt only when the readouts' names
//! change; a readout is formatted only when it changed, a value is rewritten only when its JSON
//! changed, and a matrix that keeps its shape has only its numbers rewritten (a drag changes text, not
//! structure).

use crate::readout::display::{Grid, ReadoutDisplay, Shown};
use crate::readout::Readout;
use crate::web::dom::{add, html, set_text, Res};
use web_sys::Element;

/// The results table and what each of its rows shows now.
pub(super) struct ReadoutTable {
    table: Element,
    rows: Vec<Row>,
}

/// One row's value and note cells, and what was last written into them.
struct Row {
    name: &'static str,
    value: Element,
    note: Element,
    written: Option<ReadoutDisplay>,
    /// The readout `written` shows.
    readout: Option<Readout>,
}

impl ReadoutTable {
    /// An empty table in `table`.
    pub fn new(table: &Element) -> ReadoutTable {
        ReadoutTable { table: table.clone(), rows: Vec::new() }
    }

    /// Shows `readouts`, rebuilding the rows when their names changed. A readout equal to the one
    /// last shown in its row is not formatted again (a drag changes some readouts, not all).
    pub fn update(&mut self, readouts: &[Readout]) -> Res<()> {
        if !self.rows.iter().map(|r| r.name).eq(readouts.iter().map(|r| r.name)) {
            self.rebuild(readouts)?;
        }
        for (row, readout) in self.rows.iter_mut().zip(readouts) {
            if row.readout.as_ref() != Some(readout) {
                row.write(ReadoutDisplay::of(readout))?;
                row.readout = Some(readout.clone());
            }
        }
        Ok(())
    }

    fn rebuild(&mut self, readouts: &[Readout]) -> Res<()> {
        self.table.set_text_content(None);
        self.rows.clear();
        let body = add(&self.table, "tbody", &[], None)?;
        for r in readouts {
            let row = add(&body, "tr", &[], None)?;
            add(&row, "th", &[("scope", "row")], Some(r.label))?;
            let value_cell = add(&row, "td", &[("class", "value")], None)?;
            let value = add(&value_cell, "span", &[("data-readout", r.name)], None)?;
            let note = add(&row, "td", &[("class", "note")], None)?;
            self.rows.push(Row { name: r.name, value, note, written: None, readout: None });
        }
        Ok(())
    }
}

impl Row {
    /// Writes a readout's value (when it changed) and its note.
    fn write(&mut self, display: ReadoutDisplay) -> Res<()> {
        let unchanged = self.written.as_ref().is_some_and(|w| w.json == display.json);
        if !unchanged {
            match &self.written {
                Some(before) if display.shown.fits_in_place(&before.shown) => self.rewrite_entries(&display.shown),
                _ => self.replace_value(&display.shown)?,
            }
            self.value.set_attribute("data-value", &display.json)?;
        }
        set_text(&self.note, &display.note);
        self.written = Some(display);
        Ok(())
    }

    /// Rewrites the entries of the one grid already shown, which has the same shape.
    fn rewrite_entries(&self, shown: &Shown) {
        let Shown::Grids(grids) = shown else { return };
        let mut cell = self.value.first_element_child().and_then(|grid| grid.first_element_child());
        for text in grids.iter().flat_map(Grid::cells) {
            let Some(current) = cell else { break };
            set_text(&current, text);
            cell = current.next_element_sibling();
        }
    }

    /// Replaces what the value cell shows.
    fn replace_value(&self, shown: &Shown) -> Res<()> {
        match shown {
            Shown::Text(text) => set_text(&self.value, text),
            Shown::Grids(grids) => {
                self.value.set_text_content(None);
                for grid in grids {
                    add_grid(&self.value, grid)?;
                }
            }
        }
        Ok(())
    }
}

/// Appends a matrix as a grid of rounded numbers between brackets.
fn add_grid(parent: &Element, grid: &Grid) -> Res<()> {
    let element = add(parent, "span", &[("class", "matrix")], None)?;
    // Through the CSSOM, not a style attribute: the Content-Security-Policy forbids inline styles.
    html(&element)?.style().set_property("--cols", &grid.cols().to_string())?;
    for text in grid.cells() {
        add(&element, "span", &[], Some(text))?;
    }
    Ok(())
}
