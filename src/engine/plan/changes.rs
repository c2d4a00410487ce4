//! What a re-assessment reports as changed since the previous plan (plan@1 `changes`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::content::Phase;

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
