//! From the record to a prefill: a FHIR R4 Bundle of Observations, Conditions,
//! MedicationStatements, QuestionnaireResponses, Goals and the Patient becomes the parts of an
//! input (`pakkeforloeb/input@1`) it can fill, with a report of what was taken and what was not,
//! and why.
//!
//! The codes are the content's (each with its source): a measurement by its LOINC or NPU code
//! or this project's key, a pathway by the ICPC-2 or SKS code of its index disease (an ICD-10
//! code counts as the SKS code with a leading D). Nothing is guessed: a value in another unit,
//! outside the measurement's range, not final, or dated after the assessment is not taken; of
//! several values the newest is; a disease the record calls refuted or resolved starts no
//! pathway; no MedicationStatement means the number of drugs stays unknown, never zero. The
//! GP's own decisions (levels, interventions, gates) are not read back: the GP makes them in the
//! widget.
//!
//! Over 600 lines: one reader per kind of resource over one report, each with the checks that
//! keep a value out (unit, range, status, date); the reasons a value is not taken are read side
//! by side here, and split across files they would drift.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Map, Value as Json};

use super::{MEASUREMENT_SYSTEM, NONE_CODE, PATHWAY_SYSTEM, QUESTIONNAIRE_PREFIX};
use crate::engine::content::{CodeSystem, CodingDef, Content, MeasurementKind, PATHWAY_IDS};

/// What the import made of a Bundle: the prefill and the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The prefill: an input@1 object with what the Bundle gave (no assessment date unless the
    /// caller passed one).
    pub input: Json,
    /// What was taken and what was not.
    pub report: Report,
}

/// The mapping report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Each input field filled, from which resource.
    pub mapped: Vec<Mapped>,
    /// Each resource or value not taken, with the reason.
    pub not_mapped: Vec<NotMapped>,
}

/// A field the import filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapped {
    /// The input field (`measurements.hba1c_mmol_mol`, `pathways`, `diagnosis_date`).
    pub field: String,
    /// The resource it came from (its `fullUrl`, or `Type/id`; for the number of drugs, every
    /// statement counted, comma-separated).
    pub from: String,
    /// The value put in the prefill.
    pub value: Json,
    /// The date of the value in the record, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A remark (a disease the record has not confirmed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why something was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Why {
    /// A resource type the import does not read.
    NotRead,
    /// No code the content knows.
    UnknownCode,
    /// Not current: entered in error, cancelled, refuted, resolved, stopped, not final.
    NotCurrent,
    /// A unit other than the measurement's.
    WrongUnit,
    /// Outside the measurement's range, or not a whole number where one is needed.
    OutOfRange,
    /// No value.
    NoValue,
    /// An older value of a field a newer one filled.
    Older,
    /// Dated after the assessment.
    AfterAssessment,
    /// The record disagrees with itself (different onset dates).
    Conflict,
    /// Worked out again from the answers (a score, a level).
    Derived,
    /// Needs the assessment date (an age from a birth date).
    NeedsDate,
    /// Not asked in the pathways of the prefill (the input would refuse it).
    NotAsked,
}

/// Something not taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotMapped {
    /// The resource (its `fullUrl`, or `Type/id`).
    pub from: String,
    /// Why.
    pub reason: Why,
    /// In words, for the integrator.
    pub detail: String,
}

/// The Bundle is not one: it names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotABundle(pub String);

impl std::fmt::Display for NotABundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A value found for a field, before the newest is chosen.
struct Found {
    value: Json,
    from: String,
    date: Option<String>,
}

/// What the caller knows beside the Bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The assessment date: put in the prefill, turns a birth date into an age, and refuses
    /// values dated after it.
    pub assessment_date: Option<NaiveDate>,
    /// The pathways the host has chosen; without them, the pathways the record's diagnoses give.
    /// Values none of them asks are left out (and reported), as the input would refuse them.
    pub pathways: Option<Vec<String>>,
}

/// Reads the parts of an input a Bundle gives.
///
/// # Errors
/// When `bundle` is not a FHIR Bundle (the message names the field).
pub fn input_from_fhir(
    bundle: &Json,
    content: &Content,
    options: &Options,
) -> Result<Imported, NotABundle> {
    let assessment_date = options.assessment_date;
    if bundle.get("resourceType").and_then(Json::as_str) != Some("Bundle") {
        return Err(NotABundle("$.resourceType: expected \"Bundle\"".into()));
    }
    let entries = match bundle.get("entry") {
        None => &[][..],
        Some(Json::Array(a)) => a.as_slice(),
        Some(_) => return Err(NotABundle("$.entry: expected a list".into())),
    };
    let mut r = Reader {
        content,
        date: assessment_date,
        report: Report::default(),
        measurements: BTreeMap::new(),
        pathways: Vec::new(),
        onsets: Vec::new(),
        medications: Vec::new(),
        medication_seen: None,
        counted: Vec::new(),
        instruments: BTreeMap::new(),
        goals: Vec::new(),
        patient: Map::new(),
        totals: Vec::new(),
        chosen: options.pathways.clone(),
    };
    for (i, e) in entries.iter().enumerate() {
        let Some(res) = e.get("resource").filter(|r| r.is_object()) else {
            r.skip(
                format!("$.entry[{i}]"),
                Why::NoValue,
                "an entry without a resource",
            );
            continue;
        };
        let ty = res.get("resourceType").and_then(Json::as_str).unwrap_or("");
        let from = e
            .get("fullUrl")
            .and_then(Json::as_str)
            .map(str::to_owned)
            .or_else(|| {
                res.get("id")
                    .and_then(Json::as_str)
                    .map(|id| format!("{ty}/{id}"))
            })
            .unwrap_or_else(|| format!("$.entry[{i}]"));
        match ty {
            "Observation" => r.observation(res, from),
            "Condition" => r.condition(res, from),
            "MedicationStatement" => r.medication(res, from),
            "QuestionnaireResponse" => r.questionnaire(res, from),
            "Patient" => r.patient(res, from),
            "Goal" => r.goal(res, from),
            _ => r.skip(
                from,
                Why::NotRead,
                format!("{ty} is not read: the GP's decisions are made in the widget"),
            ),
        }
    }
    Ok(r.finish())
}

struct Reader<'a> {
    content: &'a Content,
    date: Option<NaiveDate>,
    report: Report,
    measurements: BTreeMap<String, Vec<Found>>,
    pathways: Vec<(String, String, Option<String>)>,
    onsets: Vec<(String, String)>,
    medications: Vec<String>,
    medication_seen: Option<String>,
    counted: Vec<String>,
    instruments: BTreeMap<String, Found>,
    goals: Vec<Json>,
    patient: Map<String, Json>,
    totals: Vec<(String, i64, String)>,
    chosen: Option<Vec<String>>,
}

fn text<'j>(v: &'j Json, path: &[&str]) -> Option<&'j str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

/// `(system, code)` of every coding in a CodeableConcept.
fn codings(cc: Option<&Json>) -> Vec<(&str, &str)> {
    cc.and_then(|c| c.get("coding"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| Some((text(c, &["system"])?, text(c, &["code"])?)))
        .collect()
}

/// The first coding's code in a status CodeableConcept (its system is HL7's; a record that
/// leaves it out still means the same status).
fn status_code(v: &Json, field: &str) -> Option<String> {
    text(v.get(field)?.get("coding")?.get(0)?, &["code"]).map(str::to_owned)
}

/// A record's code matches a content code: the same system (any of its URIs) and code; SKS
/// codes and ICD-10 codes (read as SKS with a leading D) also match a more detailed code.
fn matches(def: &CodingDef, system: &str, code: &str) -> bool {
    let norm = |c: &str| c.replace('.', "").to_ascii_uppercase();
    match def.system {
        CodeSystem::SksD if system == "http://hl7.org/fhir/sid/icd-10" => {
            format!("D{}", norm(code)).starts_with(&norm(&def.code))
        }
        CodeSystem::SksD if def.system.aliases().contains(&system) => {
            norm(code).starts_with(&norm(&def.code))
        }
        _ => def.system.aliases().contains(&system) && norm(code) == norm(&def.code),
    }
}

/// A unit written as UCUM or as the GP reads it, made comparable.
fn unit_key(u: &str) -> String {
    u.chars()
        .filter(|c| !matches!(c, ' ' | '{' | '}' | '_'))
        .map(|c| match c {
            '²' => '2',
            ',' => '.',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The effective date of an Observation (or the date of a statement), as `YYYY-MM-DD…`.
fn effective(v: &Json) -> Option<String> {
    text(v, &["effectiveDateTime"])
        .or_else(|| text(v, &["effectivePeriod", "end"]))
        .or_else(|| text(v, &["effectivePeriod", "start"]))
        .or_else(|| text(v, &["effectiveInstant"]))
        .or_else(|| text(v, &["issued"]))
        .map(str::to_owned)
}

fn day(s: &str) -> Option<NaiveDate> {
    crate::engine::input::parse_date(s.get(..10)?).ok()
}

impl Reader<'_> {
    fn skip(&mut self, from: String, reason: Why, detail: impl Into<String>) {
        self.report.not_mapped.push(NotMapped {
            from,
            reason,
            detail: detail.into(),
        });
    }

    fn take(&mut self, field: String, from: String, value: Json, date: Option<String>) {
        self.report.mapped.push(Mapped {
            field,
            from,
            value,
            date,
            note: None,
        });
    }

    /// Dated after the assessment: not taken.
    fn too_late(&mut self, from: &str, date: Option<&String>) -> bool {
        let late = matches!((self.date, date.and_then(|d| day(d))), (Some(a), Some(d)) if d > a);
        if late {
            self.skip(
                from.to_owned(),
                Why::AfterAssessment,
                format!(
                    "dated {}, after the assessment date",
                    date.map_or("", String::as_str)
                ),
            );
        }
        late
    }

    fn observation(&mut self, o: &Json, from: String) {
        let code = o.get("code");
        let all = codings(code);
        if all
            .iter()
            .any(|(s, _)| s.starts_with("urn:pakkeforloeb:score"))
        {
            // A paper total comes back as the instrument's total; other scores are worked out
            // again from the answers.
            if let Some((_, c)) = all.iter().find(|(s, _)| *s == "urn:pakkeforloeb:score") {
                if let (Some(inst), Some(n)) = (
                    c.strip_suffix(".total"),
                    o.get("valueInteger").and_then(Json::as_i64),
                ) {
                    self.totals.push((inst.to_owned(), n, from.clone()));
                }
            }
            self.skip(
                from,
                Why::Derived,
                "a score or level: worked out again from the answers",
            );
            return;
        }
        let key = all.iter().find_map(|(s, c)| {
            if *s == MEASUREMENT_SYSTEM {
                return self
                    .content
                    .measurements
                    .contains_key(*c)
                    .then(|| (*c).to_owned());
            }
            self.content
                .measurements
                .iter()
                .find(|(_, m)| m.codes.iter().any(|d| matches(d, s, c)))
                .map(|(k, _)| k.clone())
        });
        let Some(key) = key else {
            let shown = text(o, &["code", "text"]).map_or_else(
                || {
                    all.first()
                        .map_or_else(String::new, |(s, c)| format!("{s}|{c}"))
                },
                str::to_owned,
            );
            self.skip(
                from,
                Why::UnknownCode,
                format!("no measurement has the code of '{shown}'"),
            );
            return;
        };
        let status = text(o, &["status"]).unwrap_or("");
        if !matches!(status, "final" | "amended" | "corrected") {
            self.skip(
                from,
                Why::NotCurrent,
                format!("{key}: status '{status}', not final"),
            );
            return;
        }
        let date = effective(o);
        if self.too_late(&from, date.as_ref()) {
            return;
        }
        match self.value(o, &key) {
            Ok(value) => {
                self.measurements
                    .entry(key)
                    .or_default()
                    .push(Found { value, from, date });
            }
            Err((why, detail)) => self.skip(from, why, format!("{key}: {detail}")),
        }
    }

    /// An Observation's value for measurement `key`, checked against its kind, unit and range.
    fn value(&self, o: &Json, key: &str) -> Result<Json, (Why, String)> {
        let def = &self.content.measurements[key];
        let coded = |cc: &Json| -> Option<String> {
            let system = format!("{MEASUREMENT_SYSTEM}:{key}");
            codings(Some(cc))
                .into_iter()
                .find(|(s, c)| {
                    *s == system && (*c == NONE_CODE || def.values.iter().any(|v| v.value == *c))
                })
                .map(|(_, c)| c.to_owned())
        };
        match def.kind {
            MeasurementKind::Number | MeasurementKind::Integer => {
                let (n, unit) = if let Some(q) = o.get("valueQuantity") {
                    let unit = text(q, &["code"]).or_else(|| text(q, &["unit"]));
                    (q.get("value").and_then(Json::as_f64), unit)
                } else {
                    (o.get("valueInteger").and_then(Json::as_f64), None)
                };
                let n = n.ok_or((Why::NoValue, "no numeric value".to_owned()))?;
                if let (Some(u), Some(want)) = (unit, def.ucum.as_deref()) {
                    let ok = unit_key(u) == unit_key(want)
                        || def
                            .unit
                            .as_deref()
                            .is_some_and(|d| unit_key(u) == unit_key(d));
                    if !ok {
                        return Err((Why::WrongUnit, format!("unit '{u}', expected '{want}'")));
                    }
                }
                let (lo, hi) = (def.min.unwrap_or(f64::MIN), def.max.unwrap_or(f64::MAX));
                if !(lo..=hi).contains(&n) {
                    return Err((Why::OutOfRange, format!("{n} is outside {lo}–{hi}")));
                }
                if def.kind == MeasurementKind::Integer {
                    if n.fract() != 0.0 {
                        return Err((Why::OutOfRange, format!("{n} is not a whole number")));
                    }
                    #[expect(
                        clippy::cast_possible_truncation,
                        reason = "a whole number within the measurement's range"
                    )]
                    return Ok(json!(n as i64));
                }
                Ok(json!(n))
            }
            MeasurementKind::Bool => o
                .get("valueBoolean")
                .filter(|b| b.is_boolean())
                .cloned()
                .ok_or((Why::NoValue, "no yes/no value".to_owned())),
            MeasurementKind::Code => o
                .get("valueCodeableConcept")
                .and_then(coded)
                .filter(|c| c != NONE_CODE)
                .map(Json::String)
                .ok_or((Why::UnknownCode, "no answer the content knows".to_owned())),
            MeasurementKind::Codes => {
                if let Some(c) = o.get("valueCodeableConcept").and_then(coded) {
                    return if c == NONE_CODE {
                        Ok(json!([]))
                    } else {
                        Ok(json!([c]))
                    };
                }
                let list: Vec<Json> = o
                    .get("component")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.get("valueCodeableConcept").and_then(coded))
                    .filter(|c| c != NONE_CODE)
                    .map(Json::String)
                    .collect();
                if list.is_empty() {
                    return Err((Why::NoValue, "no answer the content knows".to_owned()));
                }
                Ok(Json::Array(list))
            }
        }
    }

    fn condition(&mut self, c: &Json, from: String) {
        let clinical = status_code(c, "clinicalStatus");
        let verification = status_code(c, "verificationStatus");
        if matches!(
            clinical.as_deref(),
            Some("inactive" | "remission" | "resolved")
        ) || matches!(
            verification.as_deref(),
            Some("refuted" | "entered-in-error")
        ) {
            self.skip(
                from,
                Why::NotCurrent,
                format!(
                    "clinical status '{}', verification '{}'",
                    clinical.unwrap_or_default(),
                    verification.unwrap_or_default()
                ),
            );
            return;
        }
        let all = codings(c.get("code"));
        let content = self.content;
        let mut hit = None;
        for (s, code) in &all {
            if *s == PATHWAY_SYSTEM && content.pathways.contains_key(*code) {
                hit = Some(((*code).to_owned(), None));
                break;
            }
            if let Some((id, _)) = content
                .pathways
                .iter()
                .find(|(_, p)| p.codes.iter().any(|d| matches(d, s, code)))
            {
                hit = Some((id.clone(), None));
                break;
            }
            // A heart condition's code names both the pathway and the condition.
            for (key, m) in &content.measurements {
                for v in &m.values {
                    if v.codes.iter().any(|d| matches(d, s, code)) {
                        let owner = content
                            .pathways
                            .iter()
                            .find(|(_, p)| p.measurements.contains(key))
                            .map(|(id, _)| id.clone());
                        if let Some(p) = owner {
                            hit = Some((p, Some((key.clone(), v.value.clone()))));
                        }
                    }
                }
            }
            if hit.is_some() {
                break;
            }
        }
        let Some((pathway, answer)) = hit else {
            let shown = text(c, &["code", "text"]).unwrap_or("");
            self.skip(
                from,
                Why::UnknownCode,
                format!("no pathway for the diagnosis '{shown}'"),
            );
            return;
        };
        let note = match verification.as_deref() {
            Some(v @ ("provisional" | "unconfirmed" | "differential")) => {
                Some(format!("the record calls the diagnosis {v}: confirm it"))
            }
            _ => None,
        };
        if let Some(onset) = text(c, &["onsetDateTime"]).and_then(|d| d.get(..10)) {
            self.onsets.push((onset.to_owned(), from.clone()));
        }
        if let Some((key, value)) = answer {
            self.measurements.entry(key).or_default().push(Found {
                value: Json::String(value),
                from: from.clone(),
                date: text(c, &["recordedDate"]).map(str::to_owned),
            });
        }
        self.pathways.push((pathway, from, note));
    }

    fn medication(&mut self, m: &Json, from: String) {
        self.medication_seen.get_or_insert_with(|| from.clone());
        let status = text(m, &["status"]).unwrap_or("");
        if status != "active" {
            self.skip(
                from,
                Why::NotCurrent,
                format!("status '{status}': not counted"),
            );
            return;
        }
        let what = codings(m.get("medicationCodeableConcept"))
            .first()
            .map(|(s, c)| format!("{s}|{c}"))
            .or_else(|| {
                text(m, &["medicationCodeableConcept", "text"]).map(str::to_ascii_lowercase)
            })
            .or_else(|| text(m, &["medicationReference", "reference"]).map(str::to_owned))
            .unwrap_or_else(|| from.clone());
        self.counted.push(from);
        if !self.medications.contains(&what) {
            self.medications.push(what);
        }
    }

    fn questionnaire(&mut self, q: &Json, from: String) {
        let id = text(q, &["questionnaire"]).and_then(|u| u.strip_prefix(QUESTIONNAIRE_PREFIX));
        let Some(def) = id.and_then(|id| self.content.instruments.get(id)) else {
            self.skip(
                from,
                Why::UnknownCode,
                "not one of the widget's instruments",
            );
            return;
        };
        let id = id.unwrap_or_default().to_owned();
        let date = text(q, &["authored"]).map(str::to_owned);
        if self.too_late(&from, date.as_ref()) {
            return;
        }
        let mut answers = vec![Json::Null; def.items.len()];
        for item in q.get("item").and_then(Json::as_array).into_iter().flatten() {
            let n = text(item, &["linkId"]).and_then(|l| l.parse::<usize>().ok());
            let v = item
                .get("answer")
                .and_then(|a| a.get(0))
                .and_then(|a| a.get("valueInteger"));
            if let (Some(n), Some(v)) = (n, v) {
                if let Some(slot) = n.checked_sub(1).and_then(|i| answers.get_mut(i)) {
                    *slot = v.clone();
                }
            }
        }
        if answers.iter().all(Json::is_null) {
            self.skip(from, Why::NoValue, format!("{id}: no answers"));
            return;
        }
        let value = Json::Array(answers);
        self.instruments.insert(id, Found { value, from, date });
    }

    fn patient(&mut self, p: &Json, from: String) {
        if let Some(sex @ ("female" | "male" | "other")) = text(p, &["gender"]) {
            self.patient.insert("sex".into(), json!(sex));
            self.take("patient.sex".into(), from.clone(), json!(sex), None);
        }
        if let Some(born) = text(p, &["birthDate"]).and_then(day) {
            match self.date.and_then(|d| d.years_since(born)) {
                Some(age) => {
                    self.patient.insert("age".into(), json!(age));
                    self.take("patient.age".into(), from, json!(age), None);
                }
                None => self.skip(from, Why::NeedsDate, "an age needs the assessment date"),
            }
        }
    }

    fn goal(&mut self, g: &Json, from: String) {
        let patient = g
            .get("category")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .any(|c| text(c, &["text"]) == Some("patient"));
        match text(g, &["description", "text"]) {
            Some(t) if patient && !t.trim().is_empty() => {
                self.take("patient_goals".into(), from, json!(t), None);
                self.goals.push(json!(t));
            }
            _ => self.skip(
                from,
                Why::Derived,
                "a clinical goal: proposed again from the content",
            ),
        }
    }

    #[expect(
        clippy::too_many_lines,
        reason = "the input@1 fields in the contract's order, each from what was read"
    )]
    fn finish(mut self) -> Imported {
        let mut input = Map::new();
        input.insert("schema".into(), json!("pakkeforloeb/input@1"));
        // Pathways in their start order, each once; the host's choice, when it made one, wins.
        let mut pathways: Vec<String> = Vec::new();
        for id in PATHWAY_IDS {
            if let Some((_, from, note)) = self.pathways.iter().find(|(p, _, _)| p == id) {
                let chosen = self
                    .chosen
                    .as_ref()
                    .is_none_or(|c| c.iter().any(|x| x == id));
                if !chosen {
                    self.skip(
                        from.clone(),
                        Why::NotAsked,
                        format!("{id}: the host chose other pathways"),
                    );
                    continue;
                }
                pathways.push(id.to_owned());
                self.report.mapped.push(Mapped {
                    field: "pathways".into(),
                    from: from.clone(),
                    value: json!(id),
                    date: None,
                    note: note.clone(),
                });
            }
        }
        if let Some(c) = self.chosen.take() {
            pathways = c;
        }
        // What none of these pathways asks stays out: the input would refuse it.
        let content = self.content;
        let known: Vec<_> = pathways
            .iter()
            .filter_map(|p| content.pathways.get(p))
            .collect();
        let asks_measurement = |id: &str| {
            known.is_empty() || known.iter().any(|p| p.measurements.iter().any(|m| m == id))
        };
        let asks_instrument = |id: &str| {
            known.is_empty() || known.iter().any(|p| p.instruments.iter().any(|m| m == id))
        };
        let list = pathways.join(", ");
        let mut refused = Vec::new();
        self.measurements.retain(|key, found| {
            let keep = asks_measurement(key);
            if !keep {
                refused.extend(
                    found
                        .drain(..)
                        .map(|f| (f.from, format!("{key}: not asked in {list}"))),
                );
            }
            keep
        });
        self.instruments.retain(|id, found| {
            let keep = asks_instrument(id);
            if !keep {
                refused.push((found.from.clone(), format!("{id}: not asked in {list}")));
            }
            keep
        });
        self.totals.retain(|(id, _, from)| {
            let keep = asks_instrument(id);
            if !keep {
                refused.push((from.clone(), format!("{id}: not asked in {list}")));
            }
            keep
        });
        let meds_asked = asks_measurement("medications_count");
        if !meds_asked {
            if let Some(from) = self.medication_seen.take() {
                refused.push((from, format!("medications_count: not asked in {list}")));
            }
        }
        for (from, detail) in refused {
            self.skip(from, Why::NotAsked, detail);
        }
        if !pathways.is_empty() {
            input.insert("pathways".into(), json!(pathways));
        }
        if let Some(d) = self.date {
            input.insert("assessment_date".into(), json!(d.to_string()));
        }
        // A diagnosis date only when the record's onsets agree.
        let first = self.onsets.first().map(|(d, _)| d.clone());
        let agree = self.onsets.iter().all(|(d, _)| Some(d) == first.as_ref());
        match first {
            None => {}
            Some(one) if agree && day(&one).is_some() => {
                let (d, from) = self.onsets[0].clone();
                input.insert("diagnosis_date".into(), json!(d));
                self.take("diagnosis_date".into(), from, json!(d), None);
            }
            _ => {
                let all: Vec<String> = self.onsets.iter().map(|(d, _)| d.clone()).collect();
                let from = self.onsets[0].1.clone();
                self.skip(
                    from,
                    Why::Conflict,
                    format!(
                        "onset dates differ ({}): the GP enters the diagnosis date",
                        all.join(", ")
                    ),
                );
            }
        }
        if !self.patient.is_empty() {
            input.insert(
                "patient".into(),
                Json::Object(std::mem::take(&mut self.patient)),
            );
        }
        // A paper total stands in for an instrument only when its answers are not there.
        for (inst, n, from) in std::mem::take(&mut self.totals) {
            let paper = self
                .content
                .instruments
                .get(&inst)
                .is_some_and(|d| d.total_entry);
            if paper && !self.instruments.contains_key(&inst) {
                let totals = input
                    .entry("instrument_totals")
                    .or_insert_with(|| json!({}));
                totals[&inst] = json!(n);
                self.take(format!("instrument_totals.{inst}"), from, json!(n), None);
            }
        }
        if !self.instruments.is_empty() {
            let mut answers = Map::new();
            for (id, f) in std::mem::take(&mut self.instruments) {
                answers.insert(id.clone(), f.value.clone());
                self.take(format!("instruments.{id}"), f.from, f.value, f.date);
            }
            input.insert("instruments".into(), Json::Object(answers));
        }
        let mut measurements = Map::new();
        for (key, mut found) in std::mem::take(&mut self.measurements) {
            // The newest (the first of equals); undated values count as oldest. One pass: a
            // record may hold many values of one measurement.
            let mut best = 0;
            for (i, f) in found.iter().enumerate() {
                if f.date > found[best].date {
                    best = i;
                }
            }
            let newest = found.swap_remove(best);
            for older in found {
                self.skip(
                    older.from,
                    Why::Older,
                    format!("{key}: a newer value was taken"),
                );
            }
            measurements.insert(key.clone(), newest.value.clone());
            self.take(
                format!("measurements.{key}"),
                newest.from,
                newest.value,
                newest.date,
            );
        }
        if let Some(first) = self.medication_seen.take() {
            let n = self.medications.len();
            // Counted from every active statement (a drug listed twice counts once).
            let from = if self.counted.is_empty() {
                first
            } else {
                self.counted.join(", ")
            };
            measurements.insert("medications_count".into(), json!(n));
            self.take(
                "measurements.medications_count".into(),
                from,
                json!(n),
                None,
            );
        }
        if !measurements.is_empty() {
            input.insert("measurements".into(), Json::Object(measurements));
        }
        if !self.goals.is_empty() {
            input.insert(
                "patient_goals".into(),
                Json::Array(std::mem::take(&mut self.goals)),
            );
        }
        Imported {
            input: Json::Object(input),
            report: self.report,
        }
    }
}
