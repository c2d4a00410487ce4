//! Builds a plan from a validated input, stage by stage (see [`build_plan`]).

use std::collections::{BTreeMap, BTreeSet};

use super::contract::{
    Axes, ContentRef, Differentiation, Goals, Intervention, LevelOverride, Plan, Reason,
    RemovedIntervention, TreatmentDecisionRecord, TreatmentPrompt, Warning,
};
use super::deadlines::{deadlines, review_overdue, start_by};
use super::goals::merge_goals;
use super::levels::{pathway_level, person_axis};
use super::previous::PreviousPlan;
use super::quality::{quality, recorded_assessment};
use super::referral::{acceptance, referral};
use super::rules::{chosen, Builder};
use super::scores;
use super::warnings::{carried_over, ignored, missing_data, unused_gate_decisions};
use super::PLAN_SCHEMA;
use crate::engine::condition::Facts;
use crate::engine::content::{Content, Pathway, Provider};
use crate::engine::gates::{GateState, HeldIntervention, Outcome, PathwayStatus};
use crate::engine::input::ValidInput;
use crate::engine::phrases::Phrase;
use crate::engine::ENGINE_VERSION;

/// Plans a validated input; `previous` is the plan of the earlier consultation in a
/// re-assessment. The stages, in order: the safety gates; for the pathways the gates let
/// through, differentiation and what their rules propose (interventions, follow-ups, warnings,
/// goals); the warnings about the data; the GP's decisions; what a contraindication holds
/// back; the offers finished (re-assessment, acceptance, order, referrals); then the deadlines
/// and the quality indicators over the result.
pub(crate) fn build_plan(
    content: &Content,
    input: &ValidInput,
    previous: Option<&PreviousPlan>,
    facts: &Facts,
) -> Plan {
    let lang = input.lang;
    let pathways = chosen(content, input);
    let gated = crate::engine::gates::evaluate(content, input, facts);
    let is_klar = |id: &str| gated.status.get(id) == Some(&PathwayStatus::Klar);
    let mut b = Builder {
        content,
        facts,
        lang,
        assessment: input.assessment_date,
        interventions: Vec::new(),
        follow_up: Vec::new(),
        warnings: Vec::new(),
        goals: Vec::new(),
        treatments: Vec::new(),
    };

    // 1. The gates first: what the GP must do before anything else, in the warnings too for
    //    hosts that read only those (e.g. `red-flag`).
    gate_warnings(content, &gated, &mut b.warnings);
    // 2. Differentiation, and what the rules of each pathway the gates let through propose.
    let mut levels = differentiate(content, &pathways, &is_klar, &mut b);
    // 3. The data: what the rules still need, what was carried over, an overdue review.
    let klar: Vec<(&String, &Pathway)> = pathways
        .iter()
        .copied()
        .filter(|(id, _)| is_klar(id))
        .collect();
    b.warnings.extend(missing_data(content, &klar, facts, lang));
    b.warnings.extend(carried_over(content, input, lang));
    b.warnings.extend(review_overdue(
        content,
        &pathways,
        input.assessment_date,
        lang,
    ));
    let Builder {
        mut interventions,
        mut follow_up,
        mut warnings,
        goals,
        mut treatments,
        ..
    } = b;
    let goals = merge_goals(goals, gated.exercise_held_by.as_ref());

    // 4. The GP decides: level overrides, removed and added interventions, each with its
    //    reason. What cannot be applied is said in a warning, never dropped in silence.
    let proposed_level = levels.by_pathway.values().copied().max();
    let overrides = override_levels(input, &mut levels.by_pathway, &mut warnings);
    let removed = remove_interventions(input, &mut interventions, &mut warnings);
    add_interventions(content, input, &mut interventions, &mut warnings);
    // 5. A contraindication holds its interventions back, whoever proposed or added them,
    //    until the GP records the action (clearance) or overrides the gate.
    let held = hold_back(&gated, &mut interventions, &mut treatments);
    record_treatment_decisions(input, &mut treatments, &mut warnings);
    if let Some(w) = unused_gate_decisions(&gated, lang) {
        warnings.push(w);
    }

    // 6. The offers finished: a re-assessment's, accepted or awaiting acceptance, in order,
    //    each municipal one with its referral.
    let mut interventions = finish_interventions(content, input, previous, interventions);
    acceptance(content, input, facts, &mut interventions, &mut warnings);
    // Both lists are bounded by the catalogue and the pathways, and their ids are unique.
    crate::engine::sort_short(&mut interventions, |a, b| {
        (a.phase, &a.provider, &a.id) < (b.phase, &b.provider, &b.id)
    });
    crate::engine::sort_short(&mut follow_up, |a, b| (a.due, &a.id) < (b.due, &b.id));
    let private = private_facts(content);
    for i in &mut interventions {
        i.referral = referral(content, input, facts, &pathways, &private, i);
    }

    // 7. The deadlines and the quality indicators over the result.
    let deadlines = deadlines(
        input,
        previous,
        klar.is_empty(),
        interventions
            .iter()
            .any(|i| i.provider == Provider::Kommune && !i.awaiting_acceptance),
    );
    let assessment = recorded_assessment(content, input);
    let quality = quality(
        content,
        input,
        facts,
        &assessment,
        &interventions,
        &deadlines,
    );
    let mut content_refs = vec![ContentRef {
        pathway: content.shared.id.clone(),
        version: content.shared.version.clone(),
        sha256: content.shared.sha256.clone(),
    }];
    content_refs.extend(pathways.iter().map(|(_, p)| ContentRef {
        pathway: p.meta.id.clone(),
        version: p.meta.version.clone(),
        sha256: p.meta.sha256.clone(),
    }));

    Plan {
        schema: PLAN_SCHEMA.into(),
        engine_version: ENGINE_VERSION.into(),
        language: lang,
        content: content_refs,
        content_pack: content.pack.clone(),
        pathways: input.pathways.clone(),
        diagnosis_date: input.diagnosis_date,
        assessment_date: input.assessment_date,
        phase: input.phase,
        status: gated.overall(),
        status_by_pathway: gated.status.clone(),
        gates: gated.gates,
        held_interventions: held,
        deadlines,
        scores: scores(facts),
        differentiation: Differentiation {
            level: levels.by_pathway.values().copied().max(),
            proposed_level,
            by_pathway: levels.by_pathway,
            provisional: levels.provisional,
            reasons: levels.reasons,
            overrides,
            axes: levels.axes,
        },
        interventions,
        removed_interventions: removed,
        follow_up,
        treatment: treatments,
        warnings,
        goals: Goals {
            patient: input.patient_goals.clone(),
            clinical: goals,
        },
        coordinator: "almen-praksis".into(),
        quality,
        assessment,
        changes: None,
        confirmed: false,
    }
}

/// Stage 1: a warning for every open gate whose content names one.
fn gate_warnings(content: &Content, gated: &Outcome, warnings: &mut Vec<Warning>) {
    for g in &gated.gates {
        let Some(warning) = content
            .gates()
            .find(|x| x.id == g.id)
            .and_then(|x| x.then.warning.clone())
        else {
            continue;
        };
        if g.state == GateState::Open {
            warnings.push(Warning {
                id: warning,
                pathway: g
                    .pathway
                    .clone()
                    .unwrap_or_else(|| content.shared.id.clone()),
                text: g.action.clone(),
                fields: Vec::new(),
                reason: None,
                gate: Some(g.id.clone()),
            });
        }
    }
}

/// The differentiation so far: the level by pathway, its reasons, the pathways whose level is
/// provisional (data missing), and the two axes.
struct Levels {
    by_pathway: BTreeMap<String, u8>,
    reasons: Vec<Reason>,
    provisional: Vec<String>,
    axes: Option<Axes>,
}

/// Stage 2: only a pathway the gates let through gets a level, and its rules (then the shared
/// rules, once) propose offers, follow-ups and goals. The person axis is evaluated once for
/// the patient and applied to every pathway with a level; its reasons are listed once
/// (pathway `shared`).
fn differentiate(
    content: &Content,
    pathways: &[(&String, &Pathway)],
    is_klar: &dyn Fn(&str) -> bool,
    b: &mut Builder,
) -> Levels {
    let (facts, lang) = (b.facts, b.lang);
    let mut by_pathway = BTreeMap::new();
    let mut reasons = Vec::new();
    let mut provisional = Vec::new();
    for (id, p) in pathways {
        if !is_klar(id) {
            continue;
        }
        let (level, why, missing) = pathway_level(content, id, p, facts, lang);
        by_pathway.insert((*id).clone(), level);
        reasons.extend(why);
        if !missing.is_empty() {
            provisional.push((*id).clone());
        }
        b.apply(id, Some(id), &p.rules);
    }
    let axes = by_pathway.values().copied().max().map(|disease| {
        let (person, why, missing) = person_axis(content, facts, lang);
        for l in by_pathway.values_mut() {
            *l = (*l).max(person);
        }
        reasons.extend(why);
        if !missing.is_empty() {
            provisional = pathways
                .iter()
                .map(|(id, _)| (*id).clone())
                .filter(|id| by_pathway.contains_key(id))
                .collect();
        }
        Axes { disease, person }
    });
    if pathways.iter().any(|(id, _)| is_klar(id)) {
        b.apply(&content.shared.id, None, &content.common);
    }
    Levels {
        by_pathway,
        reasons,
        provisional,
        axes,
    }
}

/// Stage 4: the levels the GP chose, each over the proposed one; a pathway without a level
/// (held back by a gate) keeps none, with a warning.
fn override_levels(
    input: &ValidInput,
    by_pathway: &mut BTreeMap<String, u8>,
    warnings: &mut Vec<Warning>,
) -> Vec<LevelOverride> {
    let mut overrides = Vec::new();
    for (pathway, o) in &input.overrides.levels {
        if let Some(l) = by_pathway.get_mut(pathway) {
            overrides.push(LevelOverride {
                pathway: pathway.clone(),
                proposed: *l,
                level: o.level,
                reason: o.reason.trim().to_owned(),
            });
            *l = o.level;
        } else {
            warnings.push(ignored(
                vec![format!("overrides.levels.{pathway}")],
                input.lang,
                &Phrase::LevelHeldBack { pathway },
            ));
        }
    }
    overrides
}

/// Stage 4: the proposed interventions the GP removed, each with its reason.
fn remove_interventions(
    input: &ValidInput,
    interventions: &mut Vec<Intervention>,
    warnings: &mut Vec<Warning>,
) -> Vec<RemovedIntervention> {
    let mut removed = Vec::new();
    for (i, r) in input.overrides.removed_interventions.iter().enumerate() {
        if let Some(at) = interventions.iter().position(|i| i.id == r.id) {
            interventions.remove(at);
            removed.push(RemovedIntervention {
                id: r.id.clone(),
                reason: r.reason.trim().to_owned(),
            });
        } else {
            warnings.push(ignored(
                vec![format!("overrides.removed_interventions[{i}]")],
                input.lang,
                &Phrase::NothingToRemove { id: &r.id },
            ));
        }
    }
    removed
}

/// Stage 4: the catalogue interventions the GP added, each with its reason.
fn add_interventions(
    content: &Content,
    input: &ValidInput,
    interventions: &mut Vec<Intervention>,
    warnings: &mut Vec<Warning>,
) {
    for (i, a) in input.overrides.added_interventions.iter().enumerate() {
        let Some(def) = content.catalogue.get(&a.id) else {
            continue;
        };
        if interventions.iter().any(|i| i.id == a.id) {
            warnings.push(ignored(
                vec![format!("overrides.added_interventions[{i}]")],
                input.lang,
                &Phrase::AlreadyInPlan { id: &a.id },
            ));
            continue;
        }
        let start_by = start_by(def, input.assessment_date);
        interventions.push(Intervention {
            proposal: false,
            added_by_gp: Some(a.reason.trim().to_owned()),
            ..Intervention::from_catalogue(def, content, input.lang, input.phase, start_by)
        });
    }
}

/// Stage 5: the interventions and treatments a gate blocks, taken out of the plan and listed
/// as held, with the gate that holds each.
fn hold_back(
    gated: &Outcome,
    interventions: &mut Vec<Intervention>,
    treatments: &mut Vec<TreatmentPrompt>,
) -> Vec<HeldIntervention> {
    let mut held = Vec::new();
    interventions.retain(|i| match gated.blocked.get(&i.id) {
        Some(gate) => {
            held.push(HeldIntervention {
                id: i.id.clone(),
                title: i.title.clone(),
                gate: gate.clone(),
                pathways: i.pathways.clone(),
            });
            false
        }
        None => true,
    });
    treatments.retain(|t| match gated.blocked.get(&t.id) {
        Some(gate) => {
            held.push(HeldIntervention {
                id: t.id.clone(),
                title: t.title.clone(),
                gate: gate.clone(),
                pathways: t.pathways.clone(),
            });
            false
        }
        None => true,
    });
    held
}

/// Stage 5: the GP's decision on each prompted treatment; a decision on a treatment the plan
/// does not prompt is said in a warning.
fn record_treatment_decisions(
    input: &ValidInput,
    treatments: &mut [TreatmentPrompt],
    warnings: &mut Vec<Warning>,
) {
    for t in treatments.iter_mut() {
        t.proposal = t.reasons.iter().all(|r| r.proposal);
        t.decision = input
            .overrides
            .treatments
            .get(&t.id)
            .map(|d| TreatmentDecisionRecord {
                decision: d.decision,
                reason: d.reason.trim().to_owned(),
            });
    }
    let unprompted: Vec<String> = input
        .overrides
        .treatments
        .keys()
        .filter(|id| !treatments.iter().any(|t| &t.id == *id))
        .map(|id| format!("overrides.treatments.{id}"))
        .collect();
    if !unprompted.is_empty() {
        warnings.push(ignored(
            unprompted,
            input.lang,
            &Phrase::UnpromptedTreatment,
        ));
    }
}

/// Stage 6: in a re-assessment, a one-off offer the previous plan had (the clarifying
/// conversation) is not proposed again, and the offers carry the phase being assessed (the
/// lasting phase), not the first consultation's. Then every offer names the one pathway that
/// called for it (null when several did, or only the shared rules), and is a proposal when
/// all its reasons are.
fn finish_interventions(
    content: &Content,
    input: &ValidInput,
    previous: Option<&PreviousPlan>,
    interventions: Vec<Intervention>,
) -> Vec<Intervention> {
    let interventions: Vec<Intervention> = match previous {
        Some(prev) => interventions
            .into_iter()
            .filter(|i| {
                i.added_by_gp.is_some()
                    || !(content.catalogue.get(&i.id).is_some_and(|d| d.once)
                        && prev.interventions.iter().any(|p| p.id == i.id))
            })
            .map(|mut i| {
                i.phase = i.phase.max(input.phase);
                i
            })
            .collect(),
        None => interventions,
    };
    interventions
        .into_iter()
        .map(|mut i| {
            i.pathway = match i.pathways.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            };
            if i.added_by_gp.is_none() {
                i.proposal = i.reasons.iter().all(|r| r.proposal);
            }
            i
        })
        .collect()
}

/// Stage 6: the facts a private gate reads (suicidal thoughts): they never go into a referral.
fn private_facts(content: &Content) -> BTreeSet<String> {
    content
        .gates()
        .filter(|g| g.then.private)
        .fold(BTreeSet::new(), |mut read, g| {
            g.when.facts(&mut read);
            read
        })
}
