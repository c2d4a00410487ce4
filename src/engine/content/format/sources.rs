//! The sources every rule cites, the strength of their evidence and the themes of the person axis.

use serde::{Deserialize, Serialize};

/// A source a rule rests on.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short title.
    pub title: String,
    /// The guideline or page.
    #[serde(default)]
    pub url: Option<String>,
    /// How far the fact was confirmed in the source.
    pub evidence: Evidence,
    /// The day the source was last opened and the rules citing it checked against it
    /// (`YYYY-MM-DD`).
    pub checked: String,
    /// The day by which it must be checked again (`YYYY-MM-DD`, after `checked` and at most
    /// 24 months later). A plan assessed after it carries the warning `content-review-overdue`.
    pub review_by: String,
}

/// How far a fact was confirmed in its source.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Evidence {
    /// Verified in the retrieved source.
    V,
    /// Partial: secondary, regional or cut off.
    P,
    /// Unverified: a rule resting on it must be a proposal.
    U,
    /// From the older forløbsprogrammer: a rule resting on it must be a proposal.
    #[serde(rename = "LEGACY")]
    Legacy,
}

impl Evidence {
    /// Whether a rule citing it must be marked as a proposal.
    #[must_use]
    pub fn needs_proposal(self) -> bool {
        matches!(self, Evidence::U | Evidence::Legacy)
    }

    /// The tag as written in the content and the plan.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::V => "V",
            Evidence::P => "P",
            Evidence::U => "U",
            Evidence::Legacy => "LEGACY",
        }
    }
}

/// The theme an item is grouped under in the behovsvurdering.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Sygdom: disease status.
    Sygdom,
    /// Livsstil / KRAM.
    Livsstil,
    /// Trivsel: well-being and mental health.
    Trivsel,
    /// Sociale forhold.
    Sociale,
    /// Ressourcer og motivation: the patient's readiness, relatives and health literacy.
    Ressourcer,
}
