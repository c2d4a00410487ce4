//! Instruments (questionnaires and their items), measurements with their codes and units, derived
//! values, bands and classes.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::Theme;
use crate::engine::text::Text;

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
