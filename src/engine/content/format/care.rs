//! Follow-ups and treatments: what the content defines for the plan's follow-up list and the
//! treatment prompts.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::text::Text;

/// What a follow-up is.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpKind {
    /// A review of the disease and the plan.
    Kontrol,
    /// The yearly status.
    Aarsstatus,
    /// A check for a complication or a concurrent disease (eyes, feet, kidneys, heart, bones).
    Check,
}

impl FollowUpKind {
    /// The code used in the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpKind::Kontrol => "kontrol",
            FollowUpKind::Aarsstatus => "aarsstatus",
            FollowUpKind::Check => "check",
        }
    }
}

/// A kind of follow-up and its name.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpDef {
    /// Id, as the follow-up rules name it (`aarsstatus`, `oejenscreening`).
    pub id: String,
    /// What it is.
    pub kind: FollowUpKind,
    /// Its name, for the GP and on the patient's printout.
    pub title: Text,
}

/// A treatment the GP considers at the start of the pathway.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentDef {
    /// Id, as the treatment rules name it.
    pub id: String,
    /// Its name ("Metformin").
    pub title: Text,
    /// What to consider, in the GP's words: never a dose, never an order.
    pub description: Text,
    /// Source id.
    pub source: String,
}

/// A rule that prompts a treatment decision ("overvej").
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentRule {
    /// Rule id.
    pub id: String,
    /// The treatment's id.
    pub treatment: String,
    /// Condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// Why it is considered for this patient.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
}
