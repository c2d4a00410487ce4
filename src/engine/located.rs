//! JSON deserialization whose errors name the field (`instruments.cat[3]`).
//!
//! serde_json says where in the text it stopped (line and column); [`path_at`] walks the text up
//! to that byte and names the value there. This costs one small scanner, whereas a tracking
//! deserializer wrapped around every type (serde_path_to_error) doubled the deserialization
//! code and was a quarter of the widget's WebAssembly.

use serde::de::DeserializeOwned;

/// A deserialization error with the JSON path of the value it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// `instruments.cat[3]`, `content[0].version`; `.` for the whole document.
    pub path: String,
    /// serde_json's message without the line and column.
    pub message: String,
    /// serde_json's message with the line and column (for people editing a file).
    pub message_with_position: String,
}

/// Parses `text` as `T`.
///
/// # Errors
/// What is wrong and where, as a JSON path.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Located> {
    serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) if e.line() > 0 => full[..i].to_owned(),
            _ => full.clone(),
        };
        let mut offset = offset_of(text, e.line(), e.column());
        if e.classify() == serde_json::error::Category::Syntax {
            // A syntax error points one past the byte it peeked at (an enum given `[`).
            offset = offset.saturating_sub(1);
        }
        Located {
            path: path_at(text, offset),
            message,
            message_with_position: full,
        }
    })
}

/// The byte offset of serde_json's 1-based line and 0-based byte column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// Where the scanner is inside a container.
enum Frame {
    Object(Option<String>),
    Array(usize),
}

/// The last thing the scanner read.
#[derive(PartialEq, Eq)]
enum Last {
    Nothing,
    Open,
    Comma,
    Colon,
    Key,
    Value,
    Close,
}

fn write_segment(out: &mut String, frame: &Frame) {
    match frame {
        Frame::Object(Some(key)) => {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        Frame::Object(None) => {}
        Frame::Array(i) => {
            out.push('[');
            out.push_str(&i.to_string());
            out.push(']');
        }
    }
}

fn path_of(frames: &[Frame]) -> String {
    let mut out = String::new();
    for f in frames {
        write_segment(&mut out, f);
    }
    if out.is_empty() {
        ".".to_owned()
    } else {
        out
    }
}

/// The JSON path of the value serde_json was reading when it stopped at byte `offset`: the value
/// just read, the container just closed (a missing field is reported after its `}`), the key
/// just read (an unknown field), or the value about to start.
#[must_use]
pub fn path_at(text: &str, offset: usize) -> String {
    let bytes = &text.as_bytes()[..offset.min(text.len())];
    let mut frames: Vec<Frame> = Vec::new();
    let mut last = Last::Nothing;
    let mut closed = String::from(".");
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                frames.push(Frame::Object(None));
                last = Last::Open;
            }
            b'[' => {
                frames.push(Frame::Array(0));
                last = Last::Open;
            }
            b'}' | b']' => {
                frames.pop();
                // The container's own path is its parent's current element.
                closed = path_of(&frames);
                last = Last::Close;
            }
            b',' => {
                match frames.last_mut() {
                    Some(Frame::Array(n)) => *n += 1,
                    Some(Frame::Object(key)) => *key = None,
                    None => {}
                }
                last = Last::Comma;
            }
            b':' => last = Last::Colon,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let raw = &bytes[start..i.min(bytes.len())];
                let is_key = matches!(frames.last(), Some(Frame::Object(_)))
                    && matches!(last, Last::Open | Last::Comma);
                if is_key {
                    if let Some(Frame::Object(key)) = frames.last_mut() {
                        *key = Some(String::from_utf8_lossy(raw).into_owned());
                    }
                    last = Last::Key;
                } else {
                    last = Last::Value;
                }
            }
            b if b.is_ascii_whitespace() => {}
            _ => {
                while i + 1 < bytes.len() && !b",]} \t\r\n".contains(&bytes[i + 1]) {
                    i += 1;
                }
                last = Last::Value;
            }
        }
        i += 1;
    }
    match last {
        Last::Close => closed,
        // A value, or an unknown key (named with the key, as serde_path_to_error does).
        Last::Value | Last::Colon | Last::Key => path_of(&frames),
        Last::Open | Last::Comma if matches!(frames.last(), Some(Frame::Array(_))) => {
            path_of(&frames)
        }
        // A key expected: the object itself.
        Last::Open | Last::Comma => {
            let n = frames.len().saturating_sub(1);
            path_of(&frames[..n])
        }
        Last::Nothing => ".".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "the fields are read only by the deserializer under test"
    )]
    struct Doc {
        a: u8,
        list: Vec<Item>,
        #[serde(default)]
        name: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(
        dead_code,
        reason = "the fields are read only by the deserializer under test"
    )]
    struct Item {
        x: u8,
        tags: Vec<String>,
    }

    fn path(text: &str) -> String {
        from_str::<Doc>(text).unwrap_err().path
    }

    /// A wrong type names the value; a missing field the object; an unknown key the key.
    #[test]
    fn names_the_field_of_each_kind_of_error() {
        let cases = [
            (r#"{"a": "x", "list": []}"#, "a"),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": []}, {"x": 300, "tags": []}]}"#,
                "list[1].x",
            ),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": ["a", 2]}]}"#,
                "list[0].tags[1]",
            ),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": {"k": 1}}]}"#,
                "list[0].tags",
            ),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": []}], "name": []}"#,
                "name",
            ),
            (r"[1]", "."),
            (r#"{"a": 1}"#, "."),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": []}, {"x": 2}]}"#,
                "list[1]",
            ),
            (
                r#"{"a": 1, "list": [{"x": 1, "tags": [], "y": 2}]}"#,
                "list[0].y",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(path(text), expected, "{text}");
        }
    }

    #[test]
    fn finds_the_place_across_lines_and_escaped_keys() {
        let text =
            "{\n  \"a\": 1,\n  \"list\": [\n    {\"x\": 1, \"tags\": [\"q\\\"]\", true]}\n  ]\n}";
        assert_eq!(path(text), "list[0].tags[1]");
        let located = from_str::<Doc>(text).unwrap_err();
        assert!(
            located.message.starts_with("invalid type: boolean `true`"),
            "{located:?}"
        );
        assert!(
            located.message_with_position.ends_with("line 4 column 34"),
            "{located:?}"
        );
    }

    #[test]
    fn syntax_errors_and_empty_text_do_not_panic() {
        for text in [
            "",
            "{",
            "{\"a\"",
            "[1,",
            "\"",
            "{\"a\": 1,, }",
            "{\"é\": \"ø",
        ] {
            let e = from_str::<Doc>(text).unwrap_err();
            assert!(!e.path.is_empty(), "{text}");
        }
    }
}
