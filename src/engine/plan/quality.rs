//! What was recorded (the assessment) and the quality indicators over it.

use std::collections::BTreeSet;

use super::changes::CarriedOver;
use super::contract::{
    Assessment, CriterionResult, Deadlines, IndicatorResult, Intervention, Quality,
};
use super::deadlines::add_days;
use super::rules::chosen;
use crate::engine::condition::Facts;
use crate::engine::content::{Content, Pathway, Provider, MUNICIPAL_START_DAYS};
use crate::engine::input::ValidInput;

/// Whether an input field was recorded: a measurement given, an instrument fully answered or
/// entered as its total.
pub(super) fn recorded(assessment: &Assessment, field: &str) -> bool {
    match field.split_once('.') {
        Some(("instruments", id)) => {
            assessment.instrument_totals.contains_key(id)
                || assessment
                    .instruments
                    .get(id)
                    .is_some_and(|a| a.iter().all(Option::is_some))
        }
        Some(("measurements", id)) => assessment.measurements.contains_key(id),
        _ => false,
    }
}

pub(super) fn quality(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    assessment: &Assessment,
    interventions: &[Intervention],
    deadlines: &Deadlines,
) -> Quality {
    let lang = input.lang;
    let chosen = chosen(content, input);
    let mut needed = BTreeSet::new();
    for (_, p) in &chosen {
        needed.extend(p.inputs_used.iter().cloned());
        // A question that arises for this patient (suicidal thoughts once WHO-5 or the MDI
        // points to depression) is needed now.
        for g in p.gates.iter().chain(&content.common_gates) {
            if g.then
                .applies
                .as_ref()
                .is_some_and(|a| a.eval(facts) == Some(true))
            {
                let mut read = BTreeSet::new();
                g.when.facts(&mut read);
                for f in &read {
                    content.missing_inputs(f, &crate::engine::condition::Facts::new(), &mut needed);
                }
            }
        }
    }
    // An instrument the widget does not offer this patient (the MDI while WHO-5 is fine) is not
    // missing; the fields a pathway does not ask never count.
    needed.retain(|f| {
        f.strip_prefix("instruments.")
            .is_none_or(|id| content.offered(id, facts) || recorded(assessment, f))
            && chosen.iter().any(|(_, p)| {
                let id = f.split_once('.').map_or(f.as_str(), |(_, id)| id);
                p.instruments.iter().chain(&p.measurements).any(|a| a == id)
            })
    });
    let present = needed.iter().filter(|f| recorded(assessment, f)).count();
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts and scores are small whole numbers, exact in f64"
    )]
    let share = if needed.is_empty() {
        1.0
    } else {
        (present as f64 / needed.len() as f64 * 100.0).round() / 100.0
    };
    let mut indicators = Vec::new();
    let mut success_criteria = Vec::new();
    for (id, p) in &chosen {
        for ind in &p.indicators {
            let missing: Vec<String> = ind
                .fields
                .iter()
                .filter(|f| !recorded(assessment, f))
                .cloned()
                .collect();
            indicators.push(IndicatorResult {
                pathway: (*id).clone(),
                id: ind.id.clone(),
                label: ind.label.get(lang).to_owned(),
                met: missing.is_empty(),
                missing,
                proposal: ind.proposal,
            });
        }
        for c in &p.success_criteria {
            success_criteria.push(CriterionResult {
                pathway: (*id).clone(),
                id: c.id.clone(),
                label: c.text.get(lang).to_owned(),
                met: c.when.eval(facts),
                source: content.cite(&c.source).reference,
                proposal: c.proposal,
            });
        }
    }
    Quality {
        phase: input.phase,
        plan_within_deadline: (!deadlines.suspended).then_some(!deadlines.plan_overdue),
        // An offer waiting for the patient's yes has no clock yet; an accepted one counts from
        // the day of the yes.
        municipal_within_21_days: interventions
            .iter()
            .filter(|i| i.provider == Provider::Kommune && !i.awaiting_acceptance)
            .all(|i| {
                let from = i.accepted_on.unwrap_or(input.assessment_date);
                i.start_by
                    .is_some_and(|d| d <= add_days(from, MUNICIPAL_START_DAYS))
            }),
        inputs_present: present,
        inputs_needed: needed.into_iter().collect(),
        inputs_present_share: share,
        indicators,
        success_criteria,
    }
}

/// The inputs of the chosen pathways, as recorded in the plan.
pub(super) fn recorded_assessment(content: &Content, input: &ValidInput) -> Assessment {
    let chosen: Vec<&Pathway> = content
        .chosen(&input.pathways)
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let asked =
        |id: &String, f: fn(&Pathway) -> &Vec<String>| chosen.iter().any(|p| f(p).contains(id));
    Assessment {
        instruments: crate::engine::map_from(
            input
                .answers
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.instruments))
                .map(|(id, a)| (id.clone(), a.clone())),
        ),
        instrument_totals: crate::engine::map_from(
            input
                .totals
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.instruments))
                .map(|(id, t)| (id.clone(), *t)),
        ),
        measurements: crate::engine::map_from(
            input
                .measurements
                .iter()
                .filter(|(id, _)| asked(id, |p| &p.measurements))
                .map(|(id, v)| (id.clone(), v.to_json())),
        ),
        carried_over: input
            .carried_over
            .iter()
            .map(|(field, date)| CarriedOver {
                field: field.clone(),
                date: *date,
            })
            .collect(),
    }
}
