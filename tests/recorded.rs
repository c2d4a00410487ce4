//! Every example's plan, byte for byte, as recorded: the guard of a refactor ("plans
//! byte-identical before and after"). For every example patient and every golden scenario, in
//! Danish and in English, this records a digest of the plan JSON, of its FHIR export and of the
//! follow-up plan a year later (or of the error list, for an input the engine refuses), and
//! compares it with `tests/fixtures/recorded-plans.json`.
//!
//! A change that is meant to change plans re-records them
//! (`PF_RECORD=1 cargo test --test recorded`) and says in the changelog what changed and why;
//! a refactor never re-records.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeMap;

use pakkeforloeb::engine::fhir::{plan_to_fhir, PatientIdentifier};
use pakkeforloeb::engine::previous::compute_follow_up_plan_json;
use pakkeforloeb::engine::text::sha256_hex;
use pakkeforloeb::engine::{compute_plan_json, Content};
use serde_json::{json, Value};

const RECORD: &str = "tests/fixtures/recorded-plans.json";

/// The inputs of every example patient and every golden scenario, by file.
fn every_input() -> Vec<(String, Value)> {
    let mut dirs = vec!["public/examples".to_owned()];
    for d in std::fs::read_dir("tests/scenarios").unwrap() {
        dirs.push(d.unwrap().path().display().to_string());
    }
    let mut out = Vec::new();
    for dir in dirs {
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            out.push((f.display().to_string(), doc["input"].clone()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What the engine makes of one input: the plan, its FHIR export and the follow-up a year
/// later, or the errors.
fn outputs(content: &Content, input: &Value) -> Value {
    let text = input.to_string();
    let plan = match compute_plan_json(content, &text) {
        Ok(p) => p,
        Err(e) => return json!({ "errors": sha256_hex(e.to_string().as_bytes()) }),
    };
    let plan_json = plan.to_json_pretty();
    let patient = PatientIdentifier {
        system: "urn:oid:1.2.208.176.1.2".to_owned(),
        value: "0101010101".to_owned(),
    };
    let fhir = plan_to_fhir(&plan, content, Some(&patient)).to_string();
    let mut next = input.clone();
    if let Some(date) = input["assessment_date"].as_str() {
        let year: i32 = date[..4].parse().unwrap();
        next["assessment_date"] = json!(format!("{}{}", year + 1, &date[4..]));
    }
    next["phase"] = json!("vedvarende");
    let follow_up = match compute_follow_up_plan_json(content, &next.to_string(), &plan_json) {
        Ok(p) => sha256_hex(p.to_json_pretty().as_bytes()),
        Err(e) => format!("errors {}", sha256_hex(e.to_string().as_bytes())),
    };
    json!({
        "plan": sha256_hex(plan_json.as_bytes()),
        "fhir": sha256_hex(fhir.as_bytes()),
        "follow_up": follow_up,
    })
}

#[test]
fn every_examples_plan_is_byte_identical_to_the_recorded_one() {
    let content = Content::builtin().unwrap();
    let mut now = BTreeMap::new();
    for (name, input) in every_input() {
        for lang in ["da", "en"] {
            let mut i = input.clone();
            i["language"] = json!(lang);
            now.insert(format!("{name} {lang}"), outputs(&content, &i));
        }
    }
    assert!(now.len() >= 100, "only {} inputs", now.len());
    let planned = now.values().filter(|v| v.get("plan").is_some()).count();
    assert!(planned * 2 > now.len(), "most inputs must plan: {planned}");
    if std::env::var_os("PF_RECORD").is_some() {
        let text = serde_json::to_string_pretty(&now).unwrap() + "\n";
        std::fs::write(RECORD, text).unwrap();
        return;
    }
    let recorded: BTreeMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(RECORD).unwrap()).unwrap();
    let differ: Vec<_> = now
        .iter()
        .filter(|(k, v)| recorded.get(*k) != Some(v))
        .map(|(k, _)| k.as_str())
        .collect();
    let gone: Vec<_> = recorded.keys().filter(|k| !now.contains_key(*k)).collect();
    assert!(
        differ.is_empty() && gone.is_empty(),
        "plans differ from the recorded ones for {differ:?}; no longer planned: {gone:?}. \
         Re-record (PF_RECORD=1) only for a change meant to change plans, and say why in the \
         changelog."
    );
}
