//! Any bytes as a FHIR Bundle from a record: a prefill and a report, or an error naming the
//! field, never a panic. What the prefill holds is accounted for in the report, and it is a
//! document the input parser reads.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pakkeforloeb::engine::fhir::import::{input_from_fhir, Options};
use pakkeforloeb::engine::{Content, Input};

fn content() -> &'static Content {
    static C: OnceLock<Content> = OnceLock::new();
    C.get_or_init(|| Content::builtin().expect("built-in content"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(bundle) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let options = Options {
        assessment_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 10),
        pathways: None,
    };
    let Ok(got) = input_from_fhir(&bundle, content(), &options) else {
        return;
    };
    for n in &got.report.not_mapped {
        assert!(!n.detail.is_empty(), "a reason without words: {n:?}");
    }
    // Every measurement in the prefill was reported as taken.
    if let Some(m) = got.input.get("measurements").and_then(|m| m.as_object()) {
        for key in m.keys() {
            let field = format!("measurements.{key}");
            assert!(
                got.report.mapped.iter().any(|x| x.field == field),
                "{field} in the prefill but not in the report"
            );
        }
    }
    // The prefill, given a diagnosis date, is a document the input parser reads; checking it
    // never panics.
    let mut doc = got.input.clone();
    if doc.get("diagnosis_date").is_none() {
        doc["diagnosis_date"] = serde_json::json!("2027-03-01");
    }
    if doc.get("pathways").is_none() {
        doc["pathways"] = serde_json::json!([]);
    }
    let input = Input::from_json_value(&doc).expect("the prefill parses as an input");
    let _ = input.check(content());
});
