//! Bilingual text. Danish is the default; English must be complete too.

use serde::{Deserialize, Serialize};

/// A language the widget and the content speak.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Danish, the default.
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, as used in `lang` attributes.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Parses `da` or `en`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages. Content validation rejects an empty translation.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Danish.
    pub da: String,
    /// English.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }

    /// Builds a text from two string slices.
    #[must_use]
    pub fn new(da: &str, en: &str) -> Text {
        Text {
            da: da.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// A number for a message or a hint, as a Dane or an English reader writes it: whole numbers
/// without a decimal part, a decimal comma in Danish, and the short exponent form far outside
/// any clinical range (as serde_json writes a float).
#[must_use]
pub fn number_text(v: f64, lang: Lang) -> String {
    // As the plan writes numbers: whole ones without a fraction.
    let text = crate::engine::condition::num_json(v).to_string();
    match lang {
        Lang::Da => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_f64_display_would_with_a_danish_decimal_comma() {
        for v in [
            0.0,
            12.0,
            -3.0,
            0.62,
            0.1 + 0.2,
            123_456.789,
            9e14,
            -0.001,
            2.5,
        ] {
            assert_eq!(number_text(v, Lang::En), v.to_string(), "{v}");
            assert_eq!(
                number_text(v, Lang::Da),
                v.to_string().replace('.', ","),
                "{v}"
            );
        }
        // Far outside any clinical range the exponent form keeps a message short.
        assert_eq!(number_text(1e300, Lang::En), "1e+300");
        assert_eq!(number_text(1.5e-7, Lang::Da), "1,5e-7");
    }
}
