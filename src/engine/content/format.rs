//! Serde types that mirror the content files in `pathways/` exactly.
//!
//! `shared.json` holds what every pathway uses (sources, the cross-cutting instruments and
//! measurements, the intervention catalogue); each `<pathway>.json` adds its own and its rules.
//! Conditions stay raw JSON here and are parsed with their JSON path in `content::load`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::text::Text;

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

/// How an instrument's answers become scores.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scoring {
    /// Sum of the items: facts `<id>.total`, `<id>.min_item`.
    Sum,
    /// One graded item: fact `<id>.grade`.
    Single,
    /// WHO-5: `who5.raw`, `who5.percent` (raw × 4), `who5.min_item`.
    Who5,
    /// STarT Back: `.total` (item 9 counts 1 for "very much"/"extremely") and `.psychosocial`.
    StartBack,
    /// MDI: `.total` (items 8 and 10 use the higher of a/b) and `.icd10` by the DSAM algorithm.
    Mdi,
}

/// A validated questionnaire.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDef {
    /// The id from CONTRACT §2.
    pub id: String,
    /// Full name.
    pub title: Text,
    /// Instructions shown above the items.
    #[serde(default)]
    pub intro: Option<Text>,
    /// Theme.
    pub theme: Theme,
    /// Scoring method.
    pub scoring: Scoring,
    /// Source id.
    pub source: String,
    /// A note on the wording (licence, translation status).
    #[serde(default)]
    pub wording_note: Option<Text>,
    /// Answer options shared by every item, unless an item has its own.
    #[serde(default)]
    pub options: Vec<OptionDef>,
    /// The items in the instrument's published order.
    pub items: Vec<ItemDef>,
    /// The rules read only the total (`<id>.total` and what derives from it), so a form the
    /// patient filled on paper may be entered as its total (`instrument_totals` in the input;
    /// the plan records that the items were not given). Only for `sum` scoring.
    #[serde(default)]
    pub total_entry: bool,
    /// When the widget offers the instrument (the MDI once WHO-5 calls for it); absent: always.
    /// An instrument with answers is always shown, whatever this says.
    /// (Checked and kept apart when the content loads, so the packed content never holds it.)
    #[serde(default)]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub offer_when: Option<Json>,
}

impl InstrumentDef {
    /// The answer options of an item: its own, or else the ones every item shares.
    #[must_use]
    pub fn options_of<'a>(&'a self, item: &'a ItemDef) -> &'a [OptionDef] {
        if item.options.is_empty() {
            &self.options
        } else {
            &item.options
        }
    }

    /// The highest total the items allow (each item's highest option, summed).
    #[must_use]
    pub fn max_total(&self) -> i64 {
        self.items
            .iter()
            .map(|item| {
                self.options_of(item)
                    .iter()
                    .map(|o| o.value)
                    .max()
                    .unwrap_or(0)
            })
            .sum()
    }
}

/// One item.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    /// The item's wording.
    pub text: Text,
    /// For bipolar scales (CAT): the statement at the low end.
    #[serde(default)]
    pub low: Option<Text>,
    /// For bipolar scales (CAT): the statement at the high end.
    #[serde(default)]
    pub high: Option<Text>,
    /// The item's own options.
    #[serde(default)]
    pub options: Vec<OptionDef>,
}

/// One answer option.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    /// The coded value (CONTRACT §2).
    pub value: i64,
    /// The label.
    pub label: Text,
}

/// A measurement's kind.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasurementKind {
    /// A number in `[min, max]`.
    Number,
    /// A whole number in `[min, max]`.
    Integer,
    /// Yes or no.
    Bool,
    /// One code out of `values`.
    Code,
    /// Any set of codes out of `values`.
    Codes,
}

/// A measurement the GP records.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeasurementDef {
    /// The key from CONTRACT §2.
    pub id: String,
    /// Label.
    pub label: Text,
    /// A hint under the label.
    #[serde(default)]
    pub help: Option<Text>,
    /// Theme.
    pub theme: Theme,
    /// Kind.
    pub kind: MeasurementKind,
    /// Unit, shown after the field.
    #[serde(default)]
    pub unit: Option<String>,
    /// Smallest plausible value.
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest plausible value.
    #[serde(default)]
    pub max: Option<f64>,
    /// Input step.
    #[serde(default)]
    pub step: Option<f64>,
    /// The codes of `code` and `codes` measurements.
    #[serde(default)]
    pub values: Vec<CodeDef>,
    /// Source id.
    pub source: String,
    /// The unit as a UCUM code, for the FHIR export and import (a numeric measurement's value
    /// becomes a Quantity in this unit; a record's value in another unit is not taken).
    #[serde(default)]
    pub ucum: Option<String>,
    /// National or international codes for this measurement (LOINC, NPU), each with its
    /// source: the FHIR export writes them, the import recognises a record's values by them.
    #[serde(default)]
    pub codes: Vec<CodingDef>,
    /// The FHIR Observation category; without it the theme decides (sygdom: exam, trivsel:
    /// survey, the others: social-history).
    #[serde(default)]
    pub category: Option<ObservationCategory>,
}

/// A code in a national or international code system, with the source that gives it. Never an
/// invented code: the loader checks that the source exists.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodingDef {
    /// The code system.
    pub system: CodeSystem,
    /// The code.
    pub code: String,
    /// The code's name in its code system.
    pub display: String,
    /// Source id: where the code and its meaning were read.
    pub source: String,
}

/// The code systems the content may cite, each with the FHIR system URI it is written with.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CodeSystem {
    /// ICPC-2 (the GP's diagnosis codes).
    Icpc2,
    /// SKS, the D hierarchy (ICD-10 with a leading D).
    SksD,
    /// LOINC.
    Loinc,
    /// NPU (Danish laboratory codes).
    Npu,
    /// FSIII (Fælles Sprog III, municipal interventions).
    Fsiii,
}

impl CodeSystem {
    /// The system URI written in an exported coding.
    #[must_use]
    pub fn uri(self) -> &'static str {
        match self {
            // HL7 DK Core's ICPC2code slice of Condition.code.coding.
            CodeSystem::Icpc2 => "urn:oid:1.2.208.176.2.31",
            CodeSystem::SksD => "urn:oid:1.2.208.176.2.4.12",
            CodeSystem::Loinc => "http://loinc.org",
            CodeSystem::Npu => "urn:oid:1.2.208.176.2.1",
            CodeSystem::Fsiii => "urn:oid:1.2.208.176.2.21",
        }
    }

    /// The system URIs a record may use for this code system (the import accepts each).
    #[must_use]
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            CodeSystem::Icpc2 => &[
                "urn:oid:1.2.208.176.2.31",
                "http://hl7.org/fhir/sid/icpc-2",
                "urn:oid:2.16.840.1.113883.6.139",
            ],
            CodeSystem::SksD => &["urn:oid:1.2.208.176.2.4.12", "urn:oid:1.2.208.176.2.4"],
            CodeSystem::Loinc => &["http://loinc.org"],
            CodeSystem::Npu => &["urn:oid:1.2.208.176.2.1"],
            CodeSystem::Fsiii => &["urn:oid:1.2.208.176.2.21"],
        }
    }
}

/// A FHIR Observation category (HL7 `observation-category`).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObservationCategory {
    /// Blood pressure, height, weight.
    VitalSigns,
    /// Laboratory results.
    Laboratory,
    /// Findings of the GP's examination or the record.
    Exam,
    /// Lifestyle and social circumstances.
    SocialHistory,
    /// Questionnaire results.
    Survey,
}

impl ObservationCategory {
    /// The code in HL7's `observation-category` code system.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ObservationCategory::VitalSigns => "vital-signs",
            ObservationCategory::Laboratory => "laboratory",
            ObservationCategory::Exam => "exam",
            ObservationCategory::SocialHistory => "social-history",
            ObservationCategory::Survey => "survey",
        }
    }
}

/// A code with its label.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeDef {
    /// The code.
    pub value: String,
    /// Label.
    pub label: Text,
    /// Diagnosis codes this answer stands for (the heart condition's ICPC-2 code), each with
    /// its source: the FHIR Condition carries them and the import recognises them.
    #[serde(default)]
    pub codes: Vec<CodingDef>,
}

/// A derived fact.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedDef {
    /// Fact id, `<score>.<field>` (the plan shows it as `scores.<score>.<field>`).
    pub id: String,
    /// Label.
    pub label: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    #[serde(default)]
    pub proposal: bool,
    /// The numeric fact cut into `bands`.
    #[serde(default)]
    pub from: Option<String>,
    /// Contiguous bands over `from`: `min` inclusive, `max` exclusive.
    #[serde(default)]
    pub bands: Vec<Band>,
    /// First-match classes (when there are no bands).
    #[serde(default)]
    pub classify: Vec<Class>,
    /// The fact is derived only where this holds (a heart-failure phenotype only for heart
    /// failure); elsewhere it is absent, so no label names a disease the patient does not have.
    #[serde(default)]
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Option<Json>,
}

/// A cut-off band.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Inclusive lower bound; absent on the first band.
    #[serde(default)]
    pub min: Option<f64>,
    /// Exclusive upper bound; absent on the last band.
    #[serde(default)]
    pub max: Option<f64>,
    /// The value of the derived fact in this band.
    pub value: Json,
    /// Label of the band.
    #[serde(default)]
    pub label: Option<Text>,
}

/// A first-match class.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// The value when `when` holds.
    pub value: Json,
    /// The condition.
    #[cfg_attr(
        test,
        schemars(schema_with = "crate::engine::content::format::condition_schema")
    )]
    pub when: Json,
    /// Label.
    #[serde(default)]
    pub label: Option<Text>,
}

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
