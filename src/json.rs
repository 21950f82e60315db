//! JSON text without a serialisation framework (serde_json took about 10 KB of the gzipped
//! WebAssembly module): numbers in serde_json's shortest form, string literals, the notebook's
//! two-space layout, and a strict reader for the messages a host page sends. The tests check each
//! against serde_json.

use crate::decimal::{exponent_layout, plain_layout, shortest_digits};
use crate::state::number::decimal_value;

/// Deepest nesting of arrays and objects [`parse`] reads (as deep as serde_json reads).
const MAX_DEPTH: usize = 127;

/// A JSON value. Objects keep their members in the order written; numbers keep their text.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members in order (a repeated key: the last one counts, as in serde_json).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object from `(key, value)` pairs.
    pub fn object<const N: usize>(members: [(&str, Json); N]) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// The member `key` of an object (the last, if repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        let Json::Object(members) = self else { return None };
        members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value laid out as serde_json's `to_string_pretty` does: two-space indents, one member or
    /// element per line, `[]` and `{}` when empty.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out, 0);
        out
    }

    fn write_pretty(&self, out: &mut String, indent: usize) {
        let items: Vec<(Option<&str>, &Json)> = match self {
            Json::Null => return out.push_str("null"),
            Json::Bool(b) => return out.push_str(if *b { "true" } else { "false" }),
            Json::Number(text) => return out.push_str(text),
            Json::String(s) => return out.push_str(&quote(s)),
            Json::Array(items) => items.iter().map(|v| (None, v)).collect(),
            Json::Object(members) => members.iter().map(|(k, v)| (Some(k.as_str()), v)).collect(),
        };
        let (open, close) = if matches!(self, Json::Array(_)) { ('[', ']') } else { ('{', '}') };
        out.push(open);
        for (i, (key, value)) in items.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&"  ".repeat(indent + 1));
            if let Some(key) = key {
                out.push_str(&quote(key));
                out.push_str(": ");
            }
            value.write_pretty(out, indent + 1);
        }
        if !items.is_empty() {
            out.push('\n');
            out.push_str(&"  ".repeat(indent));
        }
        out.push(close);
    }
}

/// A number's JSON text in serde_json's layout: the shortest digits that read back as `x`, in
/// decimal form (`0.00001`, `12.5`, `100.0`) for exponents from −5 to 15 and in exponent form
/// (`1e-6`, `1.5e+16`) otherwise; `null` when `x` is not finite. (Where several 17-digit forms read
/// back as `x`, serde_json may end on another last digit than this, the nearest.)
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "null".into();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let (digits, exp) = shortest_digits(x);
    let sign = if x < 0.0 { "-" } else { "" };
    let body = if (-5..=15).contains(&exp) { plain_layout(&digits, exp, true) } else { exponent_layout(&digits, exp, true) };
    format!("{sign}{body}")
}

/// A JSON string literal of `s`, escaped as serde_json escapes it.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads JSON text (RFC 8259, as strictly as serde_json: no trailing commas, no lone surrogates,
/// no numbers beyond f64, at most [`MAX_DEPTH`] levels); `None` if it is not valid.
pub fn parse(text: &str) -> Option<Json> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0)?;
    reader.space();
    (reader.at == reader.bytes.len()).then_some(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json) -> Option<Json> {
        self.bytes[self.at..].starts_with(word.as_bytes()).then(|| {
            self.at += word.len();
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.space();
        match self.peek()? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        self.space();
                        if self.eat(b']') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(Json::Array(items))
            }
            b'{' if depth < MAX_DEPTH => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if !self.eat(b'}') {
                    loop {
                        self.space();
                        (self.peek() == Some(b'"')).then_some(())?;
                        let key = self.string()?;
                        self.space();
                        self.eat(b':').then_some(())?;
                        members.push((key, self.value(depth + 1)?));
                        self.space();
                        if self.eat(b'}') {
                            break;
                        }
                        self.eat(b',').then_some(())?;
                    }
                }
                Some(Json::Object(members))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        self.eat(b'-');
        let whole = self.digits();
        if whole == 0 || (whole > 1 && self.bytes[self.at - whole] == b'0') {
            return None;
        }
        if self.eat(b'.') && self.digits() == 0 {
            return None;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            (self.digits() > 0).then_some(())?;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        decimal_value(text).is_finite().then(|| Json::Number(text.to_string()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
        self.at += 4;
        hex.bytes().all(|b| b.is_ascii_hexdigit()).then(|| u32::from_str_radix(hex, 16).ok())?
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return String::from_utf8(out).ok();
                }
                b'\\' => {
                    self.at += 1;
                    let escaped = self.peek()?;
                    self.at += 1;
                    let c = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let unit = self.hex4()?;
                            let code = match unit {
                                0xd800..=0xdbff => {
                                    (self.eat(b'\\') && self.eat(b'u')).then_some(())?;
                                    let low = self.hex4()?;
                                    (0xdc00..=0xdfff).contains(&low).then_some(())?;
                                    0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                                }
                                0xdc00..=0xdfff => return None,
                                unit => unit,
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                byte if byte < b' ' => return None,
                byte => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -2.5,
            100.0,
            0.1,
            1e15,
            1e16,
            123456789012345680.0,
            1e-5,
            1.5e-5,
            1e-6,
            1e-7,
            5e-324,
            1.7976931348623157e308,
            2.0f64.powi(-1022),
            0.30000000000000004,
            -1234.5678,
            1e21,
            1e22,
            1e16 - 2.0,
        ] {
            assert_eq!(number(x), serde_json::json!(x).to_string(), "{x:e}");
        }
        // 17 digits, and serde_json ends on another digit that also reads back as the same number.
        let tie = f64::from_bits(14053478445061543066);
        assert_eq!((number(tie), serde_json::json!(tie).to_string()), ("-843900911620755.3".into(), "-843900911620755.2".into()));
        assert_eq!((number(f64::NAN), number(f64::INFINITY)), ("null".into(), "null".into()));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_finite_number_is_written_as_serde_json_writes_it(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            let (ours, theirs) = (number(x), serde_json::json!(x).to_string());
            prop_assert_eq!(ours.parse::<f64>().unwrap().to_bits(), bits);
            // The same layout and length; a 17th digit may differ (see `number`).
            prop_assert_eq!(ours.len(), theirs.len());
            prop_assert_eq!(&ours[..ours.len() - 1], &theirs[..theirs.len() - 1]);
        }

        #[test]
        fn strings_are_quoted_as_serde_json_quotes_them(s in "\\PC*|[\\x00-\\x7f]*") {
            prop_assert_eq!(quote(&s), serde_json::json!(s).to_string());
            prop_assert_eq!(parse(&quote(&s)), Some(Json::String(s)));
        }

        #[test]
        fn text_is_read_as_serde_json_reads_it(text in "[ \\[\\]{}\",:0-9.eE+\\-a-z\\\\/\\x00-\\x1f]{0,24}") {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text).ok();
            prop_assert_eq!(ours.is_some(), theirs.is_some(), "{:?}: {:?} vs {:?}", text, ours, theirs);
        }
    }

    #[test]
    fn documents_are_read_as_serde_json_reads_them() {
        for text in [
            r#"{"type":"linalg:set","state":"A=1,2;3,4"}"#,
            r#" { "a" : [1, -2.5e3, 0.5, true, false, null, {}, []], "b": "\u00e9\ud83d\ude00\n\/" } "#,
            r#"{"a":1,"a":2}"#,
            "-0",
            "1E+2",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "1e",
            "+1",
            "1e400",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"\\x\"",
            "\"a\tb\"",
            "nul",
            "[] []",
            "\u{feff}{}",
            "{1:2}",
        ] {
            let theirs = serde_json::from_str::<serde_json::Value>(text).ok();
            assert_eq!(parse(text).is_some(), theirs.is_some(), "{text}");
        }
        let message = parse(r#"{"type":"x","state":"\u00e9\ud83d\ude00","type":"linalg:get"}"#).unwrap();
        assert_eq!(
            (message.get("type").and_then(Json::as_str), message.get("state").and_then(Json::as_str)),
            (Some("linalg:get"), Some("é😀"))
        );
        let deep = |n| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_some() && parse(&deep(MAX_DEPTH + 1)).is_none());
        assert_eq!(parse(&deep(MAX_DEPTH)).is_some(), serde_json::from_str::<serde_json::Value>(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(parse(&deep(MAX_DEPTH + 1)).is_some(), serde_json::from_str::<serde_json::Value>(&deep(MAX_DEPTH + 1)).is_ok());
    }

    #[test]
    fn the_pretty_layout_is_serde_jsons() {
        let ours = Json::object([
            ("a", Json::Array(vec![])),
            ("b", Json::object([])),
            ("c", Json::Array(vec![Json::Number("4".into()), Json::Null, Json::String("x\n".into())])),
            ("d", Json::object([("e", Json::Bool(true)), ("f", Json::object([("g", Json::Array(vec![Json::Bool(false)]))]))])),
        ]);
        let theirs = serde_json::json!({"a": [], "b": {}, "c": [4, null, "x\n"], "d": {"e": true, "f": {"g": [false]}}});
        assert_eq!(ours.to_pretty(), serde_json::to_string_pretty(&theirs).unwrap());
    }
}
