//! The plan's own warnings: the data the rules still need, the values carried over, and what
//! the GP gave that could not be applied.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::contract::Warning;
use crate::engine::condition::Facts;
use crate::engine::content::{Content, Pathway};
use crate::engine::gates::Outcome;
use crate::engine::input::ValidInput;
use crate::engine::phrases::Phrase;
use crate::engine::text::Lang;

/// A warning that something the GP gave could not be applied, naming the fields.
pub(super) fn ignored(fields: Vec<String>, lang: Lang, why: &Phrase) -> Warning {
    Warning {
        id: "ignored-input".into(),
        pathway: "shared".into(),
        text: why.text(lang),
        fields,
        reason: None,
        gate: None,
    }
}

/// Stage 3, missing data: one warning for the patient (one plan, one box), listing what the
/// rules of every pathway with a plan (`klar`) still need, among what each asks: first what
/// all of them need, then what only some need, by those pathways. (A pathway the gates hold
/// back names its open questions in the gate.)
pub(super) fn missing_data(
    content: &Content,
    klar: &[(&String, &Pathway)],
    facts: &Facts,
    lang: Lang,
) -> Option<Warning> {
    let mut needed_by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut with_gaps: Vec<(&String, &Pathway)> = Vec::new();
    for (id, p) in klar {
        let missing = content.fields_behind(p, facts, true);
        if missing.is_empty() {
            continue;
        }
        for f in missing {
            needed_by.entry(f).or_default().push(with_gaps.len());
        }
        with_gaps.push((id, p));
    }
    if with_gaps.is_empty() {
        return None;
    }
    let titles = |which: &[usize]| {
        let names: Vec<&str> = which
            .iter()
            .map(|&i| with_gaps[i].1.title.get(lang))
            .collect();
        crate::engine::text::and_list(&names, lang)
    };
    // Grouped by the pathways that need them; what all need has no group name (first).
    let mut groups: Vec<(&[usize], Vec<String>)> = Vec::new();
    for (f, which) in &needed_by {
        let key: &[usize] = if which.len() == with_gaps.len() {
            &[]
        } else {
            which
        };
        let label = content.field_label(f, lang);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((key, vec![label])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(b.0));
    let all: Vec<usize> = (0..with_gaps.len()).collect();
    let mut text = Phrase::MissingDataFor {
        titles: &titles(&all),
    }
    .text(lang);
    for (which, labels) in &groups {
        let head = if which.is_empty() {
            String::new()
        } else {
            Phrase::OnlyFor {
                titles: &titles(which),
            }
            .text(lang)
        };
        let _ = write!(text, "{head}: {}.", labels.join("; "));
    }
    text.push_str(&Phrase::MayBeTooLow.text(lang));
    Some(Warning {
        id: "missing-data".into(),
        pathway: match with_gaps.as_slice() {
            [(id, _)] => (*id).clone(),
            _ => content.shared.id.clone(),
        },
        text,
        fields: needed_by.into_keys().collect(),
        reason: None,
        gate: None,
    })
}

/// Stage 3, carried over: the values taken from the previous plan and not confirmed today.
pub(super) fn carried_over(content: &Content, input: &ValidInput, lang: Lang) -> Option<Warning> {
    if input.carried_over.is_empty() {
        return None;
    }
    let fields: Vec<String> = input.carried_over.keys().cloned().collect();
    let dates: BTreeSet<String> = input
        .carried_over
        .values()
        .map(ToString::to_string)
        .collect();
    let labels = crate::engine::gates::field_list(content, &fields, lang);
    let dates = dates.into_iter().collect::<Vec<_>>().join(", ");
    Some(Warning {
        id: "carried-over".into(),
        pathway: content.shared.id.clone(),
        text: Phrase::CarriedOver {
            dates: &dates,
            labels: &labels,
        }
        .text(lang),
        fields,
        reason: None,
        gate: None,
    })
}

/// Stage 5: a decision recorded for a gate that is not open or waiting for it changes
/// nothing, and is said so.
pub(super) fn unused_gate_decisions(gated: &Outcome, lang: Lang) -> Option<Warning> {
    if gated.unused_decisions.is_empty() {
        return None;
    }
    let ids = gated.unused_decisions.join(", ");
    Some(ignored(
        gated
            .unused_decisions
            .iter()
            .map(|g| format!("overrides.gates.{g}"))
            .collect(),
        lang,
        &Phrase::UnusedGateDecisions { ids: &ids },
    ))
}
