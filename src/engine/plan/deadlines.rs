//! The plan's deadlines: the plan, the municipal starts, the next review.

use chrono::{Days, Months, NaiveDate};

use super::contract::{DeadlineBasis, Deadlines, Warning};
use super::previous::PreviousPlan;
use super::PLAN_DUE_DAYS;
use crate::engine::content::{
    Content, InterventionDef, Pathway, Phase, Provider, MUNICIPAL_START_DAYS,
};
use crate::engine::input::ValidInput;
use crate::engine::text::Lang;

/// The latest start of an intervention: the catalogue's days after the assessment, and never
/// later than 21 days for a municipal offer (the pakkeforløb agreement).
pub(super) fn start_by(def: &InterventionDef, assessment: NaiveDate) -> Option<NaiveDate> {
    let own = def.start_within_days.map(|d| add_days(assessment, d));
    if def.provider == Provider::Kommune {
        let latest = add_days(assessment, MUNICIPAL_START_DAYS);
        Some(own.map_or(latest, |s| s.min(latest)))
    } else {
        own
    }
}

pub(super) fn add_days(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_add_days(Days::new(u64::from(days))).unwrap_or(d)
}

/// The deadlines of a consultation: trin 1 counts 30 days from the diagnosis; a re-assessment
/// is due when the previous plan's yearly status (vedvarende fase) or next review (trin 2) was.
pub(super) fn deadlines(
    input: &ValidInput,
    previous: Option<&PreviousPlan>,
    suspended: bool,
    municipal: bool,
) -> Deadlines {
    let from_previous = |id: &str| {
        previous.and_then(|p| {
            p.follow_up
                .iter()
                .filter(|f| f.id == id)
                .map(|f| f.due)
                .min()
        })
    };
    let (plan_due, basis) = match (input.phase, previous) {
        (Phase::Vedvarende, Some(p)) => (
            from_previous("aarsstatus").unwrap_or_else(|| add_months(p.assessment_date, 12)),
            DeadlineBasis::Aarsstatus,
        ),
        (Phase::Trin2, Some(p)) => (
            from_previous("kontrol")
                .or_else(|| from_previous("aarsstatus"))
                .unwrap_or_else(|| add_months(p.assessment_date, 12)),
            DeadlineBasis::Kontrol,
        ),
        _ => (
            add_days(input.diagnosis_date, PLAN_DUE_DAYS),
            DeadlineBasis::Diagnose,
        ),
    };
    Deadlines {
        plan_due,
        basis,
        plan_overdue: input.assessment_date > plan_due,
        days_to_plan_due: (plan_due - input.assessment_date).num_days(),
        suspended,
        municipal_start_by: municipal
            .then(|| add_days(input.assessment_date, MUNICIPAL_START_DAYS)),
    }
}

pub(super) fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// The warning `content-review-overdue`: a source that the rules in use rest on was due to be
/// checked again before the assessment date. The plan stands, but says its content may be out
/// of date (the governance in the intended-use page says who reviews it).
pub(super) fn review_overdue(
    content: &Content,
    pathways: &[(&String, &Pathway)],
    assessment: NaiveDate,
    lang: Lang,
) -> Option<Warning> {
    let mut due: Vec<(NaiveDate, &str)> = content
        .sources_in_use(pathways)
        .into_iter()
        .filter_map(|id| {
            let s = content.sources.get(id)?;
            let by = crate::engine::text::iso_date(&s.review_by)?;
            (by < assessment).then_some((by, s.title.as_str()))
        })
        .collect();
    if due.is_empty() {
        return None;
    }
    crate::engine::sort_short(&mut due, |a, b| a < b);
    let first = due[0].0;
    let titles = due.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("; ");
    Some(Warning {
        id: "content-review-overdue".into(),
        pathway: content.shared.id.clone(),
        text: crate::engine::phrases::Phrase::ContentReviewOverdue {
            count: due.len(),
            by: first,
            titles: &titles,
        }
        .text(lang),
        fields: Vec::new(),
        reason: None,
        gate: None,
    })
}
