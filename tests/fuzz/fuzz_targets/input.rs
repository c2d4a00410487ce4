//! Any bytes as an assessment input (and as a previous plan): a plan or an error naming a
//! field, never a panic. Checks the invariants an integrator relies on when a plan comes out.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pakkeforloeb::engine::previous::compute_follow_up_plan_json;
use pakkeforloeb::engine::{compute_plan_json, located, Content};

fn content() -> &'static Content {
    static C: OnceLock<Content> = OnceLock::new();
    C.get_or_init(|| Content::builtin().expect("built-in content"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match compute_plan_json(content(), text) {
        Ok(plan) => {
            // Deterministic, and every municipal offer starts within its deadline: 21 days from
            // the assessment, or from the patient's yes; one that waits for the yes has no date.
            let again = compute_plan_json(content(), text).expect("same input, same result");
            assert_eq!(plan.to_json_pretty(), again.to_json_pretty());
            for i in plan
                .interventions
                .iter()
                .filter(|i| i.provider == pakkeforloeb::engine::content::Provider::Kommune)
            {
                assert_eq!(i.start_by.is_none(), i.awaiting_acceptance, "{}", i.id);
                let Some(by) = i.start_by else {
                    continue;
                };
                let from = i.accepted_on.unwrap_or(plan.assessment_date);
                assert!((by - from).num_days() <= 21, "{}", i.id);
            }
            // A pathway a safety gate holds back has no level and proposes nothing.
            for (p, status) in &plan.status_by_pathway {
                let klar = status.as_str() == "klar";
                assert_eq!(plan.differentiation.by_pathway.contains_key(p), klar, "{p}");
                assert!(klar || plan.interventions.iter().all(|i| !i.pathways.contains(p)));
            }
            // The plan reads back as a previous plan.
            let json = plan.to_json_pretty();
            let _ = compute_follow_up_plan_json(content(), text, &json);
        }
        Err(errors) => {
            for e in &errors.0 {
                assert!(!e.message().is_empty(), "an error without a message: {e:?}");
            }
        }
    }
    // The widget's partial check: every error names a field, and the valid part it keeps is
    // valid on its own (planning from it never fails on the input).
    if let Ok(input) = pakkeforloeb::engine::Input::from_json_str(text) {
        let checked = input.check(content());
        // The partial check names a field for every problem (never the whole document).
        for e in &checked.errors {
            assert!(
                !e.field.steps().is_empty(),
                "an error without a field: {e:?}"
            );
        }
        if let Some(valid) = checked.input.complete() {
            if valid.phase == pakkeforloeb::engine::content::Phase::Trin1 {
                pakkeforloeb::engine::compute_plan(content(), &valid)
                    .expect("the valid part plans");
            }
        }
    }
    // The text as a previous plan, beside a valid input.
    let input = r#"{"schema":"pakkeforloeb/input@1","pathways":["kol"],"diagnosis_date":"2027-03-01","assessment_date":"2027-03-10"}"#;
    let _ = compute_follow_up_plan_json(content(), input, text);
    // The error locator at every kind of position.
    let _ = located::path_at(text, data.len() / 2);
});
