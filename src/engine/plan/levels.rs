//! Differentiation: the level by pathway from its rules, and the person axis.

use std::collections::BTreeSet;

use super::contract::Reason;
use super::rules::reason;
use crate::engine::condition::Facts;
use crate::engine::content::{Content, Pathway, Rule};
use crate::engine::phrases::Phrase;
use crate::engine::text::Lang;

/// The level of a pathway with status `klar`: the highest level a rule sets (1 when none
/// fires), its reasons, and the inputs still missing for a rule that could raise it (the
/// level is then provisional: unknown is never read as "no higher need").
/// The level a set of level rules gives (1 when none fires), the rules that fired, and the
/// fields behind the rules for a higher level that cannot be evaluated yet.
pub(super) fn level_of<'a>(
    content: &Content,
    rules: &'a [Rule<u8>],
    facts: &Facts,
) -> (u8, Vec<&'a Rule<u8>>, Vec<String>) {
    let fired: Vec<&Rule<u8>> = rules
        .iter()
        .filter(|r| r.when.eval(facts) == Some(true))
        .collect();
    let level = fired.iter().map(|r| r.then).max().unwrap_or(1);
    let mut missing = BTreeSet::new();
    for r in rules {
        if r.then > level && r.when.eval(facts).is_none() {
            missing.extend(content.unknown_fields(&r.when, facts));
        }
    }
    content.retain_offered(&mut missing, facts);
    (level, fired, missing.into_iter().collect())
}

pub(super) fn pathway_level(
    content: &Content,
    id: &str,
    p: &Pathway,
    facts: &Facts,
    lang: Lang,
) -> (u8, Vec<Reason>, Vec<String>) {
    let (level, fired, missing) = level_of(content, &p.levels, facts);
    let mut reasons = Vec::new();
    if fired.is_empty() && missing.is_empty() {
        let mut r = reason(content, id, &p.default_level, lang);
        r.level = Some(1);
        reasons.push(r);
    }
    for r in fired {
        let mut rs = reason(content, id, r, lang);
        rs.level = Some(r.then);
        reasons.push(rs);
    }
    if !missing.is_empty() {
        let fields = crate::engine::gates::field_list(content, &missing, lang);
        let mut r = reason(content, id, &p.default_level, lang);
        r.rule = format!("{id}-niveau-foreloebigt");
        r.level = Some(level);
        r.text = Phrase::LevelProvisional {
            level,
            fields: &fields,
        }
        .text(lang);
        reasons.push(r);
    }
    (level, reasons, missing)
}

/// The person axis: the level the shared file's `person` rules give (1 when none fires), the
/// reasons of the rules at that level, and the fields that could still raise it.
pub(super) fn person_axis(
    content: &Content,
    facts: &Facts,
    lang: Lang,
) -> (u8, Vec<Reason>, Vec<String>) {
    let (level, fired, missing) = level_of(content, &content.person_levels, facts);
    let shared = &content.shared.id;
    let mut reasons: Vec<Reason> = fired
        .into_iter()
        .filter(|r| r.then == level)
        .map(|r| Reason {
            level: Some(r.then),
            ..reason(content, shared, r, lang)
        })
        .collect();
    if let Some(first) = content.person_levels.first() {
        if !missing.is_empty() {
            let fields = crate::engine::gates::field_list(content, &missing, lang);
            reasons.push(Reason {
                rule: "person-niveau-foreloebigt".into(),
                level: Some(level),
                text: Phrase::PersonAxisProvisional { fields: &fields }.text(lang),
                ..reason(content, shared, first, lang)
            });
        }
    }
    (level, reasons, missing)
}
