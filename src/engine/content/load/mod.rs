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
use crate::engine::error::ContentError;
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
    blocked: Vec<(String, String, String)>,
    /// Facts a catalogue entry's referral lists, checked once every file has defined its facts:
    /// `(file, path, fact)`.
    referral_facts: Vec<(String, String, String)>,
}

fn parse_file(name: &str, text: &str) -> Result<format::ContentFile, ContentError> {
    crate::engine::located::from_str(text).map_err(|e| {
        let path = if e.path == "." {
            "$".to_owned()
        } else {
            format!("$.{}", e.path)
        };
        ContentError::new(name, path, e.message_with_position)
    })
}

fn json_value(j: &Json, file: &str, path: &str) -> Result<Value, ContentError> {
    match j {
        Json::Number(n) => n
            .as_f64()
            .map(Value::Num)
            .ok_or_else(|| ContentError::new(file, path, "not a finite number")),
        Json::String(s) => Ok(Value::Str(s.clone())),
        Json::Bool(b) => Ok(Value::Bool(*b)),
        _ => Err(ContentError::new(
            file,
            path,
            "expected a number, string or boolean",
        )),
    }
}

/// Whether `id` is one of the engine's own warning ids ([`ENGINE_WARNINGS`]).
pub(super) fn reserved_warning(id: &str) -> Result<(), String> {
    if ENGINE_WARNINGS.contains(&id) {
        Err(format!(
            "'{id}' is raised by the engine; choose another warning id"
        ))
    } else {
        Ok(())
    }
}

/// A source's own checks, the same for the loader and a regional pack: a title, a link that is
/// a web address (the widget links it), and the dates it was checked and must be checked again.
pub(super) fn check_source(id: &str, s: &Source) -> Result<(), (String, String)> {
    let at = |f: &str| format!("$.sources.{id}.{f}");
    if s.title.trim().is_empty() {
        return Err((at("title"), "empty title".into()));
    }
    if let Some(url) = &s.url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err((
                at("url"),
                "a source url must start with https:// or http://".into(),
            ));
        }
    }
    let date = |f: &str, v: &str| {
        crate::engine::text::iso_date(v)
            .ok_or_else(|| (at(f), format!("'{v}' is not a date (YYYY-MM-DD)")))
    };
    let checked = date("checked", &s.checked)?;
    let review_by = date("review_by", &s.review_by)?;
    if review_by <= checked {
        return Err((
            at("review_by"),
            "must be after the day it was checked".into(),
        ));
    }
    if checked.checked_add_months(chrono::Months::new(24)) < Some(review_by) {
        return Err((
            at("review_by"),
            "at most 24 months after the day it was checked".into(),
        ));
    }
    Ok(())
}

impl Loader<'_> {
    fn err(&self, path: impl AsRef<str>, message: impl Into<String>) -> ContentError {
        ContentError::new(self.file, path, message)
    }

    /// The error for a second definition of an id: `{path}.id`, "{what} 'id' is defined twice".
    fn twice(&self, path: &str, what: &str, id: &str) -> ContentError {
        self.err(
            format!("{path}.id"),
            format!("{what} '{id}' is defined twice"),
        )
    }

    fn text(&self, t: &Text, path: &str) -> Result<(), ContentError> {
        if t.da.trim().is_empty() {
            return Err(self.err(format!("{path}.da"), "the Danish text is empty"));
        }
        if t.en.trim().is_empty() {
            return Err(self.err(format!("{path}.en"), "the English text is empty"));
        }
        Ok(())
    }

    /// Codes cite a known source, name their meaning, and come from a system allowed where
    /// they stand (diagnoses: ICPC-2 and SKS; measurements: LOINC and NPU; offers: FSIII).
    fn codings(
        &self,
        codes: &[CodingDef],
        allowed: &[CodeSystem],
        path: &str,
    ) -> Result<(), ContentError> {
        for (i, c) in codes.iter().enumerate() {
            let at = format!("{path}[{i}]");
            if !allowed.contains(&c.system) {
                return Err(self.err(
                    format!("{at}.system"),
                    "this code system does not belong here",
                ));
            }
            if c.code.trim().is_empty() || c.display.trim().is_empty() {
                return Err(self.err(at, "a code needs its code and its name"));
            }
            if codes[..i].iter().any(|d| d.system == c.system) {
                return Err(self.err(at, "one code per code system"));
            }
            self.source(&c.source, true, &at)?;
        }
        Ok(())
    }

    fn source(&self, id: &str, proposal: bool, path: &str) -> Result<(), ContentError> {
        let Some(src) = self.content.sources.get(id) else {
            return Err(self.err(format!("{path}.source"), format!("unknown source '{id}'")));
        };
        if src.evidence.needs_proposal() && !proposal {
            return Err(self.err(
                path,
                format!(
                    "rests on source '{id}' tagged [{}]: mark the rule \"proposal\": true",
                    src.evidence.as_str()
                ),
            ));
        }
        Ok(())
    }

    fn condition(&self, j: &Json, path: &str) -> Result<Condition, ContentError> {
        let c = Condition::parse(j, path).map_err(|(p, m)| self.err(p, m))?;
        c.check(&self.content.kinds, path)
            .map_err(|(p, m)| self.err(p, m))?;
        Ok(c)
    }

    fn add_fact(
        &mut self,
        id: &str,
        kind: FactKind,
        inputs: BTreeSet<String>,
        path: &str,
    ) -> Result<(), ContentError> {
        if self.content.kinds.contains_key(id) {
            return Err(self.err(path, format!("fact '{id}' is defined twice")));
        }
        self.content.kinds.insert(id.to_owned(), kind);
        self.content.inputs_of.insert(id.to_owned(), inputs);
        Ok(())
    }

    fn rule_id(&mut self, id: &str, path: &str) -> Result<(), ContentError> {
        if id.trim().is_empty() {
            return Err(self.err(format!("{path}.id"), "empty rule id"));
        }
        if !self.rule_ids.insert(id.to_owned()) {
            return Err(self.err(
                format!("{path}.id"),
                format!("rule id '{id}' is used twice"),
            ));
        }
        Ok(())
    }

    fn rule<T>(
        &mut self,
        path: &str,
        raw: &impl format::RawRule,
        then: T,
    ) -> Result<Rule<T>, ContentError> {
        self.rule_id(raw.id(), path)?;
        self.text(raw.text(), &format!("{path}.text"))?;
        self.source(raw.source(), raw.proposal(), path)?;
        let when = self.condition(raw.when(), &format!("{path}.when"))?;
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
    #[expect(
        clippy::too_many_lines,
        reason = "the loader's passes in order: each file, then the checks across files"
    )]
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
            .ok_or_else(|| {
                ContentError::new(
                    "shared.json",
                    "$",
                    "the shared definitions file (id \"shared\") is missing",
                )
            })?;
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
            return Err(loader.err(
                "$",
                "the shared file has no differentiation or assessment: those belong to a pathway",
            ));
        }
        // Facts the engine computes from the input itself.
        loader.add_fact(
            INDEX_PATHWAYS_FACT,
            FactKind::Number,
            BTreeSet::from(["pathways".to_owned()]),
            "$",
        )?;
        loader.add_fact(
            PHASE_FACT,
            FactKind::Code(Some(
                ["trin1", "trin2", "vedvarende"].map(String::from).to_vec(),
            )),
            BTreeSet::from(["phase".to_owned()]),
            "$",
        )?;
        loader.add_fact(
            AGE_FACT,
            FactKind::Number,
            BTreeSet::from(["patient.age".to_owned()]),
            "$",
        )?;
        loader.content.derived = loader.definitions(&shared)?;
        loader.content.common = loader.rule_set(&shared)?;
        loader.content.common_gates = loader.gates(&shared)?;
        if let Some(person) = &shared.person {
            for (i, r) in person.rules.iter().enumerate() {
                let path = format!("$.person.rules[{i}]");
                if !(2..=3).contains(&r.level) {
                    return Err(
                        loader.err(format!("{path}.level"), "a person rule raises to 2 or 3")
                    );
                }
                let rule = loader.rule(&path, r, r.level)?;
                loader.content.person_levels.push(rule);
            }
        }
        if let Some(r) = &shared.readiness {
            loader.content.readiness = Some(loader.rule("$.readiness", r, ())?);
        }
        for (name, f, sha) in parsed {
            loader.file = name;
            loader.rule_ids.clear();
            if f.id == "shared" {
                return Err(loader.err("$.id", "a second shared file"));
            }
            if f.person.is_some() || f.readiness.is_some() {
                return Err(loader.err(
                    "$.person",
                    "the person axis and readiness belong to the shared file: they apply to every pathway",
                ));
            }
            if loader.content.pathways.contains_key(&f.id) {
                return Err(loader.err("$.id", format!("pathway '{}' is defined twice", f.id)));
            }
            let m = meta(&f, sha);
            let p = loader.pathway(&f, m)?;
            loader.content.pathways.insert(f.id.clone(), p);
        }
        for (file, path, id) in &loader.blocked {
            if !loader.content.catalogue.contains_key(id)
                && !loader.content.treatments.contains_key(id)
            {
                return Err(ContentError::new(
                    file,
                    path.clone(),
                    format!("unknown intervention '{id}'"),
                ));
            }
        }
        for (file, path, fact) in &loader.referral_facts {
            if !loader.content.kinds.contains_key(fact) {
                return Err(ContentError::new(
                    file,
                    path.clone(),
                    format!("unknown fact '{fact}'"),
                ));
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
