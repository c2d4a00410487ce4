//! Error types, one per phase: loading content ([`ContentError`]), validating an input
//! ([`InputError`]).
//!
//! A field is named in one notation everywhere (inputs, previous plans, content files): keys
//! joined by dots, list entries by their index in brackets, from the document's root:
//! `instruments.cat[3]`, `overrides.levels.kol.reason`, `differentiation.rules[2].when`; the
//! document itself is `$`. [`Field`] holds the steps, so code reads a field by its parts rather
//! than by matching text.

use thiserror::Error;

use crate::engine::Lang;

mod content;
mod field;
pub use content::{
    ContentError, ContentProblem, ContentProblemKind, Language, PathwayPart, ProblemAt, Thing,
};
pub use field::{Field, Step};

/// The kinds of thing an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A pathway.
    Pathway,
    /// An instrument.
    Instrument,
    /// A measurement.
    Measurement,
    /// An intervention.
    Intervention,
    /// A safety gate.
    Gate,
    /// A treatment prompt.
    Treatment,
}

/// What kind of value a measurement takes, for "expected …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A number.
    Number,
    /// A whole number.
    Whole,
    /// `true` or `false`.
    Bool,
    /// One of these codes.
    Code(Vec<String>),
    /// A list of these codes.
    Codes(Vec<String>),
}

/// What an input gave that none of the chosen pathways asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// An instrument's answers.
    Answers,
    /// An instrument's total.
    Total,
    /// A measurement's value.
    Value,
}

/// The other date an order rule compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtherDate {
    /// Must not be before the diagnosis.
    BeforeDiagnosis(String),
    /// Must not be after the assessment.
    AfterAssessment,
    /// A re-assessment must come after the previous one.
    NotAfterPrevious(String),
}

/// What one field implies for another of the same patient (definitions, not thresholds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Contradiction {
    /// Ischaemic heart disease is a known cardiovascular disease.
    IschaemicIsKnownCvd,
    /// This many of the chosen pathways are chronic diseases of their own.
    IndexDiseases(usize),
}

/// What is wrong with a field. Each variant carries what its message names; the English and
/// Danish messages are made with every other sentence the engine writes, in `engine/phrases.rs`
/// ([`Problem::text`]). Values quoted from the input are
/// cut short (hostile input can be huge).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Problem {
    /// Not JSON, or not shaped as the contract says (the parser's message).
    Malformed(String),
    /// The document is larger than the limit.
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// `schema` is not the one this version reads.
    WrongSchema {
        /// What this version reads.
        expected: String,
        /// What was given.
        got: String,
    },
    /// No pathway chosen.
    NoPathway,
    /// An id the content does not define.
    Unknown {
        /// What kind of thing.
        kind: Kind,
        /// The id given.
        id: String,
        /// The ids it could be (empty when there are too many to list).
        known: Vec<String>,
    },
    /// A pathway chosen twice.
    Duplicate(String),
    /// A required date is empty.
    DateMissing,
    /// Not in the form YYYY-MM-DD.
    DateFormat(String),
    /// No such day in the calendar.
    DateNotReal(String),
    /// Outside 1900–2200.
    DateYears(String),
    /// In the wrong order with another date.
    DateOrder {
        /// The date given.
        date: String,
        /// The rule it breaks.
        other: OtherDate,
    },
    /// An instrument with the wrong number of answers.
    AnswerCount {
        /// How many items it has.
        expected: usize,
        /// How many answers were given.
        got: usize,
    },
    /// An answer outside the item's options.
    AnswerOutOfRange {
        /// The answer given.
        given: String,
        /// The lowest option.
        lo: i64,
        /// The highest option.
        hi: i64,
    },
    /// A decimal where a whole number is needed.
    NotWhole(f64),
    /// A number outside the measurement's range.
    OutOfRange {
        /// The number given.
        given: f64,
        /// The lowest allowed.
        lo: f64,
        /// The highest allowed.
        hi: f64,
        /// The unit.
        unit: Option<String>,
    },
    /// A code not in the list.
    NotOneOf {
        /// The code given.
        given: String,
        /// The codes allowed.
        codes: Vec<String>,
    },
    /// A value of the wrong kind.
    WrongKind {
        /// The value given.
        given: String,
        /// What is expected.
        expected: Expected,
    },
    /// A total for an instrument whose rules read its answers.
    TotalNotAllowed,
    /// A total together with the answers.
    TotalWithAnswers,
    /// A total outside 0 to the instrument's maximum.
    TotalOutOfRange {
        /// The total given.
        given: String,
        /// The maximum.
        max: i64,
    },
    /// Given, but asked by none of the chosen pathways.
    NotAsked {
        /// What was given.
        given: Given,
        /// The chosen pathways.
        pathways: Vec<String>,
    },
    /// More goals than allowed (the first are kept).
    TooManyGoals(usize),
    /// A text longer than allowed.
    TooLong(usize),
    /// A goal longer than allowed (the other goals are kept).
    GoalTooLong(usize),
    /// A level override for a pathway not chosen.
    NotChosen,
    /// A level that is not 1, 2 or 3.
    LevelOutOfRange,
    /// A reason is required.
    ReasonRequired,
    /// A carried-over mark on something not given.
    CarriedNotGiven(String),
    /// An age over 120.
    AgeOutOfRange,
    /// The value contradicts another field (named in the input's notation) given for the same
    /// patient: `why` says what the other field implies.
    Contradicts {
        /// The other field.
        other: String,
        /// What the other field implies.
        why: Contradiction,
    },
    /// Not female, male or other.
    SexInvalid,
    /// A re-assessment without the previous plan.
    PhaseNeedsPrevious(String),
    /// A previous plan of another schema.
    PreviousSchema {
        /// Its schema.
        got: String,
        /// What this version reads.
        reads: String,
    },
    /// A previous plan made with content this widget does not have.
    PreviousContentMissing(String),
    /// A previous plan made with another content version.
    PreviousContentVersion {
        /// The content file.
        id: String,
        /// Its version then.
        was: String,
        /// Its version now.
        now: String,
    },
    /// A previous plan made with another regional content pack (or none, or with one where
    /// this widget has none).
    PreviousPack {
        /// The pack then (`name version`), if any.
        was: Option<String>,
        /// The pack now, if any.
        now: Option<String>,
    },
    /// A previous plan that lacks a part or has one of the wrong shape (the parser's message).
    PreviousIncomplete(String),
}

/// One problem with an assessment input: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{field}: {}", problem.text(Lang::En))]
pub struct InputError {
    /// The field, from the input's root.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

impl InputError {
    pub(crate) fn new(field: Field, problem: Problem) -> Self {
        InputError { field, problem }
    }

    /// The message in English (hosts and the command line read it).
    #[must_use]
    pub fn message(&self) -> String {
        self.problem.text(Lang::En)
    }

    /// The message in `lang` (the GP reads it in Danish).
    #[must_use]
    pub fn message_in(&self, lang: Lang) -> String {
        self.problem.text(lang)
    }
}

/// All problems found in one input (never empty).
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InputErrors(pub Vec<InputError>);
