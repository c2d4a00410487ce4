//! The plan@1 contract: the types a host stores, serialised in this field order.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::changes::{CarriedOver, Changes};
use crate::engine::content::{Evidence, FollowUpKind, Phase, Provider};
use crate::engine::gates::{GateResult, HeldIntervention, PathwayStatus};
use crate::engine::input::TreatmentDecisionKind;
use crate::engine::text::Lang;

/// A treatment plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Always `pakkeforloeb/plan@1`.
    pub schema: String,
    /// The crate version.
    pub engine_version: String,
    /// Language of the texts.
    pub language: Lang,
    /// The content files that produced the plan.
    pub content: Vec<ContentRef>,
    /// The regional content pack they came from (absent: the built-in content).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_pack: Option<crate::engine::content::PackInfo>,
    /// Pathways, as given.
    pub pathways: Vec<String>,
    /// Echoed.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub diagnosis_date: NaiveDate,
    /// Echoed.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub assessment_date: NaiveDate,
    /// Phase of the pathway.
    pub phase: Phase,
    /// Where the plan stands after the safety gates: `klar`, `akut-handling`,
    /// `afventer-afklaring` or `uden-for-maalgruppe` (see [`PathwayStatus`]).
    pub status: PathwayStatus,
    /// The same per pathway.
    pub status_by_pathway: BTreeMap<String, PathwayStatus>,
    /// Safety gates that fired, wait for an answer, or were decided on; the most urgent first.
    pub gates: Vec<GateResult>,
    /// Interventions and treatments the rules proposed that a contraindication holds back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub held_interventions: Vec<HeldIntervention>,
    /// Deadlines.
    pub deadlines: Deadlines,
    /// Scores by instrument or derived measure, e.g. `cat: {total, band}`.
    pub scores: BTreeMap<String, BTreeMap<String, Json>>,
    /// The level.
    pub differentiation: Differentiation,
    /// Interventions, each id once.
    pub interventions: Vec<Intervention>,
    /// Proposed interventions the GP removed, with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_interventions: Vec<RemovedIntervention>,
    /// Follow-ups, each id once, at the earliest due date: reviews, the yearly status, checks
    /// for complications and concurrent diseases.
    pub follow_up: Vec<FollowUp>,
    /// Treatments to consider at the start ("opstart af behandling"), with the GP's decisions.
    pub treatment: Vec<TreatmentPrompt>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Goals.
    pub goals: Goals,
    /// Always `almen-praksis`.
    pub coordinator: String,
    /// Quality indicators a host can count across plans.
    pub quality: Quality,
    /// The answers and measurements the plan rests on (only those the chosen pathways ask), so
    /// a later consultation or a FHIR export can show them.
    pub assessment: Assessment,
    /// What changed since the previous plan (re-assessments only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// The GP confirmed the plan ("Godkend"): set by the widget on the plan it sends in
    /// `pakkeforloeb-plan`, never by the engine (`computePlan` gives a proposal). The FHIR
    /// export sends referrals as active orders only from a confirmed plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed: bool,
}

/// Quality indicators and success criteria (issue: the generic model's "kvalitetsudvikling og
/// monitorering"). Everything is a field a host can count across plans; the widget stores nothing.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// The phase that was assessed (the indicators describe this consultation).
    pub phase: Phase,
    /// The plan was agreed by `deadlines.plan_due` (diagnosis + 30 days in trin 1; the
    /// previous plan's due date in a re-assessment); `null` while the deadline is suspended
    /// because no pathway may have a routine plan yet.
    pub plan_within_deadline: Option<bool>,
    /// Every municipal offer starts within 21 days of the referral (the assessment).
    pub municipal_within_21_days: bool,
    /// Input fields the chosen pathways' rules use.
    pub inputs_needed: Vec<String>,
    /// How many of them were recorded.
    pub inputs_present: usize,
    /// `inputs_present / inputs_needed`, 0–1, two decimals (1 when nothing is needed).
    pub inputs_present_share: f64,
    /// Process indicators per pathway.
    pub indicators: Vec<IndicatorResult>,
    /// Success criteria per pathway.
    pub success_criteria: Vec<CriterionResult>,
}

/// A process indicator's result.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Pathway.
    pub pathway: String,
    /// Indicator id.
    pub id: String,
    /// What it measures.
    pub label: String,
    /// Every field was recorded.
    pub met: bool,
    /// The fields not recorded.
    pub missing: Vec<String>,
    /// A proposal rather than national guidance.
    pub proposal: bool,
}

/// A success criterion's result.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    /// Pathway.
    pub pathway: String,
    /// Criterion id.
    pub id: String,
    /// What it measures.
    pub label: String,
    /// Met, not met, or `null` when its inputs are missing.
    pub met: Option<bool>,
    /// The source's public reference: its URL, or its title.
    pub source: String,
    /// A proposal rather than national guidance.
    pub proposal: bool,
}

/// The recorded assessment.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Assessment {
    /// Answers per instrument (`null`: unknown).
    pub instruments: BTreeMap<String, Vec<Option<i64>>>,
    /// Instruments entered as their total from a paper form: their items were not given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub instrument_totals: BTreeMap<String, i64>,
    /// Measurements by key.
    pub measurements: BTreeMap<String, Json>,
    /// Values carried over from an earlier consultation that the GP has not confirmed yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_over: Vec<CarriedOver>,
}

/// A content file (CONTRACT §3 `content`).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentRef {
    /// `shared` or the pathway id.
    pub pathway: String,
    /// Content version.
    pub version: String,
    /// SHA-256 of the file.
    pub sha256: String,
}

/// Deadlines.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    /// When this consultation's plan is due: diagnosis_date + 30 days in trin 1; in a
    /// re-assessment the due date the previous plan set (`basis` says which).
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub plan_due: NaiveDate,
    /// What `plan_due` is counted from.
    pub basis: DeadlineBasis,
    /// assessment_date is after plan_due.
    pub plan_overdue: bool,
    /// Days from the assessment to plan_due (negative when overdue).
    pub days_to_plan_due: i64,
    /// True while no pathway may have a routine plan (every pathway is gated): the plan's
    /// clock waits for the gates, and no offer has a deadline.
    pub suspended: bool,
    /// assessment_date + 21 days: the latest start of any municipal offer; `null` when the plan
    /// has no municipal offer.
    #[serde(with = "crate::engine::input::iso_date::option")]
    #[cfg_attr(test, schemars(with = "Option<NaiveDate>"))]
    pub municipal_start_by: Option<NaiveDate>,
}

/// What a plan's due date is counted from.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeadlineBasis {
    /// The diagnosis + 30 days (trin 1).
    Diagnose,
    /// The previous plan's yearly status (vedvarende fase).
    Aarsstatus,
    /// The previous plan's next review (trin 2).
    Kontrol,
}

/// Why something was proposed.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The pathway whose rule fired.
    pub pathway: String,
    /// The rule id.
    pub rule: String,
    /// The reason in the plan's language.
    pub text: String,
    /// The source's public reference: its URL, or the guideline's name where it has none.
    pub source: String,
    /// The source's title (guideline and year), for people to read.
    pub source_title: String,
    /// Confidence tag of the source.
    pub evidence: Evidence,
    /// A proposal a region can change, not national guidance.
    pub proposal: bool,
    /// The level this rule sets (level reasons only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
}

/// The differentiation.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Differentiation {
    /// Overall level: the highest pathway level, after the GP's overrides; `null` when no
    /// pathway has a level (every pathway is held back by a gate).
    pub level: Option<u8>,
    /// The level the rules proposed, before overrides (`null` as `level`).
    pub proposed_level: Option<u8>,
    /// Level per pathway with status `klar`, after overrides. A pathway a gate holds back has
    /// no level.
    pub by_pathway: BTreeMap<String, u8>,
    /// Pathways whose level is provisional: a rule for a higher level could not be evaluated
    /// because inputs are missing (the reasons say which).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisional: Vec<String>,
    /// The rules that set each pathway's level.
    pub reasons: Vec<Reason>,
    /// The GP's level overrides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<LevelOverride>,
    /// The two axes of need before overrides: the disease (the highest level the pathways'
    /// own rules give) and the person (resources, life situation and motivation, the shared
    /// file's `person` rules, whose reasons carry `pathway: "shared"`). Each pathway's level is
    /// the higher of its disease level and the person level. `null` when no pathway has a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axes: Option<Axes>,
}

/// The two axes of need.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Axes {
    /// The highest level the pathways' disease rules give.
    pub disease: u8,
    /// The level the person's resources, life situation and motivation give (1 when no rule
    /// raises it).
    pub person: u8,
}

/// A level set by the GP.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelOverride {
    /// Pathway.
    pub pathway: String,
    /// What the rules proposed.
    pub proposed: u8,
    /// What the GP chose.
    pub level: u8,
    /// Why.
    pub reason: String,
}

/// A planned intervention.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    /// Catalogue id.
    pub id: String,
    /// The pathway, or `null` when several called for it.
    pub pathway: Option<String>,
    /// Every pathway that called for it.
    pub pathways: Vec<String>,
    /// Who delivers it.
    pub provider: Provider,
    /// Phase.
    pub phase: Phase,
    /// Latest start; `null` when the offer has no deadline.
    #[serde(with = "crate::engine::input::iso_date::option")]
    #[cfg_attr(test, schemars(with = "Option<NaiveDate>"))]
    pub start_by: Option<NaiveDate>,
    /// Name in the plan's language.
    pub title: String,
    /// What it is, for the patient.
    pub description: String,
    /// FSIII code of a municipal intervention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsiii: Option<String>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The catalogue entry's source.
    pub source: String,
    /// Every reason is a proposal.
    pub proposal: bool,
    /// Added by the GP, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_by_gp: Option<String>,
    /// A municipal offer waiting for the patient's yes (the patient is not ready yet): no
    /// `start_by` until the GP records the acceptance (`overrides.accepted`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub awaiting_acceptance: bool,
    /// The day the patient accepted the offer, as the GP recorded it; a waiting offer's
    /// deadline runs from it.
    #[serde(with = "crate::engine::input::iso_date::option")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<NaiveDate>"))]
    pub accepted_on: Option<NaiveDate>,
    /// What the referral needs (offers the GP refers to: municipal, hospital, specialist,
    /// podiatrist), ready to paste or send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
}

/// What a referral to an offer needs, structured and as plain text.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// The reason for referral (henvisningsårsag) in words: the reasons that proposed it.
    pub reason: String,
    /// The diagnoses of the patient's pathways (ICPC-2, SKS).
    pub diagnoses: Vec<ReferralCode>,
    /// The clinical facts the receiver needs, each in words ("FEV1 i procent af forventet: 45").
    pub facts: Vec<String>,
    /// The patient's own goals.
    pub goals: Vec<String>,
    /// The patient's readiness in words, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    /// Consent: `true` when the patient accepted the offer (`overrides.accepted`), `null` when
    /// not recorded.
    pub consent: Option<bool>,
    /// Whether an interpreter is needed; `null` when not recorded.
    pub interpreter: Option<bool>,
    /// The whole referral as plain text in the plan's language.
    pub text: String,
}

/// A diagnosis code in a referral.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralCode {
    /// `icpc2` or `sks-d`.
    pub system: String,
    /// The code.
    pub code: String,
    /// Its name.
    pub display: String,
}

/// A proposed intervention the GP removed.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedIntervention {
    /// Catalogue id.
    pub id: String,
    /// Why.
    pub reason: String,
}

/// A follow-up.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// `kontrol`, `aarsstatus`, `oejenscreening`, …
    pub id: String,
    /// Its name in the plan's language.
    pub title: String,
    /// `kontrol`, `aarsstatus` or `check` (a complication or a concurrent disease).
    pub kind: FollowUpKind,
    /// Due date.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub due: NaiveDate,
    /// Why.
    pub reasons: Vec<Reason>,
}

/// A treatment the GP is prompted to consider ("overvej"): never a dose, never an order. The
/// GP records what was decided.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentPrompt {
    /// Treatment id.
    pub id: String,
    /// Its name.
    pub title: String,
    /// What to consider.
    pub description: String,
    /// Every pathway that prompted it.
    pub pathways: Vec<String>,
    /// Why, with sources.
    pub reasons: Vec<Reason>,
    /// The treatment's own source (public reference).
    pub source: String,
    /// Every reason is a proposal.
    pub proposal: bool,
    /// The GP's decision, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<TreatmentDecisionRecord>,
}

/// The GP's decision on a treatment prompt, as kept in the plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentDecisionRecord {
    /// `started`, `already` or `not-relevant`.
    pub decision: TreatmentDecisionKind,
    /// The GP's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// A warning.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// `red-flag`, `missing-data`, …
    pub id: String,
    /// The pathway.
    pub pathway: String,
    /// What to do.
    pub text: String,
    /// For `missing-data`: the input fields the rules needed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// The rule, where a rule raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// The gate, where an open gate raised it (the gate in `gates` carries the action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<String>,
}

/// Goals.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goals {
    /// The patient's own goals, in their words.
    pub patient: Vec<String>,
    /// Clinical goals the rules propose.
    pub clinical: Vec<ClinicalGoal>,
}

/// A clinical goal.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClinicalGoal {
    /// Goal id.
    pub id: String,
    /// The goal.
    pub text: String,
    /// A measurable target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Json>,
    /// The target in words, in the plan's language ("HbA1c 53–58 mmol/mol"); says so when the
    /// target depends on information that is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
    /// Why: the reasons of every pathway that proposed it.
    pub reasons: Vec<Reason>,
    /// Another pathway's target for the same measure, less strict than `target`: a combined
    /// plan has one target per measure, the strictest that applies (its rule and source are
    /// among `reasons`), and names the others here ("also: …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<OtherTarget>,
    /// The safety gate this exercise goal waits for (in `gates`), while it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<String>,
}

/// A less strict target for a goal that another pathway proposed.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherTarget {
    /// The pathway whose rule proposed it.
    pub pathway: String,
    /// The rule.
    pub rule: String,
    /// The target.
    pub target: Json,
    /// The target in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
    /// The rule's source (public reference).
    pub source: String,
}
