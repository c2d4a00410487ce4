//! Input fields as the GP sees them: which step a field is on, its name in the GP's words (never
//! its JSON path), the control a link to it focuses, and when its error is shown.
//!
//! Fields are named as the engine names them in errors and gates (`diagnosis_date`,
//! `instruments.cat[2]`, `measurements.egfr`, `overrides.levels.kol.reason`, …; see the contract).

use crate::engine::{Content, Lang};
use crate::ui::i18n::tr;
use crate::ui::state::Draft;

/// The steps: 0 Start, 1 Behovsvurdering, 2 Differentiering, 3 Behandlingsplan.
pub(crate) const STEP_START: usize = 0;
pub(crate) const STEP_ASSESSMENT: usize = 1;
pub(crate) const STEP_DIFFERENTIATION: usize = 2;
pub(crate) const STEP_PLAN: usize = 3;

/// The first segment of a field (`overrides` for `overrides.levels.kol.reason`, `pathways` for
/// `pathways[1]`), and the rest after its dot.
fn head(field: &str) -> (&str, &str) {
    let end = field.find(['.', '[']).unwrap_or(field.len());
    let rest = field[end..].strip_prefix('.').unwrap_or(&field[end..]);
    (&field[..end], rest)
}

/// The key of a map entry (`kol` in `levels.kol.reason`) and an index (`2` in `cat[2]`).
fn key(rest: &str) -> &str {
    rest.split(['.', '[']).next().unwrap_or(rest)
}

fn index(rest: &str) -> Option<usize> {
    rest.split_once('[')?.1.split(']').next()?.parse().ok()
}

/// The step a field is entered on.
pub(crate) fn step_of(field: &str) -> usize {
    match head(field) {
        ("instruments" | "instrument_totals" | "measurements" | "carried_over", _) => {
            STEP_ASSESSMENT
        }
        ("overrides", rest) if rest.starts_with("levels") => STEP_DIFFERENTIATION,
        ("overrides" | "patient_goals", _) => STEP_PLAN,
        _ => STEP_START,
    }
}

/// The field's name as the GP reads it on screen, in the language shown.
pub(crate) fn label(content: &Content, field: &str, lang: Lang) -> String {
    let (first, rest) = head(field);
    match first {
        "pathways" => tr(lang, "pathways").to_owned(),
        "diagnosis_date" => tr(lang, "diagnosis-date").to_owned(),
        "assessment_date" => tr(lang, "assessment-date").to_owned(),
        "phase" => tr(lang, "phase").to_owned(),
        "previous" => tr(lang, "previous-plan").to_owned(),
        "carried_over" => label(content, rest, lang),
        "instruments" => {
            let title = content.field_label(&format!("instruments.{}", key(rest)), lang);
            match index(rest) {
                Some(i) => format!("{title}, {} {}", tr(lang, "question"), i + 1),
                None => title,
            }
        }
        "instrument_totals" => format!(
            "{}: {}",
            content.field_label(&format!("instruments.{}", key(rest)), lang),
            tr(lang, "total-label")
        ),
        "measurements" => content.field_label(&format!("measurements.{}", key(rest)), lang),
        "patient_goals" => match index(field) {
            Some(i) => format!("{} {}", tr(lang, "field-goal"), i + 1),
            None => tr(lang, "field-goals").to_owned(),
        },
        "overrides" => {
            let (kind, rest) = head(rest);
            match kind {
                "levels" => {
                    let pathway = content
                        .pathways
                        .get(key(rest))
                        .map_or_else(|| key(rest).to_owned(), |p| p.title.get(lang).to_owned());
                    format!("{} ({pathway})", tr(lang, "field-level-reason"))
                }
                "removed_interventions" => tr(lang, "field-remove-reason").to_owned(),
                "added_interventions" => tr(lang, "field-add-reason").to_owned(),
                "gates" => tr(lang, "field-gate-reason").to_owned(),
                "treatments" => content.treatments.get(key(rest)).map_or_else(
                    || tr(lang, "treatment").to_owned(),
                    |t| format!("{}: {}", t.title.get(lang), tr(lang, "treatment-note")),
                ),
                _ => tr(lang, "field-other").to_owned(),
            }
        }
        _ => tr(lang, "field-other").to_owned(),
    }
}

/// The HTML id of the control a link to the field focuses, in the widget with this `uid`.
pub(crate) fn anchor(uid: &str, field: &str) -> Option<String> {
    let (first, rest) = head(field);
    match first {
        "pathways" => Some(format!("{uid}-pathways")),
        "diagnosis_date" | "assessment_date" => Some(format!("{uid}-{first}")),
        "carried_over" => anchor(uid, rest),
        "measurements" => Some(format!("{uid}-m-{}", key(rest))),
        "instrument_totals" => Some(format!("{uid}-t-{}", key(rest))),
        "instruments" => Some(match index(rest) {
            Some(i) => format!("{uid}-i-{}-{i}", key(rest)),
            None => format!("{uid}-i-{}", key(rest)),
        }),
        "patient_goals" => Some(format!("{uid}-goals")),
        "overrides" => {
            let (kind, rest) = head(rest);
            match kind {
                "levels" => Some(format!("{uid}-ov-{}-reason", key(rest))),
                "gates" => Some(format!("{uid}-gate-{}", key(rest))),
                "treatments" => Some(format!("{uid}-tr-{}-note", key(rest))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether a field's error is shown: always once the GP has entered something there (every
/// field but the start step's required ones holds only what the GP entered); an empty required
/// field (pathways, dates) only once the GP tried to go on. A fresh widget shows no errors.
pub(crate) fn error_shown(draft: &Draft, attempted: bool, field: &str) -> bool {
    attempted
        || match head(field).0 {
            "pathways" => !draft.pathways.is_empty(),
            "diagnosis_date" => !draft.diagnosis_date.is_empty(),
            "assessment_date" => !draft.assessment_date.is_empty(),
            _ => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_to_their_step_and_control() {
        for (field, step, anchor_id) in [
            ("pathways", STEP_START, Some("u-pathways")),
            ("pathways[1]", STEP_START, Some("u-pathways")),
            ("diagnosis_date", STEP_START, Some("u-diagnosis_date")),
            ("instruments.cat[2]", STEP_ASSESSMENT, Some("u-i-cat-2")),
            ("instruments.mdi", STEP_ASSESSMENT, Some("u-i-mdi")),
            ("instrument_totals.cat", STEP_ASSESSMENT, Some("u-t-cat")),
            ("measurements.egfr", STEP_ASSESSMENT, Some("u-m-egfr")),
            (
                "measurements.red_flags[0]",
                STEP_ASSESSMENT,
                Some("u-m-red_flags"),
            ),
            (
                "carried_over.measurements.egfr",
                STEP_ASSESSMENT,
                Some("u-m-egfr"),
            ),
            (
                "overrides.levels.kol.reason",
                STEP_DIFFERENTIATION,
                Some("u-ov-kol-reason"),
            ),
            (
                "overrides.treatments.metformin.reason",
                STEP_PLAN,
                Some("u-tr-metformin-note"),
            ),
            ("overrides.removed_interventions[0].reason", STEP_PLAN, None),
            ("patient_goals[3]", STEP_PLAN, Some("u-goals")),
            ("schema", STEP_START, None),
        ] {
            assert_eq!(step_of(field), step, "{field}");
            assert_eq!(anchor("u", field).as_deref(), anchor_id, "{field}");
        }
    }

    #[test]
    fn labels_are_the_gps_words_never_the_json_path() {
        let content = crate::engine::Content::builtin().unwrap_or_else(|e| panic!("{e}"));
        let da = |f: &str| label(&content, f, Lang::Da);
        assert_eq!(da("diagnosis_date"), "Diagnosedato");
        assert_eq!(
            da("instruments.cat[2]"),
            "CAT (COPD Assessment Test), spørgsmål 3"
        );
        assert_eq!(da("measurements.egfr"), "eGFR");
        assert_eq!(
            da("overrides.levels.kol.reason"),
            "Begrundelse for ændret niveau (KOL (kronisk obstruktiv lungesygdom))"
        );
        assert_eq!(da("patient_goals[1]"), "Patientens mål nr. 2");
        for field in [
            "schema",
            "$",
            "patient.age",
            "overrides.gates.x.reason",
            "previous.content[0]",
        ] {
            let l = da(field);
            assert!(
                !l.contains(field) && !l.contains('_') && !l.contains('['),
                "{field}: {l}"
            );
        }
    }

    #[test]
    fn a_fresh_widget_shows_no_error_for_what_was_not_yet_entered() {
        let draft = Draft::default();
        assert!(!error_shown(&draft, false, "pathways"));
        assert!(!error_shown(&draft, false, "diagnosis_date"));
        assert!(error_shown(&draft, true, "diagnosis_date"));
        assert!(error_shown(&draft, false, "measurements.egfr"));
    }
}
