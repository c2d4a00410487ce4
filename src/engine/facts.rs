//! Scoring: answers and measurements → facts.
//!
//! The instruments' scoring algorithms are code (they are fixed by the instruments' authors);
//! every cut-off on a score is data (`derived` bands in the content files).

use std::collections::BTreeSet;

use crate::engine::condition::{Facts, Value};
use crate::engine::content::{
    Content, Derivation, Derived, Scoring, AGE_FACT, INDEX_PATHWAYS_FACT, PHASE_FACT,
};
use crate::engine::input::ValidInput;
use crate::engine::set_from;

/// Scores a complete answer set. Returns `(field, value)` pairs; empty when an answer is
/// unknown, because a total over unknown items would understate the patient's burden.
#[must_use]
pub fn score(scoring: Scoring, answers: &[Option<i64>]) -> Vec<(&'static str, f64)> {
    let Some(a) = answers.iter().copied().collect::<Option<Vec<i64>>>() else {
        return Vec::new();
    };
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts and scores are small whole numbers, exact in f64"
    )]
    let f = |v: i64| v as f64;
    let sum: i64 = a.iter().sum();
    let min = a.iter().copied().min().unwrap_or_default();
    match scoring {
        Scoring::Sum => vec![("total", f(sum)), ("min_item", f(min))],
        Scoring::Single => a
            .first()
            .map(|g| vec![("grade", f(*g))])
            .unwrap_or_default(),
        // WHO-5: raw 0–25, percent = raw × 4 (Bech, WHO-5).
        Scoring::Who5 => vec![
            ("raw", f(sum)),
            ("percent", f(sum * 4)),
            ("min_item", f(min)),
        ],
        // STarT Back (Keele): items 1–8 agree = 1; item 9 counts 1 when "very much" (3) or
        // "extremely" (4). Psychosocial subscale: items 5–9 (fear, anxiety, catastrophising,
        // low mood, bothersomeness).
        Scoring::StartBack => {
            let b9 = i64::from(a.get(8).copied().unwrap_or_default() >= 3);
            let total: i64 = a.iter().take(8).sum::<i64>() + b9;
            let psychosocial: i64 = a.iter().skip(4).take(4).sum::<i64>() + b9;
            vec![("total", f(total)), ("psychosocial", f(psychosocial))]
        }
        // MDI (Bech, WHO-5): answers in the order 1–7, 8a, 8b, 9, 10a, 10b; items 8 and 10 use
        // the higher of a/b, total 0–50.
        Scoring::Mdi => {
            let items = mdi_items(&a);
            vec![("total", f(items.iter().sum()))]
        }
    }
}

fn mdi_items(a: &[i64]) -> Vec<i64> {
    let g = |i: usize| a.get(i).copied().unwrap_or_default();
    vec![
        g(0),
        g(1),
        g(2),
        g(3),
        g(4),
        g(5),
        g(6),
        g(7).max(g(8)),
        g(9),
        g(10).max(g(11)),
    ]
}

/// The DSAM ICD-10 algorithm of the MDI (Bech, WHO-5): core items 1–3 count when scored 4–5
/// ("most of the time"), accessory items 4–10 when scored 3 or more. Mild: 2 core + 2
/// accessory; moderate: 2 core + 4; severe: 3 core + 5.
#[must_use]
pub fn mdi_icd10(answers: &[i64]) -> &'static str {
    let items = mdi_items(answers);
    let core = items[..3].iter().filter(|v| **v >= 4).count();
    let accessory = items[3..].iter().filter(|v| **v >= 3).count();
    if core >= 3 && accessory >= 5 {
        "severe"
    } else if core >= 2 && accessory >= 4 {
        "moderate"
    } else if core >= 2 && accessory >= 2 {
        "mild"
    } else {
        "none"
    }
}

/// DSAM's ICD-10 scoring sheet (Unipolar depression, bilag 2) also counts three core symptoms
/// with one accessory symptom as mild depression, which the MDI manual's algorithm does not:
/// `possible-mild` where the MDI grade is `none` but that reading holds, else `none`. Shown
/// beside the MDI grade, never instead of it.
#[must_use]
pub fn mdi_bilag2(answers: &[i64]) -> &'static str {
    let items = mdi_items(answers);
    let core = items[..3].iter().filter(|v| **v >= 4).count();
    let accessory = items[3..].iter().filter(|v| **v >= 3).count();
    if mdi_icd10(answers) == "none" && core >= 3 && accessory >= 1 {
        "possible-mild"
    } else {
        "none"
    }
}

/// Computes every fact the chosen pathways may read. Inputs that none of the chosen pathways
/// asks for are ignored, so a hidden item never leaks into the plan.
#[must_use]
pub fn compute_facts<D>(content: &Content, input: &ValidInput<D>) -> Facts {
    let pathways: Vec<_> = input
        .pathways
        .iter()
        .filter_map(|p| content.pathways.get(p))
        .collect();
    // Owned keys: one set type in the whole widget rather than one per key type.
    let instruments: BTreeSet<String> =
        set_from(pathways.iter().flat_map(|p| &p.instruments).cloned());
    let measurements: BTreeSet<String> =
        set_from(pathways.iter().flat_map(|p| &p.measurements).cloned());
    let mut facts = Facts::new();
    for id in &instruments {
        let (Some(def), Some(answers)) = (content.instruments.get(id), input.answers.get(id))
        else {
            continue;
        };
        for (field, v) in score(def.scoring, answers) {
            facts.insert(format!("{id}.{field}"), Value::Num(v));
        }
        // Each answered item on its own, and how many were answered (see `instrument_facts`).
        let mut answered = 0.0;
        for (n, a) in answers.iter().enumerate() {
            if let Some(v) = a {
                answered += 1.0;
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "counts and scores are small whole numbers, exact in f64"
                )]
                facts.insert(format!("{id}.item{}", n + 1), Value::Num(*v as f64));
            }
        }
        facts.insert(format!("{id}.answered"), Value::Num(answered));
        if def.scoring == Scoring::Mdi {
            if let Some(a) = answers.iter().copied().collect::<Option<Vec<i64>>>() {
                facts.insert(format!("{id}.icd10"), Value::Str(mdi_icd10(&a).to_owned()));
                facts.insert(
                    format!("{id}.bilag2"),
                    Value::Str(mdi_bilag2(&a).to_owned()),
                );
            }
        }
    }
    // A form entered as its total: the total alone (no items, no answer count).
    for (id, total) in &input.totals {
        if instruments.contains(id) {
            #[expect(
                clippy::cast_precision_loss,
                reason = "counts and scores are small whole numbers, exact in f64"
            )]
            facts.insert(format!("{id}.total"), Value::Num(*total as f64));
        }
    }
    for id in &measurements {
        if let Some(v) = input.measurements.get(id) {
            facts.insert(id.clone(), v.clone());
        }
    }
    // What one pathway's answer implies for another's (see `input::implied_facts`, which
    // refuses a contradiction): ischaemic heart disease is a known cardiovascular disease; and
    // the number of index diseases is a lower bound of the patient's chronic conditions.
    if crate::engine::input::ischaemic_heart_disease(&facts)
        && measurements.contains("known_cvd")
        && !facts.contains_key("known_cvd")
    {
        facts.insert("known_cvd".into(), Value::Bool(true));
    }
    facts.insert(
        PHASE_FACT.into(),
        Value::Str(input.phase.as_str().to_owned()),
    );
    if let Some(age) = input.age {
        facts.insert(AGE_FACT.into(), Value::Num(f64::from(age)));
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts and scores are small whole numbers, exact in f64"
    )]
    facts.insert(
        INDEX_PATHWAYS_FACT.into(),
        Value::Num(crate::engine::input::index_pathways(content, &input.pathways) as f64),
    );
    if let (Some(Value::Num(h)), Some(Value::Num(w))) =
        (facts.get("height_cm"), facts.get("weight_kg"))
    {
        let m = h / 100.0;
        // Unrounded: a cut-off compares the value itself (21.97 is under 22); the plan's
        // `scores` show it to one decimal, as BMI is reported.
        facts.insert("bmi.value".into(), Value::Num(w / (m * m)));
    }
    let derived = content
        .derived
        .iter()
        .chain(pathways.iter().flat_map(|p| &p.derived));
    for d in derived {
        if let Some(v) = derive(d, &facts) {
            facts.insert(d.id.clone(), v);
        }
    }
    facts
}

fn derive(d: &Derived, facts: &Facts) -> Option<Value> {
    if d.when.as_ref().is_some_and(|w| w.eval(facts) != Some(true)) {
        return None;
    }
    match &d.derivation {
        Derivation::Bands { from, bands } => {
            let Value::Num(x) = facts.get(from)? else {
                return None;
            };
            bands
                .iter()
                .find(|(lo, hi, _)| lo.is_none_or(|lo| *x >= lo) && hi.is_none_or(|hi| *x < hi))
                .map(|b| b.2.clone())
        }
        Derivation::Classify(classes) => {
            for (cond, value) in classes {
                match cond.eval(facts) {
                    Some(true) => return Some(value.clone()),
                    Some(false) => {}
                    None => return None,
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(a: &[i64]) -> Vec<Option<i64>> {
        a.iter().copied().map(Some).collect()
    }

    #[test]
    fn sum_scoring_adds_items_and_keeps_the_lowest() {
        assert_eq!(
            score(Scoring::Sum, &some(&[2, 3, 1, 4, 2, 1, 0, 3])),
            vec![("total", 16.0), ("min_item", 0.0)]
        );
        assert_eq!(
            score(Scoring::Sum, &some(&[5; 8])),
            vec![("total", 40.0), ("min_item", 5.0)]
        );
    }

    #[test]
    fn an_unknown_answer_leaves_the_score_unknown() {
        let mut a = some(&[1; 8]);
        a[3] = None;
        assert!(score(Scoring::Sum, &a).is_empty());
    }

    #[test]
    fn who5_percent_is_raw_times_four() {
        let s = score(Scoring::Who5, &some(&[3, 3, 2, 4, 3]));
        assert_eq!(s, vec![("raw", 15.0), ("percent", 60.0), ("min_item", 2.0)]);
    }

    #[test]
    fn start_back_counts_bothersomeness_only_when_very_much_or_extremely() {
        // items 1–8 all agree, bothersomeness "moderately" (2): total 8, psychosocial 4
        let s = score(Scoring::StartBack, &some(&[1, 1, 1, 1, 1, 1, 1, 1, 2]));
        assert_eq!(s, vec![("total", 8.0), ("psychosocial", 4.0)]);
        // bothersomeness "very much" (3) adds one to both
        let s = score(Scoring::StartBack, &some(&[0, 0, 0, 0, 1, 1, 1, 1, 3]));
        assert_eq!(s, vec![("total", 5.0), ("psychosocial", 5.0)]);
    }

    #[test]
    fn mdi_uses_the_higher_of_8a_8b_and_10a_10b() {
        let a = [1, 1, 1, 1, 1, 1, 1, 0, 5, 1, 4, 0];
        assert_eq!(score(Scoring::Mdi, &some(&a)), vec![("total", 17.0)]);
    }

    #[test]
    fn three_core_and_one_accessory_symptom_is_a_possible_mild_depression_by_bilag_2() {
        // Three core items most of the time, one accessory more than half the time: none by
        // the MDI manual, possible mild by DSAM's scoring sheet.
        let a = [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!((mdi_icd10(&a), mdi_bilag2(&a)), ("none", "possible-mild"));
        // No accessory symptom: neither.
        let a = [4, 4, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!((mdi_icd10(&a), mdi_bilag2(&a)), ("none", "none"));
        // Two core, two accessory: mild by both; bilag 2 adds nothing.
        let a = [4, 4, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!((mdi_icd10(&a), mdi_bilag2(&a)), ("mild", "none"));
    }

    #[test]
    fn mdi_icd10_algorithm_grades_by_core_and_accessory_counts() {
        let cases: [([i64; 12], &str); 4] = [
            ([4, 4, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0], "mild"),
            ([4, 4, 0, 3, 3, 3, 3, 0, 0, 0, 0, 0], "moderate"),
            ([5, 4, 4, 3, 3, 3, 3, 3, 0, 0, 0, 0], "severe"),
            ([3, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5], "none"),
        ];
        for (a, expected) in cases {
            assert_eq!(mdi_icd10(&a), expected, "{a:?}");
        }
    }
}
