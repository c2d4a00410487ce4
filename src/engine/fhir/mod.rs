//! FHIR R4 export of a plan: one `collection` Bundle with the patient (an identifier only when
//! the host passes one), a Condition per pathway, a QuestionnaireResponse per instrument, an
//! Observation per measurement, per score and per level, a ServiceRequest per intervention
//! (with its latest start as `occurrencePeriod.end`; one the GP took out is `revoked` with the
//! reason), a DetectedIssue per safety gate with the GP's decision, a Goal per patient and
//! clinical goal, a CarePlan tying them together and a Provenance naming the engine version and
//! the hash of every content file. Ids are derived from the plan's bytes, so the same plan gives
//! the same Bundle.
//!
//! Codes come from the content, each with its source (ICPC-2 and SKS for the index diseases,
//! LOINC and NPU with UCUM units for measurements, FSIII for municipal offers where published);
//! this project's own ids under `urn:pakkeforloeb:*` systems stand beside them and for everything
//! without a national code. With a patient identifier from the host, Patient, Condition and
//! Observation claim the HL7 DK Core profiles (`public/docs/fhir.md` lists what that checks).
//! [`import`] reads such a Bundle, or a record's, back into an input.

mod export;
pub mod import;

pub use export::plan_to_fhir;

use serde_json::{json, Value as Json};
use sha2::{Digest, Sha256};

use crate::engine::content::{CodeSystem, CodingDef};
use crate::engine::Lang;

/// HL7's canonical URI of ICPC-2 (terminology.hl7.org), written beside DK Core's OID.
const ICPC2_HL7: &str = "http://hl7.org/fhir/sid/icpc-2";
/// The UCUM code system.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// The system of this project's measurement keys (the import reads them back).
pub const MEASUREMENT_SYSTEM: &str = "urn:pakkeforloeb:measurement";
/// The system of this project's pathway ids.
pub const PATHWAY_SYSTEM: &str = "urn:pakkeforloeb:pathway";
/// The questionnaire URI prefix of this project's instruments.
pub const QUESTIONNAIRE_PREFIX: &str = "urn:pakkeforloeb:questionnaire:";
/// The code of a list measurement's "none of these (assessed)" answer (the red flags): an
/// empty list is an answer, not an unknown.
pub const NONE_CODE: &str = "none";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const DK_CORE: &str = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-";

/// A patient identifier the host may pass (e.g. a CPR number with its system URI).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PatientIdentifier {
    /// Identifier system URI.
    pub system: String,
    /// The identifier.
    pub value: String,
}

/// Content codes as FHIR codings; ICPC-2 is written twice, with DK Core's OID and HL7's URI.
fn codings(codes: &[CodingDef]) -> Vec<Json> {
    let mut out = Vec::new();
    for c in codes {
        out.push(json!({ "system": c.system.uri(), "code": c.code, "display": c.display }));
        if c.system == CodeSystem::Icpc2 {
            out.push(json!({ "system": ICPC2_HL7, "code": c.code, "display": c.display }));
        }
    }
    out
}

/// `meta` claiming DK Core's profile `name`, or nothing (pruned) when the Bundle claims none.
fn profile(on: bool, name: &str) -> Json {
    if on {
        json!({ "profile": [format!("{DK_CORE}{name}")] })
    } else {
        Json::Null
    }
}

/// A Quantity in the measurement's UCUM unit (every numeric measurement has one: the loader
/// checks it), its display unit the one the GP sees.
fn quantity(def: &crate::engine::content::MeasurementDef, v: &Json) -> Json {
    let mut q = json!({ "value": v });
    if let Some(u) = def.ucum.as_deref() {
        q["unit"] = json!(def.unit.as_deref().unwrap_or(u));
        q["system"] = json!(UCUM);
        q["code"] = json!(u);
    }
    q
}

/// A code answer of measurement `key` as a CodeableConcept.
fn answer(def: &crate::engine::content::MeasurementDef, key: &str, code: &str, lang: Lang) -> Json {
    let label = match def.values.iter().find(|c| c.value == code) {
        Some(c) => c.label.get(lang).to_owned(),
        None if code == NONE_CODE => crate::engine::phrases::FhirPhrase::NoneOfThese.text(lang),
        None => code.to_owned(),
    };
    json!({ "coding": [{ "system": format!("{MEASUREMENT_SYSTEM}:{key}"), "code": code, "display": label }], "text": label })
}

struct Ids {
    seed: Vec<u8>,
}

impl Ids {
    /// A name-based UUID (version 5 layout) from the plan's bytes and a local name.
    fn uuid(&self, name: &str) -> String {
        let mut h = Sha256::new();
        h.update(&self.seed);
        h.update(name.as_bytes());
        let b = h.finalize();
        let hex = crate::engine::text::hex(&b[..16]);
        let variant = (u8::from_str_radix(&hex[16..18], 16).unwrap_or(0) & 0x3f) | 0x80;
        format!(
            "urn:uuid:{}-{}-5{}-{variant:02x}{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[13..16],
            &hex[18..20],
            &hex[20..32]
        )
    }
}

fn entry(full_url: &str, resource: Json) -> Json {
    json!({ "fullUrl": full_url, "resource": resource })
}

fn cc_text(text: &str) -> Json {
    json!({ "text": text })
}

/// FHIR JSON has no `null`: drop every null member (an unclaimed profile, say).
fn prune(v: &mut Json) {
    match v {
        Json::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(prune);
        }
        Json::Array(a) => a.iter_mut().for_each(prune),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_name_based_and_well_formed() {
        let ids = Ids {
            seed: b"plan".to_vec(),
        };
        let a = ids.uuid("Patient");
        assert_eq!(a, ids.uuid("Patient"));
        assert_ne!(a, ids.uuid("CarePlan"));
        let u = a.trim_start_matches("urn:uuid:");
        let parts: Vec<&str> = u.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('5'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
    }
}
