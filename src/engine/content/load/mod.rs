//! The loader: parse → validate, file by file. [`Content::load`] turns the raw files into
//! checked types, or names the first problem with its file and JSON path.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use super::{
    CodeSystem, CodingDef, Content, FileMeta, Rule, RuleSet, Source, AGE_FACT, ENGINE_WARNINGS,
    INDEX_PATHWAYS_FACT, PHASE_FACT,
};
use crate::engine::condition::{Condition, FactKind, Facts, Value};
use crate::engine::content::format;
use crate::engine::error::{ContentError, ContentProblem as P, Field, Language, ProblemAt, Thing};
use crate::engine::text::Text;

mod definitions;
mod rules;

struct Loader<'a> {
    file: &'a str,
    content: Content,
    rule_ids: BTreeSet<String>,
    /// Gate ids across every file: a GP's decision names a gate by its id alone.
    gate_ids: BTreeSet<String>,
    /// Intervention ids a gate blocks, checked once every file's catalogue is loaded:
    /// `(file, path, id)`.
    blocked: Vec<(String, Field, String)>,
    /// Facts a catalogue entry's referral lists, checked once every file has defined its facts:
    /// `(file, path, fact)`.
    referral_facts: Vec<(String, Field, String)>,
}

fn parse_file(name: &str, text: &str) -> Result<format::ContentFile, ContentError> {
    crate::engine::located::from_str(text).map_err(|e| {
        // The parser's path is `.` for the document itself.
        let path = if e.path == "." {
            Field::root()
        } else {
            Field::parse(&e.path)
        };
        P::Malformed(e.message_with_position).at(path).in_file(name)
    })
}

fn json_value(j: &Json, path: Field) -> Result<Value, ProblemAt> {
    match j {
        Json::Number(n) => n
            .as_f64()
            .map(Value::Num)
            .ok_or_else(|| P::NotFinite.at(path)),
        Json::String(s) => Ok(Value::Str(s.clone())),
        Json::Bool(b) => Ok(Value::Bool(*b)),
        _ => Err(P::NotScalar.at(path)),
    }
}

/// Whether `id` is one of the engine's own warning ids ([`ENGINE_WARNINGS`]).
pub(super) fn reserved_warning(id: &str) -> Result<(), P> {
    if ENGINE_WARNINGS.contains(&id) {
        Err(P::ReservedWarning(id.to_owned()))
    } else {
        Ok(())
    }
}

/// A source's own checks, the same for the loader and a regional pack: a title, a link that is
/// a web address (the widget links it), and the dates it was checked and must be checked again.
pub(super) fn check_source(id: &str, s: &Source) -> Result<(), ProblemAt> {
    let at = |f: &str| Field::of("sources").key(id).key(f);
    if s.title.trim().is_empty() {
        return Err(P::SourceTitleEmpty.at(at("title")));
    }
    if let Some(url) = &s.url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(P::SourceUrl.at(at("url")));
        }
    }
    let date = |f: &str, v: &str| {
        crate::engine::text::iso_date(v).ok_or_else(|| P::NotADate(v.to_owned()).at(at(f)))
    };
    let checked = date("checked", &s.checked)?;
    let review_by = date("review_by", &s.review_by)?;
    if review_by <= checked {
        return Err(P::ReviewBeforeChecked.at(at("review_by")));
    }
    if checked.checked_add_months(chrono::Months::new(24)) < Some(review_by) {
        return Err(P::ReviewTooLate.at(at("review_by")));
    }
    Ok(())
}

impl Loader<'_> {
    /// `problem` at `path` in the file being loaded.
    fn err(&self, path: Field, problem: P) -> ContentError {
        problem.at(path).in_file(self.file)
    }

    /// A problem found by a check that does not know the file.
    fn here(&self, e: ProblemAt) -> ContentError {
        e.in_file(self.file)
    }

    /// The error for a second definition of an id: at `{path}.id`.
    fn twice(&self, path: &Field, what: Thing, id: &str) -> ContentError {
        self.err(
            path.clone().key("id"),
            P::DefinedTwice {
                what,
                id: id.to_owned(),
            },
        )
    }

    fn text(&self, t: &Text, path: Field) -> Result<(), ContentError> {
        if t.da.trim().is_empty() {
            return Err(self.err(path.key("da"), P::EmptyText(Language::Danish)));
        }
        if t.en.trim().is_empty() {
            return Err(self.err(path.key("en"), P::EmptyText(Language::English)));
        }
        Ok(())
    }

    /// Codes cite a known source, name their meaning, and come from a system allowed where
    /// they stand (diagnoses: ICPC-2 and SKS; measurements: LOINC and NPU; offers: FSIII).
    fn codings(
        &self,
        codes: &[CodingDef],
        allowed: &[CodeSystem],
        path: &Field,
    ) -> Result<(), ContentError> {
        for (i, c) in codes.iter().enumerate() {
            let at = path.clone().at(i);
            if !allowed.contains(&c.system) {
                return Err(self.err(at.key("system"), P::CodeSystem));
            }
            if c.code.trim().is_empty() || c.display.trim().is_empty() {
                return Err(self.err(at, P::CodeIncomplete));
            }
            if codes[..i].iter().any(|d| d.system == c.system) {
                return Err(self.err(at, P::CodeTwice));
            }
            self.source(&c.source, true, &at)?;
        }
        Ok(())
    }

    fn source(&self, id: &str, proposal: bool, path: &Field) -> Result<(), ContentError> {
        let Some(src) = self.content.sources.get(id) else {
            return Err(self.err(
                path.clone().key("source"),
                P::Unknown {
                    what: Thing::Source,
                    id: id.to_owned(),
                },
            ));
        };
        if src.evidence.needs_proposal() && !proposal {
            return Err(self.err(
                path.clone(),
                P::NeedsProposal {
                    source_id: id.to_owned(),
                    tag: src.evidence.as_str().to_owned(),
                },
            ));
        }
        Ok(())
    }

    fn condition(&self, j: &Json, path: &Field) -> Result<Condition, ContentError> {
        let c = Condition::parse(j, path).map_err(|e| self.here(e))?;
        c.check(&self.content.kinds, path)
            .map_err(|e| self.here(e))?;
        Ok(c)
    }

    fn add_fact(
        &mut self,
        id: &str,
        kind: FactKind,
        inputs: BTreeSet<String>,
        path: &Field,
    ) -> Result<(), ContentError> {
        if self.content.kinds.contains_key(id) {
            return Err(self.err(
                path.clone(),
                P::DefinedTwice {
                    what: Thing::Fact,
                    id: id.to_owned(),
                },
            ));
        }
        self.content.kinds.insert(id.to_owned(), kind);
        self.content.inputs_of.insert(id.to_owned(), inputs);
        Ok(())
    }

    fn rule_id(&mut self, id: &str, path: &Field) -> Result<(), ContentError> {
        if id.trim().is_empty() {
            return Err(self.err(path.clone().key("id"), P::RuleIdEmpty));
        }
        if !self.rule_ids.insert(id.to_owned()) {
            return Err(self.err(path.clone().key("id"), P::RuleIdTwice(id.to_owned())));
        }
        Ok(())
    }

    fn rule<T>(
        &mut self,
        path: &Field,
        raw: &impl format::RawRule,
        then: T,
    ) -> Result<Rule<T>, ContentError> {
        self.rule_id(raw.id(), path)?;
        self.text(raw.text(), path.clone().key("text"))?;
        self.source(raw.source(), raw.proposal(), path)?;
        let when = self.condition(raw.when(), &path.clone().key("when"))?;
        Ok(Rule {
            id: raw.id().to_owned(),
            when,
            text: raw.text().clone(),
            source: raw.source().to_owned(),
            cite: 0,
            proposal: raw.proposal(),
            then,
        })
    }
}

impl Content {
    /// Loads and validates content from `(file name, text)` pairs: one `shared.json` and any
    /// number of pathway files. The shared file is loaded first; pathways in the given order.
    ///
    /// # Errors
    /// The first problem, naming the file and the JSON path.
    pub fn load(files: &[(&str, &str)]) -> Result<Content, ContentError> {
        let mut parsed = Vec::new();
        for (name, text) in files {
            parsed.push((
                *name,
                parse_file(name, text)?,
                crate::engine::text::sha256_hex(text.as_bytes()),
            ));
        }
        let shared_pos = parsed
            .iter()
            .position(|(_, f, _)| f.id == "shared")
            .ok_or_else(|| P::SharedMissing.at(Field::root()).in_file("shared.json"))?;
        let (shared_name, shared, shared_sha) = parsed.remove(shared_pos);
        let meta = |f: &format::ContentFile, sha: String| FileMeta {
            id: f.id.clone(),
            version: f.version.clone(),
            sha256: sha,
            status: f.status.clone(),
        };
        let mut loader = Loader {
            file: shared_name,
            content: Content {
                shared: meta(&shared, shared_sha.clone()),
                sources: BTreeMap::new(),
                instruments: BTreeMap::new(),
                measurements: BTreeMap::new(),
                derived: Vec::new(),
                catalogue: BTreeMap::new(),
                follow_ups: BTreeMap::new(),
                treatments: BTreeMap::new(),
                common: RuleSet::default(),
                common_gates: Vec::new(),
                person_levels: Vec::new(),
                readiness: None,
                pathways: BTreeMap::new(),
                kinds: BTreeMap::new(),
                inputs_of: BTreeMap::new(),
                derived_deps: BTreeMap::new(),
                offer_when: BTreeMap::new(),
                citations: Vec::new(),
                pack: None,
            },
            rule_ids: BTreeSet::new(),
            gate_ids: BTreeSet::new(),
            blocked: Vec::new(),
            referral_facts: Vec::new(),
        };
        if shared.differentiation.is_some()
            || shared.assessment.is_some()
            || shared.quality.is_some()
        {
            return Err(loader.err(Field::root(), P::SharedDecides));
        }
        // Facts the engine computes from the input itself.
        loader.add_fact(
            INDEX_PATHWAYS_FACT,
            FactKind::Number,
            BTreeSet::from(["pathways".to_owned()]),
            &Field::root(),
        )?;
        loader.add_fact(
            PHASE_FACT,
            FactKind::Code(Some(
                ["trin1", "trin2", "vedvarende"].map(String::from).to_vec(),
            )),
            BTreeSet::from(["phase".to_owned()]),
            &Field::root(),
        )?;
        loader.add_fact(
            AGE_FACT,
            FactKind::Number,
            BTreeSet::from(["patient.age".to_owned()]),
            &Field::root(),
        )?;
        loader.content.derived = loader.definitions(&shared)?;
        loader.content.common = loader.rule_set(&shared)?;
        loader.content.common_gates = loader.gates(&shared)?;
        if let Some(person) = &shared.person {
            for (i, r) in person.rules.iter().enumerate() {
                let path = Field::of("person").key("rules").at(i);
                if !(2..=3).contains(&r.level) {
                    return Err(loader.err(path.key("level"), P::PersonLevel));
                }
                let rule = loader.rule(&path, r, r.level)?;
                loader.content.person_levels.push(rule);
            }
        }
        if let Some(r) = &shared.readiness {
            loader.content.readiness = Some(loader.rule(&Field::of("readiness"), r, ())?);
        }
        for (name, f, sha) in parsed {
            loader.file = name;
            loader.rule_ids.clear();
            if f.id == "shared" {
                return Err(loader.err(Field::of("id"), P::SharedTwice));
            }
            if f.person.is_some() || f.readiness.is_some() {
                return Err(loader.err(Field::of("person"), P::PersonInPathway));
            }
            if loader.content.pathways.contains_key(&f.id) {
                return Err(loader.err(
                    Field::of("id"),
                    P::DefinedTwice {
                        what: Thing::Pathway,
                        id: f.id.clone(),
                    },
                ));
            }
            let m = meta(&f, sha);
            let p = loader.pathway(&f, m)?;
            loader.content.pathways.insert(f.id.clone(), p);
        }
        for (file, path, id) in &loader.blocked {
            if !loader.content.catalogue.contains_key(id)
                && !loader.content.treatments.contains_key(id)
            {
                return Err(P::Unknown {
                    what: Thing::Intervention,
                    id: id.clone(),
                }
                .at(path.clone())
                .in_file(file));
            }
        }
        for (file, path, fact) in &loader.referral_facts {
            if !loader.content.kinds.contains_key(fact) {
                return Err(P::Unknown {
                    what: Thing::Fact,
                    id: fact.clone(),
                }
                .at(path.clone())
                .in_file(file));
            }
        }
        let mut content = loader.content;
        content.resolve_citations();
        let no_facts = Facts::new();
        let used: Vec<(String, BTreeSet<String>)> = content
            .pathways
            .iter()
            .map(|(id, p)| (id.clone(), content.fields_behind(p, &no_facts, false)))
            .collect();
        for (id, inputs) in used {
            if let Some(p) = content.pathways.get_mut(&id) {
                p.inputs_used = inputs;
            }
        }
        Ok(content)
    }

    /// Gives every rule and gate its citation ([`Rule::cite`]), each source once.
    fn resolve_citations(&mut self) {
        fn resolve<T>(rules: &mut [Rule<T>], at: &mut impl FnMut(&str) -> usize) {
            for r in rules {
                r.cite = at(&r.source);
            }
        }
        fn resolve_set(set: &mut RuleSet, at: &mut impl FnMut(&str) -> usize) {
            resolve(&mut set.interventions, at);
            resolve(&mut set.follow_up, at);
            resolve(&mut set.warnings, at);
            resolve(&mut set.goals, at);
            resolve(&mut set.treatments, at);
        }
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut citations = Vec::new();
        let sources = self.sources.clone();
        let probe = Content::cite_from(&sources);
        let mut at = |id: &str| -> usize {
            *index.entry(id.to_owned()).or_insert_with(|| {
                citations.push(probe(id));
                citations.len() - 1
            })
        };
        resolve_set(&mut self.common, &mut at);
        resolve(&mut self.common_gates, &mut at);
        resolve(&mut self.person_levels, &mut at);
        if let Some(r) = &mut self.readiness {
            resolve(std::slice::from_mut(r), &mut at);
        }
        for p in self.pathways.values_mut() {
            resolve(std::slice::from_mut(&mut p.default_level), &mut at);
            resolve(&mut p.levels, &mut at);
            resolve_set(&mut p.rules, &mut at);
            resolve(&mut p.success_criteria, &mut at);
            resolve(&mut p.gates, &mut at);
        }
        self.citations = citations;
    }
}
