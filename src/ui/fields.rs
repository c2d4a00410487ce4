//! Input fields as the GP sees them: which step a field is on, its name in the GP's words (never
//! its JSON path), the control a link to it focuses, and when its error is shown.
//!
//! Fields are named as the engine names them in errors and gates (`diagnosis_date`,
//! `instruments.cat[2]`, `measurements.egfr`, `overrides.levels.kol.reason`, …; see the contract).

use crate::engine::error::Field;
use crate::engine::{Content, Lang};
use crate::ui::i18n::tr;
use crate::ui::ids::{Id, Uid};
use crate::ui::state::Draft;
use crate::ui::step::Step;

/// The step a field is entered on.
pub(crate) fn step_of(field: &Field) -> Step {
    match (field.key_at(0), field.key_at(1)) {
        (Some("instruments" | "instrument_totals" | "measurements" | "carried_over"), _) => {
            Step::Assessment
        }
        (Some("overrides"), Some("levels")) => Step::Differentiation,
        (Some("overrides" | "patient_goals"), _) => Step::Plan,
        _ => Step::Start,
    }
}

/// The field's name as the GP reads it on screen, in the language shown.
pub(crate) fn label(content: &Content, field: &Field, lang: Lang) -> String {
    let key = |n: usize| field.key_at(n).unwrap_or_default();
    let instrument = || content.field_label(&format!("instruments.{}", key(1)), lang);
    match key(0) {
        "pathways" => tr(lang, "pathways").to_owned(),
        "diagnosis_date" => tr(lang, "diagnosis-date").to_owned(),
        "assessment_date" => tr(lang, "assessment-date").to_owned(),
        "phase" => tr(lang, "phase").to_owned(),
        "patient" => tr(lang, "field-patient").to_owned(),
        "previous" => tr(lang, "previous-plan").to_owned(),
        "carried_over" => label(content, &field.skip(1), lang),
        "instruments" => match field.first_index() {
            Some(i) => format!("{}, {} {}", instrument(), tr(lang, "question"), i + 1),
            None => instrument(),
        },
        "instrument_totals" => format!("{}: {}", instrument(), tr(lang, "total-label")),
        "measurements" => content.field_label(&format!("measurements.{}", key(1)), lang),
        "patient_goals" => match field.first_index() {
            Some(i) => format!("{} {}", tr(lang, "field-goal"), i + 1),
            None => tr(lang, "field-goals").to_owned(),
        },
        "overrides" => match key(1) {
            "levels" => {
                let pathway = content
                    .pathways
                    .get(key(2))
                    .map_or_else(|| key(2).to_owned(), |p| p.title.get(lang).to_owned());
                format!("{} ({pathway})", tr(lang, "field-level-reason"))
            }
            "removed_interventions" => tr(lang, "field-remove-reason").to_owned(),
            "added_interventions" => tr(lang, "field-add-reason").to_owned(),
            "gates" => tr(lang, "field-gate-reason").to_owned(),
            "treatments" => content.treatments.get(key(2)).map_or_else(
                || tr(lang, "treatment").to_owned(),
                |t| format!("{}: {}", t.title.get(lang), tr(lang, "treatment-note")),
            ),
            _ => tr(lang, "field-other").to_owned(),
        },
        _ => tr(lang, "field-other").to_owned(),
    }
}

/// The HTML id of the control a link to the field focuses, in the widget with this `uid`.
pub(crate) fn anchor(uid: Uid, field: &Field) -> Option<String> {
    let key = |n: usize| field.key_at(n).unwrap_or_default();
    let id = match key(0) {
        "pathways" => Id::Pathways,
        first @ ("diagnosis_date" | "assessment_date") => Id::Date(first),
        "carried_over" => return anchor(uid, &field.skip(1)),
        "measurements" => Id::Measurement(key(1)),
        "instrument_totals" => Id::Total(key(1)),
        "instruments" => match field.first_index() {
            Some(i) => Id::Item(key(1), i),
            None => Id::Instrument(key(1)),
        },
        "patient_goals" => Id::Goals,
        "overrides" => match key(1) {
            "levels" => Id::LevelReason(key(2)),
            "gates" => Id::Gate(key(2)),
            "treatments" => Id::TreatmentNote(key(2)),
            _ => return None,
        },
        _ => return None,
    };
    Some(uid.id(id))
}

/// Whether a field's error is shown: always once the GP has entered something there (every
/// field but the start step's required ones holds only what the GP entered); an empty required
/// field (pathways, dates) only once the GP tried to go on. A fresh widget shows no errors.
pub(crate) fn error_shown(draft: &Draft, attempted: bool, field: &Field) -> bool {
    attempted
        || match field.key_at(0) {
            Some("pathways") => !draft.pathways.is_empty(),
            Some("diagnosis_date") => !draft.diagnosis_date.is_empty(),
            Some("assessment_date") => !draft.assessment_date.is_empty(),
            _ => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_to_their_step_and_control() {
        for (field, step, anchor_id) in [
            ("pathways", Step::Start, Some("pf0-pathways")),
            ("pathways[1]", Step::Start, Some("pf0-pathways")),
            ("diagnosis_date", Step::Start, Some("pf0-diagnosis_date")),
            ("instruments.cat[2]", Step::Assessment, Some("pf0-i-cat-2")),
            ("instruments.mdi", Step::Assessment, Some("pf0-i-mdi")),
            ("instrument_totals.cat", Step::Assessment, Some("pf0-t-cat")),
            ("measurements.egfr", Step::Assessment, Some("pf0-m-egfr")),
            (
                "measurements.red_flags[0]",
                Step::Assessment,
                Some("pf0-m-red_flags"),
            ),
            (
                "carried_over.measurements.egfr",
                Step::Assessment,
                Some("pf0-m-egfr"),
            ),
            (
                "overrides.levels.kol.reason",
                Step::Differentiation,
                Some("pf0-ov-kol-reason"),
            ),
            (
                "overrides.treatments.metformin.reason",
                Step::Plan,
                Some("pf0-tr-metformin-note"),
            ),
            (
                "overrides.removed_interventions[0].reason",
                Step::Plan,
                None,
            ),
            ("patient_goals[3]", Step::Plan, Some("pf0-goals")),
            ("schema", Step::Start, None),
        ] {
            let f = Field::parse(field);
            assert_eq!(step_of(&f), step, "{field}");
            assert_eq!(
                anchor(crate::ui::ids::Uid::fixed(0), &f).as_deref(),
                anchor_id,
                "{field}"
            );
        }
    }

    #[test]
    fn labels_are_the_gps_words_never_the_json_path() {
        let content = crate::engine::Content::builtin().unwrap_or_else(|e| panic!("{e}"));
        let da = |f: &str| label(&content, &Field::parse(f), Lang::Da);
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
        let shown = |attempted, f: &str| error_shown(&draft, attempted, &Field::parse(f));
        assert!(!shown(false, "pathways"));
        assert!(!shown(false, "diagnosis_date"));
        assert!(shown(true, "diagnosis_date"));
        assert!(shown(false, "measurements.egfr"));
    }
}
