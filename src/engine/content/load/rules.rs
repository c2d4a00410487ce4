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
use crate::engine::error::{ContentError, ContentProblem as P, Field, PathwayPart, Thing};

impl Loader<'_> {
    pub(super) fn pathway(
        &mut self,
        f: &format::ContentFile,
        meta: FileMeta,
    ) -> Result<Pathway, ContentError> {
        if !PATHWAY_IDS.contains(&f.id.as_str()) {
            return Err(self.err(
                Field::of("id"),
                P::UnknownPathway {
                    id: f.id.clone(),
                    known: &PATHWAY_IDS,
                },
            ));
        }
        let Some(title) = &f.title else {
            return Err(self.err(Field::of("title"), P::PathwayNeeds(PathwayPart::Title)));
        };
        self.text(title, Field::of("title"))?;
        let derived = self.definitions(f)?;
        let Some(assessment) = &f.assessment else {
            return Err(self.err(
                Field::of("assessment"),
                P::PathwayNeeds(PathwayPart::Assessment),
            ));
        };
        let unknown = |what, id: &String| P::Unknown {
            what,
            id: id.clone(),
        };
        for (i, id) in assessment.instruments.iter().enumerate() {
            if !self.content.instruments.contains_key(id) {
                return Err(self.err(
                    Field::of("assessment").key("instruments").at(i),
                    unknown(Thing::Instrument, id),
                ));
            }
        }
        for (i, id) in assessment.measurements.iter().enumerate() {
            if !self.content.measurements.contains_key(id) {
                return Err(self.err(
                    Field::of("assessment").key("measurements").at(i),
                    unknown(Thing::Measurement, id),
                ));
            }
        }
        let Some(diff) = &f.differentiation else {
            return Err(self.err(
                Field::of("differentiation"),
                P::PathwayNeeds(PathwayPart::Differentiation),
            ));
        };
        let default = Field::of("differentiation").key("default");
        self.text(&diff.default.text, default.clone().key("text"))?;
        self.source(&diff.default.source, diff.default.proposal, &default)?;
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
            let path = Field::of("differentiation").key("rules").at(i);
            if !(1..=3).contains(&r.level) {
                return Err(self.err(path.key("level"), P::Level));
            }
            levels.push(self.rule(&path, r, r.level)?);
        }
        let rules = self.rule_set(f)?;
        let gates = self.gates(f)?;
        let (indicators, success_criteria) = self.quality(f, assessment)?;
        self.codings(
            &f.codes,
            &[CodeSystem::Icpc2, CodeSystem::SksD],
            &Field::of("codes"),
        )?;
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
            let path = Field::of("gates").at(i);
            let at = |key: &str| path.clone().key(key);
            if !self.gate_ids.insert(g.id.clone()) {
                return Err(self.err(at("id"), P::GateIdTwice(g.id.clone())));
            }
            self.text(&g.action, at("action"))?;
            let applies = match &g.applies {
                Some(c) => Some(self.condition(c, &at("applies"))?),
                None => None,
            };
            match (g.kind, g.blocks.is_empty()) {
                (GateKind::Contraindication, true) if !g.holds_exercise => {
                    return Err(self.err(at("blocks"), P::BlocksNothing))
                }
                (GateKind::Acute | GateKind::Exclusion, false) => {
                    return Err(self.err(at("blocks"), P::OnlyContraindicationBlocks))
                }
                _ => {}
            }
            for (k, id) in g.blocks.iter().enumerate() {
                self.blocked
                    .push((self.file.to_owned(), at("blocks").at(k), id.clone()));
            }
            let after_action = match (g.kind, g.after_action) {
                (GateKind::Exclusion, Some(_)) => {
                    return Err(self.err(at("after_action"), P::ExclusionAction))
                }
                (GateKind::Exclusion, None) => None,
                (GateKind::Acute, a) => Some(a.unwrap_or(AfterAction::Wait)),
                (GateKind::Contraindication, a) => Some(a.unwrap_or(AfterAction::Proceed)),
            };
            if g.kind == GateKind::Contraindication && g.urgency != Urgency::FoerIndsats {
                return Err(self.err(at("urgency"), P::ContraindicationUrgency));
            }
            if let Some(w) = &g.warning {
                reserved_warning(w).map_err(|p| self.err(at("warning"), p))?;
            }
            self.text(&g.patient, at("patient"))?;
            if g.holds_exercise && g.kind == GateKind::Exclusion {
                return Err(self.err(at("holds_exercise"), P::ExclusionHoldsExercise));
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
            return Err(self.err(Field::of("quality"), P::PathwayNeeds(PathwayPart::Quality)));
        };
        let mut indicators = Vec::new();
        for (i, ind) in q.indicators.iter().enumerate() {
            let path = Field::of("quality").key("indicators").at(i);
            self.rule_id(&ind.id, &path)?;
            self.text(&ind.label, path.clone().key("label"))?;
            self.source(&ind.source, ind.proposal, &path)?;
            if ind.fields.is_empty() {
                return Err(self.err(path.key("fields"), P::IndicatorFields));
            }
            for (j, field) in ind.fields.iter().enumerate() {
                let asked = match field.split_once('.') {
                    Some(("instruments", id)) => assessment.instruments.iter().any(|x| x == id),
                    Some(("measurements", id)) => assessment.measurements.iter().any(|x| x == id),
                    _ => false,
                };
                if !asked {
                    return Err(self.err(path.key("fields").at(j), P::NotAsked(field.clone())));
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
            let path = Field::of("quality").key("success_criteria").at(i);
            self.rule_id(&c.id, &path)?;
            self.text(&c.label, path.clone().key("label"))?;
            self.source(&c.source, c.proposal, &path)?;
            let when = self.condition(&c.when, &path.key("when"))?;
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
            let path = Field::of("interventions").at(i);
            if !self.content.catalogue.contains_key(&r.intervention) {
                return Err(self.err(
                    path.key("intervention"),
                    P::Unknown {
                        what: Thing::Intervention,
                        id: r.intervention.clone(),
                    },
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
            let path = Field::of("follow_up").at(i);
            let (months, weeks) = match (r.months, r.weeks) {
                (Some(m), None) if (1..=60).contains(&m) => (m, 0),
                (None, Some(w)) if (1..=52).contains(&w) => (0, w),
                (Some(_), None) => return Err(self.err(path.key("months"), P::Months)),
                (None, Some(_)) => return Err(self.err(path.key("weeks"), P::Weeks)),
                _ => return Err(self.err(path, P::FollowUpDue)),
            };
            if !self.content.follow_ups.contains_key(&r.follow_up) {
                return Err(self.err(
                    path.key("follow_up"),
                    P::Unknown {
                        what: Thing::FollowUp,
                        id: r.follow_up.clone(),
                    },
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
            let path = Field::of("warnings").at(i);
            reserved_warning(&r.warning).map_err(|p| self.err(path.clone().key("warning"), p))?;
            warnings.push(self.rule(&path, r, r.warning.clone())?);
        }
        let mut goals = Vec::new();
        for (i, r) in f.goals.iter().enumerate() {
            let path = Field::of("goals").at(i);
            if let Some(target) = &r.target {
                self.target_facts(target, &path.clone().key("target"))?;
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
            let path = Field::of("treatment").at(i);
            if !self.content.treatments.contains_key(&r.treatment) {
                return Err(self.err(
                    path.key("treatment"),
                    P::Unknown {
                        what: Thing::Treatment,
                        id: r.treatment.clone(),
                    },
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
    fn target_facts(&self, target: &Json, path: &Field) -> Result<(), ContentError> {
        match target {
            Json::Object(map) => {
                if let Some(Json::String(fact)) = map.get("fact") {
                    if !self.content.kinds.contains_key(fact) {
                        return Err(self.err(
                            path.clone().key("fact"),
                            P::Unknown {
                                what: Thing::Fact,
                                id: fact.clone(),
                            },
                        ));
                    }
                }
                for (k, v) in map {
                    self.target_facts(v, &path.clone().key(k))?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}
