//! What can be wrong with a content file (a pathway file, the shared file, a regional pack),
//! as types: [`ContentProblem`] says what is wrong, [`ProblemAt`] where in the file, and
//! [`ContentError`] in which file. The loader and the condition parser build paths with
//! [`Field`], never as text. The messages are for the people who write content (regional
//! authors, developers), in English; each stands beside its variant.

use thiserror::Error;

use super::Field;

/// A pathway or shared content file that failed to parse or validate.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: {path}: {problem}")]
pub struct ContentError {
    /// The file, e.g. `kol.json`.
    pub file: String,
    /// Where in the file, e.g. `differentiation.rules[2].when`.
    pub path: Field,
    /// What is wrong.
    pub problem: ContentProblem,
}

impl ContentError {
    /// The message without the file and the path.
    #[must_use]
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

/// A problem at a place in a content file whose name is not known where it was found (the
/// condition parser, the checks a regional pack shares with the loader).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {problem}")]
pub struct ProblemAt {
    /// Where in the file.
    pub path: Field,
    /// What is wrong.
    pub problem: ContentProblem,
}

impl ProblemAt {
    /// `problem` at `path`.
    #[must_use]
    pub fn new(path: Field, problem: ContentProblem) -> Self {
        ProblemAt { path, problem }
    }

    /// The same problem, in `file`.
    #[must_use]
    pub fn in_file(self, file: &str) -> ContentError {
        ContentError {
            file: file.to_owned(),
            path: self.path,
            problem: self.problem,
        }
    }
}

/// What a content file defines or refers to by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Thing {
    /// A pathway.
    Pathway,
    /// A source.
    Source,
    /// An instrument.
    Instrument,
    /// A measurement.
    Measurement,
    /// A fact a condition reads.
    Fact,
    /// An intervention of the catalogue.
    Intervention,
    /// A follow-up.
    FollowUp,
    /// A treatment prompt.
    Treatment,
    /// A treatment whose id an intervention has too (they share one name space).
    TreatmentOrIntervention,
}

impl std::fmt::Display for Thing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Thing::Pathway => "pathway",
            Thing::Source => "source",
            Thing::Instrument => "instrument",
            Thing::Measurement => "measurement",
            Thing::Fact => "fact",
            Thing::Intervention => "intervention",
            Thing::FollowUp => "follow-up",
            Thing::Treatment => "treatment",
            Thing::TreatmentOrIntervention => "treatment or intervention",
        })
    }
}

/// A part every pathway file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathwayPart {
    /// `title`.
    Title,
    /// `assessment`.
    Assessment,
    /// `differentiation`.
    Differentiation,
    /// `quality`.
    Quality,
}

impl std::fmt::Display for PathwayPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PathwayPart::Title => "a title",
            PathwayPart::Assessment => "an assessment",
            PathwayPart::Differentiation => "a differentiation",
            PathwayPart::Quality => "quality indicators and success criteria",
        })
    }
}

/// The two languages every text of a content file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `da`.
    Danish,
    /// `en`.
    English,
}

/// What is wrong with a content file. Hosts and the command line read it through
/// [`ContentError`]; `tests/fixtures/invalid-content.json` names, for each variant a single file
/// can cause, a small change to a real file that gives it.
#[derive(Debug, Clone, PartialEq, Eq, Error, strum::EnumDiscriminants)]
#[strum_discriminants(
    name(ContentProblemKind),
    derive(strum::EnumIter, strum::IntoStaticStr),
    doc = "The variants of [`ContentProblem`], without their data."
)]
#[non_exhaustive]
pub enum ContentProblem {
    // The file as JSON.
    /// Not JSON, or not shaped as the format says (the parser's message, with line and column).
    #[error("{0}")]
    Malformed(String),
    /// A number JSON can carry but not as a finite double.
    #[error("not a finite number")]
    NotFinite,
    /// A value that must be a number, a string or a boolean.
    #[error("expected a number, string or boolean")]
    NotScalar,

    // Files and what they hold.
    /// No file with id `shared`.
    #[error("the shared definitions file (id \"shared\") is missing")]
    SharedMissing,
    /// A second file with id `shared`.
    #[error("a second shared file")]
    SharedTwice,
    /// The shared file with a differentiation, an assessment or quality indicators.
    #[error("the shared file has no differentiation or assessment: those belong to a pathway")]
    SharedDecides,
    /// A pathway file with the person axis or readiness.
    #[error(
        "the person axis and readiness belong to the shared file: they apply to every pathway"
    )]
    PersonInPathway,
    /// A pathway id this widget does not know.
    #[error("unknown pathway '{id}'; expected one of {}", known.join(", "))]
    UnknownPathway {
        /// The id given.
        id: String,
        /// The pathways this widget knows.
        known: &'static [&'static str],
    },
    /// A pathway file without one of its parts.
    #[error("a pathway needs {0}")]
    PathwayNeeds(PathwayPart),
    /// The packed built-in content does not decode into this build's types.
    #[error("the packed built-in content does not fit this build's types: run `make content`")]
    BuiltinStale,

    // Ids.
    /// An id defined twice.
    #[error("{what} '{id}' is defined twice")]
    DefinedTwice {
        /// What kind of thing.
        what: Thing,
        /// Its id.
        id: String,
    },
    /// An id that nothing defines.
    #[error("unknown {what} '{id}'{}", if *what == Thing::FollowUp { ": define it under follow_ups" } else { "" })]
    Unknown {
        /// What kind of thing.
        what: Thing,
        /// The id given.
        id: String,
    },
    /// A rule without an id.
    #[error("empty rule id")]
    RuleIdEmpty,
    /// A rule id used twice in one file.
    #[error("rule id '{0}' is used twice")]
    RuleIdTwice(String),
    /// A gate id another file uses too (a GP's decision names a gate by its id alone).
    #[error("gate id '{0}' is used in another file too")]
    GateIdTwice(String),
    /// A warning id the engine raises itself.
    #[error("'{0}' is raised by the engine; choose another warning id")]
    ReservedWarning(String),

    // Texts, sources and codes.
    /// A text empty in one of its languages.
    #[error("the {} text is empty", if *.0 == Language::Danish { "Danish" } else { "English" })]
    EmptyText(Language),
    /// A source without a title.
    #[error("empty title")]
    SourceTitleEmpty,
    /// A source link that is not a web address.
    #[error("a source url must start with https:// or http://")]
    SourceUrl,
    /// Not a date.
    #[error("'{0}' is not a date (YYYY-MM-DD)")]
    NotADate(String),
    /// A source due for review before it was checked.
    #[error("must be after the day it was checked")]
    ReviewBeforeChecked,
    /// A source due for review more than two years after it was checked.
    #[error("at most 24 months after the day it was checked")]
    ReviewTooLate,
    /// A rule resting on a source that is not verified, not marked a proposal.
    #[error("rests on source '{source_id}' tagged [{tag}]: mark the rule \"proposal\": true")]
    NeedsProposal {
        /// The source.
        source_id: String,
        /// Its evidence tag.
        tag: String,
    },
    /// A code from a code system that does not belong where it stands.
    #[error("this code system does not belong here")]
    CodeSystem,
    /// A code without its code or its name.
    #[error("a code needs its code and its name")]
    CodeIncomplete,
    /// Two codes of one code system.
    #[error("one code per code system")]
    CodeTwice,

    // Definitions.
    /// An instrument without items.
    #[error("an instrument needs items")]
    NoItems,
    /// An item without answer options.
    #[error("no answer options")]
    NoOptions,
    /// A total entry for an instrument not scored as a sum.
    #[error("only an instrument scored as a sum can be entered as its total")]
    TotalEntryNotSum,
    /// A numeric measurement without a UCUM unit.
    #[error("a numeric measurement needs its unit as a UCUM code")]
    NoUnit,
    /// A numeric measurement without a range.
    #[error("a numeric measurement needs min < max")]
    NoRange,
    /// A code measurement without values.
    #[error("a code measurement needs values")]
    NoValues,
    /// A municipal offer that may start later than the agreement allows.
    #[error("a municipal offer must start within 21 days of referral (the pakkeforløb agreement)")]
    MunicipalStart,
    /// A derived fact whose id is not `<score>.<field>`.
    #[error("a derived fact id is '<score>.<field>'")]
    DerivedId,
    /// Bands from a fact that is not a known number.
    #[error("'{0}' is not a known numeric fact")]
    NotNumericFact(String),
    /// A derived fact with neither or both of its forms.
    #[error("a derived fact has either 'from' with 'bands', or 'classify'")]
    DerivedForm,
    /// A derived fact whose values mix numbers and codes.
    #[error("the values of a derived fact are all numbers or all codes")]
    DerivedMixed,
    /// The first band with a min.
    #[error("the first band has no min (it starts at minus infinity)")]
    FirstBandMin,
    /// A later band without a min.
    #[error("every band but the first needs a min")]
    BandNeedsMin,
    /// The last band with a max.
    #[error("the last band has no max (it runs to infinity)")]
    LastBandMax,
    /// An earlier band without a max.
    #[error("every band but the last needs a max")]
    BandNeedsMax,
    /// A band whose min is not below its max.
    #[error("min must be below max")]
    BandEmpty,
    /// A band that does not start where the previous one ends.
    #[error("band {} the previous one: min must equal the previous max", if *overlaps { "overlaps" } else { "leaves a gap after" })]
    BandGap {
        /// Whether it overlaps (else it leaves a gap).
        overlaps: bool,
    },

    // Rules and gates.
    /// A differentiation level outside 1–3.
    #[error("a level is 1, 2 or 3")]
    Level,
    /// A person rule that raises to less than 2 or more than 3.
    #[error("a person rule raises to 2 or 3")]
    PersonLevel,
    /// A follow-up in months outside 1–60.
    #[error("months must be 1–60")]
    Months,
    /// A follow-up in weeks outside 1–52.
    #[error("weeks must be 1–52")]
    Weeks,
    /// A follow-up in neither or both of months and weeks.
    #[error("a follow-up is due in either 'months' or 'weeks'")]
    FollowUpDue,
    /// A contraindication that holds back nothing.
    #[error("a contraindication names the interventions it blocks, or holds exercise")]
    BlocksNothing,
    /// An acute or exclusion gate that names interventions.
    #[error("only a contraindication blocks interventions; an acute or exclusion gate holds the whole pathway")]
    OnlyContraindicationBlocks,
    /// An exclusion with an action that lets the pathway proceed.
    #[error("an exclusion has no action that lets the pathway proceed: the GP overrides it with a reason")]
    ExclusionAction,
    /// A contraindication due other than before the intervention.
    #[error("a contraindication is due before the intervention: 'foer-indsats'")]
    ContraindicationUrgency,
    /// An exclusion that holds exercise in other pathways.
    #[error("an exclusion holds its whole pathway; only an acute gate or a contraindication holds exercise in the other pathways")]
    ExclusionHoldsExercise,
    /// A quality indicator without fields.
    #[error("an indicator needs fields")]
    IndicatorFields,
    /// An indicator's field the pathway does not ask.
    #[error("'{0}' is not an instrument or measurement this pathway asks")]
    NotAsked(String),

    // Conditions.
    /// A key that must stand alone (`all`, `any`, `any_known`, `not`).
    #[error("'{0}' must be the only key")]
    OnlyKey(String),
    /// `at_least` without `of`, or with other keys.
    #[error("'at_least' goes with 'of' and nothing else")]
    AtLeastOf,
    /// `at_least` outside 1 to the number of parts.
    #[error("must be between 1 and the {0} parts of 'of'")]
    AtLeastRange(usize),
    /// Neither a combination nor a fact test.
    #[error("expected 'all', 'any', 'any_known', 'at_least', 'not' or a 'fact' test")]
    NotACondition,
    /// Neither `true` nor an object.
    #[error("expected true or an object")]
    NotTrueOrObject,
    /// An operator the rule language does not have.
    #[error("unknown operator '{given}'; expected one of {}", known.join(", "))]
    UnknownOperator {
        /// The key given.
        given: String,
        /// The operators of the rule language.
        known: &'static [&'static str],
    },
    /// A fact test with no operator or several.
    #[error("a fact test needs exactly one operator")]
    OneOperator,
    /// A comparison with another fact that has more than the key `fact`.
    #[error("a fact reference has only the key 'fact'")]
    FactReference,
    /// Not a list.
    #[error("expected a list")]
    ExpectedList,
    /// An empty list.
    #[error("must not be empty")]
    EmptyList,
    /// Not a whole number.
    #[error("expected a whole number")]
    ExpectedWhole,
    /// Not a fact id.
    #[error("expected a fact id")]
    ExpectedFactId,
    /// Not a number.
    #[error("expected a number")]
    ExpectedNumber,
    /// Not a non-empty list of numbers, strings or booleans.
    #[error("expected a non-empty list of scalars")]
    ExpectedScalars,
    /// Not a code.
    #[error("expected a code")]
    ExpectedCode,
    /// Not `true` or `false`.
    #[error("expected true or false")]
    ExpectedBool,
    /// A code the fact cannot take.
    #[error("'{given}' is not one of {}", codes.join(", "))]
    NotOneOf {
        /// The code given.
        given: String,
        /// The codes the fact takes.
        codes: Vec<String>,
    },
    /// A value of another kind than the fact's.
    #[error("value does not match the fact's kind {0}")]
    KindMismatch(String),
    /// A number test on a fact that is not a number.
    #[error("'{0}' is not a number")]
    NotANumber(String),
    /// A list test on a fact that is not a list.
    #[error("'{0}' is not a list")]
    NotAList(String),
}

impl ContentProblem {
    /// Which variant this is (the fixture table names it).
    #[must_use]
    pub fn kind(&self) -> ContentProblemKind {
        self.into()
    }

    /// This problem at `path`.
    #[must_use]
    pub fn at(self, path: Field) -> ProblemAt {
        ProblemAt::new(path, self)
    }
}
