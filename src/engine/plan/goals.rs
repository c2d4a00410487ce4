//! The clinical goals: one per goal id, the strictest target of the pathways that set it.

use serde_json::Value as Json;

use super::contract::{ClinicalGoal, OtherTarget, Reason};
use crate::engine::condition::Facts;
use crate::engine::content::Content;
use crate::engine::phrases::{Bound, Phrase};
use crate::engine::text::Lang;

/// One goal rule that fired: goals merge by id once every pathway's rules have run.
pub(super) struct GoalCandidate {
    pub(super) id: String,
    pub(super) text: String,
    pub(super) target: Option<Json>,
    pub(super) target_text: Option<String>,
    pub(super) reason: Reason,
    pub(super) exercise: bool,
}

/// How strict a resolved target is, to choose one target per measure: the lower upper bound
/// (`lt` before `lte` at the same number), then the higher lower bound. A target with an
/// unknown bound counts as the least strict (its own text says it depends on missing data).
pub(super) fn strictness(target: Option<&Json>) -> (f64, bool, f64) {
    let num = |k: &str| target.and_then(|t| t.get(k)).and_then(Json::as_f64);
    let (upper, strict) = match (num("lt"), num("lte")) {
        (Some(a), Some(b)) if a <= b => (a, true),
        (_, Some(b)) => (b, false),
        (Some(a), None) => (a, true),
        (None, None) => (f64::INFINITY, false),
    };
    let lower = num("gt").or(num("gte")).unwrap_or(f64::NEG_INFINITY);
    (upper, strict, lower)
}

/// Whether target `a` is stricter than `b`.
#[expect(
    clippy::float_cmp,
    reason = "bounds are the content's own numbers: equal means the same number written twice"
)]
pub(super) fn stricter(a: Option<&Json>, b: Option<&Json>) -> bool {
    let ((au, at, al), (bu, bt, bl)) = (strictness(a), strictness(b));
    au < bu || (au == bu && at && !bt) || (au == bu && at == bt && al > bl)
}

/// The clinical goals from the rules that fired, one per goal id in the order first proposed:
/// the strictest target wins, the others are listed under `also`, every reason is kept. An
/// exercise goal waits while a gate holds exercise (`held_by`).
pub(super) fn merge_goals(
    candidates: Vec<GoalCandidate>,
    held_by: Option<&String>,
) -> Vec<ClinicalGoal> {
    let mut ids: Vec<String> = Vec::new();
    for c in &candidates {
        if !ids.contains(&c.id) {
            ids.push(c.id.clone());
        }
    }
    ids.into_iter()
        .map(|id| {
            let group: Vec<&GoalCandidate> = candidates.iter().filter(|c| c.id == id).collect();
            let mut best = group[0];
            for c in &group[1..] {
                if stricter(c.target.as_ref(), best.target.as_ref()) {
                    best = c;
                }
            }
            let also = group
                .iter()
                .filter(|c| !std::ptr::eq(**c, best))
                .filter_map(|c| {
                    let target = c.target.clone()?;
                    (c.target_text != best.target_text).then(|| OtherTarget {
                        pathway: c.reason.pathway.clone(),
                        rule: c.reason.rule.clone(),
                        target,
                        target_text: c.target_text.clone(),
                        source: c.reason.source.clone(),
                    })
                })
                .collect();
            ClinicalGoal {
                id,
                text: best.text.clone(),
                target: best.target.clone(),
                target_text: best.target_text.clone(),
                reasons: group.iter().map(|c| c.reason.clone()).collect(),
                also,
                waits_for: group
                    .iter()
                    .any(|c| c.exercise)
                    .then(|| held_by.cloned())
                    .flatten(),
            }
        })
        .collect()
}

/// A resolved goal target in words: `{"measure": m, "gte": a, "lte": b}` → "label a–b unit".
pub(super) fn target_text(content: &Content, target: &Json, lang: Lang) -> Option<String> {
    let measure = target.get("measure")?.as_str()?;
    let def = content.measurements.get(measure)?;
    let label = def.label.get(lang);
    let unit = def
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let num = |k: &str| target.get(k).map(serde_json::Value::as_f64);
    let n = |v: f64| crate::engine::text::number_text(v, lang);
    let unknown = ["gte", "gt", "lte", "lt"]
        .iter()
        .any(|k| matches!(num(k), Some(None)) && !target[*k].is_string());
    if unknown {
        return Some(Phrase::TargetUnknown { label }.text(lang));
    }
    let bound = match (
        num("gte").flatten(),
        num("lte").flatten(),
        num("lt").flatten(),
    ) {
        (Some(a), Some(b), _) => Bound::Between(n(a), n(b)),
        (None, Some(b), _) => Bound::AtMost(n(b)),
        (None, None, Some(b)) => Bound::Below(n(b)),
        (Some(a), None, None) => Bound::AtLeast(n(a)),
        _ => {
            // A code target (`"eq": "former"`): the code's label.
            let code = target.get("eq")?.as_str()?;
            let value = def.values.iter().find(|v| v.value == code)?;
            return Some(format!("{label}: {}", value.label.get(lang)));
        }
    };
    Some(
        Phrase::Target {
            label,
            bound,
            unit: &unit,
        }
        .text(lang),
    )
}

/// Puts the value of each `{"fact": id}` in a goal target (`null` when unknown).
pub(super) fn resolve_target(target: &Json, facts: &Facts) -> Json {
    match target {
        Json::Object(map) => {
            if let (1, Some(Json::String(fact))) = (map.len(), map.get("fact")) {
                return facts
                    .get(fact)
                    .map_or(Json::Null, crate::engine::condition::Value::to_json);
            }
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                out.insert(k.clone(), resolve_target(v, facts));
            }
            Json::Object(out)
        }
        other => other.clone(),
    }
}
