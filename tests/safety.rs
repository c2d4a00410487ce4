//! Safety: the plan never proposes routine care where a gate says to act first or that the
//! patient is outside the pathway; unknown is never read as normal; nothing the GP gave is
//! dropped without a word; re-assessments have their own deadlines. Each test here is named in
//! the hazard log (public/docs/safety/hazards.md), whose own test checks the names exist.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;

use pakkeforloeb::engine::content::PATHWAY_IDS;
use pakkeforloeb::engine::error::ContentProblem;
use pakkeforloeb::engine::fhir::plan_to_fhir;
use pakkeforloeb::engine::previous::{compute_follow_up_plan_json, input_from_previous};
use pakkeforloeb::engine::{compute_plan_json, Content, PackError, Plan};
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
    // Every exercise-based offer, the patient organisation's training team included.
    assert_eq!(
        held,
        BTreeSet::from(["fysisk-traening", "hjerte-netvaerk", "hjerterehabilitering"])
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
    let held: BTreeSet<String> = held
        .iter()
        .map(|r| r["code"]["coding"][0]["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        held,
        BTreeSet::from(["fysisk-traening".to_owned(), "hjerte-netvaerk".to_owned()])
    );
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

/// Every permutation of a list (the pathways of one patient).
fn permutations(items: &[String]) -> Vec<Vec<String>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

/// The inputs of every example patient and every golden scenario.
fn every_input() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for dir in ["public/examples"].into_iter().map(String::from).chain(
        std::fs::read_dir("tests/scenarios")
            .unwrap()
            .map(|d| d.unwrap().path().display().to_string()),
    ) {
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            out.push((f.display().to_string(), doc["input"].clone()));
        }
    }
    out
}

/// One patient gets one plan: for every example patient and every golden scenario in several
/// pathways, every order of `pathways` gives the same plan (same content, ids, targets,
/// deadlines, texts and order); only the echoed `pathways` differs.
#[test]
fn one_patient_gets_one_plan_whatever_the_order_of_the_pathways() {
    let c = content();
    let mut compared = 0;
    for (name, input) in every_input() {
        let pathways: Vec<String> = serde_json::from_value(input["pathways"].clone()).unwrap();
        if pathways.len() < 2 {
            continue;
        }
        let text = |order: &[String]| {
            let mut i = input.clone();
            i["pathways"] = json!(order);
            let Ok(p) = compute_plan_json(&c, &i.to_string()) else {
                return None;
            };
            let mut v = serde_json::to_value(&p).unwrap();
            v["pathways"] = Value::Null;
            Some(v.to_string())
        };
        let first = text(&pathways);
        for order in permutations(&pathways) {
            assert_eq!(text(&order), first, "{name}: {order:?}");
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} orders compared");
}

/// One card per thing in a combined plan: for every example patient and golden scenario, no
/// treatment prompt, intervention or warning is in the plan twice under one title (two
/// pathways prompting the same medicine give one prompt with both reasons), and what the rules
/// still need is one `missing-data` warning for the patient, listing every pathway's gaps.
#[test]
fn a_combined_plan_has_one_card_per_thing_and_one_missing_data_warning() {
    let c = content();
    let mut combined = 0;
    for (name, input) in every_input() {
        let Ok(p) = compute_plan_json(&c, &input.to_string()) else {
            continue;
        };
        let p = serde_json::to_value(&p).unwrap();
        for list in ["treatment", "interventions"] {
            let titles: Vec<&str> = p[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["title"].as_str().unwrap())
                .collect();
            let unique: BTreeSet<&str> = titles.iter().copied().collect();
            assert_eq!(
                unique.len(),
                titles.len(),
                "{name}: {list} twice: {titles:?}"
            );
        }
        let missing: Vec<&Value> = p["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| w["id"] == "missing-data")
            .collect();
        assert!(
            missing.len() <= 1,
            "{name}: {} missing-data warnings",
            missing.len()
        );
        if input["pathways"].as_array().unwrap().len() > 1 && !missing.is_empty() {
            combined += 1;
        }
    }
    assert!(
        combined >= 5,
        "only {combined} combined plans with missing data"
    );
    // The bench's KOL + diabetes + heart patient: the gaps only diabetes has are said to be its.
    let p =
        serde_json::to_value(plan(&scenario("combined/kol-diabetes-heart-one-card-each"))).unwrap();
    let w = &p["warnings"][0];
    let text = w["text"].as_str().unwrap();
    assert!(text.contains("Kun for Type 2-diabetes: "), "{text}");
    assert!(
        text.starts_with("Der mangler oplysninger, som reglerne for KOL"),
        "{text}"
    );
    assert_eq!(w["pathway"], "shared");
}

/// Facts that follow from another pathway are derived, and a contradiction is refused naming
/// both fields: ischaemic heart disease is known cardiovascular disease for the diabetes
/// targets; two index pathways are at least two chronic conditions.
#[test]
fn a_contradiction_between_pathways_is_refused_naming_both_fields() {
    let c = content();
    let mut input = scenario("combined/diabetes-heart-one-ldl-target");
    input["measurements"]["known_cvd"] = json!(false);
    let e = compute_plan_json(&c, &input.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("measurements.known_cvd") && e.contains("measurements.heart_condition"),
        "{e}"
    );
    // Not given: derived. The diabetes targets are those of ischaemic heart disease, and no
    // text says the patient is free of cardiovascular disease.
    let p = plan(&scenario("combined/diabetes-heart-one-ldl-target"));
    assert!(
        texts(&p)
            .iter()
            .all(|t| !(t.contains("ingen") && t.contains("hjerte-kar"))),
        "{:?}",
        texts(&p)
    );
    let mut input = scenario("multisygdom/two-index-pathways-count-unknown");
    input["measurements"]["chronic_conditions_count"] = json!(1);
    let e = compute_plan_json(&c, &input.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("measurements.chronic_conditions_count") && e.contains("pathways"),
        "{e}"
    );
    input["measurements"]["chronic_conditions_count"] = json!(2);
    assert!(compute_plan_json(&c, &input.to_string()).is_ok());
}

/// A heart condition is a list (one code alone stays valid), and a derived label never names a
/// disease the patient does not have: the heart-failure phenotype only for heart failure.
#[test]
fn a_heart_failure_label_only_for_heart_failure() {
    let p = plan(&scenario("hjertesygdom/ischaemic-nyha1"));
    assert!(!p.scores.contains_key("hf"), "{:?}", p.scores);
    let p = plan(&scenario("hjertesygdom/ischaemic-and-heart-failure"));
    assert_eq!(p.scores["hf"]["phenotype"], json!("HFrEF"));
    let one = plan(&scenario("hjertesygdom/hfref"));
    let mut listed = scenario("hjertesygdom/hfref");
    listed["measurements"]["heart_condition"] = json!(["heart_failure"]);
    assert_eq!(one.to_json_pretty(), plan(&listed).to_json_pretty());
}

/// A gate that holds exercise holds every exercise-based offer and goal of every pathway, and
/// the goal says which gate it waits for; overriding the gate lets them through.
#[test]
fn a_gate_that_holds_exercise_holds_goals_and_offers_in_every_pathway() {
    let mut input = scenario("combined/kol-and-back-cauda-equina");
    let p = plan(&input);
    let goal = p
        .goals
        .clinical
        .iter()
        .find(|g| g.id == "fysisk-aktivitet")
        .unwrap();
    assert_eq!(goal.waits_for.as_deref(), Some("lrs-cauda-equina"));
    let c = content();
    for i in &p.interventions {
        assert!(!c.catalogue[&i.id].exercise, "{} proposed", i.id);
    }
    input["overrides"] = json!({"gates": {
        "lrs-cauda-equina": {"decision": "override", "reason": "Udelukket ved MR i dag"},
        "lrs-roede-flag": {"decision": "override", "reason": "Udelukket ved MR i dag"}}});
    let p = plan(&input);
    assert!(p.goals.clinical.iter().all(|g| g.waits_for.is_none()));
    assert!(p.interventions.iter().any(|i| i.id == "kol-rehabilitering"));
    assert!(p.held_interventions.is_empty());
}

/// A same-day question still unanswered stops confirmation exactly like an open acute gate,
/// and says which answer raised it; answering it lets the plan through.
#[test]
fn a_pending_same_day_question_blocks_confirmation() {
    let mut input = scenario("type2-diabetes/mdi-item6-3-no-depression");
    let p = plan(&input);
    let g = &p.gates[0];
    assert!(g.blocks_confirmation && g.private);
    assert!(
        g.raised_by[0].contains("6.") && g.raised_by[0].contains("(3)"),
        "{:?}",
        g.raised_by
    );
    for item6 in [1, 2, 3] {
        input["instruments"]["mdi"][5] = json!(item6);
        assert_eq!(plan(&input).gates[0].id, "selvmordstanker");
    }
    input["instruments"]["mdi"][5] = json!(0);
    assert!(plan(&input).gates.is_empty());
    input["instruments"]["mdi"][5] = json!(4);
    let p = plan(&input);
    assert_eq!(p.gates[0].id, "selvmordstanker-mdi");
    assert!(p.gates[0].blocks_confirmation);
}

/// The patient's printout reads each gate's patient wording, never the GP's instruction: every
/// gate has one, in both languages, and none of them tells the GP what to do.
#[test]
fn every_gate_has_a_patient_wording_that_is_no_gp_instruction() {
    let c = content();
    for g in c.gates() {
        for (patient, action) in [
            (&g.then.patient.da, &g.then.action.da),
            (&g.then.patient.en, &g.then.action.en),
        ] {
            assert_ne!(patient, action, "{}", g.id);
            for gp_words in [
                "Vurder",
                "tilsidesæt",
                "fjern markeringen",
                "Assess",
                "override",
            ] {
                assert!(!patient.contains(gp_words), "{}: {patient}", g.id);
            }
        }
    }
    let p = plan(&scenario("laenderyg/red-flag-cauda-equina"));
    assert!(p.gates[0].patient_text.contains("sygehuset i dag"));
}

/// The engine's own warning ids are reserved: no content uses one, and every warning the engine
/// raises without a rule or a gate carries one of them.
#[test]
fn the_engines_warning_ids_are_reserved() {
    use pakkeforloeb::engine::content::ENGINE_WARNINGS;
    let c = content();
    for g in c.gates() {
        assert!(!g
            .then
            .warning
            .as_deref()
            .is_some_and(|w| ENGINE_WARNINGS.contains(&w)));
    }
    for (_, input) in every_input() {
        if let Ok(p) = compute_plan_json(&c, &input.to_string()) {
            for w in p
                .warnings
                .iter()
                .filter(|w| w.reason.is_none() && w.gate.is_none())
            {
                assert!(ENGINE_WARNINGS.contains(&w.id.as_str()), "{}", w.id);
            }
        }
    }
}

/// A regional pack can change thresholds and offers but cannot remove or weaken an acute gate,
/// and its sources pass the loader's checks, whether it was made by `pakkeforloeb pack` or
/// re-hashed by hand.
#[test]
fn a_pack_without_the_acute_gates_is_refused() {
    let builtin = content();
    let files = |edit: &dyn Fn(&mut Value)| {
        let mut shared: Value =
            serde_json::from_str(&std::fs::read_to_string("pathways/shared.json").unwrap())
                .unwrap();
        edit(&mut shared);
        Content::load_with_builtin(&[("shared.json", &shared.to_string())])
    };
    // Made by the command line: the loader accepts the file, the pack refuses it.
    let dropped = files(&|s| {
        s["gates"] = json!(s["gates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["id"] != "selvmordstanker-mdi")
            .cloned()
            .collect::<Vec<_>>());
    })
    .unwrap();
    let e = dropped.to_pack("Region X", "1").unwrap_err();
    assert_eq!(e, PackError::GateRemoved("selvmordstanker-mdi".into()));
    assert!(e.to_string().contains("cannot remove"), "{e}");
    let weakened = files(&|s| {
        let g = s["gates"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|g| g["id"] == "selvmordstanker-mdi")
            .unwrap();
        g["when"] = json!({"fact": "mdi.item6", "gte": 5});
    })
    .unwrap();
    let e = weakened.to_pack("Region X", "1").unwrap_err();
    assert_eq!(e, PackError::GateChanged("selvmordstanker-mdi".into()));
    assert!(e.to_string().contains("cannot weaken"), "{e}");
    // Re-hashed by hand: decoded, then refused before anything is used.
    let mut hostile = builtin.clone();
    hostile.common_gates.clear();
    let e = Content::from_pack(&repack(&hostile)).unwrap_err();
    assert!(matches!(e, PackError::GateRemoved(_)), "{e}");
    let mut hostile = builtin.clone();
    hostile.sources.get_mut("dsam-suicidalrisiko").unwrap().url =
        Some("javascript:alert(1)".into());
    let e = Content::from_pack(&repack(&hostile)).unwrap_err();
    let PackError::Content(at) = e else {
        panic!("{e}")
    };
    assert_eq!(
        (at.path.to_string(), at.problem),
        (
            "sources.dsam-suicidalrisiko.url".to_owned(),
            ContentProblem::SourceUrl
        )
    );
    // The unchanged content packs and reads back.
    assert!(Content::from_pack(&builtin.to_pack("Region X", "1").unwrap()).is_ok());
}

/// A pack of `content` as a hostile tool would write it: packed and hashed without any check.
fn repack(content: &Content) -> String {
    use sha2::Digest;
    let bytes = content.pack().unwrap();
    let hex: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let b64 = {
        const B: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= chunk.len() {
                    char::from(B[(n >> (18 - 6 * i) & 63) as usize])
                } else {
                    '='
                });
            }
        }
        out
    };
    json!({"schema": "pakkeforloeb/pack@1", "name": "Region X", "version": "1", "sha256": hex, "payload": b64})
        .to_string()
}

/// Every source carries the day it was checked and a review-by date; a plan assessed after a
/// source's review-by date says so in a warning.
#[test]
fn a_plan_after_a_sources_review_date_carries_a_warning() {
    let c = content();
    for (id, s) in &c.sources {
        assert!(s.checked.len() == 10 && s.review_by > s.checked, "{id}");
    }
    let p = plan(&scenario("kol/review-overdue"));
    let w = p
        .warnings
        .iter()
        .find(|w| w.id == "content-review-overdue")
        .unwrap();
    assert!(w.text.contains("1. december 2027"), "{}", w.text);
    let p = plan(&scenario("kol/mild-never-smoker"));
    assert!(p.warnings.iter().all(|w| w.id != "content-review-overdue"));
}

/// The content changelog lists every source with the day it was checked and its review-by date,
/// as the files give them.
#[test]
fn the_content_changelog_lists_every_source_with_its_review_dates() {
    let log = std::fs::read_to_string("pathways/CHANGELOG.md").unwrap();
    let table = &log[log.find("## Sources and their review dates").unwrap()..];
    let c = content();
    for (id, s) in &c.sources {
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("| `{id}` |")))
            .unwrap_or_else(|| panic!("{id} is not in the changelog's source table"));
        assert!(
            row.contains(&format!("| {} | {} |", s.checked, s.review_by)),
            "{id}: {row}"
        );
    }
}

/// The risk register rates every hazard of the log on the stated matrix: the severity is the
/// hazard's own, each risk is the matrix's cell, and nothing is left above 3 after mitigation.
#[test]
fn the_risk_register_rates_every_hazard_on_the_matrix() {
    let log = std::fs::read_to_string("public/docs/safety/hazards.md").unwrap();
    let severities = [
        "minor",
        "significant",
        "considerable",
        "major",
        "catastrophic",
    ];
    let matrix = |likelihood: &str, severity: &str| -> u8 {
        let row: [u8; 5] = match likelihood {
            "very high" => [3, 4, 4, 5, 5],
            "high" => [2, 3, 3, 4, 5],
            "medium" => [2, 2, 3, 3, 4],
            "low" => [1, 2, 2, 3, 4],
            "very low" => [1, 1, 2, 2, 3],
            other => panic!("unknown likelihood {other}"),
        };
        row[severities.iter().position(|s| *s == severity).unwrap()]
    };
    for h in log.split("\n### ").skip(1) {
        let id = h.split(' ').next().unwrap();
        let severity = h
            .split("- **Severity**: ")
            .nth(1)
            .and_then(|r| r.split('.').next())
            .unwrap();
        let row = log
            .lines()
            .find(|l| l.starts_with(&format!("| {id} |")))
            .unwrap_or_else(|| panic!("{id} is not in the risk register"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(cells[2], severity, "{id}");
        assert_eq!(
            cells[4],
            matrix(cells[3], severity).to_string(),
            "{id} before"
        );
        assert_eq!(
            cells[6],
            matrix(cells[5], severity).to_string(),
            "{id} after"
        );
        assert!(
            cells[6].parse::<u8>().unwrap() <= 3,
            "{id}: unacceptable after mitigation"
        );
    }
}
