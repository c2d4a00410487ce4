//! What one file defines: sources, instruments, measurements, the catalogue, follow-ups,
//! treatments and derived facts, each checked before it is stored.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::Loader;
use super::{check_source, json_value};
use crate::engine::condition::{FactKind, Value};
use crate::engine::content::format;
use crate::engine::content::{
    instrument_facts, CodeSystem, Derivation, Derived, MeasurementKind, Provider, Scoring,
    MUNICIPAL_START_DAYS,
};
use crate::engine::error::{ContentError, ContentProblem as P, Field, Thing};

impl Loader<'_> {
    /// Sources, instruments, measurements, catalogue and derived facts of one file.
    pub(super) fn definitions(
        &mut self,
        f: &format::ContentFile,
    ) -> Result<Vec<Derived>, ContentError> {
        self.sources(f)?;
        let offers = self.instruments(f)?;
        self.measurements(f)?;
        self.catalogue(f)?;
        self.follow_ups_and_treatments(f)?;
        let mut derived = Vec::new();
        for (i, d) in f.derived.iter().enumerate() {
            derived.push(self.derived(d, &Field::of("derived").at(i))?);
        }
        for (id, c, path) in offers {
            let c = self.condition(&c, &path)?;
            self.content.offer_when.insert(id, c);
        }
        Ok(derived)
    }

    fn sources(&mut self, f: &format::ContentFile) -> Result<(), ContentError> {
        for (id, s) in &f.sources {
            check_source(id, s).map_err(|e| self.here(e))?;
            if self.content.sources.insert(id.clone(), s.clone()).is_some() {
                return Err(self.err(
                    Field::of("sources").key(id),
                    P::DefinedTwice {
                        what: Thing::Source,
                        id: id.clone(),
                    },
                ));
            }
        }
        Ok(())
    }

    /// The instruments, each with the facts its scoring gives; the conditions on which an
    /// instrument is offered, to parse once every fact is defined.
    fn instruments(
        &mut self,
        f: &format::ContentFile,
    ) -> Result<Vec<(String, Json, Field)>, ContentError> {
        let mut offers = Vec::new();
        for (i, inst) in f.instruments.iter().enumerate() {
            let path = Field::of("instruments").at(i);
            self.text(&inst.title, path.clone().key("title"))?;
            self.source(&inst.source, true, &path)?;
            if inst.items.is_empty() {
                return Err(self.err(path.key("items"), P::NoItems));
            }
            if inst.total_entry && inst.scoring != Scoring::Sum {
                return Err(self.err(path.key("total_entry"), P::TotalEntryNotSum));
            }
            for (j, item) in inst.items.iter().enumerate() {
                let ipath = path.clone().key("items").at(j);
                self.text(&item.text, ipath.clone().key("text"))?;
                let opts = inst.options_of(item);
                if opts.is_empty() {
                    return Err(self.err(ipath.key("options"), P::NoOptions));
                }
                for (k, o) in opts.iter().enumerate() {
                    self.text(&o.label, ipath.clone().key("options").at(k).key("label"))?;
                }
            }
            if self.content.instruments.contains_key(&inst.id) {
                return Err(self.twice(&path, Thing::Instrument, &inst.id));
            }
            for (fact, kind) in instrument_facts(&inst.id, inst.scoring, inst.items.len()) {
                self.add_fact(
                    &fact,
                    kind,
                    BTreeSet::from([format!("instruments.{}", inst.id)]),
                    &path,
                )?;
            }
            let mut stored = inst.clone();
            if let Some(c) = stored.offer_when.take() {
                offers.push((inst.id.clone(), c, path.key("offer_when")));
            }
            self.content.instruments.insert(inst.id.clone(), stored);
        }
        Ok(offers)
    }

    /// The measurements, each a fact of its kind; BMI once height and weight are defined.
    fn measurements(&mut self, f: &format::ContentFile) -> Result<(), ContentError> {
        for (i, m) in f.measurements.iter().enumerate() {
            let path = Field::of("measurements").at(i);
            self.text(&m.label, path.clone().key("label"))?;
            self.source(&m.source, true, &path)?;
            self.codings(
                &m.codes,
                &[CodeSystem::Loinc, CodeSystem::Npu],
                &path.clone().key("codes"),
            )?;
            let numeric = matches!(m.kind, MeasurementKind::Number | MeasurementKind::Integer);
            if numeric && m.ucum.as_deref().is_none_or(|u| u.trim().is_empty()) {
                return Err(self.err(path.key("ucum"), P::NoUnit));
            }
            for (k, v) in m.values.iter().enumerate() {
                self.codings(
                    &v.codes,
                    &[CodeSystem::Icpc2, CodeSystem::SksD],
                    &path.clone().key("values").at(k).key("codes"),
                )?;
            }
            let codes: Vec<String> = m.values.iter().map(|v| v.value.clone()).collect();
            let kind = match m.kind {
                MeasurementKind::Number | MeasurementKind::Integer => {
                    match (m.min, m.max) {
                        (Some(lo), Some(hi)) if lo < hi => {}
                        _ => return Err(self.err(path, P::NoRange)),
                    }
                    FactKind::Number
                }
                MeasurementKind::Bool => FactKind::Bool,
                MeasurementKind::Code | MeasurementKind::Codes => {
                    if codes.is_empty() {
                        return Err(self.err(path.key("values"), P::NoValues));
                    }
                    if m.kind == MeasurementKind::Code {
                        FactKind::Code(Some(codes))
                    } else {
                        FactKind::List(codes)
                    }
                }
            };
            self.add_fact(
                &m.id,
                kind,
                BTreeSet::from([format!("measurements.{}", m.id)]),
                &path,
            )?;
            self.content.measurements.insert(m.id.clone(), m.clone());
        }
        // BMI is computed from height and weight (WHO) once both are defined.
        if self.content.measurements.contains_key("height_cm")
            && self.content.measurements.contains_key("weight_kg")
            && !self.content.kinds.contains_key("bmi.value")
        {
            let inputs = BTreeSet::from([
                "measurements.height_cm".into(),
                "measurements.weight_kg".into(),
            ]);
            self.add_fact(
                "bmi.value",
                FactKind::Number,
                inputs,
                &Field::of("measurements"),
            )?;
        }
        Ok(())
    }

    fn catalogue(&mut self, f: &format::ContentFile) -> Result<(), ContentError> {
        for (i, c) in f.catalogue.iter().enumerate() {
            let path = Field::of("catalogue").at(i);
            self.text(&c.title, path.clone().key("title"))?;
            self.text(&c.description, path.clone().key("description"))?;
            self.source(&c.source, true, &path)?;
            self.codings(&c.codes, &[CodeSystem::Fsiii], &path.clone().key("codes"))?;
            for (j, fact) in c.referral_facts.iter().enumerate() {
                self.referral_facts.push((
                    self.file.to_owned(),
                    path.clone().key("referral_facts").at(j),
                    fact.clone(),
                ));
            }
            if c.provider == Provider::Kommune {
                match c.start_within_days {
                    Some(d) if d <= MUNICIPAL_START_DAYS => {}
                    _ => return Err(self.err(path.key("start_within_days"), P::MunicipalStart)),
                }
            }
            if self
                .content
                .catalogue
                .insert(c.id.clone(), c.clone())
                .is_some()
            {
                return Err(self.twice(&path, Thing::Intervention, &c.id));
            }
        }
        Ok(())
    }

    fn follow_ups_and_treatments(&mut self, f: &format::ContentFile) -> Result<(), ContentError> {
        for (i, d) in f.follow_ups.iter().enumerate() {
            let path = Field::of("follow_ups").at(i);
            self.text(&d.title, path.clone().key("title"))?;
            if self
                .content
                .follow_ups
                .insert(d.id.clone(), d.clone())
                .is_some()
            {
                return Err(self.twice(&path, Thing::FollowUp, &d.id));
            }
        }
        for (i, t) in f.treatments.iter().enumerate() {
            let path = Field::of("treatments").at(i);
            self.text(&t.title, path.clone().key("title"))?;
            self.text(&t.description, path.clone().key("description"))?;
            self.source(&t.source, true, &path)?;
            let clash = self.content.catalogue.contains_key(&t.id);
            if self
                .content
                .treatments
                .insert(t.id.clone(), t.clone())
                .is_some()
                || clash
            {
                return Err(self.twice(&path, Thing::TreatmentOrIntervention, &t.id));
            }
        }
        Ok(())
    }

    fn derived(&mut self, d: &format::DerivedDef, path: &Field) -> Result<Derived, ContentError> {
        self.text(&d.label, path.clone().key("label"))?;
        self.source(&d.source, d.proposal, path)?;
        if !d.id.contains('.') {
            return Err(self.err(path.clone().key("id"), P::DerivedId));
        }
        let mut inputs = BTreeSet::new();
        let when = match &d.when {
            Some(c) => {
                let cond = self.condition(c, &path.clone().key("when"))?;
                let mut read = BTreeSet::new();
                cond.facts(&mut read);
                inputs.extend(read);
                Some(cond)
            }
            None => None,
        };
        let mut labels = Vec::new();
        let derivation = match (&d.from, d.bands.is_empty(), d.classify.is_empty()) {
            (Some(from), false, true) => {
                if self.content.kinds.get(from) != Some(&FactKind::Number) {
                    return Err(self.err(path.clone().key("from"), P::NotNumericFact(from.clone())));
                }
                inputs.insert(from.clone());
                let mut bands = Vec::new();
                for (k, b) in d.bands.iter().enumerate() {
                    let bpath = path.clone().key("bands").at(k);
                    let first = k == 0;
                    let last = k + 1 == d.bands.len();
                    if first != b.min.is_none() {
                        return Err(self.err(
                            bpath,
                            if first {
                                P::FirstBandMin
                            } else {
                                P::BandNeedsMin
                            },
                        ));
                    }
                    if last != b.max.is_none() {
                        return Err(self.err(
                            bpath,
                            if last {
                                P::LastBandMax
                            } else {
                                P::BandNeedsMax
                            },
                        ));
                    }
                    if let (Some(lo), Some(hi)) = (b.min, b.max) {
                        if lo >= hi {
                            return Err(self.err(bpath, P::BandEmpty));
                        }
                    }
                    if k > 0 {
                        let prev = d.bands[k - 1].max;
                        if b.min != prev {
                            return Err(self.err(
                                bpath.key("min"),
                                P::BandGap {
                                    overlaps: b.min < prev,
                                },
                            ));
                        }
                    }
                    let value = json_value(&b.value, bpath.clone().key("value"))
                        .map_err(|e| self.here(e))?;
                    if let Some(l) = &b.label {
                        self.text(l, bpath.clone().key("label"))?;
                        labels.push((value.clone(), l.clone()));
                    }
                    bands.push((b.min, b.max, value));
                }
                Derivation::Bands {
                    from: from.clone(),
                    bands,
                }
            }
            (None, true, false) => {
                let mut classes = Vec::new();
                for (k, c) in d.classify.iter().enumerate() {
                    let cpath = path.clone().key("classify").at(k);
                    let cond = self.condition(&c.when, &cpath.clone().key("when"))?;
                    let mut read = BTreeSet::new();
                    cond.facts(&mut read);
                    inputs.extend(read);
                    let value = json_value(&c.value, cpath.clone().key("value"))
                        .map_err(|e| self.here(e))?;
                    if let Some(l) = &c.label {
                        self.text(l, cpath.clone().key("label"))?;
                        labels.push((value.clone(), l.clone()));
                    }
                    classes.push((cond, value));
                }
                Derivation::Classify(classes)
            }
            _ => return Err(self.err(path.clone(), P::DerivedForm)),
        };
        let values: Vec<&Value> = match &derivation {
            Derivation::Bands { bands, .. } => bands.iter().map(|b| &b.2).collect(),
            Derivation::Classify(c) => c.iter().map(|c| &c.1).collect(),
        };
        let kind = if values.iter().all(|v| matches!(v, Value::Num(_))) {
            FactKind::Number
        } else if values.iter().all(|v| matches!(v, Value::Str(_))) {
            let mut codes: Vec<String> = values
                .iter()
                .filter_map(|v| {
                    if let Value::Str(s) = v {
                        Some(s.clone())
                    } else {
                        None
                    }
                })
                .collect();
            codes.dedup();
            FactKind::Code(Some(codes))
        } else {
            return Err(self.err(path.clone(), P::DerivedMixed));
        };
        self.add_fact(&d.id, kind, BTreeSet::new(), path)?;
        self.content.derived_deps.insert(d.id.clone(), inputs);
        Ok(Derived {
            id: d.id.clone(),
            label: d.label.clone(),
            source: d.source.clone(),
            proposal: d.proposal,
            derivation,
            value_labels: labels,
            when,
        })
    }
}
