//! Serde types that mirror the content files in `pathways/` exactly.
//!
//! `shared.json` holds what every pathway uses (sources, the cross-cutting instruments and
//! measurements, the intervention catalogue); each `<pathway>.json` adds its own and its rules.
//! Conditions stay raw JSON here and are parsed with their JSON path in `content::load`.
//!
//! One file per part of a content file: `care` (follow-ups, treatments), `gates` (and quality
//! indicators), `sources`, `measures` (instruments, measurements, derived values) and `rules`
//! (offers and the rules that propose). This file holds the file itself, what every rule shares
//! ([`RawRule`]) and the condition's JSON Schema.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::engine::text::Text;

mod care;
mod gates;
mod measures;
mod rules;
mod sources;

pub use care::{FollowUpDef, FollowUpKind, TreatmentDef, TreatmentRule};
pub use gates::{
    AfterAction, GateDef, GateKind, GateScope, IndicatorDef, QualityDef, SuccessDef, Urgency,
};
pub use measures::{
    Band, Class, CodeDef, CodeSystem, CodingDef, DerivedDef, InstrumentDef, ItemDef,
    MeasurementDef, MeasurementKind, ObservationCategory, OptionDef, Scoring,
};
pub use rules::{
    AssessmentDef, DefaultLevel, DifferentiationDef, FollowUpRule, GoalRule, InterventionDef,
    InterventionRule, LevelRule, PersonDef, Phase, Provider, ReadinessRule, WarningRule,
};
pub use sources::{Evidence, Source, Theme};

/// One content file.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentFile {
    /// Editor hint, ignored.
    #[serde(rename = "$schema", default)]
    pub schema: Option<String>,
    /// `shared` or a pathway id from CONTRACT §1.
    pub id: String,
    /// The content version, shown in the UI and echoed in every plan.
    pub version: String,
    /// The pathway's name (required for pathways).
    #[serde(default)]
    pub title: Option<Text>,
    /// The year the pathway starts.
    #[serde(default)]
    pub first_year: Option<u16>,
    /// A note on the status of the content, shown with it.
    #[serde(default)]
    pub status: Option<Text>,
    /// Sources cited by the rules, keyed by a short id.
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
    /// Validated instruments defined in this file.
    #[serde(default)]
    pub instruments: Vec<InstrumentDef>,
    /// Measurements defined in this file.
    #[serde(default)]
    pub measurements: Vec<MeasurementDef>,
    /// Facts derived from scores and measurements by cut-off bands or first-match classes.
    #[serde(default)]
    pub derived: Vec<DerivedDef>,
    /// Interventions defined in this file (the catalogue the rules draw from).
    #[serde(default)]
    pub catalogue: Vec<InterventionDef>,
    /// What the GP is asked in this pathway (pathways only).
    #[serde(default)]
    pub assessment: Option<AssessmentDef>,
    /// Level rules (pathways only).
    #[serde(default)]
    pub differentiation: Option<DifferentiationDef>,
    /// The person axis (shared file only): level rules on the person's resources, life
    /// situation and motivation, applied to every pathway of the patient beside its disease
    /// rules.
    #[serde(default)]
    pub person: Option<PersonDef>,
    /// When the patient is not ready yet (shared file only): while this holds, municipal offers
    /// wait for the patient's acceptance and carry no start date until the GP records it.
    #[serde(default)]
    pub readiness: Option<ReadinessRule>,
    /// Rules that propose interventions.
    #[serde(default)]
    pub interventions: Vec<InterventionRule>,
    /// Rules that schedule follow-ups.
    #[serde(default)]
    pub follow_up: Vec<FollowUpRule>,
    /// Rules that raise warnings.
    #[serde(default)]
    pub warnings: Vec<WarningRule>,
    /// Rules that propose clinical goals.
    #[serde(default)]
    pub goals: Vec<GoalRule>,
    /// Quality indicators and success criteria (pathways only).
    #[serde(default)]
    pub quality: Option<QualityDef>,
    /// Safety gates, evaluated before differentiation: when the patient is outside the target
    /// group, when something must be done first, or when an intervention must wait.
    #[serde(default)]
    pub gates: Vec<GateDef>,
    /// The kinds of follow-up the rules schedule (reviews, yearly status, checks for
    /// complications and concurrent diseases), with their names.
    #[serde(default)]
    pub follow_ups: Vec<FollowUpDef>,
    /// Treatments the GP considers at the start (the "overvej" prompts), with their names.
    #[serde(default)]
    pub treatments: Vec<TreatmentDef>,
    /// Rules that prompt a treatment decision.
    #[serde(default)]
    pub treatment: Vec<TreatmentRule>,
    /// The index disease's diagnosis codes (ICPC-2, SKS), each with its source (pathways only).
    #[serde(default)]
    pub codes: Vec<CodingDef>,
}

/// The fields every rule kind shares.
pub trait RawRule {
    /// Rule id.
    fn id(&self) -> &str;
    /// Condition.
    fn when(&self) -> &Json;
    /// Reason text.
    fn text(&self) -> &Text;
    /// Source id.
    fn source(&self) -> &str;
    /// Proposal flag.
    fn proposal(&self) -> bool;
}

macro_rules! raw_rule {
    ($($t:ty),*) => {$(
        impl RawRule for $t {
            fn id(&self) -> &str { &self.id }
            fn when(&self) -> &Json { &self.when }
            fn text(&self) -> &Text { &self.text }
            fn source(&self) -> &str { &self.source }
            fn proposal(&self) -> bool { self.proposal }
        }
    )*};
}
raw_rule!(
    LevelRule,
    InterventionRule,
    FollowUpRule,
    WarningRule,
    GoalRule,
    GateDef,
    TreatmentRule,
    ReadinessRule
);

/// The JSON Schema of a condition (see `engine::condition`), recursively; for the generated
/// pathway schema.
#[cfg(test)]
pub(crate) fn condition_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let number_or_fact = serde_json::json!({ "oneOf": [
        { "type": "number" },
        { "type": "object", "properties": { "fact": { "type": "string" } }, "required": ["fact"], "additionalProperties": false }
    ]});
    let scalar = serde_json::json!({ "type": ["number", "string", "boolean"] });
    let test = |op: &str, arg: serde_json::Value| {
        serde_json::json!({ "type": "object", "properties": { "fact": { "type": "string" }, op: arg },
                "required": ["fact", op], "additionalProperties": false })
    };
    let list = |key: &str| {
        serde_json::json!({ "type": "object", "properties": { key: { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/Condition" } } },
                "required": [key], "additionalProperties": false })
    };
    let def = serde_json::json!({ "oneOf": [
        { "const": true },
        list("all"), list("any"), list("any_known"),
        { "type": "object", "properties": { "not": { "$ref": "#/$defs/Condition" } }, "required": ["not"], "additionalProperties": false },
        { "type": "object", "properties": { "at_least": { "type": "integer", "minimum": 1 }, "of": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/Condition" } } }, "required": ["at_least", "of"], "additionalProperties": false },
        test("gte", number_or_fact.clone()), test("gt", number_or_fact.clone()),
        test("lte", number_or_fact.clone()), test("lt", number_or_fact),
        test("eq", scalar.clone()), test("ne", scalar.clone()),
        test("in", serde_json::json!({ "type": "array", "minItems": 1, "items": scalar })),
        test("contains", serde_json::json!({ "type": "string" })),
        test("nonempty", serde_json::json!({ "type": "boolean" })),
        test("present", serde_json::json!({ "type": "boolean" })),
    ]});
    schemars::Schema::try_from(
        serde_json::json!({ "$ref": "#/$defs/Condition", "$defs": { "Condition": def } }),
    )
    .unwrap_or_default()
}
