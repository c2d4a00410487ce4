//! Engine integration tests: golden scenarios, cut-off boundaries, content validation.
//! Host-only (reads files); the browser suite is tests/web.rs.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;
use std::path::Path;

use pakkeforloeb::engine::content::BUILTIN_FILES;
use pakkeforloeb::engine::{compute_plan_json, Content};
use serde_json::{json, Value};

fn content() -> Content {
    Content::builtin().unwrap()
}

fn plan(input: &Value) -> Value {
    let p = compute_plan_json(&content(), &input.to_string())
        .unwrap_or_else(|e| panic!("{e}\n{input:#}"));
    serde_json::to_value(p).unwrap()
}

/// A KOL input. KOL is confirmed by obstruction on spirometry (FEV1/FVC < 0.70 after
/// bronchodilation); without it the pathway waits or excludes, so the helper records 0.60 unless
/// the test gives its own.
fn kol(mut measurements: Value, instruments: Value) -> Value {
    if measurements.get("fev1_fvc").is_none() {
        measurements["fev1_fvc"] = json!(0.6);
    }
    json!({
        "schema": "pakkeforloeb/input@1",
        "pathways": ["kol"],
        "diagnosis_date": "2027-03-01",
        "assessment_date": "2027-03-10",
        "instruments": instruments,
        "measurements": measurements,
    })
}

fn intervention_ids(plan: &Value) -> BTreeSet<String> {
    plan["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Golden scenarios: each file under tests/scenarios/<pathway>/ holds an input, the expected
/// plan fields as JSON pointers (hand-computed), the exact set of interventions and a line on why.
#[test]
fn golden_scenarios_give_their_hand_computed_plans() {
    for dir in std::fs::read_dir("tests/scenarios").unwrap() {
        let dir = dir.unwrap().path();
        let mut count = 0;
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|f| f.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let name = file.display().to_string();
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            assert!(
                case["why"].as_str().is_some_and(|w| w.len() > 20),
                "{name}: say why"
            );
            let plan = plan(&case["input"]);
            for (pointer, expected) in case["expect"].as_object().unwrap() {
                let got = plan
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("{name}: no {pointer} in plan"));
                assert_eq!(got, expected, "{name}: {pointer}");
            }
            if let Some(ids) = case.get("interventions") {
                let expected: BTreeSet<String> = ids
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap().to_owned())
                    .collect();
                assert_eq!(intervention_ids(&plan), expected, "{name}: interventions");
            }
            if let Some(fields) = case.get("intervention_fields") {
                for (id, expected) in fields.as_object().unwrap() {
                    let i = plan["interventions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|i| i["id"] == *id)
                        .unwrap();
                    for (k, v) in expected.as_object().unwrap() {
                        assert_eq!(&i[k], v, "{name}: {id}.{k}");
                    }
                }
            }
            if let Some(ids) = case.get("warning_ids") {
                let got: BTreeSet<&str> = plan["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w["id"].as_str().unwrap())
                    .collect();
                let want: BTreeSet<&str> = ids
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_str().unwrap())
                    .collect();
                assert_eq!(got, want, "{name}: warnings");
            }
            for (key, list) in [
                ("intervention_reasons", "interventions"),
                ("follow_up_reasons", "follow_up"),
            ] {
                for (id, n) in case
                    .get(key)
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let entry = plan[list]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|i| i["id"] == *id)
                        .unwrap();
                    assert_eq!(
                        entry["reasons"].as_array().unwrap().len() as u64,
                        n.as_u64().unwrap(),
                        "{name}: reasons of {id}"
                    );
                }
            }
            if let Some(missing) = case.get("missing") {
                let w = plan["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|w| w["id"] == "missing-data")
                    .unwrap();
                for m in missing.as_array().unwrap() {
                    assert!(
                        w["fields"].as_array().unwrap().contains(m),
                        "{name}: {m} not reported missing"
                    );
                }
            }
            count += 1;
        }
        assert!(count >= 6, "{}: only {count} scenarios", dir.display());
    }
}

#[test]
fn the_same_input_gives_byte_identical_plans() {
    let input = std::fs::read_to_string("tests/scenarios/kol/admission-severe.json").unwrap();
    let case: Value = serde_json::from_str(&input).unwrap();
    let text = case["input"].to_string();
    let a = compute_plan_json(&content(), &text)
        .unwrap()
        .to_json_pretty();
    let b = compute_plan_json(&content(), &text)
        .unwrap()
        .to_json_pretty();
    assert_eq!(a, b);
}

/// GOLD spirometric grade: FEV1 % of predicted ≥ 80 → 1; 50–79 → 2; 30–49 → 3; < 30 → 4.
#[test]
fn gold_grade_cut_offs_80_50_30() {
    for (fev1, grade) in [
        (80.0, 1),
        (79.9, 2),
        (50.0, 2),
        (49.9, 3),
        (30.0, 3),
        (29.9, 4),
        (150.0, 1),
        (5.0, 4),
    ] {
        let p = plan(&kol(json!({"fev1_pct_pred": fev1}), json!({})));
        assert_eq!(p["scores"]["gold"]["grade"], grade, "FEV1 {fev1} %");
    }
}

/// GOLD group: E at ≥ 2 moderate exacerbations or ≥ 1 admission; else B at CAT ≥ 10 or
/// MRC ≥ 3 (mMRC ≥ 2); else A.
#[test]
fn gold_group_cut_offs_cat_10_mrc_3_exacerbations_2_admissions_1() {
    let cases = [
        (9, 1, 0, 0, "A"),
        (10, 1, 0, 0, "B"),
        (9, 3, 0, 0, "B"),
        (9, 2, 0, 0, "A"),
        (9, 1, 1, 0, "A"),
        (9, 1, 2, 0, "E"),
        (9, 1, 0, 1, "E"),
        (40, 5, 0, 0, "B"),
    ];
    for (cat, mrc, exac, adm, group) in cases {
        let items: Vec<i64> = (0..8)
            .map(|i| i64::from(cat / 8 + u8::from(i < cat % 8)))
            .collect();
        let p = plan(&kol(
            json!({"exacerbations_moderate_12m": exac, "exacerbation_admissions_12m": adm}),
            json!({"cat": items, "mrc": [mrc]}),
        ));
        assert_eq!(p["scores"]["cat"]["total"], cat);
        assert_eq!(
            p["scores"]["gold"]["group"], group,
            "CAT {cat} MRC {mrc} exac {exac} adm {adm}"
        );
    }
}

#[test]
fn gold_group_uses_whichever_of_cat_and_mrc_is_known() {
    let p = plan(&kol(
        json!({"exacerbations_moderate_12m": 0, "exacerbation_admissions_12m": 0}),
        json!({"mrc": [3]}),
    ));
    assert_eq!(p["scores"]["gold"]["group"], "B");
    let p = plan(&kol(
        json!({"exacerbations_moderate_12m": 0, "exacerbation_admissions_12m": 0}),
        json!({"mrc": [2]}),
    ));
    assert_eq!(p["scores"]["gold"]["group"], "A");
    // Unknown exacerbation history: the group is unknown, not A.
    let p = plan(&kol(json!({}), json!({"mrc": [1]})));
    assert!(p["scores"].get("gold").is_none());
}

/// CAT impact bands as the CAT user guide gives them: under 10 low, 10–20 medium, 21–30 high,
/// over 30 very high (the first edition cut at 20 and 30, one point too early).
#[test]
fn cat_bands_cut_at_10_21_31() {
    for (total, band) in [
        (0, "low"),
        (9, "low"),
        (10, "medium"),
        (20, "medium"),
        (21, "high"),
        (30, "high"),
        (31, "very-high"),
        (40, "very-high"),
    ] {
        let items: Vec<i64> = (0..8)
            .map(|i| i64::from(total / 8 + u8::from(i < total % 8)))
            .collect();
        let p = plan(&kol(json!({}), json!({"cat": items})));
        assert_eq!(p["scores"]["cat"]["band"], band, "CAT {total}");
    }
}

#[test]
fn who5_bands_cut_at_28_and_50_percent() {
    for (raw, percent, band) in [
        (7, 28, "likely-depression"),
        (8, 32, "poor"),
        (12, 48, "poor"),
        (13, 52, "good"),
        (25, 100, "good"),
        (0, 0, "likely-depression"),
    ] {
        let items: Vec<i64> = (0..5)
            .map(|i| i64::from(raw / 5 + u8::from(i < raw % 5)))
            .collect();
        let p = plan(&kol(json!({}), json!({"who5": items})));
        assert_eq!(p["scores"]["who5"]["percent"], percent);
        assert_eq!(p["scores"]["who5"]["band"], band, "WHO-5 {percent}");
    }
}

#[test]
fn who5_below_13_or_any_item_0_or_1_calls_for_the_mdi() {
    for (items, expected) in [
        ([3, 3, 2, 2, 2], true),
        ([3, 3, 3, 2, 2], false),
        ([5, 5, 5, 5, 1], true),
        ([5, 5, 5, 5, 2], false),
    ] {
        // The GP has asked about suicidal thoughts (no): the plan may proceed (see the gate
        // tests for what happens before that).
        let p = plan(&kol(
            json!({"suicidal_thoughts": false}),
            json!({"who5": items}),
        ));
        assert_eq!(
            intervention_ids(&p).contains("depressionsudredning"),
            expected,
            "{items:?}"
        );
    }
}

#[test]
fn bmi_classes_follow_the_who_cut_offs() {
    // Height 200 cm makes BMI = weight / 4.
    let cases = [
        (73.6, 18.4, "underweight"),
        (74.0, 18.5, "normal"),
        (99.6, 24.9, "normal"),
        (100.0, 25.0, "overweight"),
        (119.6, 29.9, "overweight"),
        (120.0, 30.0, "obesity-1"),
        (139.6, 34.9, "obesity-1"),
        (140.0, 35.0, "obesity-2"),
        (159.6, 39.9, "obesity-2"),
        (160.0, 40.0, "obesity-3"),
    ];
    for (weight, bmi, class) in cases {
        let p = plan(&kol(
            json!({"height_cm": 200, "weight_kg": weight}),
            json!({}),
        ));
        assert_eq!(
            p["scores"]["bmi"]["value"].as_f64().unwrap(),
            bmi,
            "weight {weight}"
        );
        assert_eq!(p["scores"]["bmi"]["class"], class, "BMI {bmi}");
    }
}

#[test]
fn alcohol_over_10_a_week_or_4_a_day_is_above_the_recommendation() {
    for (week, day, status) in [
        (10, 4, "within"),
        (11, 4, "above"),
        (10, 5, "above"),
        (0, 0, "within"),
    ] {
        let p = plan(&kol(
            json!({"alcohol_units_week": week, "alcohol_max_units_day": day}),
            json!({}),
        ));
        assert_eq!(p["scores"]["kram"]["alcohol"], status, "{week}/{day}");
        assert_eq!(
            intervention_ids(&p).contains("alkohol-samtale"),
            status == "above"
        );
    }
    // One known figure above the limit is enough; one known within the limit is not unknown.
    let p = plan(&kol(json!({"alcohol_units_week": 12}), json!({})));
    assert_eq!(p["scores"]["kram"]["alcohol"], "above");
}

#[test]
fn activity_under_30_minutes_a_day_is_below_the_recommendation() {
    for (minutes, status) in [(29, "below"), (30, "meets")] {
        let p = plan(&kol(
            json!({"physical_activity_min_day": minutes}),
            json!({}),
        ));
        assert_eq!(p["scores"]["kram"]["activity"], status);
        assert_eq!(
            intervention_ids(&p).contains("fysisk-traening"),
            status == "below"
        );
    }
}

#[test]
fn five_or_more_regular_drugs_call_for_a_medication_review() {
    for (count, expected) in [(4, false), (5, true)] {
        let p = plan(&kol(json!({"medications_count": count}), json!({})));
        assert_eq!(
            intervention_ids(&p).contains("medicingennemgang"),
            expected,
            "{count} drugs"
        );
    }
}

#[test]
fn mrc_3_or_an_admission_calls_for_pulmonary_rehabilitation() {
    for (mrc, adm, expected) in [(2, 0, false), (3, 0, true), (1, 1, true)] {
        let p = plan(&kol(
            json!({"exacerbation_admissions_12m": adm}),
            json!({"mrc": [mrc]}),
        ));
        assert_eq!(
            intervention_ids(&p).contains("kol-rehabilitering"),
            expected,
            "MRC {mrc} admissions {adm}"
        );
    }
}

#[test]
fn plan_due_is_diagnosis_plus_30_days_and_overdue_only_after_it() {
    for (diag, assess, due, overdue) in [
        ("2027-03-01", "2027-03-31", "2027-03-31", false),
        ("2027-03-01", "2027-04-01", "2027-03-31", true),
        ("2028-02-01", "2028-02-01", "2028-03-02", false),
        ("2027-12-15", "2028-01-20", "2028-01-14", true),
    ] {
        let mut input = kol(json!({}), json!({}));
        input["diagnosis_date"] = json!(diag);
        input["assessment_date"] = json!(assess);
        let p = plan(&input);
        assert_eq!(p["deadlines"]["plan_due"], due);
        assert_eq!(p["deadlines"]["plan_overdue"], overdue, "{diag} {assess}");
    }
}

#[test]
fn every_municipal_offer_starts_within_21_days_of_the_assessment() {
    let mut input = kol(
        json!({"smoking": "current", "alcohol_units_week": 20, "physical_activity_min_day": 0}),
        json!({"mrc": [4]}),
    );
    input["assessment_date"] = json!("2027-03-25");
    let p = plan(&input);
    let municipal: Vec<&Value> = p["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["provider"] == "kommune")
        .collect();
    assert!(municipal.len() >= 5);
    for i in municipal {
        assert!(
            i["start_by"].as_str().unwrap() <= "2027-04-15",
            "{}",
            i["id"]
        );
    }
}

#[test]
fn gp_overrides_are_kept_with_their_reasons() {
    let mut input = kol(
        json!({"fev1_pct_pred": 45, "smoking": "current"}),
        json!({}),
    );
    input["overrides"] = json!({
        "levels": {"kol": {"level": 3, "reason": "Bor alene, svært at komme til lægen"}},
        "removed_interventions": [{"id": "nikotinafvaenning", "reason": "Har selv en aftale på apoteket"}]
    });
    let p = plan(&input);
    assert_eq!(p["differentiation"]["level"], 3);
    assert_eq!(p["differentiation"]["proposed_level"], 2);
    assert_eq!(
        p["differentiation"]["overrides"][0]["reason"],
        "Bor alene, svært at komme til lægen"
    );
    assert!(!intervention_ids(&p).contains("nikotinafvaenning"));
    assert_eq!(p["removed_interventions"][0]["id"], "nikotinafvaenning");
    // An override without a reason is refused, naming the field.
    input["overrides"]["levels"]["kol"]["reason"] = json!(" ");
    let err = compute_plan_json(&content(), &input.to_string()).unwrap_err();
    assert_eq!(err.0[0].field, "overrides.levels.kol.reason");
}

#[expect(clippy::too_many_lines, reason = "a table of bad inputs, one row each")]
#[test]
fn bad_inputs_are_refused_naming_the_field() {
    use pakkeforloeb::engine::error::{Expected, Kind, OtherDate, Problem as P};
    let good = kol(json!({}), json!({}));
    type Is = fn(&P) -> bool;
    let cases: Vec<(&str, Value, &str, Is)> = vec![
        ("/schema", json!("pakkeforloeb/input@2"), "schema", |p| {
            matches!(p, P::WrongSchema { .. })
        }),
        (
            "/pathways",
            json!(["kol", "astma"]),
            "pathways[1]",
            |p| matches!(p, P::Unknown { kind: Kind::Pathway, id, .. } if id == "astma"),
        ),
        ("/pathways", json!(["kol", "kol"]), "pathways[1]", |p| {
            matches!(p, P::Duplicate(_))
        }),
        ("/pathways", json!([]), "pathways", |p| {
            matches!(p, P::NoPathway)
        }),
        (
            "/diagnosis_date",
            json!("2027-02-29"),
            "diagnosis_date",
            |p| matches!(p, P::DateNotReal(_)),
        ),
        (
            "/diagnosis_date",
            json!("1.3.2027"),
            "diagnosis_date",
            |p| matches!(p, P::DateFormat(_)),
        ),
        (
            "/diagnosis_date",
            json!("1850-03-01"),
            "diagnosis_date",
            |p| matches!(p, P::DateYears(_)),
        ),
        (
            "/assessment_date",
            json!("2027-02-27"),
            "assessment_date",
            |p| {
                matches!(
                    p,
                    P::DateOrder {
                        other: OtherDate::BeforeDiagnosis(_),
                        ..
                    }
                )
            },
        ),
        (
            "/assessment_date",
            json!(20270310),
            "assessment_date",
            |p| matches!(p, P::Malformed(_)),
        ),
        (
            "/instruments",
            json!({"cat": [1, 2, 3]}),
            "instruments.cat",
            |p| {
                matches!(
                    p,
                    P::AnswerCount {
                        expected: 8,
                        got: 3
                    }
                )
            },
        ),
        (
            "/instruments",
            json!({"cat": [1, 2, 3, 4, 5, 6, 7, 9]}),
            "instruments.cat[7]",
            |p| matches!(p, P::AnswerOutOfRange { lo: 0, hi: 5, .. }),
        ),
        (
            "/instruments",
            json!({"mrc": [0]}),
            "instruments.mrc[0]",
            |p| matches!(p, P::AnswerOutOfRange { lo: 1, hi: 5, .. }),
        ),
        (
            "/instruments",
            json!({"who5": [1, 2, 3, 4, 2.5]}),
            "instruments.who5[4]",
            |p| matches!(p, P::AnswerOutOfRange { .. }),
        ),
        (
            "/instruments",
            json!({"phq9": [1]}),
            "instruments.phq9",
            |p| {
                matches!(
                    p,
                    P::Unknown {
                        kind: Kind::Instrument,
                        ..
                    }
                )
            },
        ),
        (
            "/measurements",
            json!({"fev1_pct_pred": 400}),
            "measurements.fev1_pct_pred",
            |p| matches!(p, P::OutOfRange { .. }),
        ),
        (
            "/measurements",
            json!({"fev1_fvc": "0.6"}),
            "measurements.fev1_fvc",
            |p| {
                matches!(
                    p,
                    P::WrongKind {
                        expected: Expected::Number,
                        ..
                    }
                )
            },
        ),
        (
            "/measurements",
            json!({"smoking": "sometimes"}),
            "measurements.smoking",
            |p| {
                matches!(
                    p,
                    P::WrongKind {
                        expected: Expected::Code(_),
                        ..
                    }
                )
            },
        ),
        (
            "/measurements",
            json!({"exacerbations_moderate_12m": 1.5}),
            "measurements.exacerbations_moderate_12m",
            |p| matches!(p, P::NotWhole(_)),
        ),
        (
            "/measurements",
            json!({"height": 180}),
            "measurements.height",
            |p| {
                matches!(
                    p,
                    P::Unknown {
                        kind: Kind::Measurement,
                        ..
                    }
                )
            },
        ),
        (
            "/measurements",
            json!({"hba1c_mmol_mol": 50}),
            "measurements.hba1c_mmol_mol",
            |p| matches!(p, P::NotAsked { .. }),
        ),
        (
            "/patient_goals",
            json!(["x".repeat(3000)]),
            "patient_goals[0]",
            |p| matches!(p, P::GoalTooLong(2000)),
        ),
    ];
    for (pointer, value, field, is) in cases {
        let mut input = good.clone();
        input[pointer.trim_start_matches('/')] = value.clone();
        let err = compute_plan_json(&content(), &input.to_string()).unwrap_err();
        assert!(
            err.0.iter().any(|e| e.field == field && is(&e.problem)),
            "{pointer}={value}: expected that error on {field}, got {err}"
        );
    }
    for text in ["", "{", "[]", "null", "{\"schema\": 1}"] {
        assert!(compute_plan_json(&content(), text).is_err(), "{text}");
    }
}

/// Every file in pathways/ is compiled in, and every built-in file is in pathways/.
#[test]
fn every_pathway_file_is_registered_and_valid() {
    let on_disk: BTreeSet<String> = std::fs::read_dir("pathways")
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".schema.json"))
        .collect();
    let built_in: BTreeSet<String> = BUILTIN_FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(on_disk, built_in);
    for (name, text) in BUILTIN_FILES {
        assert_eq!(
            std::fs::read_to_string(Path::new("pathways").join(name)).unwrap(),
            *text,
            "{name}"
        );
    }
    content();
}

/// The widget decodes the content `make content` packed: it must be exactly the files as
/// written, loaded and checked now (same bytes when packed again, same plans). A pathway file
/// edited without `make content` fails here.
#[test]
fn the_packed_built_in_content_equals_the_files_as_written() {
    let from_files = Content::builtin_from_files().unwrap();
    let packed = std::fs::read(pakkeforloeb::engine::content::PACKED_PATH).unwrap();
    assert!(
        from_files.pack().unwrap() == packed,
        "{} is stale: the files in pathways/ changed since it was packed; run `make content`",
        pakkeforloeb::engine::content::PACKED_PATH
    );
    let prepared = Content::builtin().unwrap();
    assert_eq!(format!("{prepared:?}"), format!("{from_files:?}"));
    let mut plans = Vec::new();
    for c in [&from_files, &prepared] {
        let input = json!({"schema": "pakkeforloeb/input@1", "pathways": ["kol"], "diagnosis_date": "2027-03-01", "assessment_date": "2027-03-10"});
        plans.push(
            compute_plan_json(c, &input.to_string())
                .unwrap()
                .to_json_pretty(),
        );
    }
    assert_eq!(plans[0], plans[1]);
}

/// Applies a fixture's `set` (JSON Pointer → value; `-` appends to a list) and `remove`
/// (pointers) to a content file. Every pointer must reach into the live file, so a fixture fails
/// loudly, naming itself, when the content it patches changes.
fn patched(name: &str, file: &str, fixture: &Value) -> String {
    let text = BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == file)
        .unwrap_or_else(|| panic!("{name}: no {file}"))
        .1;
    let mut doc: Value = serde_json::from_str(text).unwrap();
    let parent = |doc: &mut Value, pointer: &str| -> (String, String) {
        let (head, last) = pointer.rsplit_once('/').unwrap();
        assert!(
            doc.pointer(head).is_some(),
            "{name}: {head} is not in {file}"
        );
        (head.to_owned(), last.to_owned())
    };
    for (pointer, value) in fixture
        .get("set")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let (head, last) = parent(&mut doc, pointer);
        match doc.pointer_mut(&head).unwrap() {
            Value::Object(map) => {
                map.insert(last, value.clone());
            }
            Value::Array(list) if last == "-" => list.push(value.clone()),
            Value::Array(list) => {
                let i: usize = last.parse().unwrap();
                assert!(i < list.len(), "{name}: {pointer} is not in {file}");
                list[i] = value.clone();
            }
            _ => panic!("{name}: {head} in {file} is not an object or list"),
        }
    }
    for pointer in fixture
        .get("remove")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let pointer = pointer.as_str().unwrap();
        let (head, last) = parent(&mut doc, pointer);
        let removed = match doc.pointer_mut(&head).unwrap() {
            Value::Object(map) => map.remove(&last),
            Value::Array(list) => Some(list.remove(last.parse().unwrap())),
            _ => None,
        };
        assert!(removed.is_some(), "{name}: {pointer} is not in {file}");
    }
    serde_json::to_string_pretty(&doc).unwrap()
}

/// Negative fixtures: a table of small patches over the live content files
/// (tests/fixtures/invalid-content.json), each with the error variant, the file and the JSON
/// path the loader must name, and a fragment of its message. Each broken file is loaded beside the built-in files it
/// does not replace, as `pakkeforloeb validate` checks it.
#[test]
fn invalid_pathway_files_are_rejected_naming_file_and_path() {
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/invalid-content.json").unwrap(),
    )
    .unwrap();
    let fixtures = table.as_array().unwrap();
    for fixture in fixtures {
        let name = fixture["name"].as_str().unwrap();
        let file = fixture["file"].as_str().unwrap();
        let body = patched(name, file, fixture);
        let err = Content::load_with_builtin(&[(file, body.as_str())])
            .err()
            .unwrap_or_else(|| panic!("{name}: the patched {file} loads without an error"));
        let expect = &fixture["expect"];
        let kind: &str = err.problem.kind().into();
        assert_eq!(kind, expect["error"].as_str().unwrap(), "{name}: {err}");
        assert_eq!(err.file, file, "{name}: {err}");
        assert_eq!(err.path, expect["path"].as_str().unwrap(), "{name}: {err}");
        assert!(
            err.message().contains(expect["message"].as_str().unwrap()),
            "{name}: {err}"
        );
    }
    assert!(fixtures.len() >= 36, "only {} fixtures", fixtures.len());
}

fn validator(path: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The committed schemas are checked by an independent validator (the `jsonschema` crate), not
/// only by our own deserialisation.
#[test]
fn every_content_file_validates_against_the_pathway_schema() {
    let v = validator("pathways/pathway.schema.json");
    for (name, text) in BUILTIN_FILES {
        assert_valid(&v, &serde_json::from_str(text).unwrap(), name);
    }
    // …and the schema is not vacuous: a rule with an unknown operator is rejected.
    let kol_text = BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == "kol.json")
        .unwrap()
        .1;
    let mut kol: Value = serde_json::from_str(kol_text).unwrap();
    kol["differentiation"]["rules"][0]["when"] = json!({"fact": "gold.grade", "gte=": 4});
    assert!(!v.is_valid(&kol));
}

#[test]
fn every_scenario_input_and_plan_validates_against_the_public_schemas() {
    let input_schema = validator("public/schema/input.schema.json");
    let plan_schema = validator("public/schema/plan.schema.json");
    for dir in std::fs::read_dir("tests/scenarios").unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.display().to_string();
            assert_valid(&input_schema, &case["input"], &name);
            assert_valid(&plan_schema, &plan(&case["input"]), &name);
        }
    }
    assert!(!input_schema.is_valid(&json!({"schema": "pakkeforloeb/input@1", "pathways": ["kol"]})));
    assert!(!plan_schema.is_valid(&json!({"schema": "pakkeforloeb/plan@1"})));
}

fn scenario(path: &str) -> Value {
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    case["input"].clone()
}

#[test]
fn quality_of_a_complete_kol_assessment_meets_every_process_indicator() {
    let p = plan(&scenario("tests/scenarios/kol/mild-never-smoker.json"));
    let q = &p["quality"];
    assert_eq!(q["plan_within_deadline"], true);
    assert_eq!(q["municipal_within_21_days"], true);
    assert_eq!(q["inputs_present_share"], 1.0);
    let indicators = q["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 5);
    assert!(
        indicators
            .iter()
            .all(|i| i["met"] == true && i["pathway"] == "kol"),
        "{indicators:#?}"
    );
    let met = |id: &str| {
        q["success_criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["met"]
            .clone()
    };
    assert_eq!(met("kol-succes-roegfri"), true);
    assert_eq!(met("kol-succes-cat"), true); // CAT 8
    assert_eq!(met("kol-succes-ingen-indlaeggelse"), true);
}

#[test]
fn quality_of_a_partial_assessment_names_what_was_not_recorded() {
    let p = plan(&kol(
        json!({"fev1_pct_pred": 45, "fev1_fvc": null}),
        json!({"mrc": [2]}),
    ));
    let q = &p["quality"];
    let ind = |id: &str| {
        q["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(ind("kol-ind-mrc")["met"], true);
    assert_eq!(ind("kol-ind-spirometri")["met"], false);
    assert_eq!(
        ind("kol-ind-spirometri")["missing"],
        json!(["measurements.fev1_fvc"])
    );
    assert_eq!(ind("kol-ind-cat")["met"], false);
    // The rules need 15 KOL inputs; fev1_pct_pred and mrc are 2 of them.
    let needed = q["inputs_needed"].as_array().unwrap().len();
    assert_eq!(q["inputs_present"], 2);
    let share = q["inputs_present_share"].as_f64().unwrap();
    assert!(
        (share - (2.0 / needed as f64 * 100.0).round() / 100.0).abs() < 1e-9,
        "{share} of {needed}"
    );
    // Unknown inputs leave a success criterion unknown, not failed.
    let c = q["success_criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "kol-succes-roegfri")
        .unwrap();
    assert_eq!(c["met"], Value::Null);
}

#[test]
fn an_overdue_plan_is_flagged_in_quality() {
    let p = plan(&scenario("tests/scenarios/kol/overdue-smoker-drinker.json"));
    assert_eq!(p["quality"]["plan_within_deadline"], false);
    assert_eq!(p["quality"]["municipal_within_21_days"], true);
    let roegfri = p["quality"]["success_criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "kol-succes-roegfri")
        .unwrap()
        .clone();
    assert_eq!(roegfri["met"], false);
}

#[test]
fn civil_society_offers_carry_no_deadline_and_stay_out_of_the_municipal_check() {
    let p = plan(&scenario("tests/scenarios/combined/all-five-pathways.json"));
    let civil: Vec<&Value> = p["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["provider"] == "civilsamfund")
        .collect();
    let ids: BTreeSet<&str> = civil.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        BTreeSet::from([
            "diabetes-netvaerk",
            "frivillig-stoette",
            "hjerte-netvaerk",
            "kol-netvaerk",
            "ryg-netvaerk"
        ])
    );
    for i in &civil {
        assert_eq!(i["start_by"], Value::Null, "{}", i["id"]);
        assert_eq!(i["phase"], "vedvarende");
    }
    // Where no verified source exists the offer is a proposal; the heart one rests on [V].
    let proposal = |id: &str| civil.iter().find(|i| i["id"] == id).unwrap()["proposal"].clone();
    assert_eq!(proposal("kol-netvaerk"), true);
    assert_eq!(proposal("hjerte-netvaerk"), false);
    assert_eq!(p["quality"]["municipal_within_21_days"], true);
}

/// A host counts indicators across many plans with nothing but the plan JSON.
#[test]
fn indicators_can_be_counted_across_plans_from_the_plan_json_alone() {
    let mut counts: std::collections::BTreeMap<String, (u32, u32)> =
        std::collections::BTreeMap::new();
    let mut plans = 0;
    for dir in std::fs::read_dir("tests/scenarios").unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let text =
                serde_json::to_string(&plan(&scenario(file.unwrap().path().to_str().unwrap())))
                    .unwrap();
            // …a host would read the stored file; only the JSON is used from here on.
            let stored: Value = serde_json::from_str(&text).unwrap();
            plans += 1;
            for i in stored["quality"]["indicators"].as_array().unwrap() {
                let e = counts
                    .entry(format!(
                        "{}/{}",
                        i["pathway"].as_str().unwrap(),
                        i["id"].as_str().unwrap()
                    ))
                    .or_default();
                e.1 += 1;
                e.0 += u32::from(i["met"] == true);
            }
        }
    }
    assert!(plans >= 40);
    assert_eq!(counts["kol/kol-ind-spirometri"].1, 39); // 20 KOL scenarios + 10 combinations + 9 person-axis scenarios (KOL)
    assert!(
        counts["kol/kol-ind-spirometri"].0 < counts["kol/kol-ind-spirometri"].1,
        "the empty KOL scenario lacks spirometry"
    );
    assert!(counts.values().all(|(met, n)| met <= n));
}

/// The lasting phase: a yearly status against the first plan records what changed.
#[test]
fn a_yearly_status_records_what_changed_since_the_previous_plan() {
    let first_input = scenario("tests/scenarios/kol/overdue-smoker-drinker.json");
    let first = plan(&first_input);
    let mut next = first_input.clone();
    next["assessment_date"] = json!("2028-02-15");
    next["measurements"]["smoking"] = json!("former");
    next["measurements"]["fev1_pct_pred"] = json!(45);
    next["measurements"]["exacerbations_moderate_12m"] = json!(2);
    next["patient_goals"] = json!(["Gå til fitness to gange om ugen"]);
    let text = pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &content(),
        &next.to_string(),
        &serde_json::to_string(&first).unwrap(),
    )
    .unwrap();
    let p = serde_json::to_value(text).unwrap();
    assert_eq!(p["phase"], "vedvarende");
    let c = &p["changes"];
    assert_eq!(c["previous_assessment_date"], "2027-02-15");
    // GOLD 3 with 2 exacerbations (group E) is level 3.
    assert_eq!(c["level"], json!({"from": 1, "to": 3}));
    assert_eq!(
        c["levels_by_pathway"],
        json!([{"pathway": "kol", "from": 1, "to": 3}])
    );
    assert_eq!(c["interventions_ended"], json!(["nikotinafvaenning"]));
    // Group E: pulmonary rehabilitation (SST NKR 2014; GOLD: groups B and E).
    assert_eq!(c["interventions_added"], json!(["kol-rehabilitering"]));
    // The trend in numbers: each value then (with its date) and now, and what it moved.
    let value = |field: &str| {
        c["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["field"] == field)
            .cloned()
            .unwrap_or_else(|| panic!("{field} not in {}", c["values"]))
    };
    let fev1 = value("measurements.fev1_pct_pred");
    assert_eq!((&fev1["from"], &fev1["to"]), (&json!(70), &json!(45)));
    assert_eq!(fev1["from_date"], "2027-02-15");
    assert!(fev1["moved"]
        .as_array()
        .unwrap()
        .contains(&json!("kol-niveau2-gold3")));
    let exacerbations = value("measurements.exacerbations_moderate_12m");
    assert!(exacerbations["moved"]
        .as_array()
        .unwrap()
        .contains(&json!("kol-rehab-gold-b-e")));
    assert_eq!(value("measurements.smoking")["moved"], Value::Null);
    // A value that did not move is not listed.
    assert!(c["values"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["field"] != "measurements.height_cm"));
    // The clarifying conversation is done, not ended, and not proposed again; every offer
    // carries the lasting phase.
    assert_eq!(c["interventions_done"], json!(["afklarende-samtale"]));
    assert!(p["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["id"] != "afklarende-samtale" && i["phase"] == "vedvarende"));
    assert_eq!(c["goals_ended"], json!(["rygestop"]));
    assert_eq!(
        c["patient_goals_added"],
        json!(["Gå til fitness to gange om ugen"])
    );
    // A trin 2 status is the same comparison in phase trin2.
    let mut trin2 = next.clone();
    trin2["phase"] = json!("trin2");
    let t = pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &content(),
        &trin2.to_string(),
        &serde_json::to_string(&first).unwrap(),
    )
    .unwrap();
    assert_eq!(serde_json::to_value(&t).unwrap()["phase"], "trin2");
    // Follow-ups are recomputed from the new assessment date (GOLD 3 → every 3 months).
    assert_eq!(
        (&p["follow_up"][0]["id"], &p["follow_up"][0]["due"]),
        (&json!("kontrol"), &json!("2028-05-15"))
    );
}

#[test]
fn a_previous_plan_of_another_schema_or_content_version_is_refused_not_guessed() {
    let first = plan(&scenario("tests/scenarios/kol/mild-never-smoker.json"));
    let mut next = scenario("tests/scenarios/kol/mild-never-smoker.json");
    next["assessment_date"] = json!("2028-03-10");
    let try_with = |prev: &Value| {
        pakkeforloeb::engine::previous::compute_follow_up_plan_json(
            &content(),
            &next.to_string(),
            &prev.to_string(),
        )
        .unwrap_err()
    };
    let mut old = first.clone();
    old["schema"] = json!("pakkeforloeb/plan@0");
    assert_eq!(try_with(&old).0[0].field, "previous.schema");
    let mut older = first.clone();
    older["content"][1]["version"] = json!("2025.01.0");
    let err = try_with(&older);
    assert_eq!(err.0[0].field, "previous.content[1].version");
    assert!(matches!(
        &err.0[0].problem,
        pakkeforloeb::engine::error::Problem::PreviousContentVersion { was, .. } if was == "2025.01.0"
    ));
    let mut broken = first.clone();
    broken.as_object_mut().unwrap().remove("differentiation");
    assert!(try_with(&broken).0[0].field.key_at(0) == Some("previous"));
    // …and a re-assessment must come after the previous one.
    let mut same_day = scenario("tests/scenarios/kol/mild-never-smoker.json");
    same_day["assessment_date"] = first["assessment_date"].clone();
    let err = pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &content(),
        &same_day.to_string(),
        &first.to_string(),
    )
    .unwrap_err();
    assert_eq!(err.0[0].field, "assessment_date");
}

/// Trainers' example patients: at least 3 per pathway and 3 multimorbid, each a valid input with
/// a Danish and an English vignette.
#[test]
fn every_example_patient_is_a_valid_input_with_a_vignette() {
    let mut per_pathway: std::collections::BTreeMap<String, usize> =
        std::collections::BTreeMap::new();
    let mut multimorbid = 0;
    for f in std::fs::read_dir("public/examples").unwrap() {
        let path = f.unwrap().path();
        let ex: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for lang in ["da", "en"] {
            assert!(
                ex["vignette"][lang].as_str().is_some_and(|v| v.len() > 40),
                "{}",
                path.display()
            );
            assert!(ex["title"][lang].as_str().is_some_and(|v| !v.is_empty()));
        }
        plan(&ex["input"]);
        let pathways = ex["input"]["pathways"].as_array().unwrap();
        if pathways.len() > 1 {
            multimorbid += 1;
        } else {
            *per_pathway
                .entry(pathways[0].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
    }
    assert!(multimorbid >= 3);
    for id in pakkeforloeb::engine::content::PATHWAY_IDS {
        assert!(
            per_pathway.get(id).copied().unwrap_or(0) >= 3,
            "{id}: {per_pathway:?}"
        );
    }
}

/// The contract (public/docs/contract.md) lists every measurement the content defines, with its
/// kind, unit and allowed values, exactly as the engine checks them: hosts read the same ranges.
#[test]
fn the_contract_lists_every_measurement_as_the_content_defines_it() {
    use pakkeforloeb::engine::content::MeasurementKind;
    use pakkeforloeb::engine::text::number_text;
    use pakkeforloeb::engine::Lang;
    let doc = std::fs::read_to_string("public/docs/contract.md").unwrap();
    let c = content();
    let mut missing = Vec::new();
    for m in c.measurements.values() {
        let (kind, values) = match m.kind {
            MeasurementKind::Number | MeasurementKind::Integer => (
                if m.kind == MeasurementKind::Number {
                    "number"
                } else {
                    "integer"
                },
                format!(
                    "{}–{}",
                    number_text(m.min.unwrap(), Lang::En),
                    number_text(m.max.unwrap(), Lang::En)
                ),
            ),
            MeasurementKind::Bool => ("bool", "true, false".to_owned()),
            MeasurementKind::Code | MeasurementKind::Codes => (
                if m.kind == MeasurementKind::Code {
                    "code"
                } else {
                    "codes"
                },
                m.values
                    .iter()
                    .map(|v| format!("`{}`", v.value))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        let row = format!(
            "| `{}` | {kind} | {} | {values} | {} |",
            m.id,
            m.unit.as_deref().unwrap_or("–"),
            m.label.en
        );
        if !doc.contains(&row) {
            missing.push(row);
        }
    }
    assert!(
        missing.is_empty(),
        "rows missing or out of date in public/docs/contract.md:\n{}",
        missing.join("\n")
    );
    let rows = doc
        .lines()
        .filter(|l| l.starts_with("| `") && l.matches(" | ").count() == 4)
        .count();
    assert_eq!(
        rows,
        c.measurements.len(),
        "the contract lists measurements the content does not define"
    );
}

/// Every Danish text a GP or patient reads in the content (and the widget's own texts) from
/// `pathways/*.json`, with where it is.
fn danish_texts() -> Vec<(String, String)> {
    fn walk(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(m) => {
                if let (Some(Value::String(da)), Some(Value::String(_))) =
                    (m.get("da"), m.get("en"))
                {
                    out.push((path.to_owned(), da.clone()));
                    return;
                }
                for (k, x) in m {
                    walk(x, &format!("{path}.{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (name, text) in BUILTIN_FILES {
        walk(&serde_json::from_str(text).unwrap(), name, &mut out);
    }
    out
}

/// One word for one concept (public/docs/glossary.md): no Danish text uses a word the glossary
/// rules out, in the content or in the widget's own texts.
#[test]
fn the_danish_texts_use_the_glossarys_terms() {
    let glossary = std::fs::read_to_string("public/docs/glossary.md").unwrap();
    let avoided: Vec<String> = glossary
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| begreb") && !l.starts_with("|---"))
        .flat_map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            cols[3]
                .split(", ")
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(avoided.len() >= 15, "{avoided:?}");
    let mut texts = danish_texts();
    let ui = std::fs::read_to_string("src/ui/i18n.rs").unwrap();
    for line in ui.lines().filter(|l| l.trim_start().starts_with("(\"")) {
        let parts: Vec<&str> = line.split("\", \"").collect();
        if parts.len() >= 2 {
            texts.push((format!("i18n {}", parts[0].trim()), parts[1].to_owned()));
        }
    }
    let word_at = |t: &str, w: &str| {
        let lower = t.to_lowercase();
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    let mut found = Vec::new();
    for (path, t) in &texts {
        for w in &avoided {
            if word_at(t, w) {
                found.push(format!("{path}: '{w}' in {t}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Texts written to the patient (the printout) explain the medical abbreviations they use.
#[test]
fn patient_facing_texts_explain_their_abbreviations() {
    // Abbreviation → the words that must stand in the same text when it is used.
    let explain = [
        ("HbA1c", "langtidsblodsukker"),
        ("LDL", "kolesterol"),
        ("eGFR", "nyre"),
        ("MDI", "spørgeskema"),
        ("WHO-5", "spørgeskema"),
        ("SGLT2", "medicin"),
        ("GLP-1", "medicin"),
        ("NSAID", "gigtmedicin"),
        ("FSIII", "kode"),
        ("TAVI", "kateter"),
    ];
    let patient_facing: Vec<(String, String)> = danish_texts()
        .into_iter()
        .filter(|(p, _)| {
            (p.contains(".catalogue[") && (p.ends_with(".title") || p.ends_with(".description")))
                || (p.contains(".follow_ups[") && p.ends_with(".title"))
                || (p.contains(".goals[") && p.ends_with(".text"))
        })
        .collect();
    assert!(patient_facing.len() > 40);
    let mut found = Vec::new();
    for (path, t) in &patient_facing {
        for (abbr, words) in explain {
            if t.contains(abbr) && !t.to_lowercase().contains(words) {
                found.push(format!("{path}: {abbr} without '{words}' in {t}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

fn t2d(measurements: Value) -> Value {
    json!({
        "schema": "pakkeforloeb/input@1",
        "pathways": ["type2-diabetes"],
        "diagnosis_date": "2027-03-01",
        "assessment_date": "2027-03-10",
        "measurements": measurements,
    })
}

fn treatment<'a>(plan: &'a Value, id: &str) -> Option<&'a Value> {
    plan["treatment"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
}

/// GOLD 2024, initial pharmacological treatment: group A one bronchodilator, B LABA and LAMA, E
/// LABA and LAMA with an inhaled corticosteroid considered at a high eosinophil count. Without a
/// group (exacerbations unknown) there is no prompt rather than group A's.
#[test]
fn the_inhaler_prompt_follows_the_gold_group() {
    for (cat, exac, rule) in [
        (0, 0, "kol-medicin-a"),
        (16, 0, "kol-medicin-b"),
        (0, 2, "kol-medicin-e"),
    ] {
        let p = plan(&kol(
            json!({"exacerbations_moderate_12m": exac, "exacerbation_admissions_12m": 0}),
            json!({"cat": vec![cat / 8; 8], "mrc": [1]}),
        ));
        let t = treatment(&p, "inhalationsmedicin").unwrap();
        assert_eq!(t["reasons"].as_array().unwrap().len(), 1, "{t:#}");
        assert_eq!(t["reasons"][0]["rule"], rule);
        assert_eq!(t["pathways"], json!(["kol"]));
    }
    let p = plan(&kol(json!({}), json!({"cat": vec![0; 8]})));
    assert!(treatment(&p, "inhalationsmedicin").is_none());
}

/// BMI under 22 in COPD calls for nutrition support (a proposal); 22 and over does not.
#[test]
fn kol_bmi_under_22_calls_for_nutrition_support() {
    let nutrition = |weight: f64| {
        let p = plan(&kol(
            json!({"height_cm": 180, "weight_kg": weight}),
            json!({}),
        ));
        p["interventions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "ernaeringsindsats")
            .map(|i| {
                i["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["rule"] == "kol-ernaering-bmi22" && r["proposal"] == true)
            })
    };
    // 180 cm: BMI 22 is 71.28 kg.
    assert_eq!(nutrition(71.0), Some(true));
    assert_eq!(nutrition(71.3), None);
}

/// Metformin: prompted at eGFR ≥ 60, with a dose and kidney caveat at 45–59 (EMA), at a
/// reduced dose at 30–44, and at eGFR < 30 a contraindication gate says so (and would hold back
/// any rule, regional too, that prompts it).
#[test]
fn metformin_follows_the_kidney_function() {
    for (egfr, rule) in [
        (60, "t2d-metformin"),
        (59, "t2d-metformin-45-59"),
        (45, "t2d-metformin-45-59"),
    ] {
        let p = plan(&t2d(json!({ "egfr": egfr })));
        assert_eq!(
            treatment(&p, "metformin").unwrap()["reasons"][0]["rule"],
            rule,
            "eGFR {egfr}"
        );
    }
    let p = plan(&t2d(json!({"egfr": 44})));
    assert_eq!(
        treatment(&p, "metformin").unwrap()["reasons"][0]["rule"],
        "t2d-metformin-reduceret"
    );
    let p = plan(&t2d(json!({"egfr": 29})));
    assert!(treatment(&p, "metformin").is_none());
    let gate = p["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "t2d-metformin-egfr")
        .unwrap();
    assert_eq!(gate["kind"], "contraindication");
    assert_eq!(gate["blocks"], json!(["metformin"]));
}

/// Heart failure with reduced ejection fraction prompts the four drug classes; ischaemic heart
/// disease prompts statin and antiplatelet treatment; all are proposals.
#[test]
fn heart_treatment_prompts_follow_the_condition() {
    let heart = |m: Value| {
        json!({
            "schema": "pakkeforloeb/input@1",
            "pathways": ["hjertesygdom"],
            "diagnosis_date": "2027-03-01",
            "assessment_date": "2027-03-10",
            "measurements": m,
        })
    };
    let p = plan(&heart(
        json!({"heart_condition": "heart_failure", "lvef_pct": 35, "nyha_class": 2}),
    ));
    let t = treatment(&p, "hjertesvigt-medicin").unwrap();
    assert_eq!(t["proposal"], true);
    assert!(treatment(&p, "statin").is_none());
    let p = plan(&heart(
        json!({"heart_condition": "heart_failure", "lvef_pct": 45, "nyha_class": 2}),
    ));
    assert!(treatment(&p, "hjertesvigt-medicin").is_none());
    let p = plan(&heart(
        json!({"heart_condition": "ischaemic", "nyha_class": 1}),
    ));
    assert!(treatment(&p, "statin").is_some());
    assert!(treatment(&p, "trombocythaemmer").is_some());
}

/// The GP's decision on a prompt is kept in the plan with its note; a decision on a treatment the
/// plan does not prompt is not dropped silently but named in a warning; an unknown id is refused.
#[test]
fn treatment_decisions_are_recorded_or_named_never_dropped() {
    let mut input = t2d(json!({"egfr": 80}));
    input["overrides"] = json!({"treatments": {"metformin": {"decision": "started", "reason": " Langsom optrapning "}}});
    let p = plan(&input);
    assert_eq!(
        treatment(&p, "metformin").unwrap()["decision"],
        json!({"decision": "started", "reason": "Langsom optrapning"})
    );
    // The kidney function falls: the prompt is held, the recorded decision is named.
    input["measurements"]["egfr"] = json!(25);
    let p = plan(&input);
    assert!(treatment(&p, "metformin").is_none());
    let w = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "ignored-input")
        .unwrap();
    assert_eq!(w["fields"], json!(["overrides.treatments.metformin"]));
    input["overrides"] = json!({"treatments": {"aspirin-ish": {"decision": "started"}}});
    let err = compute_plan_json(&content(), &input.to_string()).unwrap_err();
    assert_eq!(err.0[0].field, "overrides.treatments.aspirin-ish");
}

/// Every content version the widget ships is described in the content changelog.
#[test]
fn the_content_changelog_describes_every_shipped_version() {
    let log = std::fs::read_to_string("pathways/CHANGELOG.md").unwrap();
    for (name, text) in BUILTIN_FILES {
        let v: Value = serde_json::from_str(text).unwrap();
        let version = v["version"].as_str().unwrap();
        assert!(
            log.contains(&format!("\n## {version} ")),
            "{name}: version {version} is not in pathways/CHANGELOG.md"
        );
    }
}

/// The widget plans from the valid part of an input while the GP types: each invalid entry is
/// left out on its own and named; nothing else is lost.
#[test]
fn a_checked_input_keeps_every_valid_entry_and_names_each_invalid_one() {
    let mut input = kol(
        json!({"fev1_pct_pred": 45, "height_cm": 999, "smoking": "current"}),
        json!({"cat": [1, 1, 9, 1, 1, 1, 1, 1]}),
    );
    input["patient_goals"] = json!(["Gå ture", "x".repeat(2001), "Passe mit arbejde"]);
    input["overrides"] = json!({"removed_interventions": [
        {"id": "nikotinafvaenning", "reason": "Går på apoteket"},
        {"id": "kol-netvaerk", "reason": " "}
    ]});
    let text = input.to_string();
    let parsed = pakkeforloeb::engine::Input::from_json_str(&text).unwrap();
    let checked = parsed.check(&content());
    let fields: Vec<String> = checked.errors.iter().map(|e| e.field.to_string()).collect();
    assert_eq!(
        fields,
        [
            "instruments.cat[2]",
            "measurements.height_cm",
            "patient_goals[1]",
            "overrides.removed_interventions[1].reason"
        ]
    );
    let valid = checked.input;
    assert_eq!(
        valid.answers["cat"],
        [
            Some(1),
            Some(1),
            None,
            Some(1),
            Some(1),
            Some(1),
            Some(1),
            Some(1)
        ]
    );
    assert!(!valid.measurements.contains_key("height_cm"));
    assert!(valid.measurements.contains_key("fev1_pct_pred"));
    assert_eq!(valid.patient_goals, ["Gå ture", "Passe mit arbejde"]);
    assert_eq!(valid.overrides.removed_interventions.len(), 1);
    assert_eq!(
        valid.overrides.removed_interventions[0].id,
        "nikotinafvaenning"
    );
    // The strict form refuses the same input with the same errors.
    let err = compute_plan_json(&content(), &text).unwrap_err();
    assert_eq!(err.0.len(), 4);
}

/// Without dates there is no plan, but the scores of the answers are there: they never depend
/// on dates, and no date is invented to get them.
#[test]
fn scores_need_no_dates() {
    let mut input = kol(json!({}), json!({"cat": vec![2; 8]}));
    input["diagnosis_date"] = json!("");
    let parsed = pakkeforloeb::engine::Input::from_json_str(&input.to_string()).unwrap();
    let checked = parsed.check(&content());
    assert_eq!(checked.errors[0].field, "diagnosis_date");
    assert_eq!(checked.input.diagnosis_date, None);
    assert!(checked.input.assessment_date.is_some());
    let facts = pakkeforloeb::engine::facts::compute_facts(&content(), &checked.input);
    let scores = pakkeforloeb::engine::plan::scores(&facts);
    assert_eq!(scores["cat"]["total"], 16);
    assert_eq!(scores["cat"]["band"], "medium");
    assert!(checked.input.complete().is_none());
}

/// A CAT the patient filled on paper can be entered as its total (the rules read only the total):
/// the same band, GOLD group and level as the same answers item by item; the plan records that the
/// items were not given. Where the rules read items (WHO-5's "any item 0 or 1"), a total is refused.
#[test]
fn a_paper_cat_can_be_entered_as_its_total() {
    let measurements = json!({"exacerbations_moderate_12m": 0, "exacerbation_admissions_12m": 0, "fev1_pct_pred": 60});
    let by_items = plan(&kol(
        measurements.clone(),
        json!({"cat": [2, 2, 2, 2, 2, 2, 2, 2], "mrc": [2]}),
    ));
    let mut input = kol(measurements, json!({"mrc": [2]}));
    input["instrument_totals"] = json!({"cat": 16});
    let by_total = plan(&input);
    assert_eq!(by_total["scores"]["cat"], by_items["scores"]["cat"]);
    assert_eq!(by_total["scores"]["gold"], by_items["scores"]["gold"]);
    assert_eq!(by_total["differentiation"], by_items["differentiation"]);
    assert_eq!(
        by_total["assessment"]["instrument_totals"],
        json!({"cat": 16})
    );
    assert!(by_total["assessment"]["instruments"].get("cat").is_none());
    // A total counts as the instrument recorded.
    assert_eq!(
        by_total["quality"]["inputs_present"],
        by_items["quality"]["inputs_present"]
    );
    use pakkeforloeb::engine::error::Problem;
    let refused = |totals: Value, instruments: Value| {
        let mut i = kol(json!({}), instruments);
        i["instrument_totals"] = totals;
        let err = compute_plan_json(&content(), &i.to_string()).unwrap_err();
        (err.0[0].field.to_string(), err.0[0].problem.clone())
    };
    let (field, problem) = refused(json!({"cat": 41}), json!({}));
    assert_eq!(field, "instrument_totals.cat");
    assert!(
        matches!(problem, Problem::TotalOutOfRange { max: 40, .. }),
        "{problem:?}"
    );
    let (_, problem) = refused(json!({"cat": 12}), json!({"cat": [1, 1, 1, 1, 1, 1, 1, 1]}));
    assert_eq!(problem, Problem::TotalWithAnswers);
    let (field, problem) = refused(json!({"who5": 20}), json!({}));
    assert_eq!(field, "instrument_totals.who5");
    assert_eq!(problem, Problem::TotalNotAllowed);
}

/// Every kind of content error ([`ContentProblemKind`], one per variant of the enum) is named by
/// a fixture in tests/fixtures/invalid-content.json that makes it happen, unless a single file
/// given beside the built-in ones cannot cause it (listed here, with why). A new variant
/// without a fixture fails here.
#[test]
fn the_fixture_table_covers_every_kind_of_content_error() {
    use pakkeforloeb::engine::error::ContentProblemKind as K;
    use strum::IntoEnumIterator;
    const NOT_FROM_ONE_FILE: [(K, &str); 4] = [
        (K::SharedMissing, "needs a load without the shared file"),
        (
            K::SharedTwice,
            "a given file with id shared replaces the built-in one",
        ),
        (K::BuiltinStale, "the packed content, not a content file"),
        (
            K::NotFinite,
            "JSON cannot hold one (1e400 is a parse error)",
        ),
    ];
    let fixtures: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/invalid-content.json").unwrap(),
    )
    .unwrap();
    let named: BTreeSet<&str> = fixtures
        .iter()
        .map(|f| f["expect"]["error"].as_str().unwrap())
        .collect();
    let mut missing = Vec::new();
    for kind in K::iter() {
        let name: &str = kind.into();
        let exempt = NOT_FROM_ONE_FILE.iter().any(|(k, _)| *k == kind);
        assert!(
            !(exempt && named.contains(name)),
            "{name} has a fixture: take it off the list"
        );
        if !exempt && !named.contains(name) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "no fixture gives these errors: {missing:?}"
    );
    // Every name in the table is a variant (a misspelt one would match no error).
    let kinds: BTreeSet<&str> = K::iter().map(<&str>::from).collect();
    let unknown: Vec<&&str> = named.iter().filter(|n| !kinds.contains(**n)).collect();
    assert!(unknown.is_empty(), "not variants: {unknown:?}");
}

/// A plan made with a regional pack is a previous plan only for the same pack: with other
/// content it is refused, naming both, never compared as if the rules were the same.
#[test]
fn a_previous_plan_from_another_content_pack_is_refused() {
    let file = std::fs::read_to_string("pathways/regions/eksempel/kol.json").unwrap();
    let regional = Content::load_with_builtin(&[("kol.json", file.as_str())]).unwrap();
    let regional =
        Content::from_pack(&regional.to_pack("Region Eksempel", "2027.1").unwrap()).unwrap();
    let input = kol(json!({}), json!({"mrc": [2]})).to_string();
    let first = compute_plan_json(&regional, &input).unwrap();
    assert_eq!(first.content_pack.as_ref().unwrap().name, "Region Eksempel");
    let next = input.replace("2027-03-10", "2028-03-10");
    let err = pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &content(),
        &next,
        &first.to_json_pretty(),
    )
    .unwrap_err();
    assert!(err.0.iter().any(|e| e.field == "previous.content_pack"
        && matches!(&e.problem, pakkeforloeb::engine::error::Problem::PreviousPack { was: Some(w), now: None } if w == "Region Eksempel 2027.1")));
    // With the same pack it is read.
    assert!(pakkeforloeb::engine::previous::compute_follow_up_plan_json(
        &regional,
        &next,
        &first.to_json_pretty()
    )
    .is_ok());
}

/// Every offer the GP refers to (municipal, hospital, specialist, physiotherapist, podiatrist,
/// job centre) carries its referral in every golden scenario: the reason in words, the
/// diagnoses, the latest start (or that it waits for the patient's yes), consent and
/// interpreter said, and never a finding a gate keeps private; what the GP does or the
/// patient chooses has none.
#[test]
fn every_referred_offer_carries_its_referral_and_nothing_private() {
    let mut kinds = BTreeSet::new();
    for dir in std::fs::read_dir("tests/scenarios").unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(file.unwrap().path()).unwrap())
                    .unwrap();
            let p = plan(&case["input"]);
            for i in p["interventions"].as_array().unwrap() {
                let provider = i["provider"].as_str().unwrap();
                let r = &i["referral"];
                if ["almen-praksis", "civilsamfund", "patient"].contains(&provider) {
                    assert!(r.is_null(), "{} has a referral", i["id"]);
                    continue;
                }
                kinds.insert(provider.to_owned());
                let text = r["text"].as_str().unwrap();
                assert!(!r["reason"].as_str().unwrap().is_empty());
                // KOL, low back pain and diabetes have their codes; the heart pathway's follow
                // the heart condition when it is recorded; multimorbidity has no single code.
                let heart = &case["input"]["measurements"]["heart_condition"];
                // ("other" heart disease has no code of its own.)
                let coded = (heart.is_string() || heart.is_array())
                    && !heart.to_string().contains("other")
                    || p["pathways"].as_array().unwrap().iter().any(|x| {
                        ["kol", "laenderyg", "type2-diabetes"].contains(&x.as_str().unwrap())
                    });
                if coded {
                    assert!(
                        !r["diagnoses"].as_array().unwrap().is_empty(),
                        "{}",
                        i["id"]
                    );
                }
                assert!(text.contains(i["title"].as_str().unwrap()), "{text}");
                for part in ["Henvisningsårsag", "Samtykke", "Tolk", "Seneste opstart"] {
                    assert!(text.contains(part), "{part} missing in {text}");
                }
                assert!(
                    !text.contains("selvmord") && !text.contains("livet ikke"),
                    "{text}"
                );
            }
        }
    }
    for k in [
        "kommune",
        "hospital",
        "speciallaege",
        "fysioterapeut",
        "fodterapeut",
        "jobcenter",
    ] {
        assert!(kinds.contains(k), "no golden refers to {k}: {kinds:?}");
    }
}

/// Pulmonary rehabilitation's referral gives the receiver the spirometry, MRC, CAT and smoking
/// (the catalogue's `referral_facts`), and records the consent once the patient said yes.
#[test]
fn a_rehabilitation_referral_names_the_facts_the_receiver_needs() {
    let mut input = scenario("tests/scenarios/kol/gold-b-milder-dyspnoea-rehab.json");
    input["overrides"] = json!({"accepted": {"kol-rehabilitering": "2027-03-12"}});
    let p = plan(&input);
    let rehab = p["interventions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "kol-rehabilitering")
        .unwrap();
    let r = &rehab["referral"];
    let facts = r["facts"].to_string();
    for f in ["FEV1", "MRC", "CAT", "Rygning"] {
        assert!(facts.contains(f), "{f} not in {facts}");
    }
    assert_eq!(r["consent"], json!(true));
    assert!(r["text"].as_str().unwrap().contains("12. marts 2027"));
    assert_eq!(r["diagnoses"][0]["code"], "R95");
}

/// A patient's yes that cannot be used is refused naming its field, or said in a warning when
/// the offer is not in the plan: never dropped in silence.
#[test]
fn an_acceptance_that_cannot_apply_is_refused_or_said() {
    let mut input = scenario("tests/scenarios/person/socially-vulnerable-not-ready.json");
    let c = content();
    for (accepted, field) in [
        (
            json!({"nikotinafvaenning": "2027-02-30"}),
            "overrides.accepted.nikotinafvaenning",
        ),
        (
            json!({"nikotinafvaenning": "2027-02-01"}),
            "overrides.accepted.nikotinafvaenning",
        ),
        (
            json!({"<script>": "2027-03-10"}),
            "overrides.accepted.<script>",
        ),
    ] {
        input["overrides"] = json!({ "accepted": accepted });
        let err = pakkeforloeb::engine::compute_plan_json(&c, &input.to_string())
            .expect_err("refused")
            .to_string();
        assert!(err.contains(field), "{err}");
    }
    // A real offer the plan does not hold (no diabetes here): an ignored-input warning.
    input["overrides"] = json!({ "accepted": { "fodterapi": "2027-03-10" } });
    let p = plan(&input);
    let w = p["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["id"] == "ignored-input")
        .expect("said");
    assert_eq!(w["fields"], json!(["overrides.accepted.fodterapi"]));
}
