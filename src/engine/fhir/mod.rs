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

pub mod import;

use serde_json::{json, Value as Json};
use sha2::{Digest, Sha256};

use crate::engine::content::{CodeSystem, CodingDef, Content, GateKind, Theme};
use crate::engine::gates::{GateState, PathwayStatus};
use crate::engine::plan::Plan;
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
        None if code == NONE_CODE => match lang {
            Lang::Da => "Ingen af disse (vurderet)".to_owned(),
            Lang::En => "None of these (assessed)".to_owned(),
        },
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

/// The plan as a FHIR R4 Bundle (`type: collection`).
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn plan_to_fhir(plan: &Plan, content: &Content, patient: Option<&PatientIdentifier>) -> Json {
    let lang = plan.language;
    let ids = Ids {
        seed: plan.to_json_pretty().into_bytes(),
    };
    let date = plan.assessment_date.to_string();
    let patient_url = ids.uuid("Patient");
    let subject = json!({ "reference": patient_url });
    let mut entries = Vec::new();

    // DK Core's Patient requires an identifier, and its Condition and Observation a DK Core
    // Patient as subject: the profiles are claimed only when the host passes an identifier.
    let dk = patient.is_some();
    let mut p = json!({ "resourceType": "Patient" });
    if let Some(id) = patient {
        p["meta"] = profile(dk, "patient");
        p["identifier"] = json!([{ "system": id.system, "value": id.value }]);
    }
    entries.push(entry(&patient_url, p));

    let mut conditions = Vec::new();
    let measured = &plan.assessment.measurements;
    for pathway in &plan.pathways {
        let url = ids.uuid(&format!("Condition/{pathway}"));
        let def = content.pathways.get(pathway);
        let title = def.map_or(pathway.as_str(), |p| p.title.get(lang));
        // The heart pathway's diagnosis code follows the heart condition the GP recorded; a
        // patient with several (ischaemic heart disease and heart failure) gets the first on
        // this Condition and one more Condition for each of the others, so no CodeableConcept
        // holds two diagnoses.
        let mut coding = def.map(|p| codings(&p.codes)).unwrap_or_default();
        let mut more: Vec<(String, Vec<Json>, String)> = Vec::new();
        for key in def.map(|p| p.measurements.as_slice()).unwrap_or_default() {
            let (Some(m), Some(v)) = (content.measurements.get(key), measured.get(key)) else {
                continue;
            };
            let given: Vec<&str> = match v {
                Json::String(v) => vec![v.as_str()],
                Json::Array(l) => l.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            let coded = given
                .iter()
                .filter_map(|v| m.values.iter().find(|c| c.value == *v))
                .filter(|c| !c.codes.is_empty());
            for (i, c) in coded.enumerate() {
                if i == 0 {
                    coding.extend(codings(&c.codes));
                } else {
                    more.push((
                        c.value.clone(),
                        codings(&c.codes),
                        c.label.get(lang).to_owned(),
                    ));
                }
            }
        }
        coding.push(json!({ "system": PATHWAY_SYSTEM, "code": pathway, "display": title }));
        let code = json!({ "coding": coding, "text": title });
        // A pathway the gates hold back does not export its disease as established: provisional
        // while it waits or acts first, unconfirmed when outside the target group.
        let verification = match plan.status_by_pathway.get(pathway) {
            Some(PathwayStatus::Klar) | None => "confirmed",
            Some(PathwayStatus::AfventerAfklaring | PathwayStatus::AkutHandling) => "provisional",
            Some(PathwayStatus::UdenForMaalgruppe) => "unconfirmed",
        };
        // One Condition per diagnosis: the pathway's, then each further heart condition.
        let condition = |code: Json, onset: Option<String>| {
            let mut c = json!({
                "resourceType": "Condition",
                "meta": profile(dk, "condition"),
                "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
                "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification }] },
                "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" }] }],
                "code": code,
                "subject": subject,
            });
            if let Some(onset) = onset {
                c["onsetDateTime"] = json!(onset);
            }
            c["recordedDate"] = json!(date);
            c
        };
        entries.push(entry(
            &url,
            condition(code, Some(plan.diagnosis_date.to_string())),
        ));
        conditions.push(json!({ "reference": url }));
        for (value, coding, label) in more {
            let url = ids.uuid(&format!("Condition/{pathway}/{value}"));
            entries.push(entry(
                &url,
                condition(json!({ "coding": coding, "text": label }), None),
            ));
            conditions.push(json!({ "reference": url }));
        }
    }

    let mut responses = std::collections::BTreeMap::new();
    for (id, answers) in &plan.assessment.instruments {
        let Some(def) = content.instruments.get(id) else {
            continue;
        };
        let url = ids.uuid(&format!("QuestionnaireResponse/{id}"));
        let items: Vec<Json> = def
            .items
            .iter()
            .zip(answers)
            .enumerate()
            .map(|(i, (item, a))| {
                let mut it = json!({ "linkId": (i + 1).to_string(), "text": item.text.get(lang) });
                if let Some(v) = a {
                    it["answer"] = json!([{ "valueInteger": v }]);
                }
                it
            })
            .collect();
        entries.push(entry(&url, json!({
            "resourceType": "QuestionnaireResponse",
            "questionnaire": format!("{QUESTIONNAIRE_PREFIX}{id}"),
            "status": if answers.iter().all(Option::is_some) { "completed" } else { "in-progress" },
            "subject": subject,
            "authored": date,
            "item": items,
        })));
        responses.insert(id.clone(), url);
    }

    // An Observation per measurement the GP recorded, coded from the content (LOINC, NPU) and
    // by its key, a number as a Quantity in its UCUM unit; at a re-assessment also the value
    // of the previous plan for each value that moved, on its own date (the trend).
    let measurement = |key: &str, value: &Json, effective: &str| -> Option<Json> {
        let def = content.measurements.get(key)?;
        let label = def.label.get(lang);
        let mut coding = codings(&def.codes);
        coding.push(json!({ "system": MEASUREMENT_SYSTEM, "code": key, "display": label }));
        let category = def.category.map_or(
            match def.theme {
                Theme::Sygdom => "exam",
                Theme::Trivsel => "survey",
                _ => "social-history",
            },
            |c| c.as_str(),
        );
        let mut o = json!({
            "resourceType": "Observation",
            "meta": profile(dk, "observation"),
            "status": "final",
            "category": [{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": category }] }],
            "code": { "coding": coding, "text": label },
            "subject": subject,
            "effectiveDateTime": effective,
        });
        match value {
            Json::Bool(_) => o["valueBoolean"] = value.clone(),
            Json::Number(_) => o["valueQuantity"] = quantity(def, value),
            Json::String(code) => o["valueCodeableConcept"] = answer(def, key, code, lang),
            Json::Array(codes) if codes.is_empty() => {
                o["valueCodeableConcept"] = answer(def, key, NONE_CODE, lang);
            }
            Json::Array(codes) => {
                o["component"] = codes
                    .iter()
                    .filter_map(Json::as_str)
                    .map(|c| json!({ "code": { "coding": [{ "system": MEASUREMENT_SYSTEM, "code": key }], "text": label }, "valueCodeableConcept": answer(def, key, c, lang) }))
                    .collect();
            }
            _ => return None,
        }
        Some(o)
    };
    for (key, value) in measured {
        if let Some(o) = measurement(key, value, &date) {
            let url = ids.uuid(&format!("Observation/measurement/{key}"));
            entries.push(entry(&url, o));
        }
    }
    for v in plan.changes.iter().flat_map(|c| &c.values) {
        if let Some(key) = v.field.strip_prefix("measurements.") {
            if let Some(o) = measurement(key, &v.from, &v.from_date.to_string()) {
                let url = ids.uuid(&format!("Observation/previous/{key}"));
                entries.push(entry(&url, o));
            }
        }
    }

    let observation = |code: &str,
                       display: String,
                       value: (&str, Json),
                       derived: Option<&String>| {
        let mut o = json!({
            "resourceType": "Observation",
            "meta": profile(dk, "observation"),
            "status": "final",
            "category": [{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey" }] }],
            "code": { "coding": [{ "system": "urn:pakkeforloeb:score", "code": code, "display": display }], "text": display },
            "subject": subject,
            "effectiveDateTime": date,
        });
        o[value.0] = value.1;
        if let Some(qr) = derived {
            o["derivedFrom"] = json!([{ "reference": qr }]);
        }
        o
    };
    for (score, fields) in &plan.scores {
        for (field, value) in fields {
            let code = format!("{score}.{field}");
            let v = match value {
                Json::Number(n) if n.is_i64() => ("valueInteger", value.clone()),
                Json::Number(_) => (
                    "valueQuantity",
                    json!({ "value": value, "system": UCUM, "code": "1", "unit": "1" }),
                ),
                Json::Bool(_) => ("valueBoolean", value.clone()),
                other => (
                    "valueString",
                    Json::String(
                        other
                            .as_str()
                            .map_or_else(|| other.to_string(), str::to_owned),
                    ),
                ),
            };
            let url = ids.uuid(&format!("Observation/{code}"));
            entries.push(entry(
                &url,
                observation(&code, code.clone(), v, responses.get(score)),
            ));
        }
    }
    // The yearly trend: the previous value of each instrument score that moved, on its own
    // date, beside the score of today (same code), as for the measurements above.
    for v in plan.changes.iter().flat_map(|c| &c.values) {
        let Some(id) = v.field.strip_prefix("instruments.") else {
            continue;
        };
        let Some(name) = crate::engine::previous::main_score_name(content, id) else {
            continue;
        };
        let code = format!("{id}.{name}");
        let value = match &v.from {
            Json::Number(n) if n.is_i64() => ("valueInteger", v.from.clone()),
            Json::Number(_) => (
                "valueQuantity",
                json!({ "value": v.from, "system": UCUM, "code": "1", "unit": "1" }),
            ),
            _ => continue,
        };
        let mut o = observation(&code, code.clone(), value, None);
        o["effectiveDateTime"] = json!(v.from_date.to_string());
        let url = ids.uuid(&format!("Observation/previous/{code}"));
        entries.push(entry(&url, o));
    }
    for (pathway, level) in &plan.differentiation.by_pathway {
        let code = format!("differentiation.{pathway}");
        let url = ids.uuid(&format!("Observation/{code}"));
        let display = match lang {
            Lang::Da => format!("Differentieringsniveau ({pathway})"),
            Lang::En => format!("Differentiation level ({pathway})"),
        };
        let mut o = observation(&code, display, ("valueInteger", json!(level)), None);
        // The GP's override of the proposed level, with the reason.
        if let Some(ov) = plan
            .differentiation
            .overrides
            .iter()
            .find(|o| &o.pathway == pathway)
        {
            let text = match lang {
                Lang::Da => format!(
                    "Foreslået niveau {}, lægen valgte {}: {}",
                    ov.proposed, ov.level, ov.reason
                ),
                Lang::En => format!(
                    "Proposed level {}, the GP chose {}: {}",
                    ov.proposed, ov.level, ov.reason
                ),
            };
            o["note"] = json!([{ "text": text }]);
        }
        entries.push(entry(&url, o));
    }

    // The safety gates first: each as a DetectedIssue (with the GP's decision as its
    // mitigation) and its required action as a CarePlan activity.
    let mut activities = Vec::new();
    for g in &plan.gates {
        let url = ids.uuid(&format!("DetectedIssue/{}", g.id));
        let implicated: Vec<Json> = match &g.pathway {
            Some(p) => plan
                .pathways
                .iter()
                .position(|x| x == p)
                .and_then(|i| conditions.get(i).cloned())
                .into_iter()
                .collect(),
            None => conditions.clone(),
        };
        let mut issue = json!({
            "resourceType": "DetectedIssue",
            "status": if g.state == GateState::Pending { "preliminary" } else { "final" },
            "code": { "coding": [{ "system": "urn:pakkeforloeb:gate", "code": g.id }], "text": g.kind.as_str() },
            "severity": if g.kind == GateKind::Acute { "high" } else { "moderate" },
            "patient": subject,
            "identifiedDateTime": date,
            "detail": format!("{} {}", g.text, g.action),
            "reference": g.source,
        });
        if !implicated.is_empty() {
            issue["implicated"] = Json::Array(implicated);
        }
        if let Some(d) = &g.decision {
            let mut action = json!({ "coding": [{ "system": "urn:pakkeforloeb:gate-decision", "code": d.decision.as_str() }] });
            if !d.reason.is_empty() {
                action["text"] = json!(d.reason);
            }
            issue["mitigation"] = json!([{ "action": action, "date": date }]);
        }
        entries.push(entry(&url, issue));
        let status = match g.state {
            GateState::Open => "not-started",
            GateState::Pending => "on-hold",
            GateState::Handled => "completed",
            GateState::Overridden => "cancelled",
        };
        activities.push(json!({ "detail": {
            "code": { "coding": [{ "system": "urn:pakkeforloeb:gate", "code": g.id }], "text": g.action },
            "status": status,
            "description": g.action,
        }}));
    }
    for h in &plan.held_interventions {
        let url = ids.uuid(&format!("ServiceRequest/{}", h.id));
        entries.push(entry(&url, json!({
            "resourceType": "ServiceRequest",
            "status": "on-hold",
            "intent": "proposal",
            "code": { "coding": [{ "system": "urn:pakkeforloeb:intervention", "code": h.id, "display": h.title }], "text": h.title },
            "subject": subject,
            "authoredOn": date,
            "reasonReference": conditions,
            "note": [{ "text": format!("urn:pakkeforloeb:gate {}", h.gate) }],
        })));
        activities.push(json!({ "reference": { "reference": url } }));
    }
    for i in &plan.interventions {
        let url = ids.uuid(&format!("ServiceRequest/{}", i.id));
        let text = match &i.fsiii {
            Some(f) => format!("{} (FSIII: {f})", i.title),
            None => i.title.clone(),
        };
        let mut coding = content
            .catalogue
            .get(&i.id)
            .map(|c| codings(&c.codes))
            .unwrap_or_default();
        coding.push(
            json!({ "system": "urn:pakkeforloeb:intervention", "code": i.id, "display": i.title }),
        );
        let mut sr = json!({
            "resourceType": "ServiceRequest",
            "status": "active",
            "intent": "order",
            "code": { "coding": coding, "text": text },
            "subject": subject,
            "authoredOn": date,
            "performerType": { "coding": [{ "system": "urn:pakkeforloeb:provider", "code": i.provider.as_str() }] },
            "reasonReference": conditions,
        });
        if let Some(by) = i.start_by {
            sr["occurrencePeriod"] = json!({ "start": date, "end": by.to_string() });
        }
        // A referral is an order only once the GP confirmed the plan, and an offer waiting
        // for the patient's yes is not sent yet: until then a draft proposal (without a period
        // while it waits).
        if i.awaiting_acceptance || !plan.confirmed {
            sr["status"] = json!("draft");
            sr["intent"] = json!("proposal");
        }
        // The referral as the receiver reads it: its reason in words, and the whole text.
        if let Some(r) = &i.referral {
            sr["reasonCode"] = json!([{ "text": r.reason }]);
        }
        let notes: Vec<Json> = i
            .reasons
            .iter()
            .map(|r| cc_text(&format!("{} [{}]", r.text, r.source)))
            .chain(i.added_by_gp.iter().map(|r| cc_text(r)))
            .chain(i.referral.iter().map(|r| cc_text(&r.text)))
            .collect();
        if !notes.is_empty() {
            sr["note"] = Json::Array(notes);
        }
        entries.push(entry(&url, sr));
        activities.push(json!({ "reference": { "reference": url } }));
    }
    // What the GP took out of the proposal, with the reason: revoked, not dropped.
    for r in &plan.removed_interventions {
        let url = ids.uuid(&format!("ServiceRequest/removed/{}", r.id));
        let title = content
            .catalogue
            .get(&r.id)
            .map_or(r.id.as_str(), |c| c.title.get(lang));
        let note = match lang {
            Lang::Da => format!("Fravalgt af lægen: {}", r.reason),
            Lang::En => format!("Taken out by the GP: {}", r.reason),
        };
        entries.push(entry(&url, json!({
            "resourceType": "ServiceRequest",
            "status": "revoked",
            "intent": "proposal",
            "code": { "coding": [{ "system": "urn:pakkeforloeb:intervention", "code": r.id, "display": title }], "text": title },
            "subject": subject,
            "authoredOn": date,
            "reasonReference": conditions,
            "note": [{ "text": note }],
        })));
    }
    for f in &plan.follow_up {
        activities.push(json!({ "detail": {
            "code": { "coding": [{ "system": "urn:pakkeforloeb:follow-up", "code": f.id }], "text": f.id },
            "status": "scheduled",
            "scheduledPeriod": { "start": f.due.to_string() },
        }}));
    }

    let mut goals = Vec::new();
    for (n, g) in plan.goals.patient.iter().enumerate() {
        let url = ids.uuid(&format!("Goal/patient/{n}"));
        entries.push(entry(
            &url,
            json!({
                "resourceType": "Goal",
                "lifecycleStatus": "active",
                "category": [{ "text": "patient" }],
                "description": { "text": g },
                "subject": subject,
                "expressedBy": subject,
            }),
        ));
        goals.push(json!({ "reference": url }));
    }
    for g in &plan.goals.clinical {
        let url = ids.uuid(&format!("Goal/clinical/{}", g.id));
        let mut goal = json!({
            "resourceType": "Goal",
            // An exercise goal that waits for a safety gate is on hold until it is cleared.
            "lifecycleStatus": if g.waits_for.is_some() { "on-hold" } else { "proposed" },
            "category": [{ "text": "clinical" }],
            "description": { "text": g.text },
            "subject": subject,
            "addresses": conditions,
        });
        if let Some(t) = &g.target {
            if let Some(measure) = t.get("measure").and_then(Json::as_str) {
                let detail: Vec<String> = t
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(k, v)| *k != "measure" && !v.is_null())
                    .map(|(k, v)| {
                        format!(
                            "{k} {}",
                            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                        )
                    })
                    .collect();
                if !detail.is_empty() {
                    goal["target"] = json!([{ "measure": { "text": measure }, "detailString": detail.join(", ") }]);
                }
            }
        }
        entries.push(entry(&url, goal));
        goals.push(json!({ "reference": url }));
    }

    let careplan_url = ids.uuid("CarePlan");
    let title = match lang {
        Lang::Da => "Behandlingsplan (pakkeforløb)",
        Lang::En => "Treatment plan (package pathway)",
    };
    // A plan the gates hold back is not an active plan: on hold while a pathway acts first or
    // waits, revoked when every pathway is outside the target group.
    let has = |s: PathwayStatus| plan.status_by_pathway.values().any(|x| *x == s);
    let status = if has(PathwayStatus::Klar) {
        "active"
    } else if has(PathwayStatus::AkutHandling) || has(PathwayStatus::AfventerAfklaring) {
        "on-hold"
    } else {
        "revoked"
    };
    let level = plan
        .differentiation
        .level
        .map_or_else(|| "-".to_owned(), |l| l.to_string());
    let description = match lang {
        Lang::Da => format!("Status: {}. Niveau: {level}", plan.status.as_str()),
        Lang::En => format!("Status: {}. Level: {level}", plan.status.as_str()),
    };
    let mut careplan = json!({
        "resourceType": "CarePlan",
        "status": status,
        "intent": "plan",
        "title": title,
        "description": description,
        "subject": subject,
        "period": { "start": date },
        "created": date,
        "addresses": conditions,
        "goal": goals,
    });
    if !activities.is_empty() {
        careplan["activity"] = Json::Array(activities);
    }
    entries.push(entry(&careplan_url, careplan));

    // Who made the Bundle from what: the engine version and the hash of every content file
    // (and of a regional pack). `recorded` is the assessment date: the engine reads no clock.
    let targets: Vec<Json> = entries
        .iter()
        .map(|e| json!({ "reference": e["fullUrl"] }))
        .collect();
    let mut sources: Vec<Json> = plan
        .content
        .iter()
        .map(|c| json!({ "role": "source", "what": {
            "identifier": { "system": "urn:pakkeforloeb:content", "value": format!("{}@{}", c.pathway, c.version) },
            "display": format!("sha256:{}", c.sha256),
        }}))
        .collect();
    if let Some(pack) = &plan.content_pack {
        sources.push(json!({ "role": "source", "what": {
            "identifier": { "system": "urn:pakkeforloeb:content-pack", "value": format!("{}@{}", pack.name, pack.version) },
            "display": format!("sha256:{}", pack.sha256),
        }}));
    }
    let provenance_url = ids.uuid("Provenance");
    entries.push(entry(&provenance_url, json!({
        "resourceType": "Provenance",
        "target": targets,
        "recorded": format!("{date}T00:00:00Z"),
        "agent": [{
            "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "assembler" }] },
            "who": { "display": format!("pakkeforloeb {}", plan.engine_version) },
        }],
        "entity": sources,
    })));

    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": format!("{date}T00:00:00Z"),
        "entry": entries,
    });
    prune(&mut bundle);
    bundle
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
