//! What the rule sets of the chosen pathways and the shared file propose, merged by id.

use chrono::{Months, NaiveDate};

use super::contract::{FollowUp, Intervention, Reason, TreatmentPrompt, Warning};
use super::deadlines::{add_days, start_by};
use super::goals::{resolve_target, target_text, GoalCandidate};
use crate::engine::condition::Facts;
use crate::engine::content::{
    Content, FollowUpKind, InterventionDef, Pathway, Phase, Rule, RuleSet,
};
use crate::engine::input::ValidInput;
use crate::engine::text::Lang;

impl Intervention {
    /// A catalogue entry as a planned intervention, before any reason is attached.
    pub(super) fn from_catalogue(
        def: &InterventionDef,
        content: &Content,
        lang: Lang,
        phase: Phase,
        start_by: Option<NaiveDate>,
    ) -> Self {
        Intervention {
            id: def.id.clone(),
            pathway: None,
            pathways: Vec::new(),
            provider: def.provider,
            phase,
            start_by,
            title: def.title.get(lang).to_owned(),
            description: def.description.get(lang).to_owned(),
            fsiii: def.fsiii.clone(),
            reasons: Vec::new(),
            source: content.cite(&def.source).reference,
            proposal: true,
            added_by_gp: None,
            awaiting_acceptance: false,
            accepted_on: None,
            referral: None,
        }
    }
}

pub(super) fn reason<T>(content: &Content, pathway: &str, rule: &Rule<T>, lang: Lang) -> Reason {
    let cite = content.citation(rule);
    Reason {
        pathway: pathway.to_owned(),
        rule: rule.id.clone(),
        text: rule.text.get(lang).to_owned(),
        source: cite.reference,
        source_title: cite.title,
        evidence: cite.evidence,
        proposal: rule.proposal,
        level: None,
    }
}

/// The chosen pathways, in one order whatever the input's ([`Content::chosen`]).
pub(super) fn chosen<'a>(
    content: &'a Content,
    input: &'a ValidInput,
) -> Vec<(&'a String, &'a Pathway)> {
    content.chosen(&input.pathways)
}

/// The element of `list` that `is` picks, pushed from `make` first if there is none: a map's
/// `entry().or_insert_with()` for the builder's short lists.
pub(super) fn entry<T>(
    list: &mut Vec<T>,
    is: impl Fn(&T) -> bool,
    make: impl FnOnce() -> T,
) -> &mut T {
    let at = if let Some(at) = list.iter().position(is) {
        at
    } else {
        list.push(make());
        list.len() - 1
    };
    &mut list[at]
}

/// Accumulates what the rule sets of the chosen pathways and the shared file propose, merging
/// by id: an intervention appears once with every reason, a follow-up at its earliest date.
pub(super) struct Builder<'a> {
    pub(super) content: &'a Content,
    pub(super) facts: &'a Facts,
    pub(super) lang: Lang,
    pub(super) assessment: NaiveDate,
    // Lists, not maps: the catalogue bounds them, and a map per value type costs the
    // WebAssembly several KB of B-tree code.
    pub(super) interventions: Vec<Intervention>,
    pub(super) follow_up: Vec<FollowUp>,
    pub(super) warnings: Vec<Warning>,
    pub(super) goals: Vec<GoalCandidate>,
    pub(super) treatments: Vec<TreatmentPrompt>,
}

impl Builder<'_> {
    fn fired<'r, T>(
        &self,
        rules: &'r [Rule<T>],
    ) -> impl Iterator<Item = &'r Rule<T>> + use<'r, '_, T> {
        rules
            .iter()
            .filter(|r| r.when.eval(self.facts) == Some(true))
    }

    /// Applies one rule set; `label` is the pathway id (or `shared`) the reasons name.
    pub(super) fn apply(&mut self, label: &str, pathway: Option<&str>, rules: &RuleSet) {
        let (content, lang) = (self.content, self.lang);
        for r in self.fired(&rules.interventions).collect::<Vec<_>>() {
            let Some(def) = content.catalogue.get(&r.then.intervention) else {
                continue;
            };
            let start_by = start_by(def, self.assessment);
            let entry = entry(
                &mut self.interventions,
                |i| i.id == def.id,
                || Intervention::from_catalogue(def, content, lang, r.then.phase, start_by),
            );
            if let Some(p) = pathway {
                if !entry.pathways.iter().any(|x| x == p) {
                    entry.pathways.push(p.to_owned());
                }
            }
            entry.phase = entry.phase.min(r.then.phase);
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.follow_up).collect::<Vec<_>>() {
            let due = if r.then.weeks > 0 {
                add_days(self.assessment, r.then.weeks * 7)
            } else {
                self.assessment
                    .checked_add_months(Months::new(r.then.months))
                    .unwrap_or(self.assessment)
            };
            let id = &r.then.follow_up;
            let def = content.follow_ups.get(id);
            let entry = entry(
                &mut self.follow_up,
                |f| &f.id == id,
                || FollowUp {
                    id: id.clone(),
                    title: def.map_or_else(|| id.clone(), |d| d.title.get(lang).to_owned()),
                    kind: def.map_or(FollowUpKind::Kontrol, |d| d.kind),
                    due,
                    reasons: Vec::new(),
                },
            );
            entry.due = entry.due.min(due);
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.warnings).collect::<Vec<_>>() {
            self.warnings.push(Warning {
                id: r.then.clone(),
                pathway: label.to_owned(),
                text: r.text.get(lang).to_owned(),
                fields: Vec::new(),
                reason: Some(reason(content, label, r, lang)),
                gate: None,
            });
        }
        for r in self.fired(&rules.treatments).collect::<Vec<_>>() {
            let Some(def) = content.treatments.get(&r.then) else {
                continue;
            };
            let entry = entry(
                &mut self.treatments,
                |t| t.id == def.id,
                || TreatmentPrompt {
                    id: def.id.clone(),
                    title: def.title.get(lang).to_owned(),
                    description: def.description.get(lang).to_owned(),
                    pathways: Vec::new(),
                    reasons: Vec::new(),
                    source: content.cite(&def.source).reference,
                    proposal: true,
                    decision: None,
                },
            );
            if let Some(p) = pathway {
                if !entry.pathways.iter().any(|x| x == p) {
                    entry.pathways.push(p.to_owned());
                }
            }
            entry.reasons.push(reason(content, label, r, lang));
        }
        for r in self.fired(&rules.goals).collect::<Vec<_>>() {
            let target = r
                .then
                .target
                .as_ref()
                .map(|t| resolve_target(t, self.facts));
            self.goals.push(GoalCandidate {
                id: r.then.goal.clone(),
                text: r.text.get(lang).to_owned(),
                target_text: target.as_ref().and_then(|t| target_text(content, t, lang)),
                target,
                reason: reason(content, label, r, lang),
                exercise: r.then.exercise,
            });
        }
    }
}
