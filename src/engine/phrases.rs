//! Every sentence the engine writes itself, in Danish and English, in one place: the plan's
//! warnings and reasons, the referral letter ([`Phrase`]), the FHIR export's texts ([`FhirPhrase`]) and the
//! messages of an input's problems ([`Problem::text`]). What the content says (titles, rule
//! texts, offers) comes from the pathway files in both languages; the widget's own labels are in
//! `ui/i18n.rs`. Content errors are for the integrator who wrote the file and are English only
//! (`error/content.rs`).
//!
//! To change a wording, change it here: a plan's text changes with it, so the recorded plans
//! (tests/recorded.rs) say which examples it touches. To add a sentence, add a [`Phrase`]
//! variant carrying what the sentence names, with both languages side by side.

use chrono::NaiveDate;

use crate::engine::error::{Contradiction, Expected, Given, Kind, OtherDate, Problem};
use crate::engine::text::{date_text, Lang};

/// A sentence the engine writes, with the values it names. [`Phrase::text`] gives it in a
/// language.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Phrase<'a> {
    /// `ja` / `yes`, `nej` / `no`: a yes/no fact as the GP reads it.
    YesNo(bool),
    /// The MDI's ICD-10 grade (`none`, `mild`, `moderate`, `severe`) in words.
    Icd10Depression(&'a str),
    /// A goal whose target depends on a value that is missing.
    TargetUnknown {
        /// The goal's label.
        label: &'a str,
    },
    /// A goal's target: its label, the bound and the unit (`" mmol/mol"`, or empty).
    Target {
        /// The goal's label.
        label: &'a str,
        /// The bound, its numbers as the reader reads them.
        bound: Bound,
        /// The unit, with its leading space, or empty.
        unit: &'a str,
    },
    /// A pathway's level is provisional: a rule for a higher level waits for these fields.
    LevelProvisional {
        /// The level proposed now.
        level: u8,
        /// The fields, as a list the reader reads.
        fields: &'a str,
    },
    /// The person axis is provisional: a rule for a higher level waits for these fields.
    PersonAxisProvisional {
        /// The fields, as a list the reader reads.
        fields: &'a str,
    },
    /// The head of the missing-data warning: the pathways whose rules need data.
    MissingDataFor {
        /// The pathways' titles.
        titles: &'a str,
    },
    /// In the missing-data warning, a group needed by some of the pathways only.
    OnlyFor {
        /// Those pathways' titles.
        titles: &'a str,
    },
    /// The tail of the missing-data warning.
    MayBeTooLow,
    /// Values carried over from a previous plan and not confirmed today.
    CarriedOver {
        /// The previous plans' dates.
        dates: &'a str,
        /// The fields, as a list the reader reads.
        labels: &'a str,
    },
    /// Sources the rules rest on are past their review date.
    ContentReviewOverdue {
        /// How many sources.
        count: usize,
        /// The first review date passed.
        by: NaiveDate,
        /// The sources' titles.
        titles: &'a str,
    },
    /// An acceptance recorded for an offer the plan does not have.
    NotAnOffer {
        /// The intervention's id.
        id: &'a str,
    },
    /// A removal recorded for an intervention the plan does not propose.
    NothingToRemove {
        /// The intervention's id.
        id: &'a str,
    },
    /// An intervention added that the plan already has.
    AlreadyInPlan {
        /// The intervention's id.
        id: &'a str,
    },
    /// A level chosen for a pathway a gate holds back.
    LevelHeldBack {
        /// The pathway's id.
        pathway: &'a str,
    },
    /// Decisions recorded for gates that are not open or waiting for them.
    UnusedGateDecisions {
        /// The gates' ids.
        ids: &'a str,
    },
    /// A decision recorded for a treatment the plan does not prompt.
    UnpromptedTreatment,
    /// The referral letter's first line.
    ReferralTo,
    /// The referral letter's reason.
    ReferralReason,
    /// The referral letter's diagnoses.
    Diagnoses,
    /// The referral letter's clinical information.
    ClinicalInformation,
    /// The referral letter's patient goals.
    PatientGoals,
    /// The patient's consent to an offer: the day they said yes, or not recorded.
    Consent(Option<NaiveDate>),
    /// Whether the patient needs an interpreter (`None`: not recorded).
    Interpreter(Option<bool>),
    /// An offer's latest start: a day, counted from the patient's yes, or no deadline.
    LatestStart {
        /// The day, when there is one.
        by: Option<NaiveDate>,
        /// The offer waits for the patient's yes (used when there is no day).
        awaiting_yes: bool,
    },
}

/// A goal's bound, its numbers already written as the reader reads them (`7,5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// From `lo` to `hi`.
    Between(String, String),
    /// At most.
    AtMost(String),
    /// Below.
    Below(String),
    /// At least.
    AtLeast(String),
}

impl Phrase<'_> {
    /// The sentence in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let pick = |d: &str, e: &str| if da { d } else { e }.to_owned();
        match self {
            Phrase::YesNo(b) => pick(if *b { "ja" } else { "nej" }, if *b { "yes" } else { "no" }),
            Phrase::Icd10Depression(grade) => match (lang, *grade) {
                (Lang::Da, "none") => "ingen depression efter ICD-10".to_owned(),
                (Lang::Da, "mild") => "let depression efter ICD-10".to_owned(),
                (Lang::Da, "moderate") => "moderat depression efter ICD-10".to_owned(),
                (Lang::Da, "severe") => "svær depression efter ICD-10".to_owned(),
                (Lang::Da, other) => format!("icd10 {other}"),
                (Lang::En, grade) => format!("{grade} depression by ICD-10"),
            },
            Phrase::TargetUnknown { label } => match lang {
                Lang::Da => format!("{label}: målet afhænger af oplysninger, der mangler"),
                Lang::En => format!("{label}: the target depends on information that is missing"),
            },
            Phrase::Target { label, bound, unit } => match (bound, lang) {
                (Bound::Between(a, b), _) => format!("{label} {a}–{b}{unit}"),
                (Bound::AtMost(b), Lang::Da) => format!("{label} højst {b}{unit}"),
                (Bound::AtMost(b), Lang::En) => format!("{label} at most {b}{unit}"),
                (Bound::Below(b), Lang::Da) => format!("{label} under {b}{unit}"),
                (Bound::Below(b), Lang::En) => format!("{label} below {b}{unit}"),
                (Bound::AtLeast(a), Lang::Da) => format!("{label} mindst {a}{unit}"),
                (Bound::AtLeast(a), Lang::En) => format!("{label} at least {a}{unit}"),
            },
            Phrase::LevelProvisional { level, fields } => match lang {
                Lang::Da => format!("Niveau {level} er foreløbigt: en regel for et højere niveau kan ikke vurderes, før dette er udfyldt: {fields}."),
                Lang::En => format!("Level {level} is provisional: a rule for a higher level cannot be assessed until this is filled in: {fields}."),
            },
            Phrase::PersonAxisProvisional { fields } => match lang {
                Lang::Da => format!("Personaksen (ressourcer og livssituation) er foreløbig: en regel for et højere niveau kan ikke vurderes, før dette er udfyldt: {fields}."),
                Lang::En => format!("The person axis (resources and life situation) is provisional: a rule for a higher level cannot be assessed until this is filled in: {fields}."),
            },
            Phrase::MissingDataFor { titles } => match lang {
                Lang::Da => format!("Der mangler oplysninger, som reglerne for {titles} bruger"),
                Lang::En => format!("Information the rules for {titles} use is missing"),
            },
            Phrase::OnlyFor { titles } => match lang {
                Lang::Da => format!(" Kun for {titles}"),
                Lang::En => format!(" Only for {titles}"),
            },
            Phrase::MayBeTooLow => pick(
                " Niveau og indsatser kan være for lave, indtil de er udfyldt.",
                " Level and interventions may be too low until it is filled in.",
            ),
            Phrase::CarriedOver { dates, labels } => match lang {
                Lang::Da => format!("Overført fra planen {dates} og ikke bekræftet i dag: {labels}. Bekræft eller ret værdierne."),
                Lang::En => format!("Carried over from the plan of {dates} and not confirmed today: {labels}. Confirm or correct the values."),
            },
            Phrase::ContentReviewOverdue { count, by, titles } => {
                let by = date_text(*by, lang);
                match lang {
                    Lang::Da => format!("Indholdet er ikke gennemgået til tiden: {count} kilde(r), som reglerne bygger på, skulle være tjekket igen senest {by}. Reglerne kan være forældede; tjek kilderne, før planen bruges: {titles}."),
                    Lang::En => format!("The content is overdue for review: {count} source(s) the rules rest on were due to be checked again by {by}. The rules may be out of date; check the sources before using the plan: {titles}."),
                }
            }
            Phrase::NotAnOffer { id } => match lang {
                Lang::Da => format!("'{id}' er ikke blandt planens tilbud, så accepten er ikke registreret."),
                Lang::En => format!("'{id}' is not among the plan's offers, so the acceptance is not recorded."),
            },
            Phrase::NothingToRemove { id } => match lang {
                Lang::Da => format!("'{id}' er ikke blandt de foreslåede indsatser, så der er intet at fjerne."),
                Lang::En => format!("'{id}' is not among the proposed interventions, so there is nothing to remove."),
            },
            Phrase::AlreadyInPlan { id } => match lang {
                Lang::Da => format!("'{id}' er allerede i planen."),
                Lang::En => format!("'{id}' is already in the plan."),
            },
            Phrase::LevelHeldBack { pathway } => match lang {
                Lang::Da => format!("Det niveau, du valgte for {pathway}, er ikke brugt: et sikkerhedsstop holder forløbet tilbage, så det har intet niveau."),
                Lang::En => format!("The level you chose for {pathway} is not applied: a safety gate holds the pathway back, so it has no level."),
            },
            Phrase::UnusedGateDecisions { ids } => match lang {
                Lang::Da => format!("Der er registreret en beslutning om et sikkerhedsstop, som ikke er åbent eller venter på den, så den ændrer intet: {ids}."),
                Lang::En => format!("A decision was recorded for a safety gate that is not open or waiting for it, so it changes nothing: {ids}."),
            },
            Phrase::UnpromptedTreatment => pick(
                "Der er registreret en beslutning om en behandling, som planen ikke (længere) foreslår at overveje, så den står ikke under behandling.",
                "A decision was recorded for a treatment the plan does not prompt (now), so it is not in the plan's treatments.",
            ),
            Phrase::ReferralTo => pick("Henvisning til", "Referral to"),
            Phrase::ReferralReason => pick("Henvisningsårsag", "Reason for referral"),
            Phrase::Diagnoses => pick("Diagnoser", "Diagnoses"),
            Phrase::ClinicalInformation => pick("Kliniske oplysninger", "Clinical information"),
            Phrase::PatientGoals => pick("Patientens mål", "The patient's goals"),
            Phrase::Consent(Some(d)) => match lang {
                Lang::Da => format!("Samtykke: patienten har sagt ja til tilbuddet {}", date_text(*d, lang)),
                Lang::En => format!("Consent: the patient said yes to the offer on {}", date_text(*d, lang)),
            },
            Phrase::Consent(None) => pick("Samtykke: ikke registreret", "Consent: not recorded"),
            Phrase::Interpreter(need) => match (need, lang) {
                (Some(true), Lang::Da) => "Tolk: ja, patienten har behov for tolk".to_owned(),
                (Some(false), Lang::Da) => "Tolk: nej".to_owned(),
                (None, Lang::Da) => "Tolk: ikke oplyst".to_owned(),
                (Some(true), Lang::En) => "Interpreter: yes, the patient needs an interpreter".to_owned(),
                (Some(false), Lang::En) => "Interpreter: no".to_owned(),
                (None, Lang::En) => "Interpreter: not recorded".to_owned(),
            },
            Phrase::LatestStart { by: Some(d), .. } => match lang {
                Lang::Da => format!("Seneste opstart: {}", date_text(*d, lang)),
                Lang::En => format!("Latest start: {}", date_text(*d, lang)),
            },
            Phrase::LatestStart { by: None, awaiting_yes: true } => pick(
                "Seneste opstart: regnes fra den dag, patienten siger ja",
                "Latest start: counted from the day the patient says yes",
            ),
            Phrase::LatestStart { by: None, awaiting_yes: false } => {
                pick("Seneste opstart: ingen frist", "Latest start: no deadline")
            }
        }
    }
}

/// A sentence of the FHIR export and import, kept apart from [`Phrase`] so that the widget,
/// which does not export FHIR (that is the separate FHIR module), does not carry them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FhirPhrase<'a> {
    /// The FHIR Observation of a pathway's level.
    LevelObservation {
        /// The pathway's id.
        pathway: &'a str,
    },
    /// The GP chose another level than proposed.
    LevelOverridden {
        /// The proposed level.
        proposed: u8,
        /// The GP's level.
        level: u8,
        /// The GP's reason.
        reason: &'a str,
    },
    /// An intervention the GP took out of the proposal.
    TakenOut {
        /// The GP's reason.
        reason: &'a str,
    },
    /// The FHIR CarePlan's title.
    CarePlanTitle,
    /// The FHIR CarePlan's description.
    CarePlanDescription {
        /// The plan's status.
        status: &'a str,
        /// The overall level, or `-`.
        level: &'a str,
    },
    /// The answer "none of these" to a list of codes, as assessed.
    NoneOfThese,
}

impl FhirPhrase<'_> {
    /// The sentence in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let pick = |d: &str, e: &str| if da { d } else { e }.to_owned();
        match self {
            FhirPhrase::LevelObservation { pathway } => match lang {
                Lang::Da => format!("Differentieringsniveau ({pathway})"),
                Lang::En => format!("Differentiation level ({pathway})"),
            },
            FhirPhrase::LevelOverridden {
                proposed,
                level,
                reason,
            } => match lang {
                Lang::Da => format!("Foreslået niveau {proposed}, lægen valgte {level}: {reason}"),
                Lang::En => format!("Proposed level {proposed}, the GP chose {level}: {reason}"),
            },
            FhirPhrase::TakenOut { reason } => match lang {
                Lang::Da => format!("Fravalgt af lægen: {reason}"),
                Lang::En => format!("Taken out by the GP: {reason}"),
            },
            FhirPhrase::CarePlanTitle => pick(
                "Behandlingsplan (pakkeforløb)",
                "Treatment plan (package pathway)",
            ),
            FhirPhrase::CarePlanDescription { status, level } => match lang {
                Lang::Da => format!("Status: {status}. Niveau: {level}"),
                Lang::En => format!("Status: {status}. Level: {level}"),
            },
            FhirPhrase::NoneOfThese => {
                pick("Ingen af disse (vurderet)", "None of these (assessed)")
            }
        }
    }
}

impl Kind {
    /// The kind in words (`spørgeskema`, `instrument`).
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

impl Problem {
    /// The message in `lang`.
    #[must_use]
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per problem, each in both languages side by side"
    )]
    pub fn text(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let num = |x: f64| crate::engine::text::number_text(x, lang);
        // A date as people read it ("1. marts 2027"); what was typed stays as it was typed.
        let day = |s: &str| {
            crate::engine::text::iso_date(s).map_or_else(|| s.to_owned(), |d| date_text(d, lang))
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
            Problem::Contradicts { other, why } => {
                let (e, d) = match why {
                    Contradiction::IschaemicIsKnownCvd => (
                        "ischaemic heart disease is a known cardiovascular disease".to_owned(),
                        "iskæmisk hjertesygdom er en kendt hjerte-kar-sygdom".to_owned(),
                    ),
                    Contradiction::IndexDiseases(n) => (
                        format!("{n} of the chosen pathways are chronic diseases of their own"),
                        format!("{n} af de valgte pakkeforløb er kroniske sygdomme i sig selv"),
                    ),
                };
                pick(
                    format!("contradicts {other}: {e}; correct one of the two"),
                    format!("modsiger {other}: {d}; ret et af de to felter"),
                )
            }
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
