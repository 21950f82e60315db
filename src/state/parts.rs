//! Which parts of a chapter page are shown: the `show=` parameter of a chapter address
//! (`show=figure,readouts`), so that a blogger embeds only what their post needs.

/// The URL parameter (and the `<linalg-figure>` attribute) that lists the parts shown.
pub const SHOW_PARAM: &str = "show";

/// One part of a chapter page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The figure with its caption (and, in an embed, the link back).
    Figure,
    /// The toolbar, the choices, the timeline and the editors.
    Controls,
    /// The results table (and the chart beside it).
    Readouts,
    /// The code panel.
    Code,
    /// The chapter's explanation.
    Text,
}

impl Part {
    /// Every part, in page order.
    pub const ALL: [Part; 5] = [Part::Figure, Part::Controls, Part::Readouts, Part::Code, Part::Text];

    /// The part's name in `show=`.
    pub fn name(self) -> &'static str {
        match self {
            Part::Figure => "figure",
            Part::Controls => "controls",
            Part::Readouts => "readouts",
            Part::Code => "code",
            Part::Text => "text",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts(u8);

impl Parts {
    /// Everything: the site's own chapter page.
    pub const ALL: Parts = Parts(0b1_1111);
    /// What `embed=1` shows unless `show=` says otherwise: the figure, its controls and readouts.
    pub const EMBED: Parts = Parts(0b0_0111);

    /// The parts named in `text`, a comma list such as `figure,readouts` (spaces allowed, order and
    /// repeats do not matter); a sentence naming the problem for an empty list or an unknown name.
    pub fn parse(text: &str) -> Result<Parts, String> {
        let mut bits = 0;
        for word in text.split(',').map(str::trim) {
            let Some(part) = Part::ALL.iter().find(|p| p.name() == word) else {
                let shown: String = word.chars().take(20).collect();
                let known: Vec<&str> = Part::ALL.iter().map(|p| p.name()).collect();
                return Err(if word.is_empty() {
                    format!("Parameter {SHOW_PARAM}: an empty name in the list (it takes {})", known.join(", "))
                } else {
                    format!("Parameter {SHOW_PARAM}: there is no part called “{shown}” (it takes {})", known.join(", "))
                });
            };
            bits |= part.bit();
        }
        Ok(Parts(bits))
    }

    /// Whether `part` is among them.
    pub fn contains(self, part: Part) -> bool {
        self.0 & part.bit() != 0
    }

    /// No part at all (a start for building a set).
    pub const NONE: Parts = Parts(0);

    /// These parts and `part`.
    pub fn with(self, part: Part) -> Parts {
        Parts(self.0 | part.bit())
    }

    /// These parts without `part`.
    pub fn without(self, part: Part) -> Parts {
        Parts(self.0 & !part.bit())
    }

    /// The `show=` value: the parts' names in page order.
    pub fn to_param(self) -> String {
        Part::ALL.iter().filter(|p| self.contains(**p)).map(|p| p.name()).collect::<Vec<_>>().join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_of_names_in_any_order_is_read_and_written_in_page_order() {
        let parts = Parts::parse(" readouts, figure ,figure").unwrap();
        assert!(parts.contains(Part::Figure) && parts.contains(Part::Readouts) && !parts.contains(Part::Code));
        assert_eq!(parts.to_param(), "figure,readouts");
        assert_eq!(Parts::parse("figure,controls,readouts,code,text"), Ok(Parts::ALL));
        assert_eq!(Parts::EMBED.to_param(), "figure,controls,readouts");
        assert_eq!(Parts::ALL.without(Part::Text).without(Part::Code), Parts::EMBED);
        assert_eq!(Parts::NONE.with(Part::Figure).with(Part::Controls).with(Part::Readouts), Parts::EMBED);
        for p in Part::ALL {
            assert_eq!(Parts::parse(p.name()).map(|s| s.contains(p)), Ok(true));
        }
    }

    #[test]
    fn unknown_or_empty_names_are_refused_with_the_list_of_parts() {
        let why = Parts::parse("figure,chart").unwrap_err();
        assert!(why.contains("no part called “chart”") && why.contains("figure, controls, readouts, code, text"), "{why}");
        assert!(Parts::parse("").unwrap_err().contains("an empty name"));
        assert!(Parts::parse("figure,,code").is_err());
        assert!(Parts::parse(&"x".repeat(5000)).unwrap_err().len() < 200, "the message quotes a bounded part");
    }
}
