//! The treatment plan (`pakkeforloeb/plan@1`, CONTRACT §3) and how it is computed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::condition::{Facts, Value};
use crate::engine::content::{
    Content, Evidence, FollowUpKind, InterventionDef, Pathway, Phase, Provider, Rule, RuleSet,
    MUNICIPAL_START_DAYS,
};
use crate::engine::error::{Field, InputError, InputErrors, Problem};
use crate::engine::facts::compute_facts;
use crate::engine::gates::{GateResult, GateState, HeldIntervention, PathwayStatus};
use crate::engine::input::TreatmentDecisionKind;
use crate::engine::input::{Input, ValidInput};
use crate::engine::text::Lang;
use crate::engine::ENGINE_VERSION;

/// The schema id of the plan.
pub const PLAN_SCHEMA: &str = "pakkeforloeb/plan@1";

/// The personal treatment plan is due 30 calendar days after the diagnosis (the pakkeforløb agreement).
pub const PLAN_DUE_DAYS: u32 = 30;

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

/// What a re-assessment reads of the previous plan: a part of plan@1 (its other fields are
/// ignored). Reading only these keeps the whole plan's deserializer out of the widget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousPlan {
    /// `pakkeforloeb/plan@1`.
    pub schema: String,
    /// The plan's language.
    pub language: Lang,
    /// The content files it was made with.
    pub content: Vec<ContentRef>,
    /// The regional pack it was made with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_pack: Option<crate::engine::content::PackInfo>,
    /// Pathways.
    pub pathways: Vec<String>,
    /// Diagnosis date.
    #[serde(with = "crate::engine::input::iso_date")]
    pub diagnosis_date: NaiveDate,
    /// Its assessment date.
    #[serde(with = "crate::engine::input::iso_date")]
    pub assessment_date: NaiveDate,
    /// Its phase.
    pub phase: Phase,
    /// Its levels.
    pub differentiation: PreviousLevels,
    /// Its interventions (ids).
    pub interventions: Vec<Id>,
    /// Its follow-ups: the next review and yearly status set the new deadline.
    pub follow_up: Vec<PreviousFollowUp>,
    /// Its goals.
    pub goals: PreviousGoals,
    /// What was recorded: carried over into the new consultation.
    pub assessment: Assessment,
}

/// The previous plan's levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousLevels {
    /// The overall level.
    pub level: Option<u8>,
    /// The level per pathway.
    pub by_pathway: BTreeMap<String, u8>,
}

/// Something the previous plan named by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Id {
    /// The id.
    pub id: String,
}

/// A follow-up of the previous plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousFollowUp {
    /// `kontrol`, `aarsstatus`, …
    pub id: String,
    /// When it is due.
    #[serde(with = "crate::engine::input::iso_date")]
    pub due: NaiveDate,
}

/// The previous plan's goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousGoals {
    /// The patient's own goals.
    pub patient: Vec<String>,
    /// The clinical goals (ids).
    pub clinical: Vec<Id>,
}

impl From<&Plan> for PreviousPlan {
    fn from(p: &Plan) -> Self {
        let ids =
            |v: &mut dyn Iterator<Item = &String>| v.map(|id| Id { id: id.clone() }).collect();
        PreviousPlan {
            schema: p.schema.clone(),
            language: p.language,
            content: p.content.clone(),
            content_pack: p.content_pack.clone(),
            pathways: p.pathways.clone(),
            diagnosis_date: p.diagnosis_date,
            assessment_date: p.assessment_date,
            phase: p.phase,
            differentiation: PreviousLevels {
                level: p.differentiation.level,
                by_pathway: p.differentiation.by_pathway.clone(),
            },
            interventions: ids(&mut p.interventions.iter().map(|i| &i.id)),
            follow_up: p
                .follow_up
                .iter()
                .map(|f| PreviousFollowUp {
                    id: f.id.clone(),
                    due: f.due,
                })
                .collect(),
            goals: PreviousGoals {
                patient: p.goals.patient.clone(),
                clinical: ids(&mut p.goals.clinical.iter().map(|g| &g.id)),
            },
            assessment: p.assessment.clone(),
        }
    }
}

/// What changed since the previous plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    /// The previous plan's assessment date.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub previous_assessment_date: NaiveDate,
    /// The previous plan's phase.
    pub previous_phase: Phase,
    /// The overall level then and now.
    pub level: LevelChange,
    /// Per pathway, where the level changed.
    pub levels_by_pathway: Vec<PathwayLevelChange>,
    /// Pathways added or no longer followed.
    pub pathways_added: Vec<String>,
    /// Pathways in the previous plan but not in this one.
    pub pathways_ended: Vec<String>,
    /// Interventions new in this plan.
    pub interventions_added: Vec<String>,
    /// Interventions of the previous plan no longer proposed.
    pub interventions_ended: Vec<String>,
    /// Clinical goals new in this plan.
    pub goals_added: Vec<String>,
    /// Clinical goals of the previous plan no longer set (reached or no longer relevant).
    pub goals_ended: Vec<String>,
    /// The patient's own goals new in this plan.
    pub patient_goals_added: Vec<String>,
    /// The patient's own goals no longer in the plan.
    pub patient_goals_ended: Vec<String>,
    /// The clinical values that moved since the previous plan: each with its value and date
    /// then, its value now, and the rules of this plan that read it (what it moved).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<ValueChange>,
    /// One-off interventions of the previous plan (the clarifying conversation) that are not
    /// proposed again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interventions_done: Vec<String>,
}

/// A clinical value then and now.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueChange {
    /// The input field (`measurements.fev1_pct_pred`, `instruments.cat`: an instrument by its
    /// score).
    pub field: String,
    /// Its name in the plan's language (an instrument's with the score it names).
    pub label: String,
    /// The value then.
    pub from: Json,
    /// When it was recorded then.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub from_date: NaiveDate,
    /// The value now (recorded on the plan's assessment date).
    pub to: Json,
    /// The unit, for numbers that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The rules of this plan that read the value and set its level or added an offer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<String>,
}

/// A level then and now.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    /// Then (`null`: no pathway had a level).
    pub from: Option<u8>,
    /// Now (`null`: no pathway has a level).
    pub to: Option<u8>,
}

/// A pathway's level then and now.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathwayLevelChange {
    /// Pathway.
    pub pathway: String,
    /// Then.
    pub from: u8,
    /// Now.
    pub to: u8,
}

/// A value carried over from an earlier consultation, not yet confirmed by the GP.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedOver {
    /// The input field, e.g. `measurements.fev1_pct_pred`.
    pub field: String,
    /// When it was recorded.
    #[serde(with = "crate::engine::input::iso_date")]
    #[cfg_attr(test, schemars(with = "NaiveDate"))]
    pub date: NaiveDate,
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

impl Intervention {
    /// A catalogue entry as a planned intervention, before any reason is attached.
    fn from_catalogue(
        def: &InterventionDef,
        content: &Content,
        lang: Lang,
        phase: Phase,
        start_by: Option<NaiveDate>,
    ) -> Self {
        Intervention {
            id: def.id.clone(),
            pathway: None,
            pathways: Vec::new(),
            provider: def.provider,
            phase,
            start_by,
            title: def.title.get(lang).to_owned(),
            description: def.description.get(lang).to_owned(),
            fsiii: def.fsiii.clone(),
            reasons: Vec::new(),
            source: content.cite(&def.source).reference,
            proposal: true,
            added_by_gp: None,
            awaiting_acceptance: false,
            accepted_on: None,
            referral: None,
        }
    }
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

/// One goal rule that fired: goals merge by id once every pathway's rules have run.
struct GoalCandidate {
    id: String,
    text: String,
    target: Option<Json>,
    target_text: Option<String>,
    reason: Reason,
    exercise: bool,
}

/// How strict a resolved target is, to choose one target per measure: the lower upper bound
/// (`lt` before `lte` at the same number), then the higher lower bound. A target with an
/// unknown bound counts as the least strict (its own text says it depends on missing data).
fn strictness(target: Option<&Json>) -> (f64, bool, f64) {
    let num = |k: &str| target.and_then(|t| t.get(k)).and_then(Json::as_f64);
    let (upper, strict) = match (num("lt"), num("lte")) {
        (Some(a), Some(b)) if a <= b => (a, true),
        (_, Some(b)) => (b, false),
        (Some(a), None) => (a, true),
        (None, None) => (f64::INFINITY, false),
    };
    let lower = num("gt").or(num("gte")).unwrap_or(f64::NEG_INFINITY);
    (upper, strict, lower)
}

/// Whether target `a` is stricter than `b`.
fn stricter(a: Option<&Json>, b: Option<&Json>) -> bool {
    let ((au, at, al), (bu, bt, bl)) = (strictness(a), strictness(b));
    au < bu || (au == bu && at && !bt) || (au == bu && at == bt && al > bl)
}

/// The clinical goals from the rules that fired, one per goal id in the order first proposed:
/// the strictest target wins, the others are listed under `also`, every reason is kept. An
/// exercise goal waits while a gate holds exercise (`held_by`).
fn merge_goals(candidates: Vec<GoalCandidate>, held_by: Option<&String>) -> Vec<ClinicalGoal> {
    let mut ids: Vec<String> = Vec::new();
    for c in &candidates {
        if !ids.contains(&c.id) {
            ids.push(c.id.clone());
        }
    }
    ids.into_iter()
        .map(|id| {
            let group: Vec<&GoalCandidate> = candidates.iter().filter(|c| c.id == id).collect();
            let mut best = group[0];
            for c in &group[1..] {
                if stricter(c.target.as_ref(), best.target.as_ref()) {
                    best = c;
                }
            }
            let also = group
                .iter()
                .filter(|c| !std::ptr::eq(**c, best))
                .filter_map(|c| {
                    let target = c.target.clone()?;
                    (c.target_text != best.target_text).then(|| OtherTarget {
                        pathway: c.reason.pathway.clone(),
                        rule: c.reason.rule.clone(),
                        target,
                        target_text: c.target_text.clone(),
                        source: c.reason.source.clone(),
                    })
                })
                .collect();
            ClinicalGoal {
                id,
                text: best.text.clone(),
                target: best.target.clone(),
                target_text: best.target_text.clone(),
                reasons: group.iter().map(|c| c.reason.clone()).collect(),
                also,
                waits_for: group
                    .iter()
                    .any(|c| c.exercise)
                    .then(|| held_by.cloned())
                    .flatten(),
            }
        })
        .collect()
}

/// A resolved goal target in words: `{"measure": m, "gte": a, "lte": b}` → "label a–b unit".
fn target_text(content: &Content, target: &Json, lang: Lang) -> Option<String> {
    let measure = target.get("measure")?.as_str()?;
    let def = content.measurements.get(measure)?;
    let label = def.label.get(lang);
    let unit = def
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let num = |k: &str| target.get(k).map(|v| v.as_f64());
    let n = |v: f64| crate::engine::text::number_text(v, lang);
    let unknown = ["gte", "gt", "lte", "lt"]
        .iter()
        .any(|k| matches!(num(k), Some(None)) && !target[*k].is_string());
    if unknown {
        return Some(match lang {
            Lang::Da => format!("{label}: målet afhænger af oplysninger, der mangler"),
            Lang::En => format!("{label}: the target depends on information that is missing"),
        });
    }
    let (da, en) = match (
        num("gte").flatten(),
        num("lte").flatten(),
        num("lt").flatten(),
    ) {
        (Some(a), Some(b), _) => (
            format!("{} {}–{}", label, n(a), n(b)),
            format!("{} {}–{}", label, n(a), n(b)),
        ),
        (None, Some(b), _) => (
            format!("{label} højst {}", n(b)),
            format!("{label} at most {}", n(b)),
        ),
        (None, None, Some(b)) => (
            format!("{label} under {}", n(b)),
            format!("{label} below {}", n(b)),
        ),
        (Some(a), None, None) => (
            format!("{label} mindst {}", n(a)),
            format!("{label} at least {}", n(a)),
        ),
        _ => {
            // A code target (`"eq": "former"`): the code's label.
            let code = target.get("eq")?.as_str()?;
            let value = def.values.iter().find(|v| v.value == code)?;
            return Some(format!("{label}: {}", value.label.get(lang)));
        }
    };
    Some(match lang {
        Lang::Da => format!("{da}{unit}"),
        Lang::En => format!("{en}{unit}"),
    })
}

fn reason<T>(content: &Content, pathway: &str, rule: &Rule<T>, lang: Lang) -> Reason {
    let cite = content.citation(rule);
    Reason {
        pathway: pathway.to_owned(),
        rule: rule.id.clone(),
        text: rule.text.get(lang).to_owned(),
        source: cite.reference,
        source_title: cite.title,
        evidence: cite.evidence,
        proposal: rule.proposal,
        level: None,
    }
}

/// The latest start of an intervention: the catalogue's days after the assessment, and never
/// later than 21 days for a municipal offer (the pakkeforløb agreement).
fn start_by(def: &InterventionDef, assessment: NaiveDate) -> Option<NaiveDate> {
    let own = def.start_within_days.map(|d| add_days(assessment, d));
    if def.provider == Provider::Kommune {
        let latest = add_days(assessment, MUNICIPAL_START_DAYS);
        Some(own.map_or(latest, |s| s.min(latest)))
    } else {
        own
    }
}

fn add_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(days))).unwrap_or(d)
}

/// The chosen pathways, in one order whatever the input's ([`Content::chosen`]).
fn chosen<'a>(content: &'a Content, input: &'a ValidInput) -> Vec<(&'a String, &'a Pathway)> {
    content.chosen(&input.pathways)
}

/// The element of `list` that `is` picks, pushed from `make` first if there is none: a map's
/// `entry().or_insert_with()` for the builder's short lists.
fn entry<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> &mut T {
    let at = match list.iter().position(is) {
        Some(at) => at,
        None => {
            list.push(make());
            list.len() - 1
        }
    };
    &mut list[at]
}

/// Accumulates what the rule sets of the chosen pathways and the shared file propose, merging
/// by id: an intervention appears once with every reason, a follow-up at its earliest date.
struct Builder<'a> {
    content: &'a Content,
    facts: &'a Facts,
    lang: Lang,
    assessment: NaiveDate,
    // Lists, not maps: the catalogue bounds them, and a map per value type costs the
    // WebAssembly several KB of B-tree code.
    interventions: Vec<Intervention>,
    follow_up: Vec<FollowUp>,
    warnings: Vec<Warning>,
    goals: Vec<GoalCandidate>,
    treatments: Vec<TreatmentPrompt>,
}

impl Builder<'_> {
    fn fired<'r, T>(
        &self,
        rules: &'r [Rule<T>],
    ) -> impl Iterator<Item = &'r Rule<T>> + use<'r, '_, T> {
        rules
            .iter()
            .filter(|r| r.when.eval(self.facts) == Some(true))
    }

    /// Applies one rule set; `label` is the pathway id (or `shared`) the reasons name.
    fn apply(&mut self, label: &str, pathway: Option<&str>, rules: &RuleSet) {
        let (content, lang) = (self.content, self.lang);
        for r in self.fired(&rules.interventions).collect::<Vec<_>>() {
            let Some(def) = content.catalogue.get(&r.then.intervention) else {
                continue;
            };
            let start_by = start_by(def, self.assessment);
            let entry = entry(
                &mut self.interventions,
                |i| i.id == def.id,
                || Intervention::from_catalogue(def, content, lang, r.then.phase, start_by),
            );
            if let Some(p) = pathway {
                if !entry.pathways.iter().any(|x| x == p) {
                    entry.pathways.push(p.to_owned());
                }
            }
            entry.phase = entry.phase.min(r.then.phase);
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.follow_up).collect::<Vec<_>>() {
            let due = if r.then.weeks > 0 {
                add_days(self.assessment, r.then.weeks * 7)
            } else {
                self.assessment
                    .checked_add_months(Months::new(r.then.months))
                    .unwrap_or(self.assessment)
            };
            let id = &r.then.follow_up;
            let def = content.follow_ups.get(id);
            let entry = entry(
                &mut self.follow_up,
                |f| &f.id == id,
                || FollowUp {
                    id: id.clone(),
                    title: def.map_or_else(|| id.clone(), |d| d.title.get(lang).to_owned()),
                    kind: def.map_or(FollowUpKind::Kontrol, |d| d.kind),
                    due,
                    reasons: Vec::new(),
                },
            );
            entry.due = entry.due.min(due);
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.warnings).collect::<Vec<_>>() {
            self.warnings.push(Warning {
                id: r.then.clone(),
                pathway: label.to_owned(),
                text: r.text.get(lang).to_owned(),
                fields: Vec::new(),
                reason: Some(reason(content, label, r, lang)),
                gate: None,
            });
        }
        for r in self.fired(&rules.treatments).collect::<Vec<_>>() {
            let Some(def) = content.treatments.get(&r.then) else {
                continue;
            };
            let entry = entry(
                &mut self.treatments,
                |t| t.id == def.id,
                || TreatmentPrompt {
                    id: def.id.clone(),
                    title: def.title.get(lang).to_owned(),
                    description: def.description.get(lang).to_owned(),
                    pathways: Vec::new(),
                    reasons: Vec::new(),
                    source: content.cite(&def.source).reference,
                    proposal: true,
                    decision: None,
                },
            );
            if let Some(p) = pathway {
                if !entry.pathways.iter().any(|x| x == p) {
                    entry.pathways.push(p.to_owned());
                }
            }
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.goals).collect::<Vec<_>>() {
            let target = r
                .then
                .target
                .as_ref()
                .map(|t| resolve_target(t, self.facts));
            self.goals.push(GoalCandidate {
                id: r.then.goal.clone(),
                text: r.text.get(lang).to_owned(),
                target_text: target.as_ref().and_then(|t| target_text(content, t, lang)),
                target,
                reason: reason(content, label, r, lang),
                exercise: r.then.exercise,
            });
        }
    }
}

/// Whether an input field was recorded: a measurement given, an instrument fully answered or
/// entered as its total.
fn recorded(assessment: &Assessment, field: &str) -> bool {
    match field.split_once('.') {
        Some(("instruments", id)) => {
            assessment.instrument_totals.contains_key(id)
                || assessment
                    .instruments
                    .get(id)
                    .is_some_and(|a| a.iter().all(Option::is_some))
        }
        Some(("measurements", id)) => assessment.measurements.contains_key(id),
        _ => false,
    }
}

fn quality(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    assessment: &Assessment,
    interventions: &[Intervention],
    deadlines: &Deadlines,
) -> Quality {
    let lang = input.lang;
    let chosen = chosen(content, input);
    let mut needed = BTreeSet::new();
    for (_, p) in &chosen {
        needed.extend(p.inputs_used.iter().cloned());
        // A question that arises for this patient (suicidal thoughts once WHO-5 or the MDI
        // points to depression) is needed now.
        for g in p.gates.iter().chain(&content.common_gates) {
            if g.then
                .applies
                .as_ref()
                .is_some_and(|a| a.eval(facts) == Some(true))
            {
                let mut read = BTreeSet::new();
                g.when.facts(&mut read);
                for f in &read {
                    content.missing_inputs(f, &crate::engine::condition::Facts::new(), &mut needed);
                }
            }
        }
    }
    // An instrument the widget does not offer this patient (the MDI while WHO-5 is fine) is not
    // missing; the fields a pathway does not ask never count.
    needed.retain(|f| {
        f.strip_prefix("instruments.")
            .is_none_or(|id| content.offered(id, facts) || recorded(assessment, f))
            && chosen.iter().any(|(_, p)| {
                let id = f.split_once('.').map_or(f.as_str(), |(_, id)| id);
                p.instruments.iter().chain(&p.measurements).any(|a| a == id)
            })
    });
    let present = needed.iter().filter(|f| recorded(assessment, f)).count();
    #[allow(clippy::cast_precision_loss)]
    let share = if needed.is_empty() {
        1.0
    } else {
        (present as f64 / needed.len() as f64 * 100.0).round() / 100.0
    };
    let mut indicators = Vec::new();
    let mut success_criteria = Vec::new();
    for (id, p) in &chosen {
        for ind in &p.indicators {
            let missing: Vec<String> = ind
                .fields
                .iter()
                .filter(|f| !recorded(assessment, f))
                .cloned()
                .collect();
            indicators.push(IndicatorResult {
                pathway: (*id).clone(),
                id: ind.id.clone(),
                label: ind.label.get(lang).to_owned(),
                met: missing.is_empty(),
                missing,
                proposal: ind.proposal,
            });
        }
        for c in &p.success_criteria {
            success_criteria.push(CriterionResult {
                pathway: (*id).clone(),
                id: c.id.clone(),
                label: c.text.get(lang).to_owned(),
                met: c.when.eval(facts),
                source: content.cite(&c.source).reference,
                proposal: c.proposal,
            });
        }
    }
    Quality {
        phase: input.phase,
        plan_within_deadline: (!deadlines.suspended).then_some(!deadlines.plan_overdue),
        // An offer waiting for the patient's yes has no clock yet; an accepted one counts from
        // the day of the yes.
        municipal_within_21_days: interventions
            .iter()
            .filter(|i| i.provider == Provider::Kommune && !i.awaiting_acceptance)
            .all(|i| {
                let from = i.accepted_on.unwrap_or(input.assessment_date);
                i.start_by
                    .is_some_and(|d| d <= add_days(from, MUNICIPAL_START_DAYS))
            }),
        inputs_present: present,
        inputs_needed: needed.into_iter().collect(),
        inputs_present_share: share,
        indicators,
        success_criteria,
    }
}

/// The inputs of the chosen pathways, as recorded in the plan.
fn recorded_assessment(content: &Content, input: &ValidInput) -> Assessment {
    let chosen: Vec<&Pathway> = content
        .chosen(&input.pathways)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let asked =
        |id: &String, f: fn(&Pathway) -> &Vec<String>| chosen.iter().any(|p| f(p).contains(id));
    Assessment {
        instruments: crate::engine::map_from(
            input
                .answers
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.instruments))
                .map(|(id, a)| (id.clone(), a.clone())),
        ),
        instrument_totals: crate::engine::map_from(
            input
                .totals
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.instruments))
                .map(|(id, t)| (id.clone(), *t)),
        ),
        measurements: crate::engine::map_from(
            input
                .measurements
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.measurements))
                .map(|(id, v)| (id.clone(), v.to_json())),
        ),
        carried_over: input
            .carried_over
            .iter()
            .map(|(field, date)| CarriedOver {
                field: field.clone(),
                date: *date,
            })
            .collect(),
    }
}

/// The plan's `scores`: every instrument score and derived measure, by its name (`cat.total` →
/// `scores.cat.total`). They depend on the answers alone, never on dates, so the widget shows
/// them as soon as an instrument is complete. Item-level facts and answer counts serve the
/// rules; the plan records the answers themselves under `assessment`.
#[must_use]
pub fn scores(facts: &Facts) -> BTreeMap<String, BTreeMap<String, Json>> {
    let mut scores: BTreeMap<String, BTreeMap<String, Json>> = BTreeMap::new();
    for (fact, value) in facts {
        if let Some((score, field)) = fact.split_once('.') {
            let item = field
                .strip_prefix("item")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()));
            if field != "min_item" && field != "answered" && !item {
                // BMI is computed unrounded for the cut-offs and shown to one decimal.
                let shown = match value {
                    Value::Num(n) if fact == "bmi.value" => {
                        crate::engine::condition::num_json((n * 10.0).round() / 10.0)
                    }
                    v => v.to_json(),
                };
                scores
                    .entry(score.to_owned())
                    .or_default()
                    .insert(field.to_owned(), shown);
            }
        }
    }
    scores
}

/// Puts the value of each `{"fact": id}` in a goal target (`null` when unknown).
fn resolve_target(target: &Json, facts: &Facts) -> Json {
    match target {
        Json::Object(map) => {
            if let (1, Some(Json::String(fact))) = (map.len(), map.get("fact")) {
                return facts
                    .get(fact)
                    .map_or(Json::Null, crate::engine::condition::Value::to_json);
            }
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                out.insert(k.clone(), resolve_target(v, facts));
            }
            Json::Object(out)
        }
        other => other.clone(),
    }
}

/// Parses, validates and plans in one step (what the command line and `computePlan` do).
///
/// # Errors
/// Every problem with the input, each naming its field.
pub fn compute_plan_json(content: &Content, text: &str) -> Result<Plan, InputErrors> {
    let input = Input::from_json_str(text)?;
    let valid = input.validate(content)?;
    compute_plan(content, &valid)
}

/// Computes the plan of a first consultation (trin 1) for a validated input. Pure and
/// deterministic. A re-assessment (trin 2, vedvarende fase) needs the previous plan, whose
/// follow-up sets its deadline: [`crate::engine::previous::compute_follow_up_plan`].
///
/// # Errors
/// A phase other than trin 1 without the previous plan.
pub fn compute_plan(content: &Content, input: &ValidInput) -> Result<Plan, InputErrors> {
    compute_plan_from(content, input, &compute_facts(content, input))
}

/// [`compute_plan`] from the input's facts, already computed (the widget computes them once per
/// keystroke for its scores; they never depend on dates).
pub(crate) fn compute_plan_from(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
) -> Result<Plan, InputErrors> {
    if input.phase != Phase::Trin1 {
        return Err(InputErrors(vec![InputError::new(
            Field::of("phase"),
            Problem::PhaseNeedsPrevious(input.phase.as_str().to_owned()),
        )]));
    }
    build_plan(content, input, None, facts)
}

/// The deadlines of a consultation: trin 1 counts 30 days from the diagnosis; a re-assessment
/// is due when the previous plan's yearly status (vedvarende fase) or next review (trin 2) was.
fn deadlines(
    input: &ValidInput,
    previous: Option<&PreviousPlan>,
    suspended: bool,
    municipal: bool,
) -> Deadlines {
    let from_previous = |id: &str| {
        previous.and_then(|p| {
            p.follow_up
                .iter()
                .filter(|f| f.id == id)
                .map(|f| f.due)
                .min()
        })
    };
    let (plan_due, basis) = match (input.phase, previous) {
        (Phase::Vedvarende, Some(p)) => (
            from_previous("aarsstatus").unwrap_or_else(|| add_months(p.assessment_date, 12)),
            DeadlineBasis::Aarsstatus,
        ),
        (Phase::Trin2, Some(p)) => (
            from_previous("kontrol")
                .or_else(|| from_previous("aarsstatus"))
                .unwrap_or_else(|| add_months(p.assessment_date, 12)),
            DeadlineBasis::Kontrol,
        ),
        _ => (
            add_days(input.diagnosis_date, PLAN_DUE_DAYS),
            DeadlineBasis::Diagnose,
        ),
    };
    Deadlines {
        plan_due,
        basis,
        plan_overdue: input.assessment_date > plan_due,
        days_to_plan_due: (plan_due - input.assessment_date).num_days(),
        suspended,
        municipal_start_by: municipal
            .then(|| add_days(input.assessment_date, MUNICIPAL_START_DAYS)),
    }
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// A warning that something the GP gave could not be applied, naming the fields.
fn ignored(fields: Vec<String>, lang: Lang, en: String, da: String) -> Warning {
    Warning {
        id: "ignored-input".into(),
        pathway: "shared".into(),
        text: match lang {
            Lang::Da => da,
            Lang::En => en,
        },
        fields,
        reason: None,
        gate: None,
    }
}

/// The warning `content-review-overdue`: a source that the rules in use rest on was due to be
/// checked again before the assessment date. The plan stands, but says its content may be out
/// of date (the governance in the intended-use page says who reviews it).
fn review_overdue(
    content: &Content,
    pathways: &[(&String, &Pathway)],
    assessment: NaiveDate,
    lang: Lang,
) -> Option<Warning> {
    let mut due: Vec<(NaiveDate, &str)> = content
        .sources_in_use(pathways)
        .into_iter()
        .filter_map(|id| {
            let s = content.sources.get(id)?;
            let by = crate::engine::text::iso_date(&s.review_by)?;
            (by < assessment).then_some((by, s.title.as_str()))
        })
        .collect();
    if due.is_empty() {
        return None;
    }
    crate::engine::sort_short(&mut due, |a, b| a < b);
    let first = due[0].0;
    let titles = due.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("; ");
    Some(Warning {
        id: "content-review-overdue".into(),
        pathway: content.shared.id.clone(),
        text: match lang {
            Lang::Da => format!(
                "Indholdet er ikke gennemgået til tiden: {} kilde(r), som reglerne bygger på, skulle være tjekket igen senest {}. Reglerne kan være forældede; tjek kilderne, før planen bruges: {titles}.",
                due.len(),
                crate::engine::text::date_text(first, lang)
            ),
            Lang::En => format!(
                "The content is overdue for review: {} source(s) the rules rest on were due to be checked again by {}. The rules may be out of date; check the sources before using the plan: {titles}.",
                due.len(),
                crate::engine::text::date_text(first, lang)
            ),
        },
        fields: Vec::new(),
        reason: None,
        gate: None,
    })
}

/// The level of a pathway with status `klar`: the highest level a rule sets (1 when none
/// fires), its reasons, and the inputs still missing for a rule that could raise it (the
/// level is then provisional: unknown is never read as "no higher need").
/// The level a set of level rules gives (1 when none fires), the rules that fired, and the
/// fields behind the rules for a higher level that cannot be evaluated yet.
fn level_of<'a>(
    content: &Content,
    rules: &'a [Rule<u8>],
    facts: &Facts,
) -> (u8, Vec<&'a Rule<u8>>, Vec<String>) {
    let fired: Vec<&Rule<u8>> = rules
        .iter()
        .filter(|r| r.when.eval(facts) == Some(true))
        .collect();
    let level = fired.iter().map(|r| r.then).max().unwrap_or(1);
    let mut missing = BTreeSet::new();
    for r in rules {
        if r.then > level && r.when.eval(facts).is_none() {
            missing.extend(content.unknown_fields(&r.when, facts));
        }
    }
    content.retain_offered(&mut missing, facts);
    (level, fired, missing.into_iter().collect())
}

fn pathway_level(
    content: &Content,
    id: &str,
    p: &Pathway,
    facts: &Facts,
    lang: Lang,
) -> (u8, Vec<Reason>, Vec<String>) {
    let (level, fired, missing) = level_of(content, &p.levels, facts);
    let mut reasons = Vec::new();
    if fired.is_empty() && missing.is_empty() {
        let mut r = reason(content, id, &p.default_level, lang);
        r.level = Some(1);
        reasons.push(r);
    }
    for r in fired {
        let mut rs = reason(content, id, r, lang);
        rs.level = Some(r.then);
        reasons.push(rs);
    }
    if !missing.is_empty() {
        let fields = crate::engine::gates::field_list(content, &missing, lang);
        let mut r = reason(content, id, &p.default_level, lang);
        r.rule = format!("{id}-niveau-foreloebigt");
        r.level = Some(level);
        r.text = match lang {
            Lang::Da => format!(
                "Niveau {level} er foreløbigt: en regel for et højere niveau kan ikke vurderes, før dette er udfyldt: {fields}."
            ),
            Lang::En => format!(
                "Level {level} is provisional: a rule for a higher level cannot be assessed until this is filled in: {fields}."
            ),
        };
        reasons.push(r);
    }
    (level, reasons, missing)
}

/// The patient's readiness: while the content's `readiness` rule holds (not ready yet), a
/// municipal offer the patient has not accepted waits, without a start date; an accepted one
/// runs from the day of the yes. An acceptance of an offer not in the plan is said, not dropped.
fn acceptance(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    interventions: &mut [Intervention],
    warnings: &mut Vec<Warning>,
) {
    let lang = input.lang;
    let waiting = content
        .readiness
        .as_ref()
        .filter(|r| r.when.eval(facts) == Some(true));
    for (id, day) in &input.overrides.accepted {
        let Some(i) = interventions.iter_mut().find(|i| &i.id == id) else {
            warnings.push(ignored(
                vec![format!("overrides.accepted.{id}")],
                lang,
                format!(
                    "'{id}' is not among the plan's offers, so the acceptance is not recorded."
                ),
                format!("'{id}' er ikke blandt planens tilbud, så accepten er ikke registreret."),
            ));
            continue;
        };
        let day = crate::engine::text::iso_date(day).unwrap_or(input.assessment_date);
        i.accepted_on = Some(day);
        if waiting.is_some() {
            if let Some(def) = content.catalogue.get(id) {
                i.start_by = start_by(def, day);
            }
        }
    }
    let Some(rule) = waiting else {
        return;
    };
    for i in interventions
        .iter_mut()
        .filter(|i| i.provider == Provider::Kommune && i.accepted_on.is_none())
    {
        i.start_by = None;
        i.awaiting_acceptance = true;
        i.reasons
            .push(reason(content, &content.shared.id, rule, lang));
    }
}

/// What the referral to an offer needs: the reasons in words, the diagnoses, the facts the
/// reasons read and the catalogue lists (never a finding a gate marks private), the patient's
/// goals and readiness, consent, interpreter, and all of it as plain text. `None` for what the
/// GP does or the patient chooses (no referral).
fn referral(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    pathways: &[(&String, &Pathway)],
    private: &BTreeSet<String>,
    i: &Intervention,
) -> Option<Referral> {
    if matches!(
        i.provider,
        Provider::AlmenPraksis | Provider::Civilsamfund | Provider::Patient
    ) {
        return None;
    }
    let lang = input.lang;
    let da = lang == Lang::Da;
    let def = content.catalogue.get(&i.id)?;
    let mut read = BTreeSet::new();
    for r in &i.reasons {
        if let Some(c) = content.rule_condition(&r.rule) {
            c.facts(&mut read);
        }
    }
    let mut wanted: Vec<String> = def.referral_facts.clone();
    wanted.extend(read.into_iter().filter(|f| !def.referral_facts.contains(f)));
    let facts_text: Vec<String> = wanted
        .iter()
        .filter(|f| !private.contains(*f))
        .filter_map(|f| content.fact_text(f, facts, lang))
        .collect();
    // The pathways' own codes, then the codes of the recorded answers that carry one (the
    // heart condition: K76, K77, K83), as the FHIR export's Conditions have them.
    let answered = pathways.iter().flat_map(|(_, p)| {
        p.measurements.iter().filter_map(|key| {
            let m = content.measurements.get(key)?;
            let given: Vec<String> = match facts.get(key)? {
                crate::engine::condition::Value::Str(v) => vec![v.clone()],
                crate::engine::condition::Value::List(l) => l.clone(),
                _ => Vec::new(),
            };
            Some(
                m.values
                    .iter()
                    .filter(move |c| given.contains(&c.value))
                    .flat_map(|c| &c.codes),
            )
        })
    });
    let mut diagnoses: Vec<ReferralCode> = Vec::new();
    for c in pathways
        .iter()
        .flat_map(|(_, p)| &p.codes)
        .chain(answered.flatten())
        .filter(|c| {
            matches!(
                c.system,
                crate::engine::content::format::CodeSystem::Icpc2
                    | crate::engine::content::format::CodeSystem::SksD
            )
        })
    {
        if !diagnoses.iter().any(|d| d.code == c.code) {
            diagnoses.push(ReferralCode {
                system: match c.system {
                    crate::engine::content::format::CodeSystem::Icpc2 => "icpc2".into(),
                    _ => "sks-d".into(),
                },
                code: c.code.clone(),
                display: c.display.clone(),
            });
        }
    }
    // The reason for referral is why the offer is proposed; that it waits for the patient's yes
    // is said under the latest start.
    let waiting_rule = content.readiness.as_ref().map(|r| r.id.as_str());
    let mut seen = BTreeSet::new();
    let reason: Vec<&str> = i
        .reasons
        .iter()
        .filter(|r| Some(r.rule.as_str()) != waiting_rule)
        .map(|r| r.text.as_str())
        .filter(|t| seen.insert(*t))
        .collect();
    let reason = reason.join(" ");
    let motivation = facts
        .contains_key("motivation")
        .then(|| content.fact_text("motivation", facts, lang))
        .flatten();
    let consent = i.accepted_on.map(|_| true);
    let interpreter = match facts.get("needs_interpreter") {
        Some(crate::engine::condition::Value::Bool(b)) => Some(*b),
        _ => None,
    };
    let yes_no = |b: Option<bool>, yes: &str, no: &str, unknown: &str| match b {
        Some(true) => yes.to_owned(),
        Some(false) => no.to_owned(),
        None => unknown.to_owned(),
    };
    let mut text = Vec::new();
    let title = match &i.fsiii {
        Some(f) => format!("{} (FSIII: {f})", i.title),
        None => i.title.clone(),
    };
    text.push(format!(
        "{}: {title}",
        if da { "Henvisning til" } else { "Referral to" }
    ));
    text.push(format!(
        "{}: {reason}",
        if da {
            "Henvisningsårsag"
        } else {
            "Reason for referral"
        }
    ));
    if !diagnoses.is_empty() {
        let d: Vec<String> = diagnoses
            .iter()
            .map(|c| {
                format!(
                    "{} {} ({})",
                    c.code,
                    c.display,
                    if c.system == "icpc2" { "ICPC-2" } else { "SKS" }
                )
            })
            .collect();
        text.push(format!(
            "{}: {}",
            if da { "Diagnoser" } else { "Diagnoses" },
            d.join("; ")
        ));
    }
    if !facts_text.is_empty() {
        text.push(format!(
            "{}: {}",
            if da {
                "Kliniske oplysninger"
            } else {
                "Clinical information"
            },
            facts_text.join("; ")
        ));
    }
    if !input.patient_goals.is_empty() {
        text.push(format!(
            "{}: {}",
            if da {
                "Patientens mål"
            } else {
                "The patient's goals"
            },
            input.patient_goals.join("; ")
        ));
    }
    if let Some(m) = &motivation {
        text.push(m.clone());
    }
    text.push(match (i.accepted_on, da) {
        (Some(d), true) => format!(
            "Samtykke: patienten har sagt ja til tilbuddet {}",
            crate::engine::text::date_text(d, lang)
        ),
        (Some(d), false) => format!(
            "Consent: the patient said yes to the offer on {}",
            crate::engine::text::date_text(d, lang)
        ),
        (None, true) => "Samtykke: ikke registreret".to_owned(),
        (None, false) => "Consent: not recorded".to_owned(),
    });
    text.push(if da {
        format!(
            "Tolk: {}",
            yes_no(
                interpreter,
                "ja, patienten har behov for tolk",
                "nej",
                "ikke oplyst"
            )
        )
    } else {
        format!(
            "Interpreter: {}",
            yes_no(
                interpreter,
                "yes, the patient needs an interpreter",
                "no",
                "not recorded"
            )
        )
    });
    text.push(match (i.start_by, da) {
        (Some(d), true) => format!(
            "Seneste opstart: {}",
            crate::engine::text::date_text(d, lang)
        ),
        (Some(d), false) => format!("Latest start: {}", crate::engine::text::date_text(d, lang)),
        (None, _) if i.awaiting_acceptance => (if da {
            "Seneste opstart: regnes fra den dag, patienten siger ja"
        } else {
            "Latest start: counted from the day the patient says yes"
        })
        .to_owned(),
        (None, true) => "Seneste opstart: ingen frist".to_owned(),
        (None, false) => "Latest start: no deadline".to_owned(),
    });
    Some(Referral {
        reason,
        diagnoses,
        facts: facts_text,
        goals: input.patient_goals.clone(),
        motivation,
        consent,
        interpreter,
        text: text.join("\n"),
    })
}

/// The person axis: the level the shared file's `person` rules give (1 when none fires), the
/// reasons of the rules at that level, and the fields that could still raise it.
fn person_axis(content: &Content, facts: &Facts, lang: Lang) -> (u8, Vec<Reason>, Vec<String>) {
    let (level, fired, missing) = level_of(content, &content.person_levels, facts);
    let shared = &content.shared.id;
    let mut reasons: Vec<Reason> = fired
        .into_iter()
        .filter(|r| r.then == level)
        .map(|r| Reason {
            level: Some(r.then),
            ..reason(content, shared, r, lang)
        })
        .collect();
    if let Some(first) = content.person_levels.first() {
        if !missing.is_empty() {
            let fields = crate::engine::gates::field_list(content, &missing, lang);
            reasons.push(Reason {
                rule: "person-niveau-foreloebigt".into(),
                level: Some(level),
                text: match lang {
                    Lang::Da => format!("Personaksen (ressourcer og livssituation) er foreløbig: en regel for et højere niveau kan ikke vurderes, før dette er udfyldt: {fields}."),
                    Lang::En => format!("The person axis (resources and life situation) is provisional: a rule for a higher level cannot be assessed until this is filled in: {fields}."),
                },
                ..reason(content, shared, first, lang)
            });
        }
    }
    (level, reasons, missing)
}

/// Plans a validated input; `previous` is the plan of the earlier consultation in a
/// re-assessment. The stages: facts, then the safety gates, then (for the pathways the gates
/// let through) differentiation, interventions, follow-ups, warnings and goals, then the GP's
/// decisions.
#[allow(clippy::too_many_lines)]
pub(crate) fn build_plan(
    content: &Content,
    input: &ValidInput,
    previous: Option<&PreviousPlan>,
    facts: &Facts,
) -> Result<Plan, InputErrors> {
    let lang = input.lang;
    let pathways = chosen(content, input);
    let gated = crate::engine::gates::evaluate(content, input, facts);
    let is_klar = |id: &str| gated.status.get(id) == Some(&PathwayStatus::Klar);

    let mut by_pathway = BTreeMap::new();
    let mut level_reasons = Vec::new();
    let mut provisional = Vec::new();
    let mut b = Builder {
        content,
        facts,
        lang,
        assessment: input.assessment_date,
        interventions: Vec::new(),
        follow_up: Vec::new(),
        warnings: Vec::new(),
        goals: Vec::new(),
        treatments: Vec::new(),
    };
    // The gates first: what the GP must do before anything else, in the warnings too for hosts
    // that read only those (e.g. `red-flag`).
    for g in &gated.gates {
        let Some(warning) = content
            .gates()
            .find(|x| x.id == g.id)
            .and_then(|x| x.then.warning.clone())
        else {
            continue;
        };
        if g.state == GateState::Open {
            b.warnings.push(Warning {
                id: warning,
                pathway: g
                    .pathway
                    .clone()
                    .unwrap_or_else(|| content.shared.id.clone()),
                text: g.action.clone(),
                fields: Vec::new(),
                reason: None,
                gate: Some(g.id.clone()),
            });
        }
    }

    // Only a pathway the gates let through gets a level, offers, follow-ups and goals.
    for (id, p) in &pathways {
        if !is_klar(id) {
            continue;
        }
        let (level, reasons, missing) = pathway_level(content, id, p, facts, lang);
        by_pathway.insert((*id).clone(), level);
        level_reasons.extend(reasons);
        if !missing.is_empty() {
            provisional.push((*id).clone());
        }
        b.apply(id, Some(id), &p.rules);
    }
    // The person axis: evaluated once for the patient and applied to every pathway with a
    // level; its reasons are listed once (pathway `shared`).
    let axes = by_pathway.values().copied().max().map(|disease| {
        let (person, reasons, missing) = person_axis(content, facts, lang);
        for l in by_pathway.values_mut() {
            *l = (*l).max(person);
        }
        level_reasons.extend(reasons);
        if !missing.is_empty() {
            provisional = pathways
                .iter()
                .map(|(id, _)| (*id).clone())
                .filter(|id| by_pathway.contains_key(id))
                .collect();
        }
        Axes { disease, person }
    });
    if pathways.iter().any(|(id, _)| is_klar(id)) {
        b.apply(&content.shared.id, None, &content.common);
    }
    // Missing data: one warning for the patient (one plan, one box), listing what the rules of
    // every pathway with a plan still need, among what each asks: first what all of them need,
    // then what only some need, by those pathways. (A pathway the gates hold back names its
    // open questions in the gate.)
    let mut needed_by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut with_gaps: Vec<(&String, &Pathway)> = Vec::new();
    for (id, p) in &pathways {
        if !is_klar(id) {
            continue;
        }
        let missing = content.fields_behind(p, facts, true);
        if missing.is_empty() {
            continue;
        }
        for f in missing {
            needed_by.entry(f).or_default().push(with_gaps.len());
        }
        with_gaps.push((id, p));
    }
    if !with_gaps.is_empty() {
        let titles = |which: &[usize]| {
            let names: Vec<&str> = which
                .iter()
                .map(|&i| with_gaps[i].1.title.get(lang))
                .collect();
            crate::engine::text::and_list(&names, lang)
        };
        // Grouped by the pathways that need them; what all need has no group name (first).
        let mut groups: Vec<(&[usize], Vec<String>)> = Vec::new();
        for (f, which) in &needed_by {
            let key: &[usize] = if which.len() == with_gaps.len() {
                &[]
            } else {
                which
            };
            let label = content.field_label(f, lang);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, labels)) => labels.push(label),
                None => groups.push((key, vec![label])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(b.0));
        let all: Vec<usize> = (0..with_gaps.len()).collect();
        let mut text = match lang {
            Lang::Da => format!(
                "Der mangler oplysninger, som reglerne for {} bruger",
                titles(&all)
            ),
            Lang::En => format!("Information the rules for {} use is missing", titles(&all)),
        };
        for (which, labels) in &groups {
            let head = match (which.is_empty(), lang) {
                (true, _) => String::new(),
                (false, Lang::Da) => format!(" Kun for {}", titles(which)),
                (false, Lang::En) => format!(" Only for {}", titles(which)),
            };
            text.push_str(&format!("{head}: {}.", labels.join("; ")));
        }
        text.push_str(match lang {
            Lang::Da => " Niveau og indsatser kan være for lave, indtil de er udfyldt.",
            Lang::En => " Level and interventions may be too low until it is filled in.",
        });
        b.warnings.push(Warning {
            id: "missing-data".into(),
            pathway: match with_gaps.as_slice() {
                [(id, _)] => (*id).clone(),
                _ => content.shared.id.clone(),
            },
            text,
            fields: needed_by.into_keys().collect(),
            reason: None,
            gate: None,
        });
    }
    if !input.carried_over.is_empty() {
        let fields: Vec<String> = input.carried_over.keys().cloned().collect();
        let dates: BTreeSet<String> = input
            .carried_over
            .values()
            .map(ToString::to_string)
            .collect();
        let labels = crate::engine::gates::field_list(content, &fields, lang);
        let dates = dates.into_iter().collect::<Vec<_>>().join(", ");
        b.warnings.push(Warning {
            id: "carried-over".into(),
            pathway: content.shared.id.clone(),
            text: match lang {
                Lang::Da => format!("Overført fra planen {dates} og ikke bekræftet i dag: {labels}. Bekræft eller ret værdierne."),
                Lang::En => format!("Carried over from the plan of {dates} and not confirmed today: {labels}. Confirm or correct the values."),
            },
            fields,
            reason: None,
            gate: None,
        });
    }
    if let Some(w) = review_overdue(content, &pathways, input.assessment_date, lang) {
        b.warnings.push(w);
    }
    let Builder {
        mut interventions,
        mut follow_up,
        mut warnings,
        goals,
        mut treatments,
        ..
    } = b;
    let goals = merge_goals(goals, gated.exercise_held_by.as_ref());

    // The GP decides: level overrides, removed and added interventions, each with its reason.
    // What cannot be applied is said in a warning, never dropped in silence.
    let proposed_level = by_pathway.values().copied().max();
    let mut overrides = Vec::new();
    for (pathway, o) in &input.overrides.levels {
        if let Some(l) = by_pathway.get_mut(pathway) {
            overrides.push(LevelOverride {
                pathway: pathway.clone(),
                proposed: *l,
                level: o.level,
                reason: o.reason.trim().to_owned(),
            });
            *l = o.level;
        } else {
            warnings.push(ignored(
                vec![format!("overrides.levels.{pathway}")],
                lang,
                format!("The level you chose for {pathway} is not applied: a safety gate holds the pathway back, so it has no level."),
                format!("Det niveau, du valgte for {pathway}, er ikke brugt: et sikkerhedsstop holder forløbet tilbage, så det har intet niveau."),
            ));
        }
    }
    let mut removed = Vec::new();
    for (i, r) in input.overrides.removed_interventions.iter().enumerate() {
        if let Some(at) = interventions.iter().position(|i| i.id == r.id) {
            interventions.remove(at);
            removed.push(RemovedIntervention {
                id: r.id.clone(),
                reason: r.reason.trim().to_owned(),
            });
        } else {
            warnings.push(ignored(
                vec![format!("overrides.removed_interventions[{i}]")],
                lang,
                format!(
                    "'{}' is not among the proposed interventions, so there is nothing to remove.",
                    r.id
                ),
                format!(
                    "'{}' er ikke blandt de foreslåede indsatser, så der er intet at fjerne.",
                    r.id
                ),
            ));
        }
    }
    for (i, a) in input.overrides.added_interventions.iter().enumerate() {
        let Some(def) = content.catalogue.get(&a.id) else {
            continue;
        };
        if interventions.iter().any(|i| i.id == a.id) {
            warnings.push(ignored(
                vec![format!("overrides.added_interventions[{i}]")],
                lang,
                format!("'{}' is already in the plan.", a.id),
                format!("'{}' er allerede i planen.", a.id),
            ));
            continue;
        }
        let start_by = start_by(def, input.assessment_date);
        interventions.push(Intervention {
            proposal: false,
            added_by_gp: Some(a.reason.trim().to_owned()),
            ..Intervention::from_catalogue(def, content, lang, input.phase, start_by)
        });
    }
    // A contraindication holds its interventions back, whoever proposed or added them, until
    // the GP records the action (clearance) or overrides the gate.
    let mut held = Vec::new();
    interventions.retain(|i| match gated.blocked.get(&i.id) {
        Some(gate) => {
            held.push(HeldIntervention {
                id: i.id.clone(),
                title: i.title.clone(),
                gate: gate.clone(),
                pathways: i.pathways.clone(),
            });
            false
        }
        None => true,
    });
    treatments.retain(|t| match gated.blocked.get(&t.id) {
        Some(gate) => {
            held.push(HeldIntervention {
                id: t.id.clone(),
                title: t.title.clone(),
                gate: gate.clone(),
                pathways: t.pathways.clone(),
            });
            false
        }
        None => true,
    });
    for t in &mut treatments {
        t.proposal = t.reasons.iter().all(|r| r.proposal);
        t.decision = input
            .overrides
            .treatments
            .get(&t.id)
            .map(|d| TreatmentDecisionRecord {
                decision: d.decision,
                reason: d.reason.trim().to_owned(),
            });
    }
    let unprompted: Vec<String> = input
        .overrides
        .treatments
        .keys()
        .filter(|id| !treatments.iter().any(|t| &t.id == *id))
        .map(|id| format!("overrides.treatments.{id}"))
        .collect();
    if !unprompted.is_empty() {
        warnings.push(ignored(
            unprompted,
            lang,
            "A decision was recorded for a treatment the plan does not prompt (now), so it is not in the plan's treatments.".into(),
            "Der er registreret en beslutning om en behandling, som planen ikke (længere) foreslår at overveje, så den står ikke under behandling.".into(),
        ));
    }
    if !gated.unused_decisions.is_empty() {
        let ids = gated.unused_decisions.join(", ");
        warnings.push(ignored(
            gated
                .unused_decisions
                .iter()
                .map(|g| format!("overrides.gates.{g}"))
                .collect(),
            lang,
            format!("A decision was recorded for a safety gate that is not open or waiting for it, so it changes nothing: {ids}."),
            format!("Der er registreret en beslutning om et sikkerhedsstop, som ikke er åbent eller venter på den, så den ændrer intet: {ids}."),
        ));
    }

    // A re-assessment: a one-off offer the previous plan had (the clarifying conversation) is
    // not proposed again, and the offers carry the phase being assessed (the lasting phase),
    // not the first consultation's.
    let interventions: Vec<Intervention> = match previous {
        Some(prev) => interventions
            .into_iter()
            .filter(|i| {
                i.added_by_gp.is_some()
                    || !(content.catalogue.get(&i.id).is_some_and(|d| d.once)
                        && prev.interventions.iter().any(|p| p.id == i.id))
            })
            .map(|mut i| {
                i.phase = i.phase.max(input.phase);
                i
            })
            .collect(),
        None => interventions,
    };
    let mut interventions: Vec<Intervention> = interventions
        .into_iter()
        .map(|mut i| {
            // `pathway` names the one pathway that called for it; null when several did, or
            // when only the shared rules did.
            i.pathway = match i.pathways.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            };
            if i.added_by_gp.is_none() {
                i.proposal = i.reasons.iter().all(|r| r.proposal);
            }
            i
        })
        .collect();
    acceptance(content, input, facts, &mut interventions, &mut warnings);
    // Both lists are bounded by the catalogue and the pathways, and their ids are unique.
    crate::engine::sort_short(&mut interventions, |a, b| {
        (a.phase, &a.provider, &a.id) < (b.phase, &b.provider, &b.id)
    });
    crate::engine::sort_short(&mut follow_up, |a, b| (a.due, &a.id) < (b.due, &b.id));

    // The facts a private gate reads (suicidal thoughts) never go into a referral.
    let private: BTreeSet<String> =
        content
            .gates()
            .filter(|g| g.then.private)
            .fold(BTreeSet::new(), |mut read, g| {
                g.when.facts(&mut read);
                read
            });
    for i in &mut interventions {
        i.referral = referral(content, input, facts, &pathways, &private, i);
    }
    let scores = scores(facts);

    let any_klar = pathways.iter().any(|(id, _)| is_klar(id));
    let deadlines = deadlines(
        input,
        previous,
        !any_klar,
        interventions
            .iter()
            .any(|i| i.provider == Provider::Kommune && !i.awaiting_acceptance),
    );
    let assessment = recorded_assessment(content, input);
    let quality = quality(
        content,
        input,
        facts,
        &assessment,
        &interventions,
        &deadlines,
    );
    let mut content_refs = vec![ContentRef {
        pathway: content.shared.id.clone(),
        version: content.shared.version.clone(),
        sha256: content.shared.sha256.clone(),
    }];
    content_refs.extend(pathways.iter().map(|(_, p)| ContentRef {
        pathway: p.meta.id.clone(),
        version: p.meta.version.clone(),
        sha256: p.meta.sha256.clone(),
    }));

    Ok(Plan {
        schema: PLAN_SCHEMA.into(),
        engine_version: ENGINE_VERSION.into(),
        language: lang,
        content: content_refs,
        content_pack: content.pack.clone(),
        pathways: input.pathways.clone(),
        diagnosis_date: input.diagnosis_date,
        assessment_date: input.assessment_date,
        phase: input.phase,
        status: gated.overall(),
        status_by_pathway: gated.status.clone(),
        gates: gated.gates,
        held_interventions: held,
        deadlines,
        scores,
        differentiation: Differentiation {
            level: by_pathway.values().copied().max(),
            proposed_level,
            by_pathway,
            provisional,
            reasons: level_reasons,
            overrides,
            axes,
        },
        interventions,
        removed_interventions: removed,
        follow_up,
        treatment: treatments,
        warnings,
        goals: Goals {
            patient: input.patient_goals.clone(),
            clinical: goals,
        },
        coordinator: "almen-praksis".into(),
        quality,
        assessment,
        changes: None,
        confirmed: false,
    })
}

impl Plan {
    /// The plan as pretty JSON with a trailing newline; byte-identical for the same input.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        let mut s = self.to_json_indented(b"  ");
        s.push('\n');
        s
    }

    /// The plan as JSON without indentation, for handing to JavaScript: a third less text to
    /// write and parse than [`Plan::to_json_pretty`], from the same serializer (so no second copy
    /// of the serialization code in the WebAssembly).
    #[must_use]
    pub fn to_json_unindented(&self) -> String {
        self.to_json_indented(b"")
    }

    fn to_json_indented(&self, indent: &[u8]) -> String {
        json_text(self, indent)
    }
}

/// JSON text of any part of a plan (or anything else) through the one serializer the plan uses:
/// serde_json's pretty formatter with `indent` (empty: one value per line, no indentation). A
/// second formatter (`serde_json::to_string`) would copy every serialized type's code into the
/// WebAssembly again; the widget's list keys and saved drafts use this one.
pub fn json_text<T: Serialize + ?Sized>(value: &T, indent: &[u8]) -> String {
    let mut out = Vec::with_capacity(1024);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}
