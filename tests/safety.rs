//! Safety: the plan never proposes routine care where a gate says to act first or that the
//! patient is outside the pathway; unknown is never read as normal; nothing the GP gave is
//! dropped without a word; re-assessments have their own deadlines. Each test here is named in
//! the hazard log (public/docs/safety/hazards.md), whose own test checks the names exist.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeSet;

use pakkeforloeb::engine::content::PATHWAY_IDS;
use pakkeforloeb::engine::fhir::plan_to_fhir;
use pakkeforloeb::engine::previous::{compute_follow_up_plan_json, input_from_previous};
use pakkeforloeb::engine::{compute_plan_json, Content, Plan};
use serde_json::{json, Value};

fn content() -> Content {
    Content::builtin().unwrap()
}

fn plan(input: &Value) -> Plan {
    compute_plan_json(&content(), &input.to_string()).unwrap_or_else(|e| panic!("{e}\n{input:#}"))
}

fn base(pathways: &[&str], measurements: Value, instruments: Value) -> Value {
    json!({
        "schema": "pakkeforloeb/input@1",
        "pathways": pathways,
        "diagnosis_date": "2027-03-01",
        "assessment_date": "2027-03-10",
        "measurements": measurements,
        "instruments": instruments,
    })
}

fn scenario(path: &str) -> Value {
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("tests/scenarios/{path}.json")).unwrap(),
    )
    .unwrap();
    case["input"].clone()
}

/// Every text a GP or patient reads in a plan.
fn texts(p: &Plan) -> Vec<String> {
    let mut out: Vec<String> = p
        .differentiation
        .reasons
        .iter()
        .map(|r| r.text.clone())
        .collect();
    out.extend(p.warnings.iter().map(|w| w.text.clone()));
    out.extend(
        p.gates
            .iter()
            .flat_map(|g| [g.text.clone(), g.action.clone()]),
    );
    out.extend(p.goals.clinical.iter().map(|g| g.text.clone()));
    for i in &p.interventions {
        out.extend(i.reasons.iter().map(|r| r.text.clone()));
    }
    for f in &p.follow_up {
        out.extend(f.reasons.iter().map(|r| r.text.clone()));
    }
    out
}

/// The answers that only settle a pathway's gates (so it may have a plan) and nothing else.
fn gate_answers_only(pathway: &str) -> Value {
    match pathway {
        "kol" => json!({"fev1_fvc": 0.6}),
        "laenderyg" => json!({"red_flags": [], "pain_duration_weeks": 20}),
        "hjertesygdom" => json!({"nyha_class": 1, "heart_condition": "ischaemic"}),
        "multisygdom" => json!({"chronic_conditions_count": 2}),
        _ => json!({}),
    }
}

/// Unknown is never normal: with nothing answered, or only the gate questions answered, no
/// pathway's plan says "few needs because everything is fine" (its default level text, GOLD A,
/// targets met, within the recommendation): it says what is not known instead.
#[test]
fn every_pathways_plan_on_unknown_inputs_states_no_normal_finding() {
    let c = content();
    let normal = [
        "GOLD A",
        "behandlingsmålene er nået",
        "inden for anbefalingen",
        "lav STarT Back-risiko",
        "NYHA 1",
        "uden høj behandlingsbyrde",
    ];
    for id in PATHWAY_IDS {
        let default_text = &c.pathways[id].default_level.text.da;
        for measurements in [json!({}), gate_answers_only(id)] {
            let p = plan(&base(&[id], measurements.clone(), json!({})));
            for t in texts(&p) {
                assert!(
                    !t.contains(default_text.as_str()),
                    "{id} {measurements}: {t}"
                );
                for n in normal {
                    assert!(!t.contains(n), "{id} {measurements}: '{n}' in {t}");
                }
            }
            assert!(
                p.differentiation
                    .reasons
                    .iter()
                    .all(|r| !r.rule.ends_with("-default")),
                "{id}: the default level reason on unknown inputs"
            );
            // Where the pathway has a plan, its level says it is provisional and why.
            if let Some(level) = p.differentiation.by_pathway.get(id) {
                assert_eq!(*level, 1, "{id}");
                assert!(
                    p.differentiation.provisional.contains(&id.to_owned()),
                    "{id}"
                );
                let why = &p.differentiation.reasons[0];
                assert!(
                    why.rule.ends_with("-niveau-foreloebigt") && why.text.contains("foreløbigt"),
                    "{id}: {why:?}"
                );
            }
        }
    }
    // …while a complete, normal assessment does give the default reason (the test can fail).
    let p = plan(&scenario("kol/mild-never-smoker"));
    assert_eq!(p.differentiation.reasons[0].rule, "kol-default");
    assert!(p.differentiation.provisional.is_empty());
}

/// A gated pathway has no level, no municipal or civil-society offers and no deadline; the
/// other pathways of the same patient proceed.
#[test]
fn a_gated_pathway_proposes_no_routine_care_while_the_others_proceed() {
    for (path, gated) in [
        ("laenderyg/red-flag-cauda-equina", "laenderyg"),
        ("laenderyg/red-flag-cancer", "laenderyg"),
        ("laenderyg/not-chronic", "laenderyg"),
        ("kol/not-obstructive", "kol"),
        ("kol/nothing-answered", "kol"),
        ("hjertesygdom/nyha4", "hjertesygdom"),
        ("multisygdom/not-multimorbid", "multisygdom"),
        ("combined/kol-ready-back-acute", "laenderyg"),
    ] {
        let p = plan(&scenario(path));
        assert!(!p.differentiation.by_pathway.contains_key(gated), "{path}");
        for i in &p.interventions {
            assert!(!i.pathways.contains(&gated.to_owned()), "{path}: {}", i.id);
        }
        assert!(
            !p.follow_up
                .iter()
                .any(|f| f.reasons.iter().any(|r| r.pathway == gated)),
            "{path}"
        );
        let only_gated = p.pathways.len() == 1;
        if only_gated {
            assert!(p.interventions.is_empty(), "{path}");
            assert!(
                p.deadlines.suspended && p.deadlines.municipal_start_by.is_none(),
                "{path}"
            );
            assert_eq!(p.quality.plan_within_deadline, None, "{path}");
        }
    }
    let p = plan(&scenario("combined/kol-ready-back-acute"));
    assert_eq!(p.differentiation.by_pathway.get("kol"), Some(&1));
    assert!(!p.deadlines.suspended);
}

/// The acute action is first: in the gate list, and in the warnings hosts read.
#[test]
fn the_acute_action_comes_first_in_the_plan() {
    let p = plan(&scenario("laenderyg/red-flag-cauda-equina"));
    assert_eq!(p.gates[0].id, "lrs-cauda-equina");
    assert_eq!(p.gates[0].urgency.as_str(), "samme-dag");
    assert!(p.gates[0].action.contains("samme dag"));
    assert_eq!(p.warnings[0].gate.as_deref(), Some("lrs-cauda-equina"));
    // In a combined plan, before the other pathway's missing-data or lifestyle notes.
    let p = plan(&scenario("combined/kol-ready-back-acute"));
    assert_eq!(p.gates[0].id, "lrs-cauda-equina");
    assert_eq!(p.warnings[0].id, "cauda-equina");
}

/// Suicidal thoughts gate the whole plan: every pathway, not one.
#[test]
fn suicidal_thoughts_hold_every_pathway_of_the_plan() {
    let mut input = scenario("combined/kol-and-diabetes");
    input["measurements"]["suicidal_thoughts"] = json!(true);
    let p = plan(&input);
    assert_eq!(p.status.as_str(), "akut-handling");
    assert!(
        p.status_by_pathway
            .values()
            .all(|s| s.as_str() == "akut-handling"),
        "{:?}",
        p.status_by_pathway
    );
    assert!(p.interventions.is_empty());
    assert_eq!(p.gates[0].pathway, None);
}

/// A contraindication holds back exactly its interventions, whoever proposed or added them,
/// until the GP records the clearance (or overrides it).
#[test]
fn a_contraindication_holds_back_its_interventions_until_cleared() {
    let mut input = scenario("hjertesygdom/valve-untreated-symptomatic");
    input["overrides"] = json!({"added_interventions": [{"id": "hjerterehabilitering", "reason": "Ønsker genoptræning"}]});
    let p = plan(&input);
    let held: BTreeSet<&str> = p.held_interventions.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        held,
        BTreeSet::from(["fysisk-traening", "hjerterehabilitering"])
    );
    assert!(p
        .interventions
        .iter()
        .all(|i| !held.contains(i.id.as_str())));
    input["overrides"]["gates"] = json!({"hjerte-klap-traening": {"decision": "handled", "reason": "Godkendt af kardiolog 2027-03-08"}});
    let p = plan(&input);
    assert!(p.held_interventions.is_empty());
    let ids: BTreeSet<&str> = p.interventions.iter().map(|i| i.id.as_str()).collect();
    assert!(ids.contains("fysisk-traening") && ids.contains("hjerterehabilitering"));
}

/// Nothing given is dropped in silence: an answer no chosen pathway asks is refused naming the
/// field; the MDI is asked (and scored) in every pathway; a decision that cannot apply is
/// reported in a warning naming its field.
#[test]
fn nothing_the_gp_gave_is_dropped_without_a_word() {
    let c = content();
    let input = base(
        &["kol"],
        json!({"fev1_fvc": 0.6, "hba1c_mmol_mol": 60}),
        json!({}),
    );
    let err = compute_plan_json(&c, &input.to_string()).unwrap_err();
    assert_eq!(err.0[0].field, "measurements.hba1c_mmol_mol");
    assert_eq!(
        err.0[0].problem,
        pakkeforloeb::engine::error::Problem::NotAsked {
            given: pakkeforloeb::engine::error::Given::Value,
            pathways: vec!["kol".into()],
        }
    );
    let input = base(
        &["kol"],
        json!({"fev1_fvc": 0.6}),
        json!({"start-back": [0, 0, 0, 0, 0, 0, 0, 0, 0]}),
    );
    assert_eq!(
        compute_plan_json(&c, &input.to_string()).unwrap_err().0[0].field,
        "instruments.start-back"
    );
    for id in PATHWAY_IDS {
        assert!(
            c.pathways[id].instruments.contains(&"mdi".to_owned()),
            "{id} does not ask the MDI"
        );
        let mut m = gate_answers_only(id);
        m["suicidal_thoughts"] = json!(false);
        let p = plan(&base(
            &[id],
            m,
            json!({"mdi": [4, 4, 4, 3, 3, 3, 3, 3, 0, 0, 0, 0]}),
        ));
        assert_eq!(p.scores["mdi"]["icd10"], "severe", "{id}");
        assert!(p.assessment.instruments.contains_key("mdi"), "{id}");
        assert!(
            p.interventions
                .iter()
                .any(|i| i.id == "depressionsopfoelgning"),
            "{id}: a positive MDI is followed up"
        );
        assert!(
            p.differentiation.by_pathway[id] >= 2,
            "{id}: a positive MDI raises the need"
        );
    }
    let mut input = scenario("laenderyg/red-flag-cancer");
    input["overrides"] = json!({
        "levels": {"laenderyg": {"level": 3, "reason": "Svært forløb"}},
        "gates": {"kol-ikke-obstruktiv": {"decision": "override", "reason": "Klinisk KOL"}},
        "removed_interventions": [{"id": "sygdomsmestring", "reason": "Har gået på kursus"}]
    });
    let p = plan(&input);
    let fields: BTreeSet<String> = p
        .warnings
        .iter()
        .filter(|w| w.id == "ignored-input")
        .flat_map(|w| w.fields.clone())
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from([
            "overrides.gates.kol-ikke-obstruktiv".to_owned(),
            "overrides.levels.laenderyg".to_owned(),
            "overrides.removed_interventions[0]".to_owned(),
        ])
    );
}

/// A re-assessment's deadline is the previous plan's due date for it (the yearly status in the
/// lasting phase, the next review in trin 2), never diagnosis + 30 days; without the previous
/// plan a re-assessment is refused naming the phase.
#[test]
fn a_re_assessment_is_due_when_the_previous_plan_said() {
    let c = content();
    let first_input = scenario("kol/mild-never-smoker");
    let first = plan(&first_input);
    let aarsstatus = first
        .follow_up
        .iter()
        .find(|f| f.id == "aarsstatus")
        .unwrap()
        .due;
    let kontrol = first
        .follow_up
        .iter()
        .find(|f| f.id == "kontrol")
        .unwrap()
        .due;
    assert_eq!(aarsstatus.to_string(), "2028-03-10");
    assert_eq!(kontrol.to_string(), "2027-09-10");
    let mut next = first_input.clone();
    next["assessment_date"] = json!("2028-04-02");
    let prev = serde_json::to_string(&first).unwrap();
    let p = compute_follow_up_plan_json(&c, &next.to_string(), &prev).unwrap();
    assert_eq!(p.deadlines.plan_due, aarsstatus);
    assert_eq!(
        p.deadlines.basis,
        pakkeforloeb::engine::plan::DeadlineBasis::Aarsstatus
    );
    assert!(
        p.deadlines.plan_overdue,
        "the yearly status was due 2028-03-10"
    );
    assert_eq!(p.quality.plan_within_deadline, Some(false));
    assert_eq!(p.quality.phase.as_str(), "vedvarende");
    next["phase"] = json!("trin2");
    next["assessment_date"] = json!("2027-08-01");
    let p = compute_follow_up_plan_json(&c, &next.to_string(), &prev).unwrap();
    assert_eq!(
        (p.deadlines.plan_due, p.deadlines.plan_overdue),
        (kontrol, false)
    );
    assert_eq!(p.quality.phase.as_str(), "trin2");
    // Without the previous plan there is no deadline to count from: refused, naming the phase.
    let err = compute_plan_json(&c, &next.to_string()).unwrap_err();
    assert_eq!(err.0[0].field, "phase");
}

/// Values carried over from the previous plan are marked with their date and reported until
/// the GP confirms or replaces them.
#[test]
fn carried_over_values_are_marked_until_confirmed() {
    let c = content();
    let first = plan(&scenario("kol/mild-never-smoker"));
    let mut input = input_from_previous(&(&first).into(), "2028-03-01");
    assert_eq!(
        input
            .carried_over
            .get("measurements.fev1_pct_pred")
            .map(String::as_str),
        Some("2027-03-10")
    );
    assert!(input.carried_over.contains_key("instruments.cat"));
    let prev = serde_json::to_string(&first).unwrap();
    let text = serde_json::to_string(&input).unwrap();
    let p = compute_follow_up_plan_json(&c, &text, &prev).unwrap();
    assert_eq!(p.assessment.carried_over.len(), input.carried_over.len());
    let w = p.warnings.iter().find(|w| w.id == "carried-over").unwrap();
    assert!(
        w.text.contains("2027-03-10")
            && w.fields.contains(&"measurements.fev1_pct_pred".to_owned())
    );
    // The GP confirms them (or types new values): nothing is reported any more.
    input.carried_over.clear();
    let p =
        compute_follow_up_plan_json(&c, &serde_json::to_string(&input).unwrap(), &prev).unwrap();
    assert!(p.assessment.carried_over.is_empty());
    assert!(!p.warnings.iter().any(|w| w.id == "carried-over"));
    // A carried-over mark on a field that is not given, or dated after the assessment, is refused.
    input
        .carried_over
        .insert("measurements.hba1c_mmol_mol".into(), "2027-03-10".into());
    let err = compute_follow_up_plan_json(&c, &serde_json::to_string(&input).unwrap(), &prev)
        .unwrap_err();
    assert_eq!(err.0[0].field, "carried_over.measurements.hba1c_mmol_mol");
}

/// A plan the gates hold back does not export as an active CarePlan with active referrals:
/// each gate is a DetectedIssue (the GP's decision its mitigation), the plan is on hold, the
/// held interventions are on-hold requests.
#[test]
fn a_gated_plan_does_not_export_as_an_active_care_plan() {
    let c = content();
    let resources = |p: &Plan, kind: &str| -> Vec<Value> {
        plan_to_fhir(p, &c, None)["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"].clone())
            .filter(|r| r["resourceType"] == kind)
            .collect()
    };
    let p = plan(&scenario("laenderyg/red-flag-cauda-equina"));
    assert_eq!(resources(&p, "CarePlan")[0]["status"], "on-hold");
    assert!(resources(&p, "ServiceRequest").is_empty());
    let issues = resources(&p, "DetectedIssue");
    assert_eq!(issues[0]["code"]["coding"][0]["code"], "lrs-cauda-equina");
    assert_eq!(issues[0]["severity"], "high");
    assert_eq!(
        resources(&p, "Condition")[0]["verificationStatus"]["coding"][0]["code"],
        "provisional"
    );
    let p = plan(&scenario("kol/not-obstructive"));
    assert_eq!(resources(&p, "CarePlan")[0]["status"], "revoked");
    assert_eq!(
        resources(&p, "Condition")[0]["verificationStatus"]["coding"][0]["code"],
        "unconfirmed"
    );
    let p = plan(&scenario("hjertesygdom/valve-untreated-symptomatic"));
    assert_eq!(resources(&p, "CarePlan")[0]["status"], "active");
    let held: Vec<Value> = resources(&p, "ServiceRequest")
        .into_iter()
        .filter(|r| r["status"] == "on-hold")
        .collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["code"]["coding"][0]["code"], "fysisk-traening");
    let p = plan(&scenario("laenderyg/red-flag-overridden"));
    let issue = &resources(&p, "DetectedIssue")[0];
    assert_eq!(
        issue["mitigation"][0]["action"]["coding"][0]["code"],
        "override"
    );
    assert_eq!(resources(&p, "CarePlan")[0]["status"], "active");
}

/// Absurd numbers are refused naming the field, never planned with.
#[test]
fn absurd_numbers_are_refused_naming_the_field() {
    let c = content();
    for (key, value) in [
        ("fev1_pct_pred", json!(1e308)),
        ("fev1_pct_pred", json!(-5)),
        ("fev1_pct_pred", json!("NaN")),
        ("weight_kg", json!(-1e-300)),
        ("exacerbations_moderate_12m", json!(1e15)),
        ("height_cm", json!("Infinity")),
    ] {
        let input = base(&["kol"], json!({"fev1_fvc": 0.6, key: value}), json!({}));
        let err = compute_plan_json(&c, &input.to_string()).unwrap_err();
        assert_eq!(
            err.0[0].field,
            format!("measurements.{key}"),
            "{key}={value}"
        );
    }
    // Numbers past f64 are refused by the parser, at the field's position.
    let text = base(&["kol"], json!({"fev1_fvc": 0.6}), json!({}))
        .to_string()
        .replace("0.6", "1e999");
    assert!(compute_plan_json(&c, &text).is_err());
}

/// The plan's texts are in the language asked for (the widget passes its own), gates included.
#[test]
fn plan_texts_follow_the_requested_language() {
    let mut input = scenario("laenderyg/red-flag-cauda-equina");
    input["language"] = json!("en");
    let p = plan(&input);
    assert_eq!(p.gates[0].action, "Acute referral to hospital the same day. The low back pain pathway waits until serious disease is excluded.");
    input["language"] = json!("da");
    let p = plan(&input);
    assert!(p.gates[0]
        .action
        .starts_with("Akut henvisning til sygehus samme dag"));
}

/// The hazard log (public/docs/safety/hazards.md) ties each hazard to the tests that prove its
/// mitigation: every test it names must exist, and every hazard must name at least one.
#[test]
fn every_hazard_names_tests_that_exist() {
    let log = std::fs::read_to_string("public/docs/safety/hazards.md").unwrap();
    let hazards: Vec<&str> = log.split("\n### ").skip(1).collect();
    assert!(hazards.len() >= 25, "{} hazards", hazards.len());
    let mut checked = 0;
    for h in hazards {
        let title = h.lines().next().unwrap();
        let tests_at = h
            .find("- **Tests**:")
            .unwrap_or_else(|| panic!("{title}: no tests"));
        let rest = &h[tests_at..];
        let end = rest
            .find("\n- **Residual risk**")
            .unwrap_or_else(|| panic!("{title}: no residual risk"));
        for field in [
            "- **Cause**:",
            "- **Effect on the patient**:",
            "- **Severity**:",
            "- **Mitigation**:",
        ] {
            assert!(h.contains(field), "{title}: no {field}");
        }
        let refs: Vec<&str> = rest[..end].split('`').skip(1).step_by(2).collect();
        assert!(!refs.is_empty(), "{title}: names no test");
        for r in refs {
            let (file, name) = r.split_once("::").unwrap_or((r, ""));
            let text = std::fs::read_to_string(file)
                .unwrap_or_else(|_| panic!("{title}: {file} does not exist"));
            let found = if name.is_empty() {
                file.ends_with(".json")
            } else if file.ends_with(".rs") {
                text.contains(&format!("fn {name}("))
            } else {
                text.contains(&format!("test('{name}'")) || text.contains(&format!("test(`{name}`"))
            };
            assert!(found, "{title}: {r} is not a test");
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} test references");
}
