//! [`Input::check`]: every value against the content, one method per section of the input, in
//! the order the errors are listed.
//!
//! Over 600 lines: one method per section, each short; they share the checks of a value
//! against its definition and of a date against the assessment, and a check read beside its
//! neighbours is how a section stays consistent with the rest.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::{
    index_pathways, ischaemic_heart_disease, parse_date, short, short_str, Checked,
    GateDecisionKind, Input, Overrides, PartialInput, INPUT_SCHEMA, MAX_GOALS, MAX_TEXT_CHARS,
};
use crate::engine::condition::{Facts, Value};
use crate::engine::content::{Content, MeasurementKind};
use crate::engine::error::{
    Contradiction, Expected, Field, Given, InputError, Kind, OtherDate, Problem,
};

impl Input {
    /// Checks every value against the content in one pass and keeps what is valid: each invalid
    /// entry (an answer, a measurement, a goal, one of the GP's decisions) is left out on its own
    /// and named in the errors, so one typo never hides the rest. The widget plans from this
    /// while the GP types; hosts and the command line use [`Input::validate`].
    #[must_use]
    pub fn check(&self, content: &Content) -> Checked {
        let c = Checker {
            input: self,
            content,
            errors: RefCell::new(Vec::new()),
        };
        c.schema();
        let pathways = c.pathways();
        let (diagnosis, assessment) = c.dates();
        let mut answers = c.answers();
        let mut totals = c.totals();
        let mut measurements = c.measurements();
        c.implied_facts(&pathways, &mut measurements);
        c.patient();
        let patient_goals = c.patient_goals();
        let overrides = c.overrides(diagnosis.as_ref().ok());
        let carried_over = c.carried_over(assessment.as_ref().ok());
        c.not_asked(&pathways, &mut answers, &mut totals, &mut measurements);
        Checked {
            input: PartialInput {
                pathways,
                diagnosis_date: diagnosis.ok(),
                assessment_date: assessment.ok(),
                phase: self.phase.unwrap_or_default(),
                lang: self.language.unwrap_or_default(),
                answers,
                totals,
                measurements,
                patient_goals,
                age: self
                    .patient
                    .as_ref()
                    .and_then(|p| p.age)
                    .filter(|a| *a <= 120),
                overrides,
                carried_over,
            },
            errors: c.errors.into_inner(),
        }
    }
}

/// One check of one input: what it reads, and the problems found so far.
struct Checker<'a> {
    input: &'a Input,
    content: &'a Content,
    errors: RefCell<Vec<InputError>>,
}

impl Checker<'_> {
    /// Records a problem with a field.
    fn e(&self, field: Field, problem: Problem) {
        self.errors
            .borrow_mut()
            .push(InputError::new(field, problem));
    }

    /// How many problems so far: an entry is kept when checking it added none.
    fn count(&self) -> usize {
        self.errors.borrow().len()
    }

    fn schema(&self) {
        if self.input.schema != INPUT_SCHEMA {
            self.e(
                Field::of("schema"),
                Problem::WrongSchema {
                    expected: INPUT_SCHEMA.into(),
                    got: short_str(&self.input.schema),
                },
            );
        }
    }

    /// The chosen pathways the content knows, each once.
    fn pathways(&self) -> Vec<String> {
        let content = self.content;
        if self.input.pathways.is_empty() {
            self.e(Field::of("pathways"), Problem::NoPathway);
        }
        let mut seen = BTreeSet::new();
        let mut pathways = Vec::new();
        for (i, p) in self.input.pathways.iter().enumerate() {
            if !content.pathways.contains_key(p) {
                self.e(
                    Field::of("pathways").at(i),
                    Problem::Unknown {
                        kind: Kind::Pathway,
                        id: short_str(p),
                        known: content.pathways.keys().cloned().collect(),
                    },
                );
            } else if !seen.insert(p.clone()) {
                self.e(Field::of("pathways").at(i), Problem::Duplicate(p.clone()));
            } else {
                pathways.push(p.clone());
            }
        }
        pathways
    }

    /// The diagnosis and the assessment date; an assessment before the diagnosis is an error.
    fn dates(&self) -> (Result<NaiveDate, Problem>, Result<NaiveDate, Problem>) {
        let diagnosis = parse_date(&self.input.diagnosis_date);
        let mut assessment = parse_date(&self.input.assessment_date);
        if let Err(p) = &diagnosis {
            self.e(Field::of("diagnosis_date"), p.clone());
        }
        if let Err(p) = &assessment {
            self.e(Field::of("assessment_date"), p.clone());
        }
        if let (Ok(d), Ok(a)) = (&diagnosis, &assessment) {
            if a < d {
                let p = Problem::DateOrder {
                    date: a.to_string(),
                    other: OtherDate::BeforeDiagnosis(d.to_string()),
                };
                self.e(Field::of("assessment_date"), p.clone());
                assessment = Err(p);
            }
        }
        (diagnosis, assessment)
    }

    fn unknown_instrument(&self, id: &str) -> Problem {
        Problem::Unknown {
            kind: Kind::Instrument,
            id: short_str(id),
            known: self.content.instruments.keys().cloned().collect(),
        }
    }

    /// The instruments' answers: an answer out of range is left out as unknown; the other
    /// answers stand.
    fn answers(&self) -> BTreeMap<String, Vec<Option<i64>>> {
        let mut answers = BTreeMap::new();
        for (id, items) in &self.input.instruments {
            let field = Field::of("instruments").key(id);
            let Some(def) = self.content.instruments.get(id) else {
                self.e(field, self.unknown_instrument(id));
                continue;
            };
            if items.len() != def.items.len() {
                self.e(
                    field,
                    Problem::AnswerCount {
                        expected: def.items.len(),
                        got: items.len(),
                    },
                );
                continue;
            }
            let mut parsed = Vec::with_capacity(items.len());
            for (i, (answer, item)) in items.iter().zip(&def.items).enumerate() {
                let options = def.options_of(item);
                let allowed: Vec<i64> = options.iter().map(|o| o.value).collect();
                match answer {
                    Json::Null => parsed.push(None),
                    Json::Number(n) if n.as_i64().is_some_and(|v| allowed.contains(&v)) => {
                        parsed.push(n.as_i64());
                    }
                    other => {
                        // Left out as unknown; the other answers stand.
                        parsed.push(None);
                        self.e(
                            Field::of("instruments").key(id).at(i),
                            Problem::AnswerOutOfRange {
                                given: short(other),
                                lo: allowed.iter().copied().min().unwrap_or_default(),
                                hi: allowed.iter().copied().max().unwrap_or_default(),
                            },
                        );
                    }
                }
            }
            answers.insert(id.clone(), parsed);
        }
        answers
    }

    /// The totals from paper, where the instrument allows one and no answer is given.
    fn totals(&self) -> BTreeMap<String, i64> {
        let mut totals = BTreeMap::new();
        for (id, value) in &self.input.instrument_totals {
            let field = Field::of("instrument_totals").key(id);
            let Some(def) = self.content.instruments.get(id) else {
                self.e(field, self.unknown_instrument(id));
                continue;
            };
            if value.is_null() {
                continue;
            }
            if !def.total_entry {
                self.e(field, Problem::TotalNotAllowed);
                continue;
            }
            if self
                .input
                .instruments
                .get(id)
                .is_some_and(|a| a.iter().any(|v| !v.is_null()))
            {
                self.e(field, Problem::TotalWithAnswers);
                continue;
            }
            let max = def.max_total();
            match value.as_i64() {
                Some(t) if (0..=max).contains(&t) => {
                    totals.insert(id.clone(), t);
                }
                _ => self.e(
                    field,
                    Problem::TotalOutOfRange {
                        given: short(value),
                        max,
                    },
                ),
            }
        }
        totals
    }

    /// The measurements, each of its definition's kind and within its range.
    fn measurements(&self) -> Facts {
        let mut measurements = Facts::new();
        for (id, value) in &self.input.measurements {
            let field = Field::of("measurements").key(id);
            let Some(def) = self.content.measurements.get(id) else {
                self.e(
                    field,
                    Problem::Unknown {
                        kind: Kind::Measurement,
                        id: short_str(id),
                        known: Vec::new(),
                    },
                );
                continue;
            };
            if value.is_null() {
                continue;
            }
            let codes: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
            match (def.kind, value) {
                (MeasurementKind::Number | MeasurementKind::Integer, Json::Number(n)) => {
                    let v = n.as_f64().unwrap_or(f64::NAN);
                    let (lo, hi) = (def.min.unwrap_or(f64::MIN), def.max.unwrap_or(f64::MAX));
                    if def.kind == MeasurementKind::Integer && v.fract() != 0.0 {
                        self.e(field, Problem::NotWhole(v));
                    } else if !(lo..=hi).contains(&v) {
                        self.e(
                            field,
                            Problem::OutOfRange {
                                given: v,
                                lo,
                                hi,
                                unit: def.unit.clone(),
                            },
                        );
                    } else {
                        measurements.insert(id.clone(), Value::Num(v));
                    }
                }
                (MeasurementKind::Bool, Json::Bool(b)) => {
                    measurements.insert(id.clone(), Value::Bool(*b));
                }
                (MeasurementKind::Code, Json::String(s)) if codes.contains(&s.as_str()) => {
                    measurements.insert(id.clone(), Value::Str(s.clone()));
                }
                // One code where a list is expected: the list of that code (a heart condition
                // given as one code before it became a list stays valid).
                (MeasurementKind::Codes, Json::String(s)) if codes.contains(&s.as_str()) => {
                    measurements.insert(id.clone(), Value::List(vec![s.clone()]));
                }
                (MeasurementKind::Codes, Json::Array(list)) => {
                    let mut out = Vec::new();
                    for (i, c) in list.iter().enumerate() {
                        match c.as_str() {
                            Some(s) if codes.contains(&s) => {
                                if !out.iter().any(|o: &String| o == s) {
                                    out.push(s.to_owned());
                                }
                            }
                            _ => self.e(
                                field.clone().at(i),
                                Problem::NotOneOf {
                                    given: short(c),
                                    codes: codes.iter().map(|c| (*c).to_owned()).collect(),
                                },
                            ),
                        }
                    }
                    // At most the definition's codes (duplicates were skipped above).
                    crate::engine::sort_short(&mut out, |a, b| a < b);
                    measurements.insert(id.clone(), Value::List(out));
                }
                (kind, other) => {
                    let list = || codes.iter().map(|c| (*c).to_owned()).collect();
                    let expected = match kind {
                        MeasurementKind::Number => Expected::Number,
                        MeasurementKind::Integer => Expected::Whole,
                        MeasurementKind::Bool => Expected::Bool,
                        MeasurementKind::Code => Expected::Code(list()),
                        MeasurementKind::Codes => Expected::Codes(list()),
                    };
                    self.e(
                        field,
                        Problem::WrongKind {
                            given: short(other),
                            expected,
                        },
                    );
                }
            }
        }
        measurements
    }

    /// One patient, one set of facts: what one pathway's answer implies for another's is checked,
    /// and a contradiction is refused naming both fields (the value is left out). These are
    /// definitions, not thresholds: ischaemic heart disease is a known cardiovascular disease, and
    /// each index disease of the patient is one of their chronic conditions.
    fn implied_facts(&self, pathways: &[String], measurements: &mut Facts) {
        let content = self.content;
        if ischaemic_heart_disease(measurements)
            && measurements.get("known_cvd") == Some(&Value::Bool(false))
        {
            measurements.remove("known_cvd");
            self.e(
                Field::of("measurements").key("known_cvd"),
                Problem::Contradicts {
                    other: "measurements.heart_condition".into(),
                    why: Contradiction::IschaemicIsKnownCvd,
                },
            );
        }
        let index = index_pathways(content, pathways);
        if let Some(Value::Num(n)) = measurements.get("chronic_conditions_count") {
            #[expect(
                clippy::cast_precision_loss,
                reason = "counts and scores are small whole numbers, exact in f64"
            )]
            if *n < index as f64 {
                measurements.remove("chronic_conditions_count");
                self.e(
                    Field::of("measurements").key("chronic_conditions_count"),
                    Problem::Contradicts {
                        other: "pathways".into(),
                        why: Contradiction::IndexDiseases(index),
                    },
                );
            }
        }
    }

    fn patient(&self) {
        if let Some(p) = &self.input.patient {
            if p.age.is_some_and(|a| a > 120) {
                self.e(Field::of("patient").key("age"), Problem::AgeOutOfRange);
            }
            if let Some(s) = &p.sex {
                if !["female", "male", "other"].contains(&s.as_str()) {
                    self.e(Field::of("patient").key("sex"), Problem::SexInvalid);
                }
            }
        }
    }

    /// The patient's own goals, trimmed; empty ones dropped, at most [`MAX_GOALS`].
    fn patient_goals(&self) -> Vec<String> {
        let goals = &self.input.patient_goals;
        if goals.len() > MAX_GOALS {
            self.e(Field::of("patient_goals"), Problem::TooManyGoals(MAX_GOALS));
        }
        let mut patient_goals = Vec::new();
        for (i, g) in goals.iter().enumerate().take(MAX_GOALS) {
            if g.chars().count() > MAX_TEXT_CHARS {
                self.e(
                    Field::of("patient_goals").at(i),
                    Problem::GoalTooLong(MAX_TEXT_CHARS),
                );
            } else if !g.trim().is_empty() {
                patient_goals.push(g.trim().to_owned());
            }
        }
        patient_goals
    }

    fn reason(&self, field: Field, reason: &str) {
        if reason.trim().is_empty() {
            self.e(field, Problem::ReasonRequired);
        } else {
            self.length(field, reason);
        }
    }

    fn length(&self, field: Field, text: &str) {
        if text.chars().count() > MAX_TEXT_CHARS {
            self.e(field, Problem::TooLong(MAX_TEXT_CHARS));
        }
    }

    fn unknown(&self, field: Field, kind: Kind, id: &str) {
        self.e(
            field,
            Problem::Unknown {
                kind,
                id: short_str(id),
                known: Vec::new(),
            },
        );
    }

    /// The GP's decisions, each kept only when it has no problem.
    fn overrides(&self, diagnosis: Option<&NaiveDate>) -> Overrides {
        let mut overrides = Overrides::default();
        self.level_overrides(&mut overrides);
        self.intervention_changes(&mut overrides);
        self.gate_decisions(&mut overrides);
        self.treatment_decisions(&mut overrides);
        self.acceptances(diagnosis, &mut overrides);
        overrides
    }

    fn level_overrides(&self, overrides: &mut Overrides) {
        for (p, o) in &self.input.overrides.levels {
            let before = self.count();
            let field = Field::of("overrides").key("levels").key(p);
            if !self.input.pathways.contains(p) {
                self.e(field.clone(), Problem::NotChosen);
            }
            if !(1..=3).contains(&o.level) {
                self.e(field.clone().key("level"), Problem::LevelOutOfRange);
            }
            self.reason(field.key("reason"), &o.reason);
            if self.count() == before {
                overrides.levels.insert(p.clone(), o.clone());
            }
        }
    }

    fn intervention_changes(&self, overrides: &mut Overrides) {
        let given = &self.input.overrides;
        for (key, list, valid) in [
            (
                "removed_interventions",
                &given.removed_interventions,
                &mut overrides.removed_interventions,
            ),
            (
                "added_interventions",
                &given.added_interventions,
                &mut overrides.added_interventions,
            ),
        ] {
            for (i, c) in list.iter().enumerate() {
                let before = self.count();
                let field = Field::of("overrides").key(key).at(i);
                if !self.content.catalogue.contains_key(&c.id) {
                    self.unknown(field.clone().key("id"), Kind::Intervention, &c.id);
                }
                self.reason(field.key("reason"), &c.reason);
                if self.count() == before {
                    valid.push(c.clone());
                }
            }
        }
    }

    fn gate_decisions(&self, overrides: &mut Overrides) {
        for (id, d) in &self.input.overrides.gates {
            let before = self.count();
            let field = Field::of("overrides").key("gates").key(id);
            if !self.content.gates().any(|g| g.id == *id) {
                self.unknown(field.clone(), Kind::Gate, id);
            }
            if d.decision == GateDecisionKind::Override {
                self.reason(field.key("reason"), &d.reason);
            } else {
                self.length(field.key("reason"), &d.reason);
            }
            if self.count() == before {
                overrides.gates.insert(id.clone(), d.clone());
            }
        }
    }

    fn treatment_decisions(&self, overrides: &mut Overrides) {
        for (id, d) in &self.input.overrides.treatments {
            let before = self.count();
            let field = Field::of("overrides").key("treatments").key(id);
            if !self.content.treatments.contains_key(id) {
                self.unknown(field.clone(), Kind::Treatment, id);
            }
            self.length(field.key("reason"), &d.reason);
            if self.count() == before {
                overrides.treatments.insert(id.clone(), d.clone());
            }
        }
    }

    /// The dates the patient accepted municipal offers: never before the diagnosis.
    fn acceptances(&self, diagnosis: Option<&NaiveDate>, overrides: &mut Overrides) {
        for (id, date) in &self.input.overrides.accepted {
            let field = Field::of("overrides").key("accepted").key(id);
            if !self.content.catalogue.contains_key(id) {
                self.unknown(field, Kind::Intervention, id);
                continue;
            }
            match parse_date(date) {
                Ok(d) if diagnosis.is_some_and(|x| d < *x) => self.e(
                    field,
                    Problem::DateOrder {
                        date: d.to_string(),
                        other: OtherDate::BeforeDiagnosis(
                            diagnosis.map(ToString::to_string).unwrap_or_default(),
                        ),
                    },
                ),
                Ok(_) => {
                    overrides.accepted.insert(id.clone(), date.clone());
                }
                Err(p) => self.e(field, p),
            }
        }
    }

    /// The values carried over from an earlier plan: each names a value given, dated no later
    /// than the assessment.
    fn carried_over(&self, assessment: Option<&NaiveDate>) -> BTreeMap<String, NaiveDate> {
        let input = self.input;
        let mut carried_over = BTreeMap::new();
        for (field, date) in &input.carried_over {
            let path = Field::parse(&format!("carried_over.{field}"));
            let given = match field.split_once('.') {
                Some(("instruments", id)) => {
                    input
                        .instruments
                        .get(id)
                        .is_some_and(|a| a.iter().any(|v| !v.is_null()))
                        || input
                            .instrument_totals
                            .get(id)
                            .is_some_and(|v| !v.is_null())
                }
                Some(("measurements", id)) => {
                    input.measurements.get(id).is_some_and(|v| !v.is_null())
                }
                _ => false,
            };
            if !given {
                self.e(path, Problem::CarriedNotGiven(short_str(field)));
                continue;
            }
            match parse_date(date) {
                Ok(d) if assessment.is_some_and(|a| d > *a) => self.e(
                    path,
                    Problem::DateOrder {
                        date: d.to_string(),
                        other: OtherDate::AfterAssessment,
                    },
                ),
                Ok(d) => {
                    carried_over.insert(field.clone(), d);
                }
                Err(p) => self.e(path, p),
            }
        }
        carried_over
    }

    /// Nothing given is dropped in silence: an answer or a measurement that none of the chosen
    /// pathways asks is refused, naming the field, rather than left out of the plan.
    fn not_asked(
        &self,
        pathways: &[String],
        answers: &mut BTreeMap<String, Vec<Option<i64>>>,
        totals: &mut BTreeMap<String, i64>,
        measurements: &mut Facts,
    ) {
        let (input, content) = (self.input, self.content);
        let chosen: Vec<_> = pathways
            .iter()
            .filter_map(|p| content.pathways.get(p))
            .collect();
        if chosen.is_empty() {
            return;
        }
        let titles: Vec<String> = chosen.iter().map(|p| p.meta.id.clone()).collect();
        let not_asked = |given| Problem::NotAsked {
            given,
            pathways: titles.clone(),
        };
        for (id, items) in &input.instruments {
            let asked = chosen.iter().any(|p| p.instruments.contains(id));
            if !asked && content.instruments.contains_key(id) && items.iter().any(|v| !v.is_null())
            {
                answers.remove(id);
                self.e(Field::of("instruments").key(id), not_asked(Given::Answers));
            }
        }
        for id in input.instrument_totals.keys() {
            let asked = chosen.iter().any(|p| p.instruments.contains(id));
            if !asked && totals.remove(id).is_some() {
                self.e(
                    Field::of("instrument_totals").key(id),
                    not_asked(Given::Total),
                );
            }
        }
        for (id, v) in &input.measurements {
            let asked = chosen.iter().any(|p| p.measurements.contains(id));
            if !asked && content.measurements.contains_key(id) && !v.is_null() {
                measurements.remove(id);
                self.e(Field::of("measurements").key(id), not_asked(Given::Value));
            }
        }
    }
}
