//! What the GP has typed, kept exactly as typed, and how it becomes an engine input.
//!
//! The draft is plain data (no signals) so it is tested natively; the UI wraps it in one
//! `RwSignal`. Measurements stay as the typed text, so an invalid value is shown back as
//! typed, with its error, and survives switching step, language or pathway.
//!
//! Over 500 lines: the mapping from draft to input and back is one piece, and its tests (the
//! last 200 lines) sit with it.
//!
//! Over 600 lines: the same reason; its tests are the last 330 lines.

use std::collections::BTreeMap;

use crate::engine::map_from;

use serde_json::Value as Json;

use crate::engine::condition::Facts;
use crate::engine::content::{Content, MeasurementKind, Phase};
use crate::engine::error::Field;
use crate::engine::input::{
    GateDecision, InterventionChange, LevelOverride, Overrides, TreatmentDecision, INPUT_SCHEMA,
};
use crate::engine::{Input, Lang, Plan};
use crate::ui::step::Step;

/// Marks an instrument item answered "unknown" in the draft (sent to the engine as `null`).
pub const UNKNOWN: i64 = -1;

/// A code-list measurement (`red_flags`) the GP assessed and found none of: sent as `[]`. An
/// empty text is "not assessed", which is never read as "none".
pub const NONE_OF_THESE: &str = "-";

static EVALUATIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many validate-and-plan passes ([`Draft::evaluate`]) ran in this page so far: the browser
/// test proves a keystroke costs one.
#[must_use]
pub fn evaluations() -> usize {
    EVALUATIONS.load(std::sync::atomic::Ordering::Relaxed)
}

static SCORINGS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many score-only passes ([`Draft::scores`], the live scores a click shows before its
/// plan) ran in this page so far.
#[must_use]
pub fn scorings() -> usize {
    SCORINGS.load(std::sync::atomic::Ordering::Relaxed)
}

/// The schema of a saved draft ([`Draft::to_saved_json`]).
pub const DRAFT_SCHEMA: &str = "pakkeforloeb/draft@1";

/// Why a saved draft was refused ([`Draft::from_saved_json`]); the host reads the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DraftError {
    /// Not JSON, or not shaped as a draft (the parser's message).
    #[error("draft: {0}")]
    NotADraft(String),
    /// Another schema (its first 40 characters).
    #[error("draft.schema: expected \"{DRAFT_SCHEMA}\", got \"{0}\"")]
    Schema(String),
    /// A step that is not one of the widget's.
    #[error("draft.step: expected start, assessment, differentiation or plan")]
    Step,
}

/// Everything entered in one widget, exactly as entered: a host may save it
/// ([`Draft::to_saved_json`]) and give it back after a reload ([`Draft::from_saved_json`]).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Chosen pathways.
    pub pathways: Vec<String>,
    /// Diagnosis date as typed.
    pub diagnosis_date: String,
    /// Assessment date as typed.
    pub assessment_date: String,
    /// Answers per instrument (`None`: not answered).
    pub answers: BTreeMap<String, Vec<Option<i64>>>,
    /// Totals as typed, for instruments filled on paper (`""`: not given).
    pub totals: BTreeMap<String, String>,
    /// Measurements as typed (`""`: not given).
    pub measurements: BTreeMap<String, String>,
    /// The patient's goals, one per line.
    pub goals: String,
    /// Patient details from the host's record (age, sex): kept and planned with, so a rule
    /// that reads the age (vaccination from 65) gives the same plan as `computePlan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patient: Option<crate::engine::input::Patient>,
    /// Level overrides: pathway → the GP's level and reason.
    pub level_overrides: BTreeMap<String, LevelOverride>,
    /// Removed interventions: id → reason.
    pub removed: BTreeMap<String, String>,
    /// Interventions added from the catalogue: id → reason.
    pub added: BTreeMap<String, String>,
    /// The plan of an earlier consultation, for a re-assessment (trin 2 or yearly status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<crate::engine::previous::PreviousPlan>>,
    /// The phase of a re-assessment (`trin2` or `vedvarende`, the default with a previous plan).
    pub phase: Option<Phase>,
    /// The GP's decisions on safety gates, by gate id.
    pub gate_decisions: BTreeMap<String, GateDecision>,
    /// The GP's decisions on the treatments the plan prompts, by treatment id.
    pub treatment_decisions: BTreeMap<String, TreatmentDecision>,
    /// Offers the patient said yes to: id → the day (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub accepted: BTreeMap<String, String>,
    /// Values carried over from the previous plan and not yet confirmed: field → date.
    pub carried_over: BTreeMap<String, String>,
}

/// What a host's new prefill did ([`Draft::merge_prefill`]): the fields it updated, and the
/// fields where the GP's own entry was kept over the host's new value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merge {
    /// Fields the host's new values went into.
    pub updated: Vec<String>,
    /// Fields the GP had changed, kept as the GP left them although the host's value changed.
    pub kept: Vec<String>,
}

fn merge_one<T: PartialEq + Clone>(cur: &mut T, old: &T, new: &T, field: &str, m: &mut Merge) {
    if old == new {
        return;
    }
    if cur == old {
        *cur = new.clone();
        m.updated.push(field.to_owned());
    } else if cur != new {
        m.kept.push(field.to_owned());
    }
}

fn merge_map<V: PartialEq + Clone>(
    cur: &mut BTreeMap<String, V>,
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
    prefix: &str,
    m: &mut Merge,
) {
    let keys: std::collections::BTreeSet<String> = old.keys().chain(new.keys()).cloned().collect();
    for k in keys {
        let (o, n) = (old.get(&k), new.get(&k));
        if o == n {
            continue;
        }
        let field = format!("{prefix}.{k}");
        let c = cur.get(&k);
        if c == o {
            match n {
                Some(v) => {
                    cur.insert(k.clone(), v.clone());
                }
                None => {
                    cur.remove(&k);
                }
            }
            m.updated.push(field);
        } else if c != n {
            m.kept.push(field);
        }
    }
}

/// The result of evaluating a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Field → message, for every invalid entry.
    pub errors: BTreeMap<Field, String>,
    /// The plan computed from the valid entries (invalid ones are left out), if the dates
    /// and pathways allow one. Shared (`Arc`: Leptos keeps values Send + Sync): every view that reads the plan clones a pointer,
    /// not the plan.
    pub plan: Option<std::sync::Arc<Plan>>,
    /// The live scores (instrument → field → value) of the valid answers: they never depend on
    /// dates, so they show before there is a plan.
    pub scores: BTreeMap<String, BTreeMap<String, Json>>,
    /// The facts of the valid entries (what decides, for example, whether the MDI is offered).
    pub facts: Facts,
}

/// Why the plan cannot be confirmed yet, in the order the GP should resolve them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    /// No plan: the pathways or dates are missing or invalid.
    NoPlan,
    /// Entries with errors: their fields.
    Errors(Vec<Field>),
    /// Acute safety gates are open: their ids. Record the action or override with a reason.
    AcuteGates(Vec<String>),
    /// Questions due the same day are unanswered (the suicide question): their gates' ids.
    SameDayQuestions(Vec<String>),
    /// Values carried over from the previous plan are not confirmed: their fields.
    CarriedOver(Vec<String>),
}

impl Evaluation {
    /// Everything that keeps the GP from confirming the plan; empty when it can be confirmed.
    #[must_use]
    pub fn blockers(&self) -> Vec<Blocker> {
        let mut out = Vec::new();
        let Some(plan) = &self.plan else {
            out.push(Blocker::NoPlan);
            if !self.errors.is_empty() {
                out.push(Blocker::Errors(self.errors.keys().cloned().collect()));
            }
            return out;
        };
        if !self.errors.is_empty() {
            out.push(Blocker::Errors(self.errors.keys().cloned().collect()));
        }
        // The engine says which gates stop confirmation: open acute gates, and acute questions
        // due the same day that are still unanswered.
        let (open, pending): (Vec<_>, Vec<_>) = plan
            .gates
            .iter()
            .filter(|g| g.blocks_confirmation)
            .partition(|g| g.state == crate::engine::gates::GateState::Open);
        if !open.is_empty() {
            out.push(Blocker::AcuteGates(
                open.iter().map(|g| g.id.clone()).collect(),
            ));
        }
        if !pending.is_empty() {
            out.push(Blocker::SameDayQuestions(
                pending.iter().map(|g| g.id.clone()).collect(),
            ));
        }
        if !plan.assessment.carried_over.is_empty() {
            out.push(Blocker::CarriedOver(
                plan.assessment
                    .carried_over
                    .iter()
                    .map(|c| c.field.clone())
                    .collect(),
            ));
        }
        out
    }
}

impl Draft {
    /// A draft prefilled from an input (the host's `input` property, or an example patient).
    #[must_use]
    pub fn from_input(input: &Input) -> Draft {
        let measurements = map_from(input.measurements.iter().map(|(k, v)| {
            let text = match v {
                Json::String(s) => s.clone(),
                Json::Array(a) if a.is_empty() => NONE_OF_THESE.to_owned(),
                Json::Array(a) => a
                    .iter()
                    .filter_map(Json::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                Json::Null => String::new(),
                other => other.to_string(),
            };
            (k.clone(), text)
        }));
        Draft {
            pathways: input.pathways.clone(),
            diagnosis_date: input.diagnosis_date.clone(),
            assessment_date: input.assessment_date.clone(),
            answers: map_from(
                input
                    .instruments
                    .iter()
                    .map(|(k, v)| (k.clone(), v.iter().map(Json::as_i64).collect())),
            ),
            totals: map_from(input.instrument_totals.iter().map(|(k, v)| {
                let text = match v {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })),
            measurements,
            goals: input.patient_goals.join("\n"),
            patient: input.patient.clone(),
            level_overrides: map_from(
                input
                    .overrides
                    .levels
                    .iter()
                    .map(|(k, o)| (k.clone(), o.clone())),
            ),
            removed: map_from(
                input
                    .overrides
                    .removed_interventions
                    .iter()
                    .map(|c| (c.id.clone(), c.reason.clone())),
            ),
            added: map_from(
                input
                    .overrides
                    .added_interventions
                    .iter()
                    .map(|c| (c.id.clone(), c.reason.clone())),
            ),
            previous: None,
            phase: input.phase,
            gate_decisions: input.overrides.gates.clone(),
            treatment_decisions: input.overrides.treatments.clone(),
            accepted: input.overrides.accepted.clone(),
            carried_over: input.carried_over.clone(),
        }
    }

    /// Sets a measurement as typed; a carried-over value the GP changes is confirmed by it.
    pub fn set_measurement(&mut self, id: &str, value: String) {
        self.carried_over.remove(&format!("measurements.{id}"));
        self.measurements.insert(id.to_owned(), value);
    }

    /// Sets the total of an instrument filled on paper; a carried-over value the GP changes is
    /// confirmed by it.
    pub fn set_total(&mut self, id: &str, value: String) {
        self.carried_over.remove(&format!("instruments.{id}"));
        self.totals.insert(id.to_owned(), value);
    }

    /// Sets item `i` (of `n`) of an instrument; a carried-over answer set the GP changes is
    /// confirmed by it.
    pub fn set_answer(&mut self, id: &str, i: usize, n: usize, value: i64) {
        self.carried_over.remove(&format!("instruments.{id}"));
        let a = self
            .answers
            .entry(id.to_owned())
            .or_insert_with(|| vec![None; n]);
        a.resize(n, None);
        if let Some(slot) = a.get_mut(i) {
            *slot = Some(value);
        }
    }

    /// Everything entered, with the step the GP is on (`start`, `assessment`, …), as the
    /// `pakkeforloeb/draft@1` JSON a host saves: given back, the GP is where they were.
    #[must_use]
    pub fn to_saved_json(&self, step: Step) -> String {
        // Written as text with the plan's serializer (serde_json's Value serializer or its
        // compact one would add a second copy of the serialization code to the wasm).
        let body = crate::engine::json_text(self, b"");
        let rest = body.strip_prefix('{').unwrap_or("}");
        let sep = if rest.starts_with('}') { "" } else { "," };
        let step = step.name();
        format!("{{\"schema\":\"{DRAFT_SCHEMA}\",\"step\":\"{step}\"{sep}{rest}")
    }

    /// A draft the host saved with [`Draft::to_saved_json`], and its step (`None` in a draft
    /// saved before drafts kept the step).
    ///
    /// # Errors
    /// What is wrong: another schema, an unknown step, or not a draft.
    pub fn from_saved_json(text: &str) -> Result<(Draft, Option<Step>), DraftError> {
        let v: Json =
            serde_json::from_str(text).map_err(|e| DraftError::NotADraft(e.to_string()))?;
        let schema = v.get("schema").and_then(Json::as_str).unwrap_or_default();
        if schema != DRAFT_SCHEMA {
            return Err(DraftError::Schema(schema.chars().take(40).collect()));
        }
        let step = match v.get("step") {
            None | Some(Json::Null) => None,
            Some(s) => Some(
                s.as_str()
                    .and_then(Step::from_name)
                    .ok_or(DraftError::Step)?,
            ),
        };
        // Read from the text, not the Value (one copy of the deserialization code); the
        // `schema` and `step` keys are not draft fields and are skipped.
        let draft = serde_json::from_str(text).map_err(|e| DraftError::NotADraft(e.to_string()))?;
        Ok((draft, step))
    }

    /// A host's new prefill that leaves a top-level input field out (`{"measurements": …}` when
    /// a lab result arrived) keeps that field as the previous prefill gave it: only what the
    /// host sends is new. `given` names the input's top-level fields the prefill gave.
    pub fn keep_absent(&mut self, old: &Draft, given: &[String]) {
        let has = |k: &str| given.iter().any(|g| g == k);
        if !has("pathways") {
            self.pathways.clone_from(&old.pathways);
        }
        if !has("diagnosis_date") {
            self.diagnosis_date.clone_from(&old.diagnosis_date);
        }
        if !has("assessment_date") {
            self.assessment_date.clone_from(&old.assessment_date);
        }
        if !has("patient") {
            self.patient.clone_from(&old.patient);
        }
        if !has("instruments") {
            self.answers.clone_from(&old.answers);
        }
        if !has("instrument_totals") {
            self.totals.clone_from(&old.totals);
        }
        if !has("measurements") {
            self.measurements.clone_from(&old.measurements);
        }
        if !has("patient_goals") {
            self.goals.clone_from(&old.goals);
        }
        if !has("overrides") {
            self.level_overrides.clone_from(&old.level_overrides);
            self.removed.clone_from(&old.removed);
            self.added.clone_from(&old.added);
            self.gate_decisions.clone_from(&old.gate_decisions);
            self.treatment_decisions
                .clone_from(&old.treatment_decisions);
            self.accepted.clone_from(&old.accepted);
        }
        if !has("carried_over") {
            self.carried_over.clone_from(&old.carried_over);
        }
        if !has("phase") {
            self.phase.clone_from(&old.phase);
        }
    }

    /// Takes a host's new prefill without losing what the GP entered. `old` is the host's
    /// previous prefill: a field the GP has not changed since then takes the new value; a field
    /// the GP changed keeps the GP's value (and is named in `kept` when the host's value
    /// changed too).
    pub fn merge_prefill(&mut self, old: &Draft, new: &Draft) -> Merge {
        let mut m = Merge::default();
        merge_one(
            &mut self.pathways,
            &old.pathways,
            &new.pathways,
            "pathways",
            &mut m,
        );
        merge_one(
            &mut self.diagnosis_date,
            &old.diagnosis_date,
            &new.diagnosis_date,
            "diagnosis_date",
            &mut m,
        );
        merge_one(
            &mut self.patient,
            &old.patient,
            &new.patient,
            "patient",
            &mut m,
        );
        merge_one(
            &mut self.assessment_date,
            &old.assessment_date,
            &new.assessment_date,
            "assessment_date",
            &mut m,
        );
        merge_map(
            &mut self.answers,
            &old.answers,
            &new.answers,
            "instruments",
            &mut m,
        );
        merge_map(
            &mut self.totals,
            &old.totals,
            &new.totals,
            "instrument_totals",
            &mut m,
        );
        merge_map(
            &mut self.measurements,
            &old.measurements,
            &new.measurements,
            "measurements",
            &mut m,
        );
        merge_one(
            &mut self.goals,
            &old.goals,
            &new.goals,
            "patient_goals",
            &mut m,
        );
        merge_map(
            &mut self.level_overrides,
            &old.level_overrides,
            &new.level_overrides,
            "overrides.levels",
            &mut m,
        );
        merge_map(
            &mut self.removed,
            &old.removed,
            &new.removed,
            "overrides.removed_interventions",
            &mut m,
        );
        merge_map(
            &mut self.added,
            &old.added,
            &new.added,
            "overrides.added_interventions",
            &mut m,
        );
        merge_map(
            &mut self.gate_decisions,
            &old.gate_decisions,
            &new.gate_decisions,
            "overrides.gates",
            &mut m,
        );
        merge_map(
            &mut self.treatment_decisions,
            &old.treatment_decisions,
            &new.treatment_decisions,
            "overrides.treatments",
            &mut m,
        );
        merge_map(
            &mut self.accepted,
            &old.accepted,
            &new.accepted,
            "overrides.accepted",
            &mut m,
        );
        merge_map(
            &mut self.carried_over,
            &old.carried_over,
            &new.carried_over,
            "carried_over",
            &mut m,
        );
        merge_one(&mut self.phase, &old.phase, &new.phase, "phase", &mut m);
        m
    }

    /// The engine input for this draft. Only the instruments and measurements of the chosen
    /// pathways are included, so answers kept for a pathway the GP unticked never leak.
    #[must_use]
    pub fn to_input(&self, content: &Content, lang: Lang) -> Input {
        let chosen: Vec<_> = self
            .pathways
            .iter()
            .filter_map(|p| content.pathways.get(p))
            .collect();
        let wanted_inst = |id: &String| chosen.iter().any(|p| p.instruments.contains(id));
        let wanted_meas = |id: &String| chosen.iter().any(|p| p.measurements.contains(id));
        let mut measurements = BTreeMap::new();
        for (id, raw) in &self.measurements {
            let raw = raw.trim();
            if raw.is_empty() || !wanted_meas(id) {
                continue;
            }
            let Some(def) = content.measurements.get(id) else {
                continue;
            };
            let value = match def.kind {
                MeasurementKind::Number | MeasurementKind::Integer => {
                    decimal(raw).map_or_else(|| Json::String(raw.to_owned()), Json::Number)
                }
                MeasurementKind::Bool => match raw {
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    other => Json::String(other.to_owned()),
                },
                MeasurementKind::Code => Json::String(raw.to_owned()),
                MeasurementKind::Codes => Json::Array(
                    raw.split(',')
                        .filter(|s| !s.is_empty() && *s != NONE_OF_THESE)
                        .map(|s| Json::String(s.to_owned()))
                        .collect(),
                ),
            };
            measurements.insert(id.clone(), value);
        }
        let instruments: BTreeMap<String, Vec<Json>> = map_from(
            self.answers
                .iter()
                .filter(|(k, v)| wanted_inst(k) && v.iter().any(Option::is_some))
                .map(|(k, v)| {
                    (
                        k.clone(),
                        // A negative draft value is the GP's explicit "unknown": null.
                        v.iter()
                            .map(|a| a.filter(|x| *x >= 0).map_or(Json::Null, Json::from))
                            .collect(),
                    )
                }),
        );
        let instrument_totals: BTreeMap<String, Json> = map_from(
            self.totals
                .iter()
                .filter(|(k, v)| wanted_inst(k) && !v.trim().is_empty())
                .map(|(k, v)| {
                    let raw = v.trim();
                    let value = raw
                        .parse::<i64>()
                        .map_or_else(|_| Json::String(raw.to_owned()), Json::from);
                    (k.clone(), value)
                }),
        );
        // Only the carried-over values still sent (a field the GP cleared is no longer given).
        let carried_over = self
            .carried_over
            .iter()
            .filter(|(field, _)| {
                field.split_once('.').is_some_and(|(kind, id)| match kind {
                    "instruments" => {
                        instruments.contains_key(id) || instrument_totals.contains_key(id)
                    }
                    _ => measurements.contains_key(id),
                })
            })
            .map(|(f, d)| (f.clone(), d.clone()))
            .collect();
        Input {
            schema: INPUT_SCHEMA.to_owned(),
            pathways: self.pathways.clone(),
            diagnosis_date: self.diagnosis_date.trim().to_owned(),
            assessment_date: self.assessment_date.trim().to_owned(),
            // A re-assessment is in the phase the GP chose (the lasting phase unless trin 2).
            phase: self
                .previous
                .as_ref()
                .map(|_| self.phase.unwrap_or(Phase::Vedvarende)),
            language: Some(lang),
            patient: self.patient.clone(),
            carried_over,
            instruments,
            instrument_totals,
            measurements,
            patient_goals: self
                .goals
                .lines()
                .map(str::to_owned)
                .filter(|g| !g.trim().is_empty())
                .collect(),
            overrides: Overrides {
                levels: map_from(
                    self.level_overrides
                        .iter()
                        .filter(|(p, _)| self.pathways.contains(p))
                        .map(|(p, o)| (p.clone(), o.clone())),
                ),
                removed_interventions: self
                    .removed
                    .iter()
                    .map(|(id, reason)| InterventionChange {
                        id: id.clone(),
                        reason: reason.clone(),
                    })
                    .collect(),
                added_interventions: self
                    .added
                    .iter()
                    .map(|(id, reason)| InterventionChange {
                        id: id.clone(),
                        reason: reason.clone(),
                    })
                    .collect(),
                gates: self.gate_decisions.clone(),
                treatments: self.treatment_decisions.clone(),
                accepted: self.accepted.clone(),
            },
        }
    }

    /// The live scores of the valid answers alone: what a click on an answer shows at once,
    /// before the plan that follows from it (see `Widget` in `views.rs`).
    #[must_use]
    pub fn scores(
        &self,
        content: &Content,
        lang: Lang,
    ) -> BTreeMap<String, BTreeMap<String, Json>> {
        SCORINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let checked = self.to_input(content, lang).check(content);
        let facts = crate::engine::facts::compute_facts(content, &checked.input);
        crate::engine::plan::scores(&facts)
    }

    /// Validates the draft and computes the plan from what is valid.
    #[must_use]
    pub fn evaluate(&self, content: &Content, lang: Lang) -> Evaluation {
        EVALUATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // One pass: the engine keeps every valid entry and names each invalid one; the plan is
        // computed once, from the valid part, when both dates are known.
        let checked = self.to_input(content, lang).check(content);
        let mut errors: BTreeMap<Field, String> = checked
            .errors
            .iter()
            .map(|e| (e.field.clone(), e.message_in(lang).to_owned()))
            .collect();
        let facts = crate::engine::facts::compute_facts(content, &checked.input);
        let scores = crate::engine::plan::scores(&facts);
        let plan = checked.input.complete().and_then(|valid| {
            let planned = match &self.previous {
                // The facts computed above for the scores: the plan does not compute them again.
                Some(prev) => crate::engine::previous::compute_follow_up_plan_from(
                    content, &valid, prev, &facts,
                ),
                None => crate::engine::plan::compute_plan_from(content, &valid, &facts),
            };
            planned
                .map_err(|e| {
                    for e in e.0 {
                        let message = e.message_in(lang).to_owned();
                        errors.insert(e.field, message);
                    }
                })
                .ok()
                .map(std::sync::Arc::new)
        });
        Evaluation {
            errors,
            plan,
            scores,
            facts,
        }
    }
}

/// A number as a GP types it: Danish decimal comma ("0,62"), a leading "+", or a bare leading
/// or trailing separator (",5", "5,"). `None` for anything else (the engine then names the field).
/// serde_json's number parser is used rather than `str::parse::<f64>`, whose 10 KB table of
/// powers would be a second float parser in the wasm.
fn decimal(raw: &str) -> Option<serde_json::Number> {
    let text = raw.replace(',', ".");
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(&text)),
    };
    let digits = digits.strip_suffix('.').unwrap_or(digits);
    // JSON allows no leading zeros ("07"); keep one before a separator ("0.5").
    let digits = match digits.trim_start_matches('0') {
        rest if rest.is_empty() && !digits.is_empty() => "0",
        rest => rest,
    };
    let zero = if digits.starts_with('.') { "0" } else { "" };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    serde_json::from_str(&format!("{sign}{zero}{digits}")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::compute_plan;

    fn draft() -> Draft {
        Draft {
            pathways: vec!["kol".into()],
            diagnosis_date: "2027-03-01".into(),
            assessment_date: "2027-03-10".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_danish_decimal_comma_is_read_as_a_decimal_point() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.measurements.insert("fev1_fvc".into(), "0,62".into());
        let input = d.to_input(&content, Lang::Da);
        assert_eq!(input.measurements["fev1_fvc"], serde_json::json!(0.62));
    }

    #[test]
    fn numbers_are_read_as_gps_type_them_and_anything_else_is_kept_as_typed() {
        let n = |s: &str| decimal(s).map(|n| n.to_string());
        for (typed, read) in [
            ("0,62", "0.62"),
            ("0.62", "0.62"),
            (",5", "0.5"),
            ("5,", "5"),
            ("+7", "7"),
            ("-1,5", "-1.5"),
            ("07", "7"),
            ("0", "0"),
            ("00,25", "0.25"),
            ("172", "172"),
        ] {
            assert_eq!(n(typed).as_deref(), Some(read), "{typed}");
        }
        for typed in [
            "", "-", ",", "1,2,3", "1e5", "NaN", "inf", "12 kg", "--1", "0x10",
        ] {
            assert_eq!(n(typed), None, "{typed}");
        }
        // Kept as text, so the engine names the field instead of guessing.
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.measurements.insert("fev1_fvc".into(), "0,6,2".into());
        let input = d.to_input(&content, Lang::Da);
        assert_eq!(input.measurements["fev1_fvc"], serde_json::json!("0,6,2"));
    }

    /// A GP who has not yet typed the diagnosis date still sees the scores of the answers.
    #[test]
    fn scores_show_while_a_date_is_still_missing() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.diagnosis_date = String::new();
        d.answers.insert("cat".into(), vec![Some(2); 8]);
        let ev = d.evaluate(&content, Lang::Da);
        assert!(
            ev.errors.contains_key(&Field::of("diagnosis_date")),
            "{:?}",
            ev.errors
        );
        assert!(ev.plan.is_none());
        assert_eq!(ev.scores["cat"]["total"], 16);
    }

    #[test]
    fn one_invalid_value_is_reported_and_the_rest_still_plans() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.measurements.insert("fev1_fvc".into(), "0,6".into());
        d.measurements.insert("fev1_pct_pred".into(), "45".into());
        d.measurements.insert("weight_kg".into(), "9000".into());
        let ev = d.evaluate(&content, Lang::Da);
        assert!(
            ev.errors
                .contains_key(&Field::parse("measurements.weight_kg")),
            "{:?}",
            ev.errors
        );
        let plan = ev.plan.expect("a plan from the valid entries");
        assert_eq!(plan.scores["gold"]["grade"], 3);
    }

    #[test]
    fn an_explicit_unknown_answer_is_sent_as_null() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.answers.insert("mrc".into(), vec![Some(-1)]);
        assert_eq!(
            d.to_input(&content, Lang::Da).instruments["mrc"],
            vec![Json::Null]
        );
    }

    #[test]
    fn answers_for_an_unticked_pathway_are_kept_but_not_sent() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.answers.insert("cat".into(), vec![Some(1); 8]);
        d.pathways.clear();
        assert!(d.to_input(&content, Lang::Da).instruments.is_empty());
        assert_eq!(
            d.answers["cat"].len(),
            8,
            "the draft still holds the answers"
        );
    }

    /// Unknown red flags are not "none": an empty set is sent only when the GP ticks "none of
    /// these".
    #[test]
    fn red_flags_are_none_only_when_the_gp_says_so() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.pathways = vec!["laenderyg".into()];
        d.measurements.insert("red_flags".into(), String::new());
        assert!(!d
            .to_input(&content, Lang::Da)
            .measurements
            .contains_key("red_flags"));
        d.measurements
            .insert("red_flags".into(), NONE_OF_THESE.into());
        assert_eq!(
            d.to_input(&content, Lang::Da).measurements["red_flags"],
            serde_json::json!([])
        );
        // …and a prefilled empty list comes back as "none of these".
        let back = Draft::from_input(&d.to_input(&content, Lang::Da));
        assert_eq!(back.measurements["red_flags"], NONE_OF_THESE);
    }

    /// The host's patient details (age) are kept in the draft and planned with, so the widget's
    /// plan equals `computePlan`'s: at 65 the vaccinations are proposed.
    #[test]
    fn the_patients_age_from_the_host_reaches_the_plan() {
        let content = Content::builtin().unwrap();
        let text = r#"{"schema": "pakkeforloeb/input@1", "pathways": ["laenderyg"],
            "diagnosis_date": "2027-03-01", "assessment_date": "2027-03-10",
            "patient": {"age": 65}, "measurements": {"pain_duration_weeks": 20, "red_flags": []}}"#;
        let input = crate::engine::Input::from_json_str(text).unwrap();
        let d = Draft::from_input(&input);
        let plan = d.evaluate(&content, Lang::Da).plan.unwrap();
        let direct = crate::engine::compute_plan_json(&content, text).unwrap();
        assert!(plan
            .interventions
            .iter()
            .any(|i| i.id == "covid19vaccination"));
        assert_eq!(plan.interventions, direct.interventions);
        let (saved, _) = Draft::from_saved_json(&d.to_saved_json(Step::Start)).unwrap();
        assert_eq!(saved.patient, d.patient);
    }

    /// "Godkend" waits for an open acute gate, and says so.
    #[test]
    fn an_open_acute_gate_blocks_confirmation() {
        let content = Content::builtin().unwrap();
        let mut d = draft();
        d.pathways = vec!["laenderyg".into()];
        d.measurements
            .insert("red_flags".into(), "cauda_equina".into());
        d.measurements
            .insert("pain_duration_weeks".into(), "20".into());
        let ev = d.evaluate(&content, Lang::Da);
        assert_eq!(
            ev.blockers(),
            vec![Blocker::AcuteGates(vec![
                "lrs-cauda-equina".into(),
                "lrs-roede-flag".into()
            ])]
        );
        for gate in ["lrs-cauda-equina", "lrs-roede-flag"] {
            d.gate_decisions.insert(
                gate.into(),
                GateDecision {
                    decision: crate::engine::input::GateDecisionKind::Handled,
                    reason: String::new(),
                },
            );
        }
        assert_eq!(d.evaluate(&content, Lang::Da).blockers(), vec![]);
    }

    /// The phase the GP picks for a re-assessment is the phase of the plan (trin 2 was once
    /// replaced by the lasting phase).
    #[test]
    fn the_chosen_phase_of_a_re_assessment_reaches_the_input() {
        let content = Content::builtin().unwrap();
        let first = compute_plan(
            &content,
            &draft()
                .to_input(&content, Lang::Da)
                .validate(&content)
                .unwrap(),
        )
        .unwrap();
        let mut d = draft();
        d.previous = Some(Box::new((&first).into()));
        assert_eq!(
            d.to_input(&content, Lang::Da).phase,
            Some(Phase::Vedvarende)
        );
        d.phase = Some(Phase::Trin2);
        assert_eq!(d.to_input(&content, Lang::Da).phase, Some(Phase::Trin2));
        d.assessment_date = "2027-06-01".into();
        let ev = d.evaluate(&content, Lang::Da);
        assert_eq!(ev.plan.unwrap().phase, Phase::Trin2);
    }

    /// A carried-over value the GP changes is confirmed by the change.
    #[test]
    fn changing_a_carried_over_value_confirms_it() {
        let mut d = draft();
        d.carried_over
            .insert("measurements.fev1_fvc".into(), "2026-03-01".into());
        d.carried_over
            .insert("instruments.cat".into(), "2026-03-01".into());
        d.set_measurement("fev1_fvc", "0,6".into());
        d.set_answer("cat", 0, 8, 2);
        assert!(d.carried_over.is_empty());
    }

    /// A host's new prefill (a lab result arrived) goes into what the GP has not touched and
    /// never overwrites what the GP typed; both are named.
    #[test]
    fn a_host_prefill_never_overwrites_what_the_gp_typed() {
        let mut host1 = draft();
        host1
            .measurements
            .insert("fev1_pct_pred".into(), "45".into());
        host1
            .measurements
            .insert("smoking".into(), "current".into());
        let mut current = host1.clone();
        // The GP corrects the smoking status and answers the CAT.
        current.set_measurement("smoking", "former".into());
        current.set_answer("cat", 0, 8, 3);
        // The record sends an update: new FEV1, a new weight, and its own (old) smoking status.
        let mut host2 = host1.clone();
        host2
            .measurements
            .insert("fev1_pct_pred".into(), "48".into());
        host2.measurements.insert("weight_kg".into(), "71".into());
        host2.measurements.insert("smoking".into(), "never".into());
        let m = current.merge_prefill(&host1, &host2);
        assert_eq!(current.measurements["fev1_pct_pred"], "48");
        assert_eq!(current.measurements["weight_kg"], "71");
        assert_eq!(
            current.measurements["smoking"], "former",
            "the GP's entry stays"
        );
        assert_eq!(current.answers["cat"][0], Some(3), "the GP's answers stay");
        assert_eq!(
            m.updated,
            ["measurements.fev1_pct_pred", "measurements.weight_kg"]
        );
        assert_eq!(m.kept, ["measurements.smoking"]);
        // The same prefill again changes nothing.
        let again = current.clone().merge_prefill(&host2, &host2);
        assert_eq!(again, Merge::default());
    }

    /// A later prefill that gives only a lab result keeps the pathways, the dates and the
    /// answers of the earlier one: only what the host sends is new.
    #[test]
    fn a_partial_prefill_keeps_what_it_leaves_out() {
        let mut host1 = draft();
        host1.set_answer("cat", 0, 8, 2);
        let mut current = host1.clone();
        let mut lab = Draft::default();
        lab.measurements.insert("fev1_pct_pred".into(), "48".into());
        lab.keep_absent(&host1, &["measurements".to_owned()]);
        assert_eq!(lab.pathways, host1.pathways);
        assert_eq!(lab.diagnosis_date, host1.diagnosis_date);
        assert_eq!(lab.answers, host1.answers);
        assert_eq!(lab.measurements["fev1_pct_pred"], "48");
        let m = current.merge_prefill(&host1, &lab);
        assert_eq!(m.updated, ["measurements.fev1_pct_pred"]);
        assert_eq!(current.pathways, host1.pathways);
        // A field the prefill gives replaces the earlier prefill's, even when empty.
        let mut none = Draft::default();
        none.keep_absent(&host1, &["pathways".to_owned()]);
        assert!(none.pathways.is_empty());
        assert_eq!(none.diagnosis_date, host1.diagnosis_date);
    }

    /// A saved draft comes back exactly, explicit "unknown" answers and invalid text included.
    #[test]
    fn a_saved_draft_comes_back_exactly() {
        let mut d = draft();
        d.set_answer("cat", 2, 8, super::UNKNOWN);
        d.set_measurement("fev1_fvc", "0,6x".into());
        d.goals = "Gå ture".into();
        let text = d.to_saved_json(Step::Differentiation);
        assert!(text.contains("\"schema\":\"pakkeforloeb/draft@1\""));
        assert_eq!(
            Draft::from_saved_json(&text).unwrap(),
            (d.clone(), Some(Step::Differentiation))
        );
        // A draft saved before drafts kept the step comes back without one; a wrong step is
        // named.
        let old = text.replace("\"step\":\"differentiation\",", "");
        assert_eq!(Draft::from_saved_json(&old).unwrap(), (d, None));
        let e = Draft::from_saved_json(&text.replace("differentiation", "x")).unwrap_err();
        assert_eq!(e, DraftError::Step);
        assert!(
            e.to_string().starts_with("draft.step: expected start"),
            "{e}"
        );
        let e = Draft::from_saved_json("{\"schema\": \"pakkeforloeb/draft@9\"}").unwrap_err();
        assert_eq!(e, DraftError::Schema("pakkeforloeb/draft@9".into()));
        assert!(e.to_string().starts_with("draft.schema: expected"), "{e}");
        for not_a_draft in [
            "{",
            "{\"schema\": \"pakkeforloeb/draft@1\", \"pathways\": 3}",
        ] {
            assert!(
                matches!(
                    Draft::from_saved_json(not_a_draft),
                    Err(DraftError::NotADraft(_))
                ),
                "{not_a_draft}"
            );
        }
    }
}
