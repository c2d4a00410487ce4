//! Input fields as the GP sees them: which step a field is on, its name in the GP's words (never
//! its JSON path), the control a link to it focuses, and when its error is shown.
//!
//! Fields are named as the engine names them in errors and gates (`diagnosis_date`,
//! `instruments.cat[2]`, `measurements.egfr`, `overrides.levels.kol.reason`, …; see the contract).

use crate::engine::error::Field;
use crate::engine::{Content, Lang};
use crate::ui::i18n::tr;
use crate::ui::state::Draft;

/// The steps: 0 Start, 1 Behovsvurdering, 2 Differentiering, 3 Behandlingsplan.
pub(crate) const STEP_START: usize = 0;
pub(crate) const STEP_ASSESSMENT: usize = 1;
pub(crate) const STEP_DIFFERENTIATION: usize = 2;
pub(crate) const STEP_PLAN: usize = 3;

/// The steps' names, as hosts name them (the `step` attribute, a draft's `step`).
const STEP_NAMES: [&str; 4] = ["start", "assessment", "differentiation", "plan"];

/// The name of a step.
pub(crate) fn step_name(step: usize) -> &'static str {
    STEP_NAMES[step.min(STEP_PLAN)]
}

/// The step of a name, if it is one.
pub(crate) fn step_by_name(name: &str) -> Option<usize> {
    STEP_NAMES.iter().position(|n| *n == name)
}

/// The step a field is entered on.
pub(crate) fn step_of(field: &Field) -> usize {
    match (field.key_at(0), field.key_at(1)) {
        (Some("instruments" | "instrument_totals" | "measurements" | "carried_over"), _) => {
            STEP_ASSESSMENT
        }
        (Some("overrides"), Some("levels")) => STEP_DIFFERENTIATION,
        (Some("overrides" | "patient_goals"), _) => STEP_PLAN,
        _ => STEP_START,
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
pub(crate) fn anchor(uid: &str, field: &Field) -> Option<String> {
    let key = |n: usize| field.key_at(n).unwrap_or_default();
    match key(0) {
        "pathways" => Some(format!("{uid}-pathways")),
        first @ ("diagnosis_date" | "assessment_date") => Some(format!("{uid}-{first}")),
        "carried_over" => anchor(uid, &field.skip(1)),
        "measurements" => Some(format!("{uid}-m-{}", key(1))),
        "instrument_totals" => Some(format!("{uid}-t-{}", key(1))),
        "instruments" => Some(match field.first_index() {
            Some(i) => format!("{uid}-i-{}-{i}", key(1)),
            None => format!("{uid}-i-{}", key(1)),
        }),
        "patient_goals" => Some(format!("{uid}-goals")),
        "overrides" => match key(1) {
            "levels" => Some(format!("{uid}-ov-{}-reason", key(2))),
            "gates" => Some(format!("{uid}-gate-{}", key(2))),
            "treatments" => Some(format!("{uid}-tr-{}-note", key(2))),
            _ => None,
        },
        _ => None,
    }
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
            let f = Field::parse(field);
            assert_eq!(step_of(&f), step, "{field}");
            assert_eq!(anchor("u", &f).as_deref(), anchor_id, "{field}");
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
