//! Pathway content: loaded from the JSON files in `pathways/`, validated once, then evaluated.
//!
//! Loading follows parse → validate → evaluate: [`Content::load`] turns the raw files into
//! checked types (every id resolved, every condition parsed and type-checked against the facts
//! it reads, every band contiguous, every rule citing a known source, every rule on [U] or
//! [LEGACY] evidence marked as a proposal), so evaluation has nothing left to fail.

mod builtin;
pub mod format;
mod pack;
pub use pack::{PackInfo, PACK_SCHEMA};

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::engine::condition::{Condition, FactKind, Facts, Value};
use crate::engine::error::ContentError;
use crate::engine::text::Text;

pub use builtin::{BUILTIN_FILES, PACKED_PATH};
pub use format::{
    AfterAction, CodeSystem, CodingDef, Evidence, FollowUpDef, FollowUpKind, GateKind, GateScope,
    InstrumentDef, InterventionDef, MeasurementDef, MeasurementKind, ObservationCategory, Phase,
    Provider, Scoring, Source, Theme, TreatmentDef, Urgency,
};

/// The pathway ids of CONTRACT §1, in the order they start.
pub const PATHWAY_IDS: [&str; 5] = [
    "kol",
    "laenderyg",
    "type2-diabetes",
    "hjertesygdom",
    "multisygdom",
];

/// The number of chosen pathways that are index diseases (every pathway but multimorbidity): a
/// fact the engine computes and rules can read, e.g. "not multimorbid" only when fewer than two
/// are chosen.
pub const INDEX_PATHWAYS_FACT: &str = "index_pathways_count";

/// The phase being assessed (`trin1`, `trin2`, `vedvarende`): a fact rules can read, e.g. a
/// check that belongs to the first consultation only.
pub const PHASE_FACT: &str = "phase";

/// The patient's age in years (`patient.age` in the input), a fact rules can read (everyone 65
/// or older is offered influenza and covid-19 vaccination).
pub const AGE_FACT: &str = "age";

/// Warning ids the engine raises itself: content that used one would be mistaken for the
/// engine's own warning (a host filtering `missing-data` would drop a clinical warning), so the
/// loader refuses them in every warning rule and gate.
pub const ENGINE_WARNINGS: [&str; 4] = [
    "missing-data",
    "carried-over",
    "ignored-input",
    "content-review-overdue",
];

/// Municipal offers must start within 21 days of the GP's referral (the 2024 health reform
/// agreement on pakkeforløb).
pub const MUNICIPAL_START_DAYS: u32 = 21;

/// A checked rule with its payload.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule<T> {
    /// Rule id.
    pub id: String,
    /// Condition.
    pub when: Condition,
    /// The reason shown.
    pub text: Text,
    /// Source id.
    pub source: String,
    /// The source as a plan cites it, resolved once at load: an index into
    /// [`Content::citations`].
    pub cite: usize,
    /// A proposal rather than national guidance.
    pub proposal: bool,
    /// What the rule yields.
    pub then: T,
}

/// What an intervention rule yields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InterventionThen {
    /// Catalogue id.
    pub intervention: String,
    /// Phase.
    pub phase: Phase,
}

/// What a follow-up rule yields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FollowUpThen {
    /// Follow-up id.
    pub follow_up: String,
    /// Months after the assessment (0 when `weeks` is set).
    pub months: u32,
    /// Weeks after the assessment (0 when `months` is set).
    pub weeks: u32,
}

/// What a goal rule yields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoalThen {
    /// Goal id.
    pub goal: String,
    /// Measurable target.
    #[serde(with = "json_text")]
    pub target: Option<Json>,
    /// An exercise goal: it waits while a gate that holds exercise is open.
    pub exercise: bool,
}

/// A JSON value packed as its text: the packed format (postcard) is not self-describing, so it
/// cannot hold an arbitrary JSON value directly.
mod json_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::Value as Json;

    pub fn serialize<S: Serializer>(v: &Option<Json>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().map(Json::to_string).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Json>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|t| serde_json::from_str(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// What a gate yields (see [`format::GateDef`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GateThen {
    /// Acute, exclusion or contraindication.
    pub kind: GateKind,
    /// One pathway or the whole plan.
    pub scope: GateScope,
    /// Where an unknown `when` leaves the question open; `None`: everywhere.
    pub applies: Option<Condition>,
    /// How soon the action is due.
    pub urgency: Urgency,
    /// What the GP must do.
    pub action: Text,
    /// Contraindications: the interventions that must wait.
    pub blocks: Vec<String>,
    /// What recording the action does; `None` for an exclusion (override only).
    pub after_action: Option<AfterAction>,
    /// A warning id raised while the gate is open.
    pub warning: Option<String>,
    /// Holds every exercise-based offer and goal of every pathway while it holds.
    pub holds_exercise: bool,
    /// The finding and the next step in words for the patient's printout.
    pub patient: Text,
    /// Left off the patient's printout unless the GP chooses to print it.
    pub private: bool,
}

/// A checked gate.
pub type Gate = Rule<GateThen>;

/// How a derived fact is computed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Derivation {
    /// Cut a numeric fact into bands `(min, max, value)`.
    Bands {
        from: String,
        bands: Vec<(Option<f64>, Option<f64>, Value)>,
    },
    /// First matching class; an unknown condition makes the fact unknown.
    Classify(Vec<(Condition, Value)>),
}

/// A checked derived fact.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Derived {
    /// Fact id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    pub proposal: bool,
    /// How it is computed.
    pub derivation: Derivation,
    /// Labels of the values, where the file gives them.
    pub value_labels: Vec<(Value, Text)>,
    /// Derived only where this holds; elsewhere the fact is absent.
    pub when: Option<Condition>,
}

/// Identifies one content file in a plan (CONTRACT §3 `content`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileMeta {
    /// `shared` or the pathway id.
    pub id: String,
    /// Content version.
    pub version: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// A note on the status of the content.
    pub status: Option<Text>,
}

/// A checked pathway.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pathway {
    /// The file.
    pub meta: FileMeta,
    /// Name.
    pub title: Text,
    /// Start year.
    pub first_year: Option<u16>,
    /// Instruments asked.
    pub instruments: Vec<String>,
    /// Measurements asked.
    pub measurements: Vec<String>,
    /// Derived facts defined by the pathway file (evaluated after the shared ones).
    pub derived: Vec<Derived>,
    /// The reason for level 1.
    pub default_level: Rule<u8>,
    /// Level rules.
    pub levels: Vec<Rule<u8>>,
    /// Intervention, follow-up, warning and goal rules.
    pub rules: RuleSet,
    /// Process indicators: `(id, label, input fields, source, proposal)`.
    pub indicators: Vec<Indicator>,
    /// Success criteria.
    pub success_criteria: Vec<Rule<()>>,
    /// Every input field its decisive rules use (the quality section's `inputs_needed`),
    /// worked out once when the content loads.
    pub inputs_used: BTreeSet<String>,
    /// Safety gates, evaluated before differentiation.
    pub gates: Vec<Gate>,
    /// The index disease's diagnosis codes.
    pub codes: Vec<CodingDef>,
}

/// A checked process indicator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Indicator {
    /// Id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Input fields that must be recorded.
    pub fields: Vec<String>,
    /// Source id.
    pub source: String,
    /// A proposal rather than national guidance.
    pub proposal: bool,
}

/// The rules a file contributes to the plan besides levels. The shared file's rules (the KRAM
/// lifestyle factors, well-being, polypharmacy, interpreter) apply in every pathway that asks
/// for their inputs, so no pathway file copies them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RuleSet {
    /// Intervention rules.
    pub interventions: Vec<Rule<InterventionThen>>,
    /// Follow-up rules.
    pub follow_up: Vec<Rule<FollowUpThen>>,
    /// Warning rules.
    pub warnings: Vec<Rule<String>>,
    /// Goal rules.
    pub goals: Vec<Rule<GoalThen>>,
    /// Treatment rules: the treatment id each prompts.
    pub treatments: Vec<Rule<String>>,
}

/// All content: the shared definitions and every pathway, checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Content {
    /// The shared file.
    pub shared: FileMeta,
    /// Sources by id.
    pub sources: BTreeMap<String, Source>,
    /// Instruments by id.
    pub instruments: BTreeMap<String, InstrumentDef>,
    /// Measurements by id.
    pub measurements: BTreeMap<String, MeasurementDef>,
    /// Shared derived facts, in evaluation order.
    pub derived: Vec<Derived>,
    /// Intervention catalogue by id.
    pub catalogue: BTreeMap<String, InterventionDef>,
    /// The kinds of follow-up by id.
    pub follow_ups: BTreeMap<String, FollowUpDef>,
    /// The treatments GPs consider at the start, by id.
    pub treatments: BTreeMap<String, TreatmentDef>,
    /// The shared file's rules, applied once per plan.
    pub common: RuleSet,
    /// The shared file's gates, evaluated for every plan.
    pub common_gates: Vec<Gate>,
    /// The person axis: level rules on resources, life situation and motivation, applied to
    /// every pathway of the patient.
    pub person_levels: Vec<Rule<u8>>,
    /// When municipal offers wait for the patient's acceptance (at most one rule).
    pub readiness: Option<Rule<()>>,
    /// Pathways by id.
    pub pathways: BTreeMap<String, Pathway>,
    /// Every fact and its kind.
    pub kinds: BTreeMap<String, FactKind>,
    /// For each scored or measured fact, the input field it comes from (for `missing-data`).
    pub inputs_of: BTreeMap<String, BTreeSet<String>>,
    /// For each derived fact, the facts it reads.
    pub derived_deps: BTreeMap<String, BTreeSet<String>>,
    /// Instruments offered only when a condition holds (the MDI once WHO-5 calls for it).
    pub offer_when: BTreeMap<String, Condition>,
    /// Every source a rule or gate cites, as the plan cites it: resolved once when the content
    /// loads ([`Rule::cite`] indexes it), so the plan builder looks nothing up.
    pub citations: Vec<Citation>,
    /// The regional pack this content came from (`None`: the built-in content).
    pub pack: Option<PackInfo>,
}

/// A source as a plan cites it ([`Content::cite`], [`Content::citations`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The public reference: the URL, or the title of a source without one.
    pub reference: String,
    /// The title (guideline and year).
    pub title: String,
    /// The evidence tag.
    pub evidence: Evidence,
}

/// The facts an instrument's scoring produces.
#[must_use]
pub fn instrument_facts(id: &str, scoring: Scoring, items: usize) -> Vec<(String, FactKind)> {
    let names: &[&str] = match scoring {
        Scoring::Sum => &["total", "min_item"],
        Scoring::Single => &["grade"],
        Scoring::Who5 => &["raw", "percent", "min_item"],
        Scoring::StartBack => &["total", "psychosocial"],
        Scoring::Mdi => &["total"],
    };
    let mut out: Vec<(String, FactKind)> = names
        .iter()
        .map(|n| (format!("{id}.{n}"), FactKind::Number))
        .collect();
    // How many items were answered, and each item on its own (1-based, in the published order),
    // known as soon as that item is: a gate can read one item (MDI item 6) of an unfinished form.
    out.push((format!("{id}.answered"), FactKind::Number));
    out.extend((1..=items).map(|n| (format!("{id}.item{n}"), FactKind::Number)));
    if scoring == Scoring::Mdi {
        let codes = ["none", "mild", "moderate", "severe"]
            .map(String::from)
            .to_vec();
        out.push((format!("{id}.icd10"), FactKind::Code(Some(codes))));
        let bilag2 = ["none", "possible-mild"].map(String::from).to_vec();
        out.push((format!("{id}.bilag2"), FactKind::Code(Some(bilag2))));
    }
    out
}

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
fn reserved_warning(id: &str) -> Result<(), String> {
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
fn check_source(id: &str, s: &Source) -> Result<(), (String, String)> {
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

impl<'a> Loader<'a> {
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

    /// Sources, instruments, measurements, catalogue and derived facts of one file.
    fn definitions(&mut self, f: &format::ContentFile) -> Result<Vec<Derived>, ContentError> {
        let mut offers = Vec::new();
        for (id, s) in &f.sources {
            check_source(id, s).map_err(|(p, m)| self.err(p, m))?;
            if self.content.sources.insert(id.clone(), s.clone()).is_some() {
                return Err(self.err(
                    format!("$.sources.{id}"),
                    format!("source '{id}' is defined twice"),
                ));
            }
        }
        for (i, inst) in f.instruments.iter().enumerate() {
            let path = format!("$.instruments[{i}]");
            self.text(&inst.title, &format!("{path}.title"))?;
            self.source(&inst.source, true, &path)?;
            if inst.items.is_empty() {
                return Err(self.err(format!("{path}.items"), "an instrument needs items"));
            }
            if inst.total_entry && inst.scoring != Scoring::Sum {
                return Err(self.err(
                    format!("{path}.total_entry"),
                    "only an instrument scored as a sum can be entered as its total",
                ));
            }
            for (j, item) in inst.items.iter().enumerate() {
                let ipath = format!("{path}.items[{j}]");
                self.text(&item.text, &format!("{ipath}.text"))?;
                let opts = inst.options_of(item);
                if opts.is_empty() {
                    return Err(self.err(format!("{ipath}.options"), "no answer options"));
                }
                for (k, o) in opts.iter().enumerate() {
                    self.text(&o.label, &format!("{ipath}.options[{k}].label"))?;
                }
            }
            if self.content.instruments.contains_key(&inst.id) {
                return Err(self.twice(&path, "instrument", &inst.id));
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
                offers.push((inst.id.clone(), c, format!("{path}.offer_when")));
            }
            self.content.instruments.insert(inst.id.clone(), stored);
        }
        for (i, m) in f.measurements.iter().enumerate() {
            let path = format!("$.measurements[{i}]");
            self.text(&m.label, &format!("{path}.label"))?;
            self.source(&m.source, true, &path)?;
            self.codings(
                &m.codes,
                &[CodeSystem::Loinc, CodeSystem::Npu],
                &format!("{path}.codes"),
            )?;
            let numeric = matches!(m.kind, MeasurementKind::Number | MeasurementKind::Integer);
            if numeric && m.ucum.as_deref().is_none_or(|u| u.trim().is_empty()) {
                return Err(self.err(
                    format!("{path}.ucum"),
                    "a numeric measurement needs its unit as a UCUM code",
                ));
            }
            for (k, v) in m.values.iter().enumerate() {
                self.codings(
                    &v.codes,
                    &[CodeSystem::Icpc2, CodeSystem::SksD],
                    &format!("{path}.values[{k}].codes"),
                )?;
            }
            let codes: Vec<String> = m.values.iter().map(|v| v.value.clone()).collect();
            let kind = match m.kind {
                MeasurementKind::Number | MeasurementKind::Integer => {
                    match (m.min, m.max) {
                        (Some(lo), Some(hi)) if lo < hi => {}
                        _ => return Err(self.err(path, "a numeric measurement needs min < max")),
                    }
                    FactKind::Number
                }
                MeasurementKind::Bool => FactKind::Bool,
                MeasurementKind::Code | MeasurementKind::Codes => {
                    if codes.is_empty() {
                        return Err(
                            self.err(format!("{path}.values"), "a code measurement needs values")
                        );
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
            self.add_fact("bmi.value", FactKind::Number, inputs, "$.measurements")?;
        }
        for (i, c) in f.catalogue.iter().enumerate() {
            let path = format!("$.catalogue[{i}]");
            self.text(&c.title, &format!("{path}.title"))?;
            self.text(&c.description, &format!("{path}.description"))?;
            self.source(&c.source, true, &path)?;
            self.codings(&c.codes, &[CodeSystem::Fsiii], &format!("{path}.codes"))?;
            for (j, fact) in c.referral_facts.iter().enumerate() {
                self.referral_facts.push((
                    self.file.to_owned(),
                    format!("{path}.referral_facts[{j}]"),
                    fact.clone(),
                ));
            }
            if c.provider == Provider::Kommune {
                match c.start_within_days {
                    Some(d) if d <= MUNICIPAL_START_DAYS => {}
                    _ => {
                        return Err(self.err(
                            format!("{path}.start_within_days"),
                            "a municipal offer must start within 21 days of referral (the pakkeforløb agreement)",
                        ))
                    }
                }
            }
            if self
                .content
                .catalogue
                .insert(c.id.clone(), c.clone())
                .is_some()
            {
                return Err(self.twice(&path, "intervention", &c.id));
            }
        }
        for (i, d) in f.follow_ups.iter().enumerate() {
            let path = format!("$.follow_ups[{i}]");
            self.text(&d.title, &format!("{path}.title"))?;
            if self
                .content
                .follow_ups
                .insert(d.id.clone(), d.clone())
                .is_some()
            {
                return Err(self.twice(&path, "follow-up", &d.id));
            }
        }
        for (i, t) in f.treatments.iter().enumerate() {
            let path = format!("$.treatments[{i}]");
            self.text(&t.title, &format!("{path}.title"))?;
            self.text(&t.description, &format!("{path}.description"))?;
            self.source(&t.source, true, &path)?;
            let clash = self.content.catalogue.contains_key(&t.id);
            if self
                .content
                .treatments
                .insert(t.id.clone(), t.clone())
                .is_some()
                || clash
            {
                return Err(self.twice(&path, "treatment or intervention", &t.id));
            }
        }
        let mut derived = Vec::new();
        for (i, d) in f.derived.iter().enumerate() {
            derived.push(self.derived(d, &format!("$.derived[{i}]"))?);
        }
        for (id, c, path) in offers {
            let c = self.condition(&c, &path)?;
            self.content.offer_when.insert(id, c);
        }
        Ok(derived)
    }

    fn derived(&mut self, d: &format::DerivedDef, path: &str) -> Result<Derived, ContentError> {
        self.text(&d.label, &format!("{path}.label"))?;
        self.source(&d.source, d.proposal, path)?;
        if !d.id.contains('.') {
            return Err(self.err(
                format!("{path}.id"),
                "a derived fact id is '<score>.<field>'",
            ));
        }
        let mut inputs = BTreeSet::new();
        let when = match &d.when {
            Some(c) => {
                let cond = self.condition(c, &format!("{path}.when"))?;
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
                    return Err(self.err(
                        format!("{path}.from"),
                        format!("'{from}' is not a known numeric fact"),
                    ));
                }
                inputs.insert(from.clone());
                let mut bands = Vec::new();
                for (k, b) in d.bands.iter().enumerate() {
                    let bpath = format!("{path}.bands[{k}]");
                    let first = k == 0;
                    let last = k + 1 == d.bands.len();
                    if first != b.min.is_none() {
                        return Err(self.err(
                            &bpath,
                            if first {
                                "the first band has no min (it starts at minus infinity)"
                            } else {
                                "every band but the first needs a min"
                            },
                        ));
                    }
                    if last != b.max.is_none() {
                        return Err(self.err(
                            &bpath,
                            if last {
                                "the last band has no max (it runs to infinity)"
                            } else {
                                "every band but the last needs a max"
                            },
                        ));
                    }
                    if let (Some(lo), Some(hi)) = (b.min, b.max) {
                        if lo >= hi {
                            return Err(self.err(&bpath, "min must be below max"));
                        }
                    }
                    if k > 0 {
                        let prev = d.bands[k - 1].max;
                        if b.min != prev {
                            let what = if b.min < prev {
                                "overlaps"
                            } else {
                                "leaves a gap after"
                            };
                            return Err(self.err(
                                format!("{bpath}.min"),
                                format!(
                                    "band {what} the previous one: min must equal the previous max"
                                ),
                            ));
                        }
                    }
                    let value = json_value(&b.value, self.file, &format!("{bpath}.value"))?;
                    if let Some(l) = &b.label {
                        self.text(l, &format!("{bpath}.label"))?;
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
                    let cpath = format!("{path}.classify[{k}]");
                    let cond = self.condition(&c.when, &format!("{cpath}.when"))?;
                    let mut read = BTreeSet::new();
                    cond.facts(&mut read);
                    inputs.extend(read);
                    let value = json_value(&c.value, self.file, &format!("{cpath}.value"))?;
                    if let Some(l) = &c.label {
                        self.text(l, &format!("{cpath}.label"))?;
                        labels.push((value.clone(), l.clone()));
                    }
                    classes.push((cond, value));
                }
                Derivation::Classify(classes)
            }
            _ => {
                return Err(self.err(
                    path,
                    "a derived fact has either 'from' with 'bands', or 'classify'",
                ))
            }
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
            return Err(self.err(
                path,
                "the values of a derived fact are all numbers or all codes",
            ));
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

    fn pathway(
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

    fn gates(&mut self, f: &format::ContentFile) -> Result<Vec<Gate>, ContentError> {
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

    fn rule_set(&mut self, f: &format::ContentFile) -> Result<RuleSet, ContentError> {
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

    /// The content compiled into this build from `pathways/`, as `make content` checked and
    /// packed it (`src/engine/content/builtin.postcard`). Decoding it replaces parsing and
    /// validating the JSON files at every start; a test requires it to equal
    /// [`Content::load`] of the files as written ([`Content::builtin_from_files`]).
    ///
    /// # Errors
    /// Only if the packed content is stale or damaged, which the test suite rules out.
    pub fn builtin() -> Result<Content, ContentError> {
        // postcard's own error text is left out: it adds about 1 KB to the wasm for a message that
        // only says the bytes do not fit the types, which is what this one says.
        postcard::from_bytes(builtin::BUILTIN_PACKED).map_err(|_| {
            ContentError::new(
                builtin::PACKED_NAME,
                "$",
                "the packed built-in content does not fit this build's types: run `make content`",
            )
        })
    }

    /// Loads `files` in the context of the built-in content: every built-in file whose id none
    /// of `files` declares is loaded beside them. A changed pathway file is checked against the
    /// others it may refer to (a gate in one pathway can hold back another pathway's exercise
    /// offer), exactly as it would ship.
    ///
    /// # Errors
    /// The first problem, naming the file and the JSON path.
    pub fn load_with_builtin(files: &[(&str, &str)]) -> Result<Content, ContentError> {
        let id_of = |text: &str| {
            serde_json::from_str::<Json>(text)
                .ok()
                .and_then(|v| v.get("id")?.as_str().map(str::to_owned))
        };
        let given: BTreeSet<String> = files.iter().filter_map(|(_, t)| id_of(t)).collect();
        let mut all: Vec<(&str, &str)> = BUILTIN_FILES
            .iter()
            .filter(|(_, t)| id_of(t).is_none_or(|id| !given.contains(&id)))
            .copied()
            .collect();
        all.extend_from_slice(files);
        Content::load(&all)
    }

    /// The built-in files (`pathways/`) loaded and validated as files; what `make content` packs.
    ///
    /// # Errors
    /// The first problem in a file, naming the file and the JSON path.
    pub fn builtin_from_files() -> Result<Content, ContentError> {
        Content::load(BUILTIN_FILES)
    }

    /// This content in the packed form [`Content::builtin`] decodes.
    ///
    /// # Errors
    /// Never for content from [`Content::load`]; the message names what could not be packed.
    pub fn pack(&self) -> Result<Vec<u8>, String> {
        postcard::to_allocvec(self).map_err(|e| e.to_string())
    }

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
            Value::Bool(b) => match (lang, b) {
                (crate::engine::Lang::Da, true) => "ja".into(),
                (crate::engine::Lang::Da, false) => "nej".into(),
                (crate::engine::Lang::En, true) => "yes".into(),
                (crate::engine::Lang::En, false) => "no".into(),
            },
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
                    .find(|o| (o.value as f64 - v).abs() < f64::EPSILON)
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
        let shown = match (field, plain.as_str(), lang) {
            ("icd10", "none", crate::engine::Lang::Da) => {
                "ingen depression efter ICD-10".to_owned()
            }
            ("icd10", "mild", crate::engine::Lang::Da) => "let depression efter ICD-10".to_owned(),
            ("icd10", "moderate", crate::engine::Lang::Da) => {
                "moderat depression efter ICD-10".to_owned()
            }
            ("icd10", "severe", crate::engine::Lang::Da) => {
                "svær depression efter ICD-10".to_owned()
            }
            ("icd10", grade, crate::engine::Lang::En) => format!("{grade} depression by ICD-10"),
            _ => format!("{field} {plain}"),
        };
        Some(format!("{}: {shown}", inst.title.get(lang)))
    }

    /// The chosen pathways that this content has, in one order whatever the order of `ids`
    /// (the order of [`PATHWAY_IDS`]): one patient gets one plan, whichever pathway the host
    /// lists first.
    #[must_use]
    pub fn chosen<'a>(&'a self, ids: &'a [String]) -> Vec<(&'a String, &'a Pathway)> {
        let mut out: Vec<(&String, &Pathway)> = ids
            .iter()
            .filter_map(|id| self.pathways.get(id).map(|p| (id, p)))
            .collect();
        let rank = |id: &str| {
            PATHWAY_IDS
                .iter()
                .position(|p| *p == id)
                .unwrap_or(usize::MAX)
        };
        crate::engine::sort_short(&mut out, |a, b| (rank(a.0), a.0) < (rank(b.0), b.0));
        out
    }

    /// The ids of the sources that the rules, gates and derived facts of the shared file and
    /// these pathways cite (what a plan made with them rests on).
    #[must_use]
    pub fn sources_in_use<'a>(&'a self, pathways: &[(&String, &'a Pathway)]) -> BTreeSet<&'a str> {
        fn set<'a>(r: &'a RuleSet, out: &mut BTreeSet<&'a str>) {
            out.extend(r.interventions.iter().map(|x| x.source.as_str()));
            out.extend(r.follow_up.iter().map(|x| x.source.as_str()));
            out.extend(r.warnings.iter().map(|x| x.source.as_str()));
            out.extend(r.goals.iter().map(|x| x.source.as_str()));
            out.extend(r.treatments.iter().map(|x| x.source.as_str()));
        }
        let mut out = BTreeSet::new();
        set(&self.common, &mut out);
        out.extend(self.common_gates.iter().map(|g| g.source.as_str()));
        out.extend(self.person_levels.iter().map(|r| r.source.as_str()));
        out.extend(self.readiness.iter().map(|r| r.source.as_str()));
        out.extend(self.derived.iter().map(|d| d.source.as_str()));
        for (_, p) in pathways {
            set(&p.rules, &mut out);
            out.insert(p.default_level.source.as_str());
            out.extend(p.levels.iter().map(|x| x.source.as_str()));
            out.extend(p.gates.iter().map(|x| x.source.as_str()));
            out.extend(p.derived.iter().map(|x| x.source.as_str()));
        }
        out
    }

    /// The catalogue ids of the exercise-based offers (held while a gate holds exercise).
    pub fn exercise_offers(&self) -> impl Iterator<Item = &String> {
        self.catalogue
            .values()
            .filter(|d| d.exercise)
            .map(|d| &d.id)
    }

    /// Every gate: the shared file's, then each pathway's.
    pub fn gates(&self) -> impl Iterator<Item = &Gate> {
        self.common_gates
            .iter()
            .chain(self.pathways.values().flat_map(|p| &p.gates))
    }

    /// Whether the widget offers an instrument for these facts: always, unless its content
    /// makes it conditional (the MDI once WHO-5 calls for it) and the condition does not hold.
    #[must_use]
    pub fn offered(&self, instrument: &str, facts: &Facts) -> bool {
        self.offer_when
            .get(instrument)
            .is_none_or(|c| c.eval(facts) == Some(true))
    }

    /// The citation of a rule or gate, resolved at load.
    #[must_use]
    pub fn citation<T>(&self, rule: &Rule<T>) -> Citation {
        self.citations
            .get(rule.cite)
            .cloned()
            .unwrap_or_else(|| self.cite(&rule.source))
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

    /// A source as a plan cites it, in one lookup: its public reference (the URL, or for a
    /// source with none, its title), its title and its evidence tag. The loader checked that
    /// every rule's source exists; an unknown id (content built by hand) cites itself as `U`.
    #[must_use]
    pub fn cite(&self, id: &str) -> Citation {
        Content::cite_from(&self.sources)(id)
    }

    fn cite_from(sources: &BTreeMap<String, Source>) -> impl Fn(&str) -> Citation + '_ {
        move |id| match sources.get(id) {
            Some(s) => Citation {
                reference: s.url.clone().unwrap_or_else(|| s.title.clone()),
                title: s.title.clone(),
                evidence: s.evidence,
            },
            None => Citation {
                reference: id.to_owned(),
                title: id.to_owned(),
                evidence: Evidence::U,
            },
        }
    }
}
