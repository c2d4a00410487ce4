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

/// Bytes as lowercase hex, two digits a byte (a SHA-256 digest as it is written in the content
/// files, the packs and the FHIR export's ids).
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// The SHA-256 of some bytes, as lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(bytes))
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

/// Names joined as a sentence lists them: "A", "A og B", "A, B og C" ("and" in English).
#[must_use]
pub fn and_list(names: &[&str], lang: Lang) -> String {
    let and = match lang {
        Lang::Da => " og ",
        Lang::En => " and ",
    };
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// A date as people read it: "1. juni 2027" in Danish, "1 June 2027" in English (the plan's
/// fields keep ISO dates; texts written for people use this).
#[must_use]
pub fn date_text(d: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const DA: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = d.month0() as usize;
    match lang {
        Lang::Da => format!("{}. {} {}", d.day(), DA[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), EN[m], d.year()),
    }
}

/// Whether `s` is shaped `YYYY-MM-DD` (digits and two dashes).
#[must_use]
pub fn iso_shaped(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// A calendar date `YYYY-MM-DD`, `None` when it is not shaped so or not a real day (2027-02-30).
/// chrono's format parser would add 7 KB to the wasm for the same.
#[must_use]
pub fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    if !iso_shaped(s) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let year = i32::try_from(num(0..4)).unwrap_or(0);
    chrono::NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_writes_two_lowercase_digits_a_byte_and_sha256_the_known_digest() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex(&[]), "");
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

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

    #[test]
    fn names_are_listed_as_a_sentence_lists_them() {
        assert_eq!(and_list(&[], Lang::Da), "");
        assert_eq!(and_list(&["KOL"], Lang::Da), "KOL");
        assert_eq!(
            and_list(&["KOL", "Hjertesygdom"], Lang::Da),
            "KOL og Hjertesygdom"
        );
        assert_eq!(and_list(&["A", "B", "C"], Lang::En), "A, B and C");
    }
}
