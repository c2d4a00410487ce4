//! Safety gates (act first, outside the pathway, red flags) and the quality indicators and success
//! criteria a pathway names.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::text::Text;

/// What a gate does when it fires.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateKind {
    /// Act first (red flags, suicidal thoughts, NYHA IV): the pathway gets no routine plan until
    /// the action is recorded, and the plan cannot be confirmed while it is open.
    Acute,
    /// Not in the target group (no obstruction, pain under 12 weeks): the pathway has no plan.
    Exclusion,
    /// One or more interventions must wait (exercise in untreated symptomatic valve disease); the
    /// pathway itself proceeds.
    Contraindication,
}

impl GateKind {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            GateKind::Acute => "acute",
            GateKind::Exclusion => "exclusion",
            GateKind::Contraindication => "contraindication",
        }
    }
}

/// How soon a gate's action is due.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// The same day.
    SammeDag,
    /// Before the pathway starts or continues.
    FoerForloeb,
    /// Before the blocked intervention starts.
    FoerIndsats,
}

impl Urgency {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::SammeDag => "samme-dag",
            Urgency::FoerForloeb => "foer-forloeb",
            Urgency::FoerIndsats => "foer-indsats",
        }
    }
}

/// Whether a gate holds back one pathway or the whole plan.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GateScope {
    /// The pathway whose file declares it (the default).
    #[default]
    Pathway,
    /// Every pathway of the plan (suicidal thoughts).
    Plan,
}

/// What happens once the GP records that a gate's action was taken.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AfterAction {
    /// The pathway (or the blocked intervention) proceeds: the action settles the question
    /// (suicide risk assessed; cardiology clearance given).
    Proceed,
    /// The pathway keeps waiting for the action's result (a referral for red flags): its status
    /// becomes `afventer-afklaring`, and it proceeds only when the finding is cleared or the GP
    /// overrides the gate.
    Wait,
}

/// A safety gate, declared in the content with its source like every rule.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateDef {
    /// Gate id, unique across all content files (the GP's decision names it).
    pub id: String,
    /// Acute, exclusion or contraindication.
    pub kind: GateKind,
    /// One pathway (default) or the whole plan.
    #[serde(default)]
    pub scope: GateScope,
    /// The gate fires when this holds. When it is unknown, the gate is pending (the pathway
    /// waits for the questions behind it) wherever `applies` holds.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// Where an unknown `when` means the question is still open (default: everywhere). Used
    /// where the question only arises in some patients (suicidal thoughts once WHO-5 calls
    /// for the MDI).
    #[serde(default)]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub applies: Option<Json>,
    /// How soon the action is due.
    pub urgency: Urgency,
    /// What the GP must do, shown first.
    pub action: Text,
    /// Why: the finding, in the GP's words.
    pub text: Text,
    /// Contraindications: the catalogue ids of the interventions that must wait.
    #[serde(default)]
    pub blocks: Vec<String>,
    /// While the gate is open or pending (or handled with `after_action: wait`), every
    /// exercise-based offer (`exercise` in the catalogue) and goal (`exercise` on the goal rule)
    /// of every pathway of the patient waits, not only this pathway's.
    #[serde(default)]
    pub holds_exercise: bool,
    /// The finding and what happens next, in words for the patient's printout (never the GP's
    /// instruction).
    pub patient: Text,
    /// A sensitive finding (suicidal thoughts): left off the patient's printout unless the GP
    /// chooses to print it.
    #[serde(default)]
    pub private: bool,
    /// What recording the action does (acute: default `wait`; contraindication: default
    /// `proceed`; an exclusion can only be overridden).
    #[serde(default)]
    pub after_action: Option<AfterAction>,
    /// A warning id also raised while the gate is open, for hosts that read `warnings`
    /// (e.g. `red-flag`).
    #[serde(default)]
    pub warning: Option<String>,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// What a host can count across plans: process indicators and success criteria.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityDef {
    /// Process indicators: was each thing recorded?
    pub indicators: Vec<IndicatorDef>,
    /// The pathway's individual success criteria, as conditions over the facts.
    pub success_criteria: Vec<SuccessDef>,
}

/// A process indicator: met when every listed input was recorded.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    /// Indicator id, unique in the file.
    pub id: String,
    /// What it measures.
    pub label: Text,
    /// Input fields (`instruments.cat`, `measurements.smoking`) that must be present.
    pub fields: Vec<String>,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}

/// A success criterion: met, not met, or unknown when its inputs are missing.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuccessDef {
    /// Criterion id, unique in the file.
    pub id: String,
    /// What it measures.
    pub label: Text,
    /// The condition that is true when the criterion is met.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}
