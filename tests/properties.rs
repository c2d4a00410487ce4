//! Property tests: whatever the input, the engine never panics, is deterministic, keeps the
//! 21-day rule and never lists an intervention twice.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use pakkeforloeb::engine::content::{GateKind, MeasurementKind};
use pakkeforloeb::engine::gates::{GateState, PathwayStatus};
use pakkeforloeb::engine::{compute_plan_json, Content};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn plan_schema() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(
            &std::fs::read_to_string("public/schema/plan.schema.json").unwrap(),
        )
        .unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

fn content() -> &'static Content {
    static C: OnceLock<Content> = OnceLock::new();
    C.get_or_init(|| Content::builtin().unwrap())
}

/// A valid input over any subset of pathways, with any subset of answers and measurements.
fn valid_input() -> impl Strategy<Value = Value> {
    let ids: Vec<String> = content().pathways.keys().cloned().collect();
    (
        proptest::sample::subsequence(ids, 1..=5),
        0u32..4000,
        0u32..400,
        any::<u64>(),
    )
        .prop_map(|(pathways, start, gap, seed)| {
            let c = content();
            let mut rng = seed;
            let mut next = move |n: u64| {
                rng = rng
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (rng >> 33) % n.max(1)
            };
            let d = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
                + chrono::Days::new(u64::from(start));
            let a = d + chrono::Days::new(u64::from(gap));
            let mut instruments = Map::new();
            let mut measurements = Map::new();
            for p in &pathways {
                let p = &c.pathways[p];
                for id in &p.instruments {
                    if next(3) == 0 {
                        continue;
                    }
                    let def = &c.instruments[id];
                    let answers: Vec<Value> = def
                        .items
                        .iter()
                        .map(|item| {
                            let opts = def.options_of(item);
                            if next(10) == 0 {
                                Value::Null
                            } else {
                                json!(opts[next(opts.len() as u64) as usize].value)
                            }
                        })
                        .collect();
                    instruments.insert(id.clone(), Value::Array(answers));
                }
                for id in &p.measurements {
                    if next(3) == 0 {
                        continue;
                    }
                    let m = &c.measurements[id];
                    let v = match m.kind {
                        MeasurementKind::Number | MeasurementKind::Integer => {
                            let (lo, hi) = (m.min.unwrap(), m.max.unwrap());
                            let x = lo + (hi - lo) * (next(1001) as f64) / 1000.0;
                            json!(if m.kind == MeasurementKind::Integer {
                                x.floor()
                            } else {
                                x
                            })
                        }
                        MeasurementKind::Bool => json!(next(2) == 0),
                        MeasurementKind::Code => {
                            json!(m.values[next(m.values.len() as u64) as usize].value)
                        }
                        MeasurementKind::Codes => Value::Array(
                            m.values
                                .iter()
                                .filter(|_| next(4) == 0)
                                .map(|v| json!(v.value))
                                .collect(),
                        ),
                    };
                    measurements.insert(id.clone(), v);
                }
            }
            // One patient: what one pathway's answer implies for another's holds (a
            // contradiction is refused, tested in tests/safety.rs).
            let ischaemic = measurements
                .get("heart_condition")
                .and_then(Value::as_array)
                .is_some_and(|l| l.iter().any(|c| c == "ischaemic"));
            if ischaemic && measurements.get("known_cvd") == Some(&json!(false)) {
                measurements.insert("known_cvd".into(), json!(true));
            }
            let index = pathways.iter().filter(|p| *p != "multisygdom").count();
            if let Some(n) = measurements
                .get("chronic_conditions_count")
                .and_then(Value::as_f64)
            {
                if n < index as f64 {
                    measurements.insert("chronic_conditions_count".into(), json!(index));
                }
            }
            json!({
                "schema": "pakkeforloeb/input@1",
                "pathways": pathways,
                "diagnosis_date": d.to_string(),
                "assessment_date": a.to_string(),
                "instruments": instruments,
                "measurements": measurements,
                "patient_goals": ["Gå en tur"],
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_input_plans_deterministically_within_the_rules(input in valid_input()) {
        let text = input.to_string();
        let plan = compute_plan_json(content(), &text).unwrap_or_else(|e| panic!("{e}\n{input}"));
        let again = compute_plan_json(content(), &text).unwrap();
        let as_json = serde_json::to_value(&plan).unwrap();
        let schema_errors: Vec<String> = plan_schema().iter_errors(&as_json).map(|e| e.to_string()).collect();
        prop_assert!(schema_errors.is_empty(), "{schema_errors:?}");
        prop_assert_eq!(plan.to_json_pretty(), again.to_json_pretty());
        let ids: Vec<&str> = plan.interventions.iter().map(|i| i.id.as_str()).collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(ids.len(), unique.len(), "duplicate intervention ids");
        for i in plan.interventions.iter().filter(|i| i.provider == pakkeforloeb::engine::content::Provider::Kommune) {
            // An offer waiting for the patient's yes has no date; every other has one.
            prop_assert_eq!(i.start_by.is_none(), i.awaiting_acceptance, "{}", i.id);
            let Some(by) = i.start_by else { continue };
            let latest = plan.deadlines.municipal_start_by.unwrap();
            prop_assert!(by <= latest && by >= plan.assessment_date, "{} starts {}", i.id, by);
        }
        prop_assert_eq!(plan.differentiation.level, plan.differentiation.by_pathway.values().copied().max());
        // Safety: only a pathway the gates let through has a level or proposes anything.
        for (p, status) in &plan.status_by_pathway {
            let klar = *status == PathwayStatus::Klar;
            prop_assert_eq!(plan.differentiation.by_pathway.contains_key(p), klar, "{} {:?}", p, status);
            if let Some(l) = plan.differentiation.by_pathway.get(p) {
                prop_assert!((1..=3).contains(l));
            }
            for i in &plan.interventions {
                prop_assert!(klar || !i.pathways.contains(p), "{} from gated {}", i.id, p);
            }
        }
        let any_klar = plan.status_by_pathway.values().any(|s| *s == PathwayStatus::Klar);
        prop_assert!(any_klar || plan.interventions.is_empty(), "offers without a pathway that may have them");
        prop_assert_eq!(plan.deadlines.suspended, !any_klar);
        let acute_open = plan.gates.iter().any(|g| g.kind == GateKind::Acute && g.state == GateState::Open);
        prop_assert_eq!(plan.status == PathwayStatus::AkutHandling, acute_open);
        // A contraindication's interventions are never in the plan while it holds them.
        for h in &plan.held_interventions {
            prop_assert!(!ids.contains(&h.id.as_str()), "{} both held and planned", h.id);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = compute_plan_json(content(), &text);
    }

    #[test]
    fn arbitrary_json_shaped_inputs_never_panic(
        pathways in proptest::collection::vec("[a-z0-9-]{0,14}", 0..4),
        date in "[0-9-]{0,12}",
        cat in proptest::collection::vec(-3i64..9, 0..10),
        key in "[a-z_]{1,20}",
        value in prop_oneof![Just(json!(null)), any::<f64>().prop_map(|f| json!(f)), ".{0,20}".prop_map(|s| json!(s)), any::<bool>().prop_map(|b| json!(b))],
    ) {
        let input = json!({
            "schema": "pakkeforloeb/input@1",
            "pathways": pathways,
            "diagnosis_date": date,
            "assessment_date": "2027-03-10",
            "instruments": { "cat": cat },
            "measurements": { key: value },
        });
        let _ = compute_plan_json(content(), &input.to_string());
    }
}

/// Every node of `v`, as the steps to reach it.
fn node_paths(v: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(json!(k));
                node_paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(json!(i));
                node_paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(mut v: &'a mut Value, steps: &[Value]) -> &'a mut Value {
    for s in steps {
        v = match s {
            Value::String(k) => &mut v[k.as_str()],
            _ => &mut v[usize::try_from(s.as_u64().unwrap()).unwrap()],
        };
    }
    v
}

/// One damage to one node of `doc`: a value of another type, a removed key, an unknown key.
fn damage(doc: &Value, pick: usize, how: usize, pretty: bool) -> String {
    let mut paths = Vec::new();
    node_paths(doc, &mut Vec::new(), &mut paths);
    let steps = &paths[pick % paths.len()];
    let mut doc = doc.clone();
    let replacements = [
        json!("x"),
        json!(300),
        json!(-1),
        json!(true),
        json!(null),
        json!([]),
        json!({}),
        json!(1.5),
        json!([1, "a"]),
    ];
    let node = node_mut(&mut doc, steps);
    match (how % (replacements.len() + 2), node.as_object_mut()) {
        (n, Some(m)) if n == replacements.len() => {
            m.insert("unknown_key".into(), json!(1));
        }
        (n, Some(m)) if n == replacements.len() + 1 => {
            let first = m.keys().next().cloned();
            if let Some(k) = first {
                m.remove(&k);
            }
        }
        (n, _) => *node = replacements[n % replacements.len()].clone(),
    }
    if pretty {
        serde_json::to_string_pretty(&doc).unwrap()
    } else {
        doc.to_string()
    }
}

/// `located::from_str` must name the same field as serde_path_to_error (the oracle).
fn same_error_as_the_oracle<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<(), TestCaseError> {
    let ours = pakkeforloeb::engine::located::from_str::<T>(text);
    let oracle =
        serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text));
    match (ours, oracle) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) => {
            prop_assert_eq!(&a.path, &b.path().to_string(), "{}", text);
            prop_assert_eq!(&a.message_with_position, &b.inner().to_string());
        }
        (a, b) => prop_assert!(
            false,
            "ours {:?}, oracle {:?}",
            a.err(),
            b.err().map(|e| e.to_string())
        ),
    }
    Ok(())
}

fn kol_file() -> &'static Value {
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| {
        serde_json::from_str(&std::fs::read_to_string("pathways/kol.json").unwrap()).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_inputs_are_located_like_the_oracle(input in valid_input(), pick in any::<usize>(), how in any::<usize>(), pretty in any::<bool>()) {
        same_error_as_the_oracle::<pakkeforloeb::engine::Input>(&damage(&input, pick, how, pretty))?;
    }

    #[test]
    fn damaged_plans_are_located_like_the_oracle(input in valid_input(), pick in any::<usize>(), how in any::<usize>(), pretty in any::<bool>()) {
        let plan = serde_json::to_value(compute_plan_json(content(), &input.to_string()).unwrap()).unwrap();
        same_error_as_the_oracle::<pakkeforloeb::engine::Plan>(&damage(&plan, pick, how, pretty))?;
    }

    #[test]
    fn damaged_pathway_files_are_located_like_the_oracle(pick in any::<usize>(), how in any::<usize>(), pretty in any::<bool>()) {
        same_error_as_the_oracle::<pakkeforloeb::engine::content::format::ContentFile>(&damage(kol_file(), pick, how, pretty))?;
    }
}
