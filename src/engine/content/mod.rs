//! Pathway content: loaded from the JSON files in `pathways/`, validated once, then evaluated.
//!
//! Loading follows parse → validate → evaluate: [`Content::load`] turns the raw files into
//! checked types (every id resolved, every condition parsed and type-checked against the facts
//! it reads, every band contiguous, every rule citing a known source, every rule on [U] or
//! [LEGACY] evidence marked as a proposal), so evaluation has nothing left to fail.

mod builtin;
pub mod format;
mod load;
mod pack;
pub use pack::{PackError, PackInfo, PACK_SCHEMA};

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

    #[expect(
        clippy::ref_option,
        reason = "serde's serialize_with passes &Option<T>"
    )]
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
#[expect(
    clippy::unsafe_derive_deserialize,
    reason = "no method of Content uses unsafe code (the crate forbids it); the packed form is checked by its own test"
)]
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

impl Content {
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
            crate::engine::error::ContentProblem::BuiltinStale
                .at(crate::engine::error::Field::root())
                .in_file(builtin::PACKED_NAME)
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
