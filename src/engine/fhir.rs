//! FHIR R4 export of a plan: one `collection` Bundle with the patient (an identifier only when
//! the host passes one), a Condition per pathway, a QuestionnaireResponse per instrument, an
//! Observation per score and per level, a ServiceRequest per intervention (with its latest start
//! as `occurrencePeriod.end`), a Goal per patient and clinical goal, and a CarePlan tying them
//! together. Ids are derived from the plan's bytes, so the same plan gives the same Bundle.
//!
//! Codes: ICPC-2 for the index diseases  (R95 KOL, L03 low back,
//! T90 type 2 diabetes), the FSIII name of a municipal offer in `code.text`, and this project's
//! own ids under `urn:pakkeforloeb:*` systems for everything without a national code.

use serde_json::{json, Value as Json};
use sha2::{Digest, Sha256};

use crate::engine::content::{Content, GateKind};
use crate::engine::gates::{GateState, PathwayStatus};
use crate::engine::plan::Plan;
use crate::engine::Lang;

/// The HL7 OID of ICPC-2.
const ICPC2: &str = "urn:oid:2.16.840.1.113883.6.139";

/// A patient identifier the host may pass (e.g. a CPR number with its system URI).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct PatientIdentifier {
    /// Identifier system URI.
    pub system: String,
    /// The identifier.
    pub value: String,
}

fn icpc2(pathway: &str) -> Option<(&'static str, &'static str)> {
    match pathway {
        "kol" => Some(("R95", "Kronisk obstruktiv lungesygdom")),
        "laenderyg" => Some(("L03", "Lændesymptomer/klager")),
        "type2-diabetes" => Some(("T90", "Diabetes non-insulinkrævende")),
        _ => None,
    }
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
        let hex: String = b.iter().take(16).map(|x| format!("{x:02x}")).collect();
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

    let mut p = json!({ "resourceType": "Patient" });
    if let Some(id) = patient {
        p["identifier"] = json!([{ "system": id.system, "value": id.value }]);
    }
    entries.push(entry(&patient_url, p));

    let mut conditions = Vec::new();
    for pathway in &plan.pathways {
        let url = ids.uuid(&format!("Condition/{pathway}"));
        let title = content
            .pathways
            .get(pathway)
            .map_or(pathway.as_str(), |p| p.title.get(lang));
        let mut code = json!({
            "coding": [{ "system": "urn:pakkeforloeb:pathway", "code": pathway, "display": title }],
            "text": title
        });
        if let Some((c, display)) = icpc2(pathway) {
            if let Some(codings) = code["coding"].as_array_mut() {
                codings.insert(0, json!({ "system": ICPC2, "code": c, "display": display }));
            }
        }
        // A pathway the gates hold back does not export its disease as established: provisional
        // while it waits or acts first, unconfirmed when outside the target group.
        let verification = match plan.status_by_pathway.get(pathway) {
            Some(PathwayStatus::Klar) | None => "confirmed",
            Some(PathwayStatus::AfventerAfklaring | PathwayStatus::AkutHandling) => "provisional",
            Some(PathwayStatus::UdenForMaalgruppe) => "unconfirmed",
        };
        entries.push(entry(&url, json!({
            "resourceType": "Condition",
            "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
            "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification }] },
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" }] }],
            "code": code,
            "subject": subject,
            "onsetDateTime": plan.diagnosis_date.to_string(),
            "recordedDate": date,
        })));
        conditions.push(json!({ "reference": url }));
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
            "questionnaire": format!("urn:pakkeforloeb:questionnaire:{id}"),
            "status": if answers.iter().all(Option::is_some) { "completed" } else { "in-progress" },
            "subject": subject,
            "authored": date,
            "item": items,
        })));
        responses.insert(id.clone(), url);
    }

    let observation = |code: &str,
                       display: String,
                       value: (&str, Json),
                       derived: Option<&String>| {
        let mut o = json!({
            "resourceType": "Observation",
            "status": "final",
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey" }] }],
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
                Json::Number(_) => ("valueQuantity", json!({ "value": value })),
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
    for (pathway, level) in &plan.differentiation.by_pathway {
        let code = format!("differentiation.{pathway}");
        let url = ids.uuid(&format!("Observation/{code}"));
        let display = match lang {
            Lang::Da => format!("Differentieringsniveau ({pathway})"),
            Lang::En => format!("Differentiation level ({pathway})"),
        };
        entries.push(entry(
            &url,
            observation(&code, display, ("valueInteger", json!(level)), None),
        ));
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
        let mut sr = json!({
            "resourceType": "ServiceRequest",
            "status": "active",
            "intent": "order",
            "code": { "coding": [{ "system": "urn:pakkeforloeb:intervention", "code": i.id, "display": i.title }], "text": text },
            "subject": subject,
            "authoredOn": date,
            "performerType": { "coding": [{ "system": "urn:pakkeforloeb:provider", "code": i.provider.as_str() }] },
            "reasonReference": conditions,
        });
        if let Some(by) = i.start_by {
            sr["occurrencePeriod"] = json!({ "start": date, "end": by.to_string() });
        }
        let notes: Vec<Json> = i
            .reasons
            .iter()
            .map(|r| cc_text(&format!("{} [{}]", r.text, r.source)))
            .chain(i.added_by_gp.iter().map(|r| cc_text(r)))
            .collect();
        if !notes.is_empty() {
            sr["note"] = Json::Array(notes);
        }
        entries.push(entry(&url, sr));
        activities.push(json!({ "reference": { "reference": url } }));
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
            "lifecycleStatus": "proposed",
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

    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": format!("{date}T00:00:00Z"),
        "entry": entries,
    })
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
