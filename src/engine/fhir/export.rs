//! The export, one method per kind of resource, in the Bundle's order (see [`plan_to_fhir`]).
//!
//! Over 600 lines: one method per resource, each short; they share the references between
//! resources (the CarePlan points at the Conditions, Goals and activities the others wrote),
//! which is why they are one type in one file.

use std::collections::BTreeMap;

use serde_json::{json, Value as Json};

use super::{
    answer, cc_text, codings, entry, profile, prune, quantity, Ids, PatientIdentifier,
    MEASUREMENT_SYSTEM, NONE_CODE, OBSERVATION_CATEGORY, PATHWAY_SYSTEM, QUESTIONNAIRE_PREFIX,
    UCUM,
};
use crate::engine::content::{Content, GateKind, Theme};
use crate::engine::gates::{GateState, PathwayStatus};
use crate::engine::phrases::FhirPhrase;
use crate::engine::plan::Plan;
use crate::engine::Lang;

/// The plan as a FHIR R4 Bundle (`type: collection`): the patient, the conditions, the
/// answers, the observations (measurements, scores, levels), the gates and the requests with
/// the CarePlan activities they make, the goals, the CarePlan and the Provenance, in that order.
#[must_use]
pub fn plan_to_fhir(plan: &Plan, content: &Content, patient: Option<&PatientIdentifier>) -> Json {
    let ids = Ids {
        seed: plan.to_json_pretty().into_bytes(),
    };
    let patient_url = ids.uuid("Patient");
    let mut x = Export {
        plan,
        content,
        lang: plan.language,
        date: plan.assessment_date.to_string(),
        subject: json!({ "reference": patient_url }),
        // DK Core's Patient requires an identifier, and its Condition and Observation a DK
        // Core Patient as subject: the profiles are claimed only when the host passes one.
        dk: patient.is_some(),
        ids,
        entries: Vec::new(),
        activities: Vec::new(),
    };
    x.patient(&patient_url, patient);
    let conditions = x.conditions();
    let responses = x.questionnaire_responses();
    x.measurement_observations();
    x.score_observations(&responses);
    x.level_observations();
    x.gates(&conditions);
    x.requests(&conditions);
    x.follow_ups();
    let goals = x.goals(&conditions);
    x.care_plan(&conditions, goals);
    x.provenance();
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": format!("{}T00:00:00Z", x.date),
        "entry": x.entries,
    });
    prune(&mut bundle);
    bundle
}

/// One export under way: what every resource refers to, and the entries and CarePlan
/// activities so far.
struct Export<'a> {
    plan: &'a Plan,
    content: &'a Content,
    lang: Lang,
    /// The assessment date, the date of every resource of this consultation.
    date: String,
    /// The reference to the Patient.
    subject: Json,
    /// Whether the DK Core profiles are claimed.
    dk: bool,
    ids: Ids,
    entries: Vec<Json>,
    activities: Vec<Json>,
}

impl Export<'_> {
    fn push(&mut self, url: &str, resource: Json) {
        self.entries.push(entry(url, resource));
    }

    fn patient(&mut self, url: &str, patient: Option<&PatientIdentifier>) {
        let mut p = json!({ "resourceType": "Patient" });
        if let Some(id) = patient {
            p["meta"] = profile(self.dk, "patient");
            p["identifier"] = json!([{ "system": id.system, "value": id.value }]);
        }
        self.push(url, p);
    }

    /// A Condition per pathway, and per further heart condition; the references to them.
    fn conditions(&mut self) -> Vec<Json> {
        let (plan, content, lang) = (self.plan, self.content, self.lang);
        let mut conditions = Vec::new();
        let measured = &plan.assessment.measurements;
        for pathway in &plan.pathways {
            let url = self.ids.uuid(&format!("Condition/{pathway}"));
            let def = content.pathways.get(pathway);
            let title = def.map_or(pathway.as_str(), |p| p.title.get(lang));
            // The heart pathway's diagnosis code follows the heart condition the GP recorded; a
            // patient with several (ischaemic heart disease and heart failure) gets the first on
            // this Condition and one more Condition for each of the others, so no
            // CodeableConcept holds two diagnoses.
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
            // A pathway the gates hold back does not export its disease as established:
            // provisional while it waits or acts first, unconfirmed when outside the target
            // group.
            let verification = match plan.status_by_pathway.get(pathway) {
                Some(PathwayStatus::Klar) | None => "confirmed",
                Some(PathwayStatus::AfventerAfklaring | PathwayStatus::AkutHandling) => {
                    "provisional"
                }
                Some(PathwayStatus::UdenForMaalgruppe) => "unconfirmed",
            };
            let onset = plan.diagnosis_date.to_string();
            let c = self.condition(code, verification, Some(onset));
            self.push(&url, c);
            conditions.push(json!({ "reference": url }));
            for (value, coding, label) in more {
                let url = self.ids.uuid(&format!("Condition/{pathway}/{value}"));
                let c = self.condition(
                    json!({ "coding": coding, "text": label }),
                    verification,
                    None,
                );
                self.push(&url, c);
                conditions.push(json!({ "reference": url }));
            }
        }
        conditions
    }

    /// One Condition: the pathway's diagnosis, or a further heart condition.
    fn condition(&self, code: Json, verification: &str, onset: Option<String>) -> Json {
        let mut c = json!({
            "resourceType": "Condition",
            "meta": profile(self.dk, "condition"),
            "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active" }] },
            "verificationStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": verification }] },
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item" }] }],
            "code": code,
            "subject": self.subject,
        });
        if let Some(onset) = onset {
            c["onsetDateTime"] = json!(onset);
        }
        c["recordedDate"] = json!(self.date);
        c
    }

    /// A QuestionnaireResponse per instrument answered; their URLs by instrument.
    fn questionnaire_responses(&mut self) -> BTreeMap<String, String> {
        let (plan, content, lang) = (self.plan, self.content, self.lang);
        let mut responses = BTreeMap::new();
        for (id, answers) in &plan.assessment.instruments {
            let Some(def) = content.instruments.get(id) else {
                continue;
            };
            let url = self.ids.uuid(&format!("QuestionnaireResponse/{id}"));
            let items: Vec<Json> = def
                .items
                .iter()
                .zip(answers)
                .enumerate()
                .map(|(i, (item, a))| {
                    let mut it =
                        json!({ "linkId": (i + 1).to_string(), "text": item.text.get(lang) });
                    if let Some(v) = a {
                        it["answer"] = json!([{ "valueInteger": v }]);
                    }
                    it
                })
                .collect();
            let response = json!({
                "resourceType": "QuestionnaireResponse",
                "questionnaire": format!("{QUESTIONNAIRE_PREFIX}{id}"),
                "status": if answers.iter().all(Option::is_some) { "completed" } else { "in-progress" },
                "subject": self.subject,
                "authored": self.date,
                "item": items,
            });
            self.push(&url, response);
            responses.insert(id.clone(), url);
        }
        responses
    }

    /// An Observation per measurement the GP recorded, and at a re-assessment also the value
    /// of the previous plan for each value that moved, on its own date (the trend).
    fn measurement_observations(&mut self) {
        let plan = self.plan;
        for (key, value) in &plan.assessment.measurements {
            if let Some(o) = self.measurement(key, value, &self.date) {
                let url = self.ids.uuid(&format!("Observation/measurement/{key}"));
                self.push(&url, o);
            }
        }
        for v in plan.changes.iter().flat_map(|c| &c.values) {
            if let Some(key) = v.field.strip_prefix("measurements.") {
                if let Some(o) = self.measurement(key, &v.from, &v.from_date.to_string()) {
                    let url = self.ids.uuid(&format!("Observation/previous/{key}"));
                    self.push(&url, o);
                }
            }
        }
    }

    /// One measurement as an Observation, coded from the content (LOINC, NPU) and by its key,
    /// a number as a Quantity in its UCUM unit.
    fn measurement(&self, key: &str, value: &Json, effective: &str) -> Option<Json> {
        let lang = self.lang;
        let def = self.content.measurements.get(key)?;
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
            "meta": profile(self.dk, "observation"),
            "status": "final",
            "category": [{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": category }] }],
            "code": { "coding": coding, "text": label },
            "subject": self.subject,
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
    }

    /// A score or level Observation under this project's score system.
    fn observation(
        &self,
        code: &str,
        display: String,
        value: (&str, Json),
        derived: Option<&String>,
    ) -> Json {
        let mut o = json!({
            "resourceType": "Observation",
            "meta": profile(self.dk, "observation"),
            "status": "final",
            "category": [{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey" }] }],
            "code": { "coding": [{ "system": "urn:pakkeforloeb:score", "code": code, "display": display }], "text": display },
            "subject": self.subject,
            "effectiveDateTime": self.date,
        });
        o[value.0] = value.1;
        if let Some(qr) = derived {
            o["derivedFrom"] = json!([{ "reference": qr }]);
        }
        o
    }

    /// An Observation per score, derived from its QuestionnaireResponse; at a re-assessment
    /// also the previous value of each instrument score that moved, on its own date, beside
    /// the score of today (same code), as for the measurements.
    fn score_observations(&mut self, responses: &BTreeMap<String, String>) {
        let (plan, content) = (self.plan, self.content);
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
                let url = self.ids.uuid(&format!("Observation/{code}"));
                let o = self.observation(&code, code.clone(), v, responses.get(score));
                self.push(&url, o);
            }
        }
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
            let mut o = self.observation(&code, code.clone(), value, None);
            o["effectiveDateTime"] = json!(v.from_date.to_string());
            let url = self.ids.uuid(&format!("Observation/previous/{code}"));
            self.push(&url, o);
        }
    }

    /// An Observation per pathway's level, with the GP's override and its reason as a note.
    fn level_observations(&mut self) {
        let (plan, lang) = (self.plan, self.lang);
        for (pathway, level) in &plan.differentiation.by_pathway {
            let code = format!("differentiation.{pathway}");
            let url = self.ids.uuid(&format!("Observation/{code}"));
            let display = FhirPhrase::LevelObservation { pathway }.text(lang);
            let mut o = self.observation(&code, display, ("valueInteger", json!(level)), None);
            if let Some(ov) = plan
                .differentiation
                .overrides
                .iter()
                .find(|o| &o.pathway == pathway)
            {
                let text = FhirPhrase::LevelOverridden {
                    proposed: ov.proposed,
                    level: ov.level,
                    reason: &ov.reason,
                }
                .text(lang);
                o["note"] = json!([{ "text": text }]);
            }
            self.push(&url, o);
        }
    }

    /// The safety gates first: each as a DetectedIssue (with the GP's decision as its
    /// mitigation) and its required action as a CarePlan activity.
    fn gates(&mut self, conditions: &[Json]) {
        let plan = self.plan;
        for g in &plan.gates {
            let url = self.ids.uuid(&format!("DetectedIssue/{}", g.id));
            let implicated: Vec<Json> = match &g.pathway {
                Some(p) => plan
                    .pathways
                    .iter()
                    .position(|x| x == p)
                    .and_then(|i| conditions.get(i).cloned())
                    .into_iter()
                    .collect(),
                None => conditions.to_vec(),
            };
            let mut issue = json!({
                "resourceType": "DetectedIssue",
                "status": if g.state == GateState::Pending { "preliminary" } else { "final" },
                "code": { "coding": [{ "system": "urn:pakkeforloeb:gate", "code": g.id }], "text": g.kind.as_str() },
                "severity": if g.kind == GateKind::Acute { "high" } else { "moderate" },
                "patient": self.subject,
                "identifiedDateTime": self.date,
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
                issue["mitigation"] = json!([{ "action": action, "date": self.date }]);
            }
            self.push(&url, issue);
            let status = match g.state {
                GateState::Open => "not-started",
                GateState::Pending => "on-hold",
                GateState::Handled => "completed",
                GateState::Overridden => "cancelled",
            };
            self.activities.push(json!({ "detail": {
                "code": { "coding": [{ "system": "urn:pakkeforloeb:gate", "code": g.id }], "text": g.action },
                "status": status,
                "description": g.action,
            }}));
        }
    }

    /// A ServiceRequest per intervention: on hold while a gate holds it, an order once the GP
    /// confirmed the plan (a draft proposal before), revoked with the reason when the GP took
    /// it out.
    fn requests(&mut self, conditions: &[Json]) {
        let plan = self.plan;
        for h in &plan.held_interventions {
            let url = self.ids.uuid(&format!("ServiceRequest/{}", h.id));
            let request = json!({
                "resourceType": "ServiceRequest",
                "status": "on-hold",
                "intent": "proposal",
                "code": { "coding": [{ "system": "urn:pakkeforloeb:intervention", "code": h.id, "display": h.title }], "text": h.title },
                "subject": self.subject,
                "authoredOn": self.date,
                "reasonReference": conditions,
                "note": [{ "text": format!("urn:pakkeforloeb:gate {}", h.gate) }],
            });
            self.push(&url, request);
            self.activities
                .push(json!({ "reference": { "reference": url } }));
        }
        for i in &plan.interventions {
            let url = self.ids.uuid(&format!("ServiceRequest/{}", i.id));
            let request = self.request(i, conditions);
            self.push(&url, request);
            self.activities
                .push(json!({ "reference": { "reference": url } }));
        }
        // What the GP took out of the proposal, with the reason: revoked, not dropped.
        for r in &plan.removed_interventions {
            let url = self.ids.uuid(&format!("ServiceRequest/removed/{}", r.id));
            let title = self
                .content
                .catalogue
                .get(&r.id)
                .map_or(r.id.as_str(), |c| c.title.get(self.lang));
            let note = FhirPhrase::TakenOut { reason: &r.reason }.text(self.lang);
            let request = json!({
                "resourceType": "ServiceRequest",
                "status": "revoked",
                "intent": "proposal",
                "code": { "coding": [{ "system": "urn:pakkeforloeb:intervention", "code": r.id, "display": title }], "text": title },
                "subject": self.subject,
                "authoredOn": self.date,
                "reasonReference": conditions,
                "note": [{ "text": note }],
            });
            self.push(&url, request);
        }
    }

    /// One planned intervention as a ServiceRequest.
    fn request(&self, i: &crate::engine::plan::Intervention, conditions: &[Json]) -> Json {
        let text = match &i.fsiii {
            Some(f) => format!("{} (FSIII: {f})", i.title),
            None => i.title.clone(),
        };
        let mut coding = self
            .content
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
            "subject": self.subject,
            "authoredOn": self.date,
            "performerType": { "coding": [{ "system": "urn:pakkeforloeb:provider", "code": i.provider.as_str() }] },
            "reasonReference": conditions,
        });
        if let Some(by) = i.start_by {
            sr["occurrencePeriod"] = json!({ "start": self.date, "end": by.to_string() });
        }
        // A referral is an order only once the GP confirmed the plan, and an offer waiting
        // for the patient's yes is not sent yet: until then a draft proposal (without a period
        // while it waits).
        if i.awaiting_acceptance || !self.plan.confirmed {
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
        sr
    }

    /// A scheduled CarePlan activity per follow-up.
    fn follow_ups(&mut self) {
        for f in &self.plan.follow_up {
            self.activities.push(json!({ "detail": {
                "code": { "coding": [{ "system": "urn:pakkeforloeb:follow-up", "code": f.id }], "text": f.id },
                "status": "scheduled",
                "scheduledPeriod": { "start": f.due.to_string() },
            }}));
        }
    }

    /// A Goal per patient goal (expressed by the patient) and per clinical goal; the
    /// references to them.
    fn goals(&mut self, conditions: &[Json]) -> Vec<Json> {
        let plan = self.plan;
        let mut goals = Vec::new();
        for (n, g) in plan.goals.patient.iter().enumerate() {
            let url = self.ids.uuid(&format!("Goal/patient/{n}"));
            let goal = json!({
                "resourceType": "Goal",
                "lifecycleStatus": "active",
                "category": [{ "text": "patient" }],
                "description": { "text": g },
                "subject": self.subject,
                "expressedBy": self.subject,
            });
            self.push(&url, goal);
            goals.push(json!({ "reference": url }));
        }
        for g in &plan.goals.clinical {
            let url = self.ids.uuid(&format!("Goal/clinical/{}", g.id));
            let mut goal = json!({
                "resourceType": "Goal",
                // An exercise goal that waits for a safety gate is on hold until it is cleared.
                "lifecycleStatus": if g.waits_for.is_some() { "on-hold" } else { "proposed" },
                "category": [{ "text": "clinical" }],
                "description": { "text": g.text },
                "subject": self.subject,
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
            self.push(&url, goal);
            goals.push(json!({ "reference": url }));
        }
        goals
    }

    /// The CarePlan tying the conditions, goals and activities together. A plan the gates
    /// hold back is not an active plan: on hold while a pathway acts first or waits, revoked
    /// when every pathway is outside the target group.
    fn care_plan(&mut self, conditions: &[Json], goals: Vec<Json>) {
        let (plan, lang) = (self.plan, self.lang);
        let url = self.ids.uuid("CarePlan");
        let title = FhirPhrase::CarePlanTitle.text(lang);
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
        let description = FhirPhrase::CarePlanDescription {
            status: plan.status.as_str(),
            level: &level,
        }
        .text(lang);
        let mut careplan = json!({
            "resourceType": "CarePlan",
            "status": status,
            "intent": "plan",
            "title": title,
            "description": description,
            "subject": self.subject,
            "period": { "start": self.date },
            "created": self.date,
            "addresses": conditions,
            "goal": goals,
        });
        let activities = std::mem::take(&mut self.activities);
        if !activities.is_empty() {
            careplan["activity"] = Json::Array(activities);
        }
        self.push(&url, careplan);
    }

    /// Who made the Bundle from what: the engine version and the hash of every content file
    /// (and of a regional pack). `recorded` is the assessment date: the engine reads no clock.
    fn provenance(&mut self) {
        let plan = self.plan;
        let targets: Vec<Json> = self
            .entries
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
        let url = self.ids.uuid("Provenance");
        let provenance = json!({
            "resourceType": "Provenance",
            "target": targets,
            "recorded": format!("{}T00:00:00Z", self.date),
            "agent": [{
                "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "assembler" }] },
                "who": { "display": format!("pakkeforloeb {}", plan.engine_version) },
            }],
            "entity": sources,
        });
        self.push(&url, provenance);
    }
}
