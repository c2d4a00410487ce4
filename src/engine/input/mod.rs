//! The assessment input (`pakkeforloeb/input@1`, CONTRACT §2): parsing and validation.
//!
//! Parsing is strict (unknown fields are errors, so a typo never silently drops an answer);
//! validation checks every value against the content's definitions and reports *every*
//! problem, each naming its field, so the UI can show them inline and the command line can
//! list them at once.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::condition::{Facts, Value};
use crate::engine::content::{Content, Phase};
use crate::engine::error::{Field, InputError, InputErrors, Problem};
use crate::engine::text::Lang;

mod check;

/// The schema id of the input.
pub const INPUT_SCHEMA: &str = "pakkeforloeb/input@1";

/// The largest input accepted, in bytes. A real assessment is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1_000_000;

/// The longest free text accepted in one field (patient goal, override reason).
pub const MAX_TEXT_CHARS: usize = 2_000;

/// The most patient goals accepted.
pub const MAX_GOALS: usize = 20;

/// An assessment input as a host sends it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// Always `pakkeforloeb/input@1`.
    pub schema: String,
    /// Pathway ids (CONTRACT §1).
    pub pathways: Vec<String>,
    /// Starts the pathway's clock, `YYYY-MM-DD`.
    pub diagnosis_date: String,
    /// The consultation, `YYYY-MM-DD`.
    pub assessment_date: String,
    /// `trin1` (default), `trin2` or `vedvarende`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// Language of the texts in the plan: `da` (default) or `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// Age and sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<Patient>,
    /// Answers per instrument, in the published item order; `null` is an unknown answer.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub instruments: BTreeMap<String, Vec<Json>>,
    /// The total of an instrument the patient filled on paper, where the content allows it
    /// (CAT): instrument → total. Instead of its answers, never with them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub instrument_totals: BTreeMap<String, Json>,
    /// Measurements by key (CONTRACT §2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub measurements: BTreeMap<String, Json>,
    /// The patient's own goals, in their words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patient_goals: Vec<String>,
    /// The GP's decisions over the proposal.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
    /// Values carried over from an earlier consultation that the GP has not yet confirmed:
    /// input field (`measurements.fev1_pct_pred`, `instruments.cat`) → the date they were
    /// recorded. The plan lists them as needing confirmation.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub carried_over: BTreeMap<String, String>,
}

/// Patient details the rules may read.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patient {
    /// Age in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// `female`, `male` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
}

/// The GP's overrides: the widget proposes, the GP decides, with a reason kept in the plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// A level per pathway, replacing the proposed one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<String, LevelOverride>,
    /// Proposed interventions the GP removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_interventions: Vec<InterventionChange>,
    /// Interventions the GP added from the catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added_interventions: Vec<InterventionChange>,
    /// The GP's decisions on safety gates, by gate id: the action was taken, or the gate is
    /// overridden with a reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub gates: BTreeMap<String, GateDecision>,
    /// The GP's decisions on the treatments the plan prompts, by treatment id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub treatments: BTreeMap<String, TreatmentDecision>,
    /// Offers the patient said yes to, by catalogue id, with the day (`YYYY-MM-DD`): an offer
    /// waiting for the patient's acceptance gets its deadline from that day, and its referral
    /// records the consent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accepted: BTreeMap<String, String>,
}

impl Overrides {
    /// Whether the GP changed nothing.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
            && self.removed_interventions.is_empty()
            && self.added_interventions.is_empty()
            && self.gates.is_empty()
            && self.treatments.is_empty()
            && self.accepted.is_empty()
    }
}

/// The GP's decision on a treatment prompt.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentDecision {
    /// `started`, `already` (the patient already takes it) or `not-relevant`.
    pub decision: TreatmentDecisionKind,
    /// An optional note (why not relevant, what was started).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// What the GP decided on a treatment prompt.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TreatmentDecisionKind {
    /// Started at this consultation.
    Started,
    /// The patient already takes it.
    Already,
    /// Not relevant for this patient.
    NotRelevant,
}

/// The GP's decision on a safety gate.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateDecision {
    /// `handled`: the gate's action was taken (e.g. referred the same day); `override`: the GP
    /// sets the gate aside.
    pub decision: GateDecisionKind,
    /// Why (required for an override; an optional note for `handled`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// What the GP decided on a gate.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GateDecisionKind {
    /// The required action was taken.
    Handled,
    /// The gate is set aside, with a reason kept in the plan.
    Override,
}

impl GateDecisionKind {
    /// The code used in the input and plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GateDecisionKind::Handled => "handled",
            GateDecisionKind::Override => "override",
        }
    }
}

/// A level set by the GP.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelOverride {
    /// 1, 2 or 3.
    pub level: u8,
    /// Why (required).
    pub reason: String,
}

/// An intervention removed or added by the GP.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterventionChange {
    /// Catalogue id.
    pub id: String,
    /// Why (required).
    pub reason: String,
}

/// An input that passed validation, with typed values. `D` is the type of its dates: a
/// [`PartialInput`] (what [`Input::check`] gives) may lack them; a plan needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidInput<D = NaiveDate> {
    /// Pathways, in the order given.
    pub pathways: Vec<String>,
    /// Diagnosis date.
    pub diagnosis_date: D,
    /// Assessment date.
    pub assessment_date: D,
    /// Phase.
    pub phase: Phase,
    /// Language of the plan's texts.
    pub lang: Lang,
    /// Answers per instrument; `None` is unknown.
    pub answers: BTreeMap<String, Vec<Option<i64>>>,
    /// Totals of instruments entered as their total (no answers given).
    pub totals: BTreeMap<String, i64>,
    /// Measurements as facts.
    pub measurements: Facts,
    /// Patient goals, trimmed, empty ones dropped.
    pub patient_goals: Vec<String>,
    /// The patient's age in years, when given (a fact for the rules: `age`).
    pub age: Option<u32>,
    /// Overrides.
    pub overrides: Overrides,
    /// Values carried over from an earlier consultation, not yet confirmed: field → date.
    pub carried_over: BTreeMap<String, NaiveDate>,
}

/// The valid part of an input: every valid entry, each invalid one left out (and named in
/// [`Checked::errors`]); a date that is missing or invalid is unknown, never guessed.
pub type PartialInput = ValidInput<Option<NaiveDate>>;

impl PartialInput {
    /// The input with both dates, which a plan needs; `None` while either is unknown.
    #[must_use]
    pub fn complete(self) -> Option<ValidInput> {
        let (Some(diagnosis_date), Some(assessment_date)) =
            (self.diagnosis_date, self.assessment_date)
        else {
            return None;
        };
        Some(ValidInput {
            pathways: self.pathways,
            diagnosis_date,
            assessment_date,
            phase: self.phase,
            lang: self.lang,
            answers: self.answers,
            totals: self.totals,
            measurements: self.measurements,
            patient_goals: self.patient_goals,
            age: self.age,
            overrides: self.overrides,
            carried_over: self.carried_over,
        })
    }
}

/// What [`Input::check`] finds: the valid part and every problem, each naming its field.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Every valid entry.
    pub input: PartialInput,
    /// Every invalid entry, left out of `input`.
    pub errors: Vec<InputError>,
}

impl Input {
    /// Parses JSON text. Refuses inputs over [`MAX_INPUT_BYTES`].
    ///
    /// # Errors
    /// The problem, naming the field (`$` for the whole document).
    pub fn from_json_str(text: &str) -> Result<Input, InputErrors> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(InputErrors(vec![InputError::new(
                Field::root(),
                Problem::TooLarge {
                    bytes: text.len(),
                    max: MAX_INPUT_BYTES,
                },
            )]));
        }
        crate::engine::located::from_str(text).map_err(|e| {
            InputErrors(vec![InputError::new(
                Field::parse(&e.path),
                Problem::Malformed(clean_serde(&e.message)),
            )])
        })
    }

    /// Parses a JSON value (as hosts pass objects).
    ///
    /// # Errors
    /// The problem, naming the field.
    pub fn from_json_value(value: &Json) -> Result<Input, InputErrors> {
        Input::from_json_str(&value.to_string())
    }

    /// Checks every value against the content; all or nothing: the input for a plan, or every
    /// problem.
    ///
    /// # Errors
    /// Every problem found, each naming its field.
    pub fn validate(&self, content: &Content) -> Result<ValidInput, InputErrors> {
        let checked = self.check(content);
        if !checked.errors.is_empty() {
            return Err(InputErrors(checked.errors));
        }
        // Without errors both dates are known (a missing or invalid date is an error).
        checked.input.complete().ok_or_else(|| {
            InputErrors(vec![InputError::new(
                Field::of("diagnosis_date"),
                Problem::DateMissing,
            )])
        })
    }
}

/// A value quoted briefly in an error message (hostile input can be huge).
pub(super) fn short(v: &Json) -> String {
    short_str(&v.to_string())
}

/// A text quoted briefly in an error message.
pub(super) fn short_str(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Serde's messages mention Rust types; hosts read them, so keep the useful part.
fn clean_serde(msg: &str) -> String {
    msg.replace("u32", "a whole number")
        .replace("u8", "a whole number")
}

/// The pathway that combines the others (multimorbidity): every other pathway is an index
/// disease, one chronic condition each.
pub const COMBINING_PATHWAY: &str = "multisygdom";

/// How many of the chosen pathways are index diseases (chronic conditions of their own).
#[must_use]
pub fn index_pathways(content: &Content, pathways: &[String]) -> usize {
    pathways
        .iter()
        .filter(|p| *p != COMBINING_PATHWAY && content.pathways.contains_key(*p))
        .count()
}

/// Whether the heart condition recorded includes ischaemic heart disease (which is a known
/// cardiovascular disease for the other pathways' rules).
#[must_use]
pub fn ischaemic_heart_disease(facts: &Facts) -> bool {
    matches!(facts.get("heart_condition"), Some(Value::List(l)) if l.iter().any(|c| c == "ischaemic"))
}

/// Parses a calendar date `YYYY-MM-DD`, rejecting impossible dates such as 2027-02-30.
///
/// # Errors
/// What is wrong.
pub fn parse_date(s: &str) -> Result<NaiveDate, Problem> {
    if s.is_empty() {
        return Err(Problem::DateMissing);
    }
    if !crate::engine::text::iso_shaped(s) {
        return Err(Problem::DateFormat(short_str(s)));
    }
    let d = crate::engine::text::iso_date(s).ok_or_else(|| Problem::DateNotReal(s.to_owned()))?;
    if !(1900..=2200).contains(&d.year()) {
        return Err(Problem::DateYears(s.to_owned()));
    }
    Ok(d)
}

/// serde for dates in plans, as `YYYY-MM-DD`, read through [`parse_date`]: chrono's own serde
/// support parses with its format machinery, which is about 7 KB of wasm for the same job. The
/// date is checked inside the visitor, so serde_json gives the error a position (and
/// [`crate::engine::located`] its field).
pub mod iso_date {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    struct Date;

    impl Visitor<'_> for Date {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date YYYY-MM-DD")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<NaiveDate, E> {
            super::parse_date(v).map_err(|p| E::custom(p.text(crate::engine::Lang::En)))
        }
    }

    /// Writes `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Only the serializer's own.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }

    /// Reads `YYYY-MM-DD`, refusing impossible dates.
    ///
    /// # Errors
    /// Not a string, or not a real date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(Date)
    }

    /// The same for an optional date (`null` when absent).
    pub mod option {
        use super::{fmt, Date, Deserializer, NaiveDate, Serializer, Visitor};

        struct MaybeDate;

        impl<'de> Visitor<'de> for MaybeDate {
            type Value = Option<NaiveDate>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date YYYY-MM-DD or null")
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_str(Date).map(Some)
            }
        }

        /// Writes `YYYY-MM-DD` or `null`.
        ///
        /// # Errors
        /// Only the serializer's own.
        pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => s.collect_str(d),
                None => s.serialize_none(),
            }
        }

        /// Reads `YYYY-MM-DD` or `null`.
        ///
        /// # Errors
        /// Not a string or null, or not a real date.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            d.deserialize_option(MaybeDate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_real_calendar_days_in_iso_form() {
        assert!(parse_date("2027-03-01").is_ok());
        assert!(parse_date("2028-02-29").is_ok(), "2028 is a leap year");
        for bad in [
            "2027-02-29",
            "2027-02-30",
            "2027-13-01",
            "2027-3-1",
            "01-03-2027",
            "",
            "2027-03-01T00:00",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plan_dates_round_trip_and_impossible_ones_are_refused() {
        #[derive(Debug, serde::Deserialize, serde::Serialize)]
        struct D {
            #[serde(with = "iso_date")]
            day: NaiveDate,
            #[serde(with = "iso_date::option")]
            maybe: Option<NaiveDate>,
        }
        let text = r#"{"day":"2028-02-29","maybe":null}"#;
        let d: D = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), text);
        let d: D = serde_json::from_str(r#"{"day":"2027-03-01","maybe":"2027-12-31"}"#).unwrap();
        assert_eq!(d.maybe, NaiveDate::from_ymd_opt(2027, 12, 31));
        for bad in [
            r#"{"day":"2027-02-29","maybe":null}"#,
            r#"{"day":"2027-03-01","maybe":"2027-13-01"}"#,
            r#"{"day":"1.3.2027","maybe":null}"#,
            r#"{"day":20270301,"maybe":null}"#,
        ] {
            let e = crate::engine::located::from_str::<D>(bad).unwrap_err();
            assert!(e.path == "day" || e.path == "maybe", "{bad}: {}", e.path);
        }
    }

    #[test]
    fn an_input_over_one_megabyte_is_refused_before_parsing() {
        let big = format!("{{\"schema\": \"{}\"}}", "x".repeat(MAX_INPUT_BYTES));
        let err = Input::from_json_str(&big).unwrap_err();
        assert_eq!(err.0[0].field, "$");
        assert!(matches!(err.0[0].problem, Problem::TooLarge { .. }));
    }

    #[test]
    fn unknown_fields_are_named() {
        let err = Input::from_json_str(r#"{"schema":"pakkeforloeb/input@1","pathways":["kol"],"diagnosis_date":"2027-03-01","assessment_date":"2027-03-10","measurments":{}}"#).unwrap_err();
        assert!(err.to_string().contains("measurments"), "{err}");
    }
}
