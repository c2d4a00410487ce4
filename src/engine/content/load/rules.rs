//! What one file decides: its pathway, safety gates, quality indicators and rule sets, each
//! condition parsed and checked against the facts it reads.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::reserved_warning;
use super::Loader;
use crate::engine::condition::Condition;
use crate::engine::content::format;
use crate::engine::content::{
    AfterAction, CodeSystem, FileMeta, FollowUpThen, Gate, GateKind, GateThen, GoalThen, Indicator,
    InterventionThen, Pathway, Rule, RuleSet, Urgency, PATHWAY_IDS,
};
use crate::engine::error::ContentError;

impl Loader<'_> {
    pub(super) fn pathway(
        &mut self,
        f: &format::ContentFile,
        meta: FileMeta,
    ) -> Result<Pathway, ContentError> {
        if !PATHWAY_IDS.contains(&f.id.as_str()) {
            return Err(self.err(
                "$.id",
                format!(
                    "unknown pathway '{}'; expected one of {}",
                    f.id,
                    PATHWAY_IDS.join(", ")
                ),
            ));
        }
        let Some(title) = &f.title else {
            return Err(self.err("$.title", "a pathway needs a title"));
        };
        self.text(title, "$.title")?;
        let derived = self.definitions(f)?;
        let Some(assessment) = &f.assessment else {
            return Err(self.err("$.assessment", "a pathway needs an assessment"));
        };
        for (i, id) in assessment.instruments.iter().enumerate() {
            if !self.content.instruments.contains_key(id) {
                return Err(self.err(
                    format!("$.assessment.instruments[{i}]"),
                    format!("unknown instrument '{id}'"),
                ));
            }
        }
        for (i, id) in assessment.measurements.iter().enumerate() {
            if !self.content.measurements.contains_key(id) {
                return Err(self.err(
                    format!("$.assessment.measurements[{i}]"),
                    format!("unknown measurement '{id}'"),
                ));
            }
        }
        let Some(diff) = &f.differentiation else {
            return Err(self.err("$.differentiation", "a pathway needs a differentiation"));
        };
        self.text(&diff.default.text, "$.differentiation.default.text")?;
        self.source(
            &diff.default.source,
            diff.default.proposal,
            "$.differentiation.default",
        )?;
        let default_level = Rule {
            id: format!("{}-default", f.id),
            when: Condition::Always,
            text: diff.default.text.clone(),
            source: diff.default.source.clone(),
            cite: 0,
            proposal: diff.default.proposal,
            then: 1,
        };
        let mut levels = Vec::new();
        for (i, r) in diff.rules.iter().enumerate() {
            let path = format!("$.differentiation.rules[{i}]");
            if !(1..=3).contains(&r.level) {
                return Err(self.err(format!("{path}.level"), "a level is 1, 2 or 3"));
            }
            levels.push(self.rule(&path, r, r.level)?);
        }
        let rules = self.rule_set(f)?;
        let gates = self.gates(f)?;
        let (indicators, success_criteria) = self.quality(f, assessment)?;
        self.codings(&f.codes, &[CodeSystem::Icpc2, CodeSystem::SksD], "$.codes")?;
        Ok(Pathway {
            meta,
            title: title.clone(),
            first_year: f.first_year,
            codes: f.codes.clone(),
            instruments: assessment.instruments.clone(),
            measurements: assessment.measurements.clone(),
            derived,
            default_level,
            levels,
            rules,
            indicators,
            success_criteria,
            inputs_used: BTreeSet::new(),
            gates,
        })
    }

    pub(super) fn gates(&mut self, f: &format::ContentFile) -> Result<Vec<Gate>, ContentError> {
        let mut gates = Vec::new();
        for (i, g) in f.gates.iter().enumerate() {
            let path = format!("$.gates[{i}]");
            if !self.gate_ids.insert(g.id.clone()) {
                return Err(self.err(
                    format!("{path}.id"),
                    format!("gate id '{}' is used in another file too", g.id),
                ));
            }
            self.text(&g.action, &format!("{path}.action"))?;
            let applies = match &g.applies {
                Some(c) => Some(self.condition(c, &format!("{path}.applies"))?),
                None => None,
            };
            match (g.kind, g.blocks.is_empty()) {
                (GateKind::Contraindication, true) if !g.holds_exercise => {
                    return Err(self.err(
                        format!("{path}.blocks"),
                        "a contraindication names the interventions it blocks, or holds exercise",
                    ))
                }
                (GateKind::Acute | GateKind::Exclusion, false) => {
                    return Err(self.err(
                        format!("{path}.blocks"),
                        "only a contraindication blocks interventions; an acute or exclusion gate holds the whole pathway",
                    ))
                }
                _ => {}
            }
            for (k, id) in g.blocks.iter().enumerate() {
                self.blocked.push((
                    self.file.to_owned(),
                    format!("{path}.blocks[{k}]"),
                    id.clone(),
                ));
            }
            let after_action = match (g.kind, g.after_action) {
                (GateKind::Exclusion, Some(_)) => {
                    return Err(self.err(
                        format!("{path}.after_action"),
                        "an exclusion has no action that lets the pathway proceed: the GP overrides it with a reason",
                    ))
                }
                (GateKind::Exclusion, None) => None,
                (GateKind::Acute, a) => Some(a.unwrap_or(AfterAction::Wait)),
                (GateKind::Contraindication, a) => Some(a.unwrap_or(AfterAction::Proceed)),
            };
            if g.kind == GateKind::Contraindication && g.urgency != Urgency::FoerIndsats {
                return Err(self.err(
                    format!("{path}.urgency"),
                    "a contraindication is due before the intervention: 'foer-indsats'",
                ));
            }
            if let Some(w) = &g.warning {
                reserved_warning(w).map_err(|m| self.err(format!("{path}.warning"), m))?;
            }
            self.text(&g.patient, &format!("{path}.patient"))?;
            if g.holds_exercise && g.kind == GateKind::Exclusion {
                return Err(self.err(
                    format!("{path}.holds_exercise"),
                    "an exclusion holds its whole pathway; only an acute gate or a contraindication holds exercise in the other pathways",
                ));
            }
            let then = GateThen {
                kind: g.kind,
                scope: g.scope,
                applies,
                urgency: g.urgency,
                action: g.action.clone(),
                blocks: g.blocks.clone(),
                after_action,
                warning: g.warning.clone(),
                holds_exercise: g.holds_exercise,
                patient: g.patient.clone(),
                private: g.private,
            };
            gates.push(self.rule(&path, g, then)?);
        }
        Ok(gates)
    }

    fn quality(
        &mut self,
        f: &format::ContentFile,
        assessment: &format::AssessmentDef,
    ) -> Result<(Vec<Indicator>, Vec<Rule<()>>), ContentError> {
        let Some(q) = &f.quality else {
            return Err(self.err(
                "$.quality",
                "a pathway needs quality indicators and success criteria",
            ));
        };
        let mut indicators = Vec::new();
        for (i, ind) in q.indicators.iter().enumerate() {
            let path = format!("$.quality.indicators[{i}]");
            self.rule_id(&ind.id, &path)?;
            self.text(&ind.label, &format!("{path}.label"))?;
            self.source(&ind.source, ind.proposal, &path)?;
            if ind.fields.is_empty() {
                return Err(self.err(format!("{path}.fields"), "an indicator needs fields"));
            }
            for (j, field) in ind.fields.iter().enumerate() {
                let asked = match field.split_once('.') {
                    Some(("instruments", id)) => assessment.instruments.iter().any(|x| x == id),
                    Some(("measurements", id)) => assessment.measurements.iter().any(|x| x == id),
                    _ => false,
                };
                if !asked {
                    return Err(self.err(
                        format!("{path}.fields[{j}]"),
                        format!("'{field}' is not an instrument or measurement this pathway asks"),
                    ));
                }
            }
            indicators.push(Indicator {
                id: ind.id.clone(),
                label: ind.label.clone(),
                fields: ind.fields.clone(),
                source: ind.source.clone(),
                proposal: ind.proposal,
            });
        }
        let mut criteria = Vec::new();
        for (i, c) in q.success_criteria.iter().enumerate() {
            let path = format!("$.quality.success_criteria[{i}]");
            self.rule_id(&c.id, &path)?;
            self.text(&c.label, &format!("{path}.label"))?;
            self.source(&c.source, c.proposal, &path)?;
            let when = self.condition(&c.when, &format!("{path}.when"))?;
            criteria.push(Rule {
                id: c.id.clone(),
                when,
                text: c.label.clone(),
                source: c.source.clone(),
                cite: 0,
                proposal: c.proposal,
                then: (),
            });
        }
        Ok((indicators, criteria))
    }

    pub(super) fn rule_set(&mut self, f: &format::ContentFile) -> Result<RuleSet, ContentError> {
        let mut interventions = Vec::new();
        for (i, r) in f.interventions.iter().enumerate() {
            let path = format!("$.interventions[{i}]");
            if !self.content.catalogue.contains_key(&r.intervention) {
                return Err(self.err(
                    format!("{path}.intervention"),
                    format!("unknown intervention '{}'", r.intervention),
                ));
            }
            let then = InterventionThen {
                intervention: r.intervention.clone(),
                phase: r.phase,
            };
            interventions.push(self.rule(&path, r, then)?);
        }
        let mut follow_up = Vec::new();
        for (i, r) in f.follow_up.iter().enumerate() {
            let path = format!("$.follow_up[{i}]");
            let (months, weeks) = match (r.months, r.weeks) {
                (Some(m), None) if (1..=60).contains(&m) => (m, 0),
                (None, Some(w)) if (1..=52).contains(&w) => (0, w),
                (Some(_), None) => {
                    return Err(self.err(format!("{path}.months"), "months must be 1–60"))
                }
                (None, Some(_)) => {
                    return Err(self.err(format!("{path}.weeks"), "weeks must be 1–52"))
                }
                _ => {
                    return Err(self.err(
                        path.clone(),
                        "a follow-up is due in either 'months' or 'weeks'",
                    ))
                }
            };
            if !self.content.follow_ups.contains_key(&r.follow_up) {
                return Err(self.err(
                    format!("{path}.follow_up"),
                    format!(
                        "unknown follow-up '{}': define it under follow_ups",
                        r.follow_up
                    ),
                ));
            }
            let then = FollowUpThen {
                follow_up: r.follow_up.clone(),
                months,
                weeks,
            };
            follow_up.push(self.rule(&path, r, then)?);
        }
        let mut warnings = Vec::new();
        for (i, r) in f.warnings.iter().enumerate() {
            let path = format!("$.warnings[{i}]");
            reserved_warning(&r.warning).map_err(|m| self.err(format!("{path}.warning"), m))?;
            warnings.push(self.rule(&path, r, r.warning.clone())?);
        }
        let mut goals = Vec::new();
        for (i, r) in f.goals.iter().enumerate() {
            let path = format!("$.goals[{i}]");
            if let Some(target) = &r.target {
                self.target_facts(target, &format!("{path}.target"))?;
            }
            let then = GoalThen {
                goal: r.goal.clone(),
                target: r.target.clone(),
                exercise: r.exercise,
            };
            goals.push(self.rule(&path, r, then)?);
        }
        let mut treatments = Vec::new();
        for (i, r) in f.treatment.iter().enumerate() {
            let path = format!("$.treatment[{i}]");
            if !self.content.treatments.contains_key(&r.treatment) {
                return Err(self.err(
                    format!("{path}.treatment"),
                    format!("unknown treatment '{}'", r.treatment),
                ));
            }
            treatments.push(self.rule(&path, r, r.treatment.clone())?);
        }
        Ok(RuleSet {
            interventions,
            follow_up,
            warnings,
            goals,
            treatments,
        })
    }

    /// A goal target may name a fact (`{"fact": "t2d.hba1c_target"}`) whose value is put in
    /// its place in the plan; the fact must exist.
    fn target_facts(&self, target: &Json, path: &str) -> Result<(), ContentError> {
        match target {
            Json::Object(map) => {
                if let Some(Json::String(fact)) = map.get("fact") {
                    if !self.content.kinds.contains_key(fact) {
                        return Err(
                            self.err(format!("{path}.fact"), format!("unknown fact '{fact}'"))
                        );
                    }
                }
                for (k, v) in map {
                    self.target_facts(v, &format!("{path}.{k}"))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
