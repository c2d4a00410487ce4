//! What the content says about one patient's facts while planning: which inputs the rules
//! still need, and how a fact reads to the GP. Queries of evaluation time, beside the builder
//! that uses them; the content model itself is in `engine::content`.

use std::collections::BTreeSet;

use crate::engine::condition::{Condition, Facts, Value};
use crate::engine::content::{Content, InterventionThen, Pathway, Provider, Rule};
use crate::engine::phrases::Phrase;

impl Content {
    /// The conditions that decide a pathway's level, interventions and treatment prompts: its own and the shared
    /// ones. A civil-society offer (voluntary, chosen by the patient) decides nothing clinical,
    /// so its inputs are not missing when they are not given.
    fn decisive_conditions<'a>(&'a self, p: &'a Pathway) -> impl Iterator<Item = &'a Condition> {
        let clinical = |r: &&Rule<InterventionThen>| {
            self.catalogue
                .get(&r.then.intervention)
                .is_none_or(|c| c.provider != Provider::Civilsamfund)
        };
        p.levels
            .iter()
            .map(|r| &r.when)
            .chain(
                p.rules
                    .interventions
                    .iter()
                    .filter(clinical)
                    .map(|r| &r.when),
            )
            .chain(
                self.common
                    .interventions
                    .iter()
                    .filter(clinical)
                    .map(|r| &r.when),
            )
            // A treatment prompt that cannot be decided (the statin while the LDL target waits
            // for the risk factors) is as missing as an offer.
            .chain(p.rules.treatments.iter().map(|r| &r.when))
            .chain(self.common.treatments.iter().map(|r| &r.when))
            // The person axis decides every pathway's level too.
            .chain(self.person_levels.iter().map(|r| &r.when))
    }

    /// The conditions of the gates that can hold a pathway back, its own and the shared ones,
    /// as far as they concern every patient: a gate whose question only arises in some
    /// (`applies`) contributes that condition, not its question.
    fn gate_conditions<'a>(&'a self, p: &'a Pathway) -> impl Iterator<Item = &'a Condition> {
        p.gates
            .iter()
            .chain(&self.common_gates)
            .map(|g| g.then.applies.as_ref().unwrap_or(&g.when))
    }

    /// The input fields behind the facts a pathway's decisive rules read, among those it asks.
    /// With `only_unknown`, only rules evaluated as unknown count, and only the inputs behind
    /// the facts still unknown: the `missing-data` warning. Without, every input the rules and
    /// gates use ([`Pathway::inputs_used`]).
    #[must_use]
    pub fn fields_behind(
        &self,
        p: &Pathway,
        facts: &Facts,
        only_unknown: bool,
    ) -> BTreeSet<String> {
        let empty = Facts::new();
        let known = if only_unknown { facts } else { &empty };
        let mut read = BTreeSet::new();
        for c in self.decisive_conditions(p) {
            if !only_unknown || c.eval(facts).is_none() {
                c.facts(&mut read);
            }
        }
        if !only_unknown {
            for c in self.gate_conditions(p) {
                c.facts(&mut read);
            }
        }
        let mut fields = BTreeSet::new();
        for f in &read {
            self.missing_inputs(f, known, &mut fields);
        }
        fields.retain(|f| {
            let id = f.split_once('.').map_or(f.as_str(), |(_, id)| id);
            p.instruments.iter().chain(&p.measurements).any(|a| a == id)
        });
        if only_unknown {
            self.retain_offered(&mut fields, facts);
        }
        fields
    }

    /// Drops the instruments the widget does not offer this patient (the MDI while WHO-5 is
    /// fine) from a set of missing fields: a question that is not asked is not missing.
    pub fn retain_offered(&self, fields: &mut BTreeSet<String>, facts: &Facts) {
        fields.retain(|f| {
            f.strip_prefix("instruments.")
                .is_none_or(|id| self.offered(id, facts))
        });
    }

    /// The input fields behind the unknown facts a condition reads (the questions a pending gate
    /// or a provisional level still waits for).
    #[must_use]
    pub fn unknown_fields(&self, c: &Condition, facts: &Facts) -> BTreeSet<String> {
        let mut read = BTreeSet::new();
        c.facts(&mut read);
        let mut out = BTreeSet::new();
        for f in &read {
            self.missing_inputs(f, facts, &mut out);
        }
        out
    }

    /// The input fields behind an unknown fact: its own field, or for a derived fact the fields
    /// behind each of its unknown dependencies.
    pub fn missing_inputs(
        &self,
        fact: &str,
        facts: &crate::engine::condition::Facts,
        out: &mut BTreeSet<String>,
    ) {
        if facts.contains_key(fact) {
            return;
        }
        if let Some(deps) = self.derived_deps.get(fact) {
            for d in deps {
                self.missing_inputs(d, facts, out);
            }
        } else if let Some(inputs) = self.inputs_of.get(fact) {
            out.extend(inputs.iter().cloned());
        }
    }

    /// The label of an input field (`instruments.cat`, `measurements.smoking`) in `lang`.
    #[must_use]
    pub fn field_label(&self, field: &str, lang: crate::engine::Lang) -> String {
        let label = if let Some(id) = field.strip_prefix("instruments.") {
            self.instruments.get(id).map(|i| i.title.get(lang))
        } else if let Some(id) = field.strip_prefix("measurements.") {
            self.measurements.get(id).map(|m| m.label.get(lang))
        } else {
            None
        };
        label.unwrap_or(field).to_owned()
    }

    /// The condition of a rule, by its id (for the trainer's explanations).
    #[must_use]
    pub fn rule_condition(&self, id: &str) -> Option<&Condition> {
        let sets = self
            .pathways
            .values()
            .map(|p| &p.rules)
            .chain(std::iter::once(&self.common));
        self.pathways
            .values()
            .flat_map(|p| p.levels.iter().map(|r| (&r.id, &r.when)))
            .chain(sets.flat_map(|r| {
                r.interventions
                    .iter()
                    .map(|x| (&x.id, &x.when))
                    .chain(r.follow_up.iter().map(|x| (&x.id, &x.when)))
                    .chain(r.warnings.iter().map(|x| (&x.id, &x.when)))
                    .chain(r.goals.iter().map(|x| (&x.id, &x.when)))
                    .chain(r.treatments.iter().map(|x| (&x.id, &x.when)))
            }))
            .chain(self.gates().map(|g| (&g.id, &g.when)))
            .find(|(rid, _)| *rid == id)
            .map(|(_, c)| c)
    }

    /// A known fact and its value in words, for a person: an instrument item as its question
    /// and the answer's label ("6. Har du følt, at livet ikke var værd at leve? — Lidt over
    /// halvdelen af tiden"), a measurement as its label and value, a score as the instrument and
    /// the score. `None` when the fact is not known.
    #[must_use]
    pub fn fact_text(
        &self,
        fact: &str,
        facts: &Facts,
        lang: crate::engine::Lang,
    ) -> Option<String> {
        let value = facts.get(fact)?;
        let plain = match value {
            Value::Num(n) => crate::engine::text::number_text(*n, lang),
            Value::Str(s) => s.clone(),
            Value::Bool(b) => Phrase::YesNo(*b).text(lang),
            Value::List(l) => l.join(", "),
        };
        if let Some(m) = self.measurements.get(fact) {
            let label = |code: &str| {
                m.values
                    .iter()
                    .find(|v| v.value == code)
                    .map_or_else(|| code.to_owned(), |v| v.label.get(lang).to_owned())
            };
            let shown = match value {
                Value::Str(s) => label(s),
                Value::List(l) => l.iter().map(|c| label(c)).collect::<Vec<_>>().join(", "),
                _ => plain,
            };
            return Some(format!("{}: {shown}", m.label.get(lang)));
        }
        let (score, field) = fact.split_once('.')?;
        let inst = self.instruments.get(score)?;
        if let Some(n) = field
            .strip_prefix("item")
            .and_then(|n| n.parse::<usize>().ok())
        {
            let item = inst.items.get(n.checked_sub(1)?)?;
            let answer = match value {
                Value::Num(v) => inst
                    .options_of(item)
                    .iter()
                    .find(|o| {
                        #[expect(clippy::cast_precision_loss, reason = "answer values are small")]
                        let value = o.value as f64;
                        (value - v).abs() < f64::EPSILON
                    })
                    .map_or(plain.clone(), |o| {
                        format!("{} ({plain})", o.label.get(lang))
                    }),
                _ => plain,
            };
            return Some(format!(
                "{}: {} — {answer}",
                inst.title.get(lang),
                item.text.get(lang)
            ));
        }
        // The MDI's ICD-10 grade in words.
        let shown = if field == "icd10" {
            Phrase::Icd10Depression(&plain).text(lang)
        } else {
            format!("{field} {plain}")
        };
        Some(format!("{}: {shown}", inst.title.get(lang)))
    }
}
