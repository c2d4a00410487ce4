//! What a re-assessment reads of the previous plan (a part of plan@1).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
