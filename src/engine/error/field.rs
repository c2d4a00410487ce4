//! [`Field`]: where a value is in a JSON document, in the one notation every error uses:
//! keys joined by dots, list entries by their index in brackets, from the document's root
//! (`instruments.cat[3]`, `overrides.levels.kol.reason`); the document itself is `$`.

use std::fmt;

/// One step of a [`Field`]: an object's key or a list's index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// An object's key.
    Key(String),
    /// A list's index (0-based).
    Index(usize),
}

/// Where a value is in a JSON document, from its root.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Field(Vec<Step>);

impl Field {
    /// The document itself.
    #[must_use]
    pub fn root() -> Field {
        Field(Vec::new())
    }

    /// A top-level key.
    #[must_use]
    pub fn of(key: &str) -> Field {
        Field(vec![Step::Key(key.to_owned())])
    }

    /// This field's key `key`.
    #[must_use]
    pub fn key(mut self, key: &str) -> Field {
        self.0.push(Step::Key(key.to_owned()));
        self
    }

    /// This list's entry `i`.
    #[must_use]
    pub fn at(mut self, i: usize) -> Field {
        self.0.push(Step::Index(i));
        self
    }

    /// The steps from the root.
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// The key of step `n`, if that step is a key.
    #[must_use]
    pub fn key_at(&self, n: usize) -> Option<&str> {
        match self.0.get(n) {
            Some(Step::Key(k)) => Some(k),
            _ => None,
        }
    }

    /// The first index in the field (`3` in `instruments.cat[3]`).
    #[must_use]
    pub fn first_index(&self) -> Option<usize> {
        self.0.iter().find_map(|s| match s {
            Step::Index(i) => Some(*i),
            Step::Key(_) => None,
        })
    }

    /// The field without its first `n` steps (`measurements.egfr` in
    /// `carried_over.measurements.egfr` read as a field of its own).
    #[must_use]
    pub fn skip(&self, n: usize) -> Field {
        Field(self.0.iter().skip(n).cloned().collect())
    }

    /// Reads the notation back (`a.b[3]`, `$` or empty for the root; a leading `$.` is allowed).
    /// A key is everything up to the next `.` or `[`.
    #[must_use]
    pub fn parse(text: &str) -> Field {
        // `$` alone, or a leading `$.`/`$[`, is the root; a key may itself start with `$`.
        let text = if text == "$" || text.starts_with("$.") || text.starts_with("$[") {
            &text[1..]
        } else {
            text
        };
        let text = text.strip_prefix('.').unwrap_or(text);
        let mut steps = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            let key_end = rest.find('[').unwrap_or(rest.len());
            if key_end > 0 {
                steps.push(Step::Key(rest[..key_end].to_owned()));
            }
            rest = &rest[key_end..];
            while let Some(inner) = rest.strip_prefix('[') {
                let end = inner.find(']').unwrap_or(inner.len());
                match inner[..end].parse() {
                    Ok(i) => steps.push(Step::Index(i)),
                    Err(_) => steps.push(Step::Key(inner[..end].to_owned())),
                }
                rest = inner.get(end + 1..).unwrap_or("");
            }
        }
        Field(steps)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("$");
        }
        for (n, s) in self.0.iter().enumerate() {
            match s {
                Step::Key(k) if n == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// A field equals its notation (`field == "instruments.cat[3]"`).
impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        *self == Field::parse(other)
    }
}

impl PartialEq<String> for Field {
    fn eq(&self, other: &String) -> bool {
        *self == Field::parse(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_and_print_in_one_notation() {
        for text in [
            "instruments.cat[3]",
            "overrides.levels.kol.reason",
            "a[0][1].b",
            "$",
        ] {
            assert_eq!(Field::parse(text).to_string(), text);
        }
        assert_eq!(Field::parse("$.sources.who5").to_string(), "sources.who5");
        assert_eq!(Field::parse(".").to_string(), "$");
        assert_eq!(Field::parse("$sma").key_at(0), Some("$sma"));
        let f = Field::of("instruments").key("cat").at(3);
        assert_eq!(f, Field::parse("instruments.cat[3]"));
        assert_eq!(f.key_at(1), Some("cat"));
        assert_eq!(f.first_index(), Some(3));
        assert_eq!(
            Field::parse("carried_over.measurements.egfr").skip(1),
            Field::parse("measurements.egfr")
        );
    }
}
