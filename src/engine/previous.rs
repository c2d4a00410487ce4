//! The lasting phase: a plan from an earlier consultation, read back, checked, and compared with
//! the new one (`changes`). A previous plan from another schema or content version is refused
//! with a message naming the field, never guessed at.

use std::collections::BTreeSet;

use crate::engine::content::{Content, Phase};
use crate::engine::error::{Field, InputError, InputErrors, OtherDate, Problem};
use crate::engine::plan::{
    build_plan, Changes, LevelChange, PathwayLevelChange, Plan, ValueChange, PLAN_SCHEMA,
};
pub use crate::engine::plan::{Id, PreviousFollowUp, PreviousGoals, PreviousLevels, PreviousPlan};
use crate::engine::{Input, ValidInput};
use serde_json::Value as Json;

/// Parses and checks a previous plan against this content.
///
/// # Errors
/// Every problem, each naming its field under `previous`.
pub fn parse_previous(content: &Content, text: &str) -> Result<PreviousPlan, InputErrors> {
    let one = |field: Field, problem: Problem| InputErrors(vec![InputError::new(field, problem)]);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        one(
            Field::of("previous"),
            Problem::Malformed(format!("not JSON: {e}")),
        )
    })?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    if schema != PLAN_SCHEMA {
        return Err(one(
            Field::of("previous").key("schema"),
            Problem::PreviousSchema {
                got: schema.chars().take(40).collect(),
                reads: PLAN_SCHEMA.into(),
            },
        ));
    }
    let plan: PreviousPlan = crate::engine::located::from_str(text).map_err(|e| {
        one(
            Field::parse(&format!("previous.{}", e.path)),
            Problem::PreviousIncomplete(e.message),
        )
    })?;
    let mut errs = Vec::new();
    let named = |p: &crate::engine::content::PackInfo| format!("{} {}", p.name, p.version);
    if !content.made(plan.content_pack.as_ref()) {
        errs.push(InputError::new(
            Field::of("previous").key("content_pack"),
            Problem::PreviousPack {
                was: plan.content_pack.as_ref().map(named),
                now: content.pack.as_ref().map(named),
            },
        ));
    }
    for (i, c) in plan.content.iter().enumerate() {
        let current = if c.pathway == content.shared.id {
            Some(&content.shared.version)
        } else {
            content.pathways.get(&c.pathway).map(|p| &p.meta.version)
        };
        match current {
            None => errs.push(InputError::new(
                Field::of("previous").key("content").at(i).key("pathway"),
                Problem::PreviousContentMissing(c.pathway.clone()),
            )),
            Some(v) if *v != c.version => errs.push(InputError::new(
                Field::of("previous").key("content").at(i).key("version"),
                Problem::PreviousContentVersion {
                    id: c.pathway.clone(),
                    was: c.version.clone(),
                    now: v.clone(),
                },
            )),
            Some(_) => {}
        }
    }
    if errs.is_empty() {
        Ok(plan)
    } else {
        Err(InputErrors(errs))
    }
}

fn diff(then: &[String], now: &[String]) -> (Vec<String>, Vec<String>) {
    let a: BTreeSet<String> = crate::engine::set_from(then.iter().cloned());
    let b: BTreeSet<String> = crate::engine::set_from(now.iter().cloned());
    (
        b.iter().filter(|s| !a.contains(*s)).cloned().collect(),
        a.iter().filter(|s| !b.contains(*s)).cloned().collect(),
    )
}

/// The name of an instrument's main score (`total`, `percent`, `grade`): the score the
/// yearly trend compares (`changes.values`, `instruments.<id>`).
#[must_use]
pub fn main_score_name(content: &Content, id: &str) -> Option<&'static str> {
    Some(match content.instruments.get(id)?.scoring {
        crate::engine::content::Scoring::Single => "grade",
        crate::engine::content::Scoring::Who5 => "percent",
        _ => "total",
    })
}

/// The main score an instrument's answers give, by its name (`total`, `percent`, `grade`).
fn main_score(
    content: &Content,
    id: &str,
    answers: Option<&Vec<Option<i64>>>,
    total: Option<&i64>,
) -> Option<(String, Json)> {
    let def = content.instruments.get(id)?;
    let name = main_score_name(content, id)?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts and scores are small whole numbers, exact in f64"
    )]
    let value = match (answers, total) {
        (_, Some(t)) if name == "total" => Some(*t as f64),
        (Some(a), _) => crate::engine::facts::score(def.scoring, a)
            .into_iter()
            .find(|(f, _)| *f == name)
            .map(|(_, v)| v),
        _ => None,
    }?;
    Some((
        format!("{id}.{name}"),
        crate::engine::condition::num_json(value),
    ))
}

/// Every fact that follows from `fact` (itself and the derived facts that read it, transitively).
fn facts_from(content: &Content, fact: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([fact.to_owned()]);
    loop {
        let more: Vec<String> = content
            .derived_deps
            .iter()
            .filter(|(d, deps)| !out.contains(*d) && deps.iter().any(|x| out.contains(x)))
            .map(|(d, _)| d.clone())
            .collect();
        if more.is_empty() {
            return out;
        }
        out.extend(more);
    }
}

/// The clinical values that moved from `previous` to `plan`, each with the rules of `plan`
/// that read it among `rules` (the level reasons and the reasons of added offers).
fn moved_values(
    content: &Content,
    previous: &PreviousPlan,
    plan: &Plan,
    rules: &[&str],
) -> Vec<ValueChange> {
    let lang = plan.language;
    let carried_date = |field: &str| {
        previous
            .assessment
            .carried_over
            .iter()
            .find(|c| c.field == field)
            .map_or(previous.assessment_date, |c| c.date)
    };
    let mut out = Vec::new();
    let mut push = |field: String, fact: &str, label: String, from: Json, to: Json, unit| {
        if from == to {
            return;
        }
        let read = facts_from(content, fact);
        let mut moved: Vec<String> = Vec::new();
        for r in rules {
            let mut facts = BTreeSet::new();
            if let Some(c) = content.rule_condition(r) {
                c.facts(&mut facts);
            }
            if facts.iter().any(|f| read.contains(f)) && !moved.iter().any(|m| m == r) {
                moved.push((*r).to_owned());
            }
        }
        out.push(ValueChange {
            from_date: carried_date(&field),
            field,
            label,
            from,
            to,
            unit,
            moved,
        });
    };
    let (then, now) = (&previous.assessment, &plan.assessment);
    for (id, to) in &now.measurements {
        let (Some(from), Some(def)) = (then.measurements.get(id), content.measurements.get(id))
        else {
            continue;
        };
        let field = format!("measurements.{id}");
        push(
            field.clone(),
            id,
            content.field_label(&field, lang),
            from.clone(),
            to.clone(),
            def.unit.clone(),
        );
    }
    let ids: BTreeSet<&String> = now
        .instruments
        .keys()
        .chain(now.instrument_totals.keys())
        .collect();
    for id in ids {
        let (Some((fact, to)), Some((_, from))) = (
            main_score(
                content,
                id,
                now.instruments.get(id),
                now.instrument_totals.get(id),
            ),
            main_score(
                content,
                id,
                then.instruments.get(id),
                then.instrument_totals.get(id),
            ),
        ) else {
            continue;
        };
        let field = format!("instruments.{id}");
        push(
            field.clone(),
            &fact,
            content.field_label(&field, lang),
            from,
            to,
            None,
        );
    }
    out
}

/// A value then and now in plain words, for the GP and the patient: "FEV1 i procent af
/// forventet: 70 (15. februar 2027) → 45 % af forventet"; a code by its label.
#[must_use]
pub fn value_change_text(content: &Content, v: &ValueChange, lang: crate::engine::Lang) -> String {
    let id = v
        .field
        .split_once('.')
        .map_or(v.field.as_str(), |(_, id)| id);
    let shown = |j: &Json| match j {
        Json::Number(n) => n.as_f64().map_or_else(
            || n.to_string(),
            |x| crate::engine::text::number_text(x, lang),
        ),
        Json::String(code) => content
            .measurements
            .get(id)
            .and_then(|m| m.values.iter().find(|c| &c.value == code))
            .map_or_else(|| code.clone(), |c| c.label.get(lang).to_owned()),
        Json::Bool(b) => crate::engine::phrases::Phrase::YesNo(*b).text(lang),
        other => other.to_string(),
    };
    let unit = v
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    format!(
        "{}: {} ({}) → {}{unit}",
        v.label,
        shown(&v.from),
        crate::engine::text::date_text(v.from_date, lang),
        shown(&v.to)
    )
}

/// What changed from `previous` to `plan`.
#[must_use]
pub fn changes(content: &Content, previous: &PreviousPlan, plan: &Plan) -> Changes {
    let was = |v: &[Id]| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let now_ids: Vec<String> = plan.interventions.iter().map(|i| i.id.clone()).collect();
    let now_goals: Vec<String> = plan.goals.clinical.iter().map(|g| g.id.clone()).collect();
    let (pathways_added, pathways_ended) = diff(&previous.pathways, &plan.pathways);
    let (interventions_added, interventions_ended) = diff(&was(&previous.interventions), &now_ids);
    let (goals_added, goals_ended) = diff(&was(&previous.goals.clinical), &now_goals);
    let (patient_goals_added, patient_goals_ended) =
        diff(&previous.goals.patient, &plan.goals.patient);
    // What moved the level (when it changed) or added an offer.
    let level_changed = previous.differentiation.level != plan.differentiation.level;
    let rules: Vec<&str> = plan
        .differentiation
        .reasons
        .iter()
        .filter(|_| level_changed)
        .map(|r| r.rule.as_str())
        .chain(
            plan.interventions
                .iter()
                .filter(|i| interventions_added.contains(&i.id))
                .flat_map(|i| i.reasons.iter().map(|r| r.rule.as_str())),
        )
        .collect();
    let values = moved_values(content, previous, plan, &rules);
    Changes {
        previous_assessment_date: previous.assessment_date,
        previous_phase: previous.phase,
        level: LevelChange {
            from: previous.differentiation.level,
            to: plan.differentiation.level,
        },
        levels_by_pathway: plan
            .differentiation
            .by_pathway
            .iter()
            .filter_map(|(p, to)| {
                let from = previous.differentiation.by_pathway.get(p)?;
                (from != to).then(|| PathwayLevelChange {
                    pathway: p.clone(),
                    from: *from,
                    to: *to,
                })
            })
            .collect(),
        pathways_added,
        pathways_ended,
        interventions_added,
        interventions_ended,
        goals_added,
        goals_ended,
        patient_goals_added,
        patient_goals_ended,
        values,
        interventions_done: Vec::new(),
    }
}

/// A re-assessment (trin 2 status or the yearly status): the new plan, with `changes` against
/// the previous one. Without an explicit phase the new plan is in the lasting phase.
///
/// # Errors
/// Problems with the input or the previous plan, each naming its field.
pub fn compute_follow_up_plan(
    content: &Content,
    input: &ValidInput,
    previous: &PreviousPlan,
) -> Result<Plan, InputErrors> {
    let facts = crate::engine::facts::compute_facts(content, input);
    compute_follow_up_plan_from(content, input, previous, &facts)
}

/// [`compute_follow_up_plan`] from the input's facts, already computed.
pub(crate) fn compute_follow_up_plan_from(
    content: &Content,
    input: &ValidInput,
    previous: &PreviousPlan,
    facts: &crate::engine::condition::Facts,
) -> Result<Plan, InputErrors> {
    if input.assessment_date <= previous.assessment_date {
        return Err(InputErrors(vec![InputError::new(
            Field::of("assessment_date"),
            Problem::DateOrder {
                date: input.assessment_date.to_string(),
                other: OtherDate::NotAfterPrevious(previous.assessment_date.to_string()),
            },
        )]));
    }
    let mut plan = build_plan(content, input, Some(previous), facts);
    let mut c = changes(content, previous, &plan);
    // A one-off offer the previous plan had (the clarifying conversation) is done, not ended.
    let (done, ended): (Vec<String>, Vec<String>) =
        c.interventions_ended.into_iter().partition(|id| {
            content.catalogue.get(id).is_some_and(|d| d.once)
                && !plan.interventions.iter().any(|i| &i.id == id)
        });
    c.interventions_ended = ended;
    c.interventions_done = done;
    plan.changes = Some(c);
    Ok(plan)
}

/// Parses an input and a previous plan, and plans the re-assessment.
///
/// # Errors
/// Problems with either document, each naming its field.
pub fn compute_follow_up_plan_json(
    content: &Content,
    input: &str,
    previous: &str,
) -> Result<Plan, InputErrors> {
    let previous = parse_previous(content, previous)?;
    let mut input = Input::from_json_str(input)?;
    if input.phase.is_none() {
        input.phase = Some(Phase::Vedvarende);
    }
    let valid = input.validate(content)?;
    compute_follow_up_plan(content, &valid, &previous)
}

/// An input@1 prefilled from a previous plan, for the new consultation on `assessment_date`.
/// Every value is marked as carried over from the previous consultation (`carried_over`), so
/// the plan asks the GP to confirm or correct it.
#[must_use]
pub fn input_from_previous(previous: &PreviousPlan, assessment_date: &str) -> Input {
    let date = previous.assessment_date.to_string();
    let carried_over = crate::engine::map_from(
        previous
            .assessment
            .instruments
            .iter()
            .filter(|(_, a)| a.iter().any(Option::is_some))
            .map(|(k, _)| (format!("instruments.{k}"), date.clone()))
            .chain(
                previous
                    .assessment
                    .instrument_totals
                    .keys()
                    .map(|k| (format!("instruments.{k}"), date.clone())),
            )
            .chain(
                previous
                    .assessment
                    .measurements
                    .keys()
                    .map(|k| (format!("measurements.{k}"), date.clone())),
            ),
    );
    Input {
        schema: crate::engine::input::INPUT_SCHEMA.into(),
        pathways: previous.pathways.clone(),
        diagnosis_date: previous.diagnosis_date.to_string(),
        assessment_date: assessment_date.to_owned(),
        phase: Some(Phase::Vedvarende),
        language: Some(previous.language),
        patient: None,
        instruments: crate::engine::map_from(previous.assessment.instruments.iter().map(
            |(k, v)| {
                (
                    k.clone(),
                    v.iter()
                        .map(|a| a.map_or(serde_json::Value::Null, serde_json::Value::from))
                        .collect(),
                )
            },
        )),
        instrument_totals: crate::engine::map_from(
            previous
                .assessment
                .instrument_totals
                .iter()
                .map(|(k, t)| (k.clone(), serde_json::Value::from(*t))),
        ),
        measurements: previous.assessment.measurements.clone(),
        patient_goals: previous.goals.patient.clone(),
        overrides: crate::engine::input::Overrides::default(),
        carried_over,
    }
}
