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

impl Kind {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Pathway, Lang::En) => "pathway",
            (Kind::Pathway, Lang::Da) => "pakkeforløb",
            (Kind::Instrument, Lang::En) => "instrument",
            (Kind::Instrument, Lang::Da) => "spørgeskema",
            (Kind::Measurement, Lang::En) => "measurement",
            (Kind::Measurement, Lang::Da) => "måling",
            (Kind::Intervention, Lang::En) => "intervention",
            (Kind::Intervention, Lang::Da) => "indsats",
            (Kind::Gate, Lang::En) => "gate",
            (Kind::Gate, Lang::Da) => "sikkerhedsstop",
            (Kind::Treatment, Lang::En) => "treatment",
            (Kind::Treatment, Lang::Da) => "behandling",
        }
    }
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

/// What is wrong with a field. Each variant carries what its message names; the English and
/// Danish messages are made in one place, [`Problem::text`]. Values quoted from the input are
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
    /// patient: `en`/`da` say what the other field implies.
    Contradicts {
        /// The other field.
        other: String,
        /// What the other field implies, in English.
        en: String,
        /// The same in Danish.
        da: String,
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

impl Problem {
    /// The message in `lang`.
    #[must_use]
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem, each in both languages: the engine's messages in one place"
    )]
    pub fn text(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let num = |x: f64| crate::engine::text::number_text(x, lang);
        // A date as people read it ("1. marts 2027"); what was typed stays as it was typed.
        let day = |s: &str| {
            crate::engine::text::iso_date(s)
                .map_or_else(|| s.to_owned(), |d| crate::engine::text::date_text(d, lang))
        };
        let pick = |e: String, d: String| if en { e } else { d };
        match self {
            Problem::Malformed(m) => m.clone(),
            Problem::TooLarge { bytes, max } => pick(
                format!("the input is {bytes} bytes; at most {max} bytes are accepted"),
                format!("inputtet fylder {bytes} bytes; højst {max} bytes modtages"),
            ),
            Problem::WrongSchema { expected, got } => pick(
                format!("expected \"{expected}\", got \"{got}\""),
                format!("forventede \"{expected}\", fik \"{got}\""),
            ),
            Problem::NoPathway => pick(
                "choose at least one pathway".into(),
                "vælg mindst ét pakkeforløb".into(),
            ),
            Problem::Unknown { kind, id, known } => {
                let what = kind.text(lang);
                let list = known.join(", ");
                match (known.is_empty(), en) {
                    (true, true) => format!("unknown {what} '{id}'"),
                    (true, false) => format!("ukendt {what} '{id}'"),
                    (false, true) => format!("unknown {what} '{id}'; expected one of {list}"),
                    (false, false) => format!("ukendt {what} '{id}'; vælg blandt {list}"),
                }
            }
            Problem::Duplicate(id) => pick(
                format!("pathway '{id}' is listed twice"),
                format!("pakkeforløbet '{id}' er valgt to gange"),
            ),
            Problem::DateMissing => pick(
                "a date is required (YYYY-MM-DD)".into(),
                "dato skal udfyldes".into(),
            ),
            Problem::DateFormat(s) => pick(
                format!("'{s}' is not a date in the form YYYY-MM-DD"),
                format!("'{s}' er ikke en dato på formen ÅÅÅÅ-MM-DD"),
            ),
            Problem::DateNotReal(s) => pick(
                format!("{s} is not a real calendar date"),
                format!("{s} er ikke en gyldig kalenderdato"),
            ),
            Problem::DateYears(s) => pick(
                format!("{} is outside the years 1900–2200", day(s)),
                format!("{} ligger uden for årene 1900–2200", day(s)),
            ),
            Problem::DateOrder { date, other } => {
                let date = day(date);
                match other {
                    OtherDate::BeforeDiagnosis(d) => pick(
                        format!("{date} is before the diagnosis date {}", day(d)),
                        format!("{date} ligger før diagnosedatoen {}", day(d)),
                    ),
                    OtherDate::AfterAssessment => pick(
                        format!("{date} is after the assessment date"),
                        format!("{date} ligger efter datoen for behovsvurderingen"),
                    ),
                    OtherDate::NotAfterPrevious(p) => pick(
                        format!("{date} is not after the previous assessment {}", day(p)),
                        format!("{date} ligger ikke efter den tidligere vurdering {}", day(p)),
                    ),
                }
            }
            Problem::AnswerCount { expected, got } => pick(
                format!("expected {expected} answers, got {got}"),
                format!("forventede {expected} svar, fik {got}"),
            ),
            Problem::AnswerOutOfRange { given, lo, hi } => pick(
                format!("{given} is out of range: answer {lo}–{hi} or null for unknown"),
                format!("{given} er uden for skalaen: svar {lo}–{hi} eller ved ikke"),
            ),
            Problem::NotWhole(v) => pick(
                format!("{} is not a whole number", num(*v)),
                format!("{} er ikke et helt tal", num(*v)),
            ),
            Problem::OutOfRange { given, lo, hi, unit } => {
                let unit = unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
                pick(
                    format!("{} is out of range {}–{}{unit}", num(*given), num(*lo), num(*hi)),
                    format!("{} er uden for intervallet {}–{}{unit}", num(*given), num(*lo), num(*hi)),
                )
            }
            Problem::NotOneOf { given, codes } => pick(
                format!("{given} is not one of {}", codes.join(", ")),
                format!("{given} er ikke en af {}", codes.join(", ")),
            ),
            Problem::WrongKind { given, expected } => {
                let (e, d) = match expected {
                    Expected::Number => ("a number".to_owned(), "et tal".to_owned()),
                    Expected::Whole => ("a whole number".to_owned(), "et helt tal".to_owned()),
                    Expected::Bool => ("true or false".to_owned(), "ja eller nej".to_owned()),
                    Expected::Code(c) => (format!("one of {}", c.join(", ")), format!("en af {}", c.join(", "))),
                    Expected::Codes(c) => (
                        format!("a list of {}", c.join(", ")),
                        format!("en liste af {}", c.join(", ")),
                    ),
                };
                pick(
                    format!("{given} is not valid: expected {e}"),
                    format!("{given} er ikke gyldig: skriv {d}"),
                )
            }
            Problem::TotalNotAllowed => pick(
                "this instrument is entered item by item: its rules read the answers".into(),
                "dette spørgeskema udfyldes spørgsmål for spørgsmål: reglerne bruger svarene".into(),
            ),
            Problem::TotalWithAnswers => pick(
                "give the answers or the total, not both (the answers are used)".into(),
                "angiv svarene eller totalen, ikke begge (svarene bruges)".into(),
            ),
            Problem::TotalOutOfRange { given, max } => pick(
                format!("{given} is not a total of 0–{max}"),
                format!("{given} er ikke en total mellem 0 og {max}"),
            ),
            Problem::NotAsked { given, pathways } => {
                let list = pathways.join(", ");
                let (e, d) = match given {
                    Given::Answers => ("remove it", "fjern svarene, eller vælg et forløb, der bruger dem"),
                    Given::Total => ("remove it", "fjern totalen, eller vælg et forløb, der bruger den"),
                    Given::Value => ("remove it", "fjern værdien, eller vælg et forløb, der bruger den"),
                };
                pick(
                    format!("not asked in the chosen pathways ({list}): {e} or choose a pathway that asks it"),
                    format!("bruges ikke i de valgte pakkeforløb ({list}): {d}"),
                )
            }
            Problem::TooManyGoals(max) => pick(
                format!("at most {max} goals: the goals after the {max}th are left out"),
                format!("højst {max} mål: målene efter det {max}. er udeladt"),
            ),
            Problem::TooLong(max) => pick(
                format!("longer than {max} characters"),
                format!("længere end {max} tegn"),
            ),
            Problem::GoalTooLong(max) => pick(
                format!("longer than {max} characters: shorten this goal (the others are kept)"),
                format!("længere end {max} tegn: forkort dette mål (de andre er med)"),
            ),
            Problem::NotChosen => pick(
                "not one of the chosen pathways".into(),
                "ikke et af de valgte pakkeforløb".into(),
            ),
            Problem::LevelOutOfRange => {
                pick("a level is 1, 2 or 3".into(), "niveau er 1, 2 eller 3".into())
            }
            Problem::ReasonRequired => pick(
                "a reason is required".into(),
                "en begrundelse skal udfyldes".into(),
            ),
            Problem::CarriedNotGiven(f) => pick(
                format!("'{f}' is not an instrument or measurement given in this input"),
                format!("'{f}' er ikke et spørgeskema eller en måling i dette input"),
            ),
            Problem::AgeOutOfRange => pick("age must be 0–120".into(), "alder skal være 0–120".into()),
            Problem::Contradicts { other, en, da } => pick(
                format!("contradicts {other}: {en}; correct one of the two"),
                format!("modsiger {other}: {da}; ret et af de to felter"),
            ),
            Problem::SexInvalid => pick(
                "expected female, male or other".into(),
                "forventede female, male eller other".into(),
            ),
            Problem::PhaseNeedsPrevious(phase) => pick(
                format!("a re-assessment ({phase}) needs the previous plan, whose follow-up sets its deadline: pass it as previousPlan (or --previous)"),
                format!("en revurdering ({phase}) kræver den tidligere plan, hvis opfølgning sætter fristen: indlæs den tidligere plan"),
            ),
            Problem::PreviousSchema { got, reads } => pick(
                format!("a plan of schema \"{got}\" cannot be read by this version, which reads \"{reads}\""),
                format!("en plan med skema \"{got}\" kan ikke læses af denne version, som læser \"{reads}\""),
            ),
            Problem::PreviousContentMissing(id) => pick(
                format!("the previous plan used content '{id}', which this widget does not have"),
                format!("den tidligere plan brugte indholdet '{id}', som denne widget ikke har"),
            ),
            Problem::PreviousContentVersion { id, was, now } => pick(
                format!("the previous plan was made with {id} content version {was}; this widget has {now}: compare by hand"),
                format!("den tidligere plan er lavet med {id} indholdsversion {was}; denne widget har {now}: sammenlign manuelt"),
            ),
            Problem::PreviousPack { was, now } => {
                let (we, wd) = was.as_deref().map_or(("the built-in content", "det indbyggede indhold"), |w| (w, w));
                let (ne, nd) = now.as_deref().map_or(("the built-in content", "det indbyggede indhold"), |n| (n, n));
                pick(
                    format!("the previous plan was made with {we}; this widget has {ne}: compare by hand"),
                    format!("den tidligere plan er lavet med {wd}; denne widget har {nd}: sammenlign manuelt"),
                )
            }
            Problem::PreviousIncomplete(m) => {
                pick(m.clone(), format!("planen er ufuldstændig: {m}"))
            }
        }
    }
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
