//! The offers and the rules of a pathway: providers, the intervention catalogue, the assessment,
//! differentiation and the person axis, and the rules that propose levels, interventions,
//! follow-ups, warnings and goals.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::CodingDef;
use crate::engine::text::Text;

/// A provider from CONTRACT §3.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// The GP.
    AlmenPraksis,
    /// The municipality.
    Kommune,
    /// Hospital.
    Hospital,
    /// Practising specialist.
    Speciallaege,
    /// Physiotherapist.
    Fysioterapeut,
    /// Podiatrist.
    Fodterapeut,
    /// Psychologist.
    Psykolog,
    /// Job centre.
    Jobcenter,
    /// Patient organisations and other civil-society offers.
    Civilsamfund,
    /// The patient.
    Patient,
}

impl Provider {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::AlmenPraksis => "almen-praksis",
            Provider::Kommune => "kommune",
            Provider::Hospital => "hospital",
            Provider::Speciallaege => "speciallaege",
            Provider::Fysioterapeut => "fysioterapeut",
            Provider::Fodterapeut => "fodterapeut",
            Provider::Psykolog => "psykolog",
            Provider::Jobcenter => "jobcenter",
            Provider::Civilsamfund => "civilsamfund",
            Provider::Patient => "patient",
        }
    }
}

/// An intervention in the catalogue.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InterventionDef {
    /// Id (CONTRACT §3 names the required ones).
    pub id: String,
    /// Who delivers it.
    pub provider: Provider,
    /// Name.
    pub title: Text,
    /// What it is, in words a patient understands.
    pub description: Text,
    /// Days from the assessment by which it should start; `kommune` offers at most 21.
    #[serde(default)]
    pub start_within_days: Option<u32>,
    /// FSIII name of the municipal intervention, where one exists.
    #[serde(default)]
    pub fsiii: Option<String>,
    /// Exercise-based (training, rehabilitation): held while a gate that holds exercise is open.
    #[serde(default)]
    pub exercise: bool,
    /// Offered once in a course (the clarifying conversation): a re-assessment does not propose
    /// it again when the previous plan had it.
    #[serde(default)]
    pub once: bool,
    /// Source id.
    pub source: String,
    /// The intervention's FSIII code where one is published, with its source.
    #[serde(default)]
    pub codes: Vec<CodingDef>,
    /// Facts the receiver of a referral needs beside those its reasons read (e.g. spirometry,
    /// MRC and smoking for pulmonary rehabilitation), listed in the referral when known.
    #[serde(default)]
    pub referral_facts: Vec<String>,
}

/// What the behovsvurdering asks in a pathway.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDef {
    /// Instrument ids.
    pub instruments: Vec<String>,
    /// Measurement ids.
    pub measurements: Vec<String>,
}

/// The differentiation of a pathway.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DifferentiationDef {
    /// Why level 1 applies when no rule raises it.
    pub default: DefaultLevel,
    /// Rules that raise the level.
    pub rules: Vec<LevelRule>,
}

/// The person axis: level rules on resources, life situation and motivation.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonDef {
    /// Rules that raise the level of every pathway of the patient.
    pub rules: Vec<LevelRule>,
}

/// When municipal offers wait for the patient's acceptance.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessRule {
    /// Rule id.
    pub id: String,
    /// Condition: the patient is not ready yet.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// The reason an offer waits, shown with it.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// The reason for level 1.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultLevel {
    /// Text.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A rule that sets a level.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// Rule id, unique in the file.
    pub id: String,
    /// 1, 2 or 3.
    pub level: u8,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// The reason shown to the GP.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A phase of the pathway (CONTRACT §3).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Indledende fase, trin 1.
    #[default]
    Trin1,
    /// Indledende fase, trin 2.
    Trin2,
    /// Vedvarende fase.
    Vedvarende,
}

impl Phase {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Trin1 => "trin1",
            Phase::Trin2 => "trin2",
            Phase::Vedvarende => "vedvarende",
        }
    }
}

/// A rule that proposes an intervention.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterventionRule {
    /// Rule id.
    pub id: String,
    /// Catalogue id.
    pub intervention: String,
    /// Phase of the intervention.
    #[serde(default)]
    pub phase: Phase,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// The reason.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A rule that schedules a follow-up.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRule {
    /// Rule id.
    pub id: String,
    /// The follow-up's id, e.g. `kontrol` or `aarsstatus`.
    pub follow_up: String,
    /// Months after the assessment (or `weeks`).
    #[serde(default)]
    pub months: Option<u32>,
    /// Weeks after the assessment, for a follow-up a guideline sets in weeks (a repeat
    /// spirometry after 6 weeks); exactly one of `months` and `weeks`.
    #[serde(default)]
    pub weeks: Option<u32>,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// The reason.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A rule that raises a warning.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningRule {
    /// Rule id.
    pub id: String,
    /// The warning's id, e.g. `red-flag`.
    pub warning: String,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// What the GP should do.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A rule that proposes a clinical goal.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalRule {
    /// Rule id.
    pub id: String,
    /// The goal's id, e.g. `rygestop`.
    pub goal: String,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// The goal, in words for the patient.
    pub text: Text,
    /// A measurable target, e.g. `{"measure": "hba1c_mmol_mol", "lte": 53}`.
    #[serde(default)]
    pub target: Option<Json>,
    /// An exercise goal: it waits while a gate that holds exercise is open.
    #[serde(default)]
    pub exercise: bool,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}
