//! What a re-assessment reads of the previous plan, and what it reports as changed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::contract::{Assessment, ContentRef, Plan};
use crate::engine::content::Phase;
use crate::engine::text::Lang;

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
