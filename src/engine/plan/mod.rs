//! The treatment plan (`pakkeforloeb/plan@1`) and how it is computed. The rooms: `contract`
//! (the plan's types, the contract hosts store) and `changes` (what a re-assessment compares),
//! then the builder in the order it runs: `rules` (what the rule sets propose), `levels`
//! (differentiation), `goals`, `referral` (municipal offers), `deadlines`, `quality`, and
//! `build` (the stages, in order).

mod build;
mod changes;
mod contract;
mod deadlines;
mod goals;
mod levels;
mod previous;
mod quality;
mod queries;
mod referral;
mod rules;
mod warnings;

pub(crate) use build::build_plan;
pub use changes::*;
pub use contract::*;
pub use previous::*;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value as Json;

use crate::engine::condition::{Facts, Value};
use crate::engine::content::{Content, Phase};
use crate::engine::error::{Field, InputError, InputErrors, Problem};
use crate::engine::facts::compute_facts;
use crate::engine::input::{Input, ValidInput};

/// The schema id of the plan.
pub const PLAN_SCHEMA: &str = "pakkeforloeb/plan@1";

/// The personal treatment plan is due 30 calendar days after the diagnosis (the pakkeforløb agreement).
pub const PLAN_DUE_DAYS: u32 = 30;

/// The plan's `scores`: every instrument score and derived measure, by its name (`cat.total` →
/// `scores.cat.total`). They depend on the answers alone, never on dates, so the widget shows
/// them as soon as an instrument is complete. Item-level facts and answer counts serve the
/// rules; the plan records the answers themselves under `assessment`.
#[must_use]
pub fn scores(facts: &Facts) -> BTreeMap<String, BTreeMap<String, Json>> {
    let mut scores: BTreeMap<String, BTreeMap<String, Json>> = BTreeMap::new();
    for (fact, value) in facts {
        if let Some((score, field)) = fact.split_once('.') {
            let item = field
                .strip_prefix("item")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()));
            if field != "min_item" && field != "answered" && !item {
                // BMI is computed unrounded for the cut-offs and shown to one decimal.
                let shown = match value {
                    Value::Num(n) if fact == "bmi.value" => {
                        crate::engine::condition::num_json((n * 10.0).round() / 10.0)
                    }
                    v => v.to_json(),
                };
                scores
                    .entry(score.to_owned())
                    .or_default()
                    .insert(field.to_owned(), shown);
            }
        }
    }
    scores
}

/// Parses, validates and plans in one step (what the command line and `computePlan` do).
///
/// # Errors
/// Every problem with the input, each naming its field.
pub fn compute_plan_json(content: &Content, text: &str) -> Result<Plan, InputErrors> {
    let input = Input::from_json_str(text)?;
    let valid = input.validate(content)?;
    compute_plan(content, &valid)
}

/// Computes the plan of a first consultation (trin 1) for a validated input. Pure and
/// deterministic. A re-assessment (trin 2, vedvarende fase) needs the previous plan, whose
/// follow-up sets its deadline: [`crate::engine::previous::compute_follow_up_plan`].
///
/// # Errors
/// A phase other than trin 1 without the previous plan.
pub fn compute_plan(content: &Content, input: &ValidInput) -> Result<Plan, InputErrors> {
    compute_plan_from(content, input, &compute_facts(content, input))
}

/// [`compute_plan`] from the input's facts, already computed (the widget computes them once per
/// keystroke for its scores; they never depend on dates).
pub(crate) fn compute_plan_from(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
) -> Result<Plan, InputErrors> {
    if input.phase != Phase::Trin1 {
        return Err(InputErrors(vec![InputError::new(
            Field::of("phase"),
            Problem::PhaseNeedsPrevious(input.phase.as_str().to_owned()),
        )]));
    }
    Ok(build_plan(content, input, None, facts))
}

impl Plan {
    /// The plan as pretty JSON with a trailing newline; byte-identical for the same input.
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        let mut s = self.to_json_indented(b"  ");
        s.push('\n');
        s
    }

    /// The plan as JSON without indentation, for handing to JavaScript: a third less text to
    /// write and parse than [`Plan::to_json_pretty`], from the same serializer (so no second copy
    /// of the serialization code in the WebAssembly).
    #[must_use]
    pub fn to_json_unindented(&self) -> String {
        self.to_json_indented(b"")
    }

    fn to_json_indented(&self, indent: &[u8]) -> String {
        json_text(self, indent)
    }
}

/// JSON text of any part of a plan (or anything else) through the one serializer the plan uses:
/// serde_json's pretty formatter with `indent` (empty: one value per line, no indentation). A
/// second formatter (`serde_json::to_string`) would copy every serialized type's code into the
/// WebAssembly again; the widget's list keys and saved drafts use this one.
pub fn json_text<T: Serialize + ?Sized>(value: &T, indent: &[u8]) -> String {
    let mut out = Vec::with_capacity(1024);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}
