//! Texts as people read them: dates in their language, free text without the controls that
//! could reverse what is shown.

use crate::engine::Lang;

/// A date as people read it: `17.12.2026` in Danish, `17 Dec 2026` in English. Machine formats
/// (the plan JSON, FHIR) stay ISO.
#[must_use]
pub fn date_text(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Da => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let m = MONTHS[d.month0() as usize % 12];
            format!("{} {m} {}", d.day(), d.year())
        }
    }
}

/// Free text (a goal, a reason, a host's value quoted in an error) as the widget shows it: the
/// Unicode bidirectional controls (embeddings, overrides, isolates, marks) removed, so a text
/// cannot reverse what is shown after it on screen or on the printout ("\u{202E}" makes
/// "gnp.exe" read as "exe.png"). The plan JSON keeps the text as typed.
#[must_use]
pub fn shown_text(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .collect()
}
