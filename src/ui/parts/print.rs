//! The printout for the patient.

use leptos::prelude::*;

use crate::engine::content::GateKind;
use crate::engine::gates::GateState;
use crate::engine::input::TreatmentDecisionKind;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::text::date_text;

/// The plan for the patient, in plain words: goals, offers, dates and whom to contact. Hidden on
/// screen; the only thing printed.
pub(crate) fn print_view(print_private: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let content = ctx.content();
    let body = move || {
        let l = lang.get();
        eval.with(|e| {
            e.plan.as_ref().map(|p| {
                // What must happen first, before the routine plan: each gate in its words for
                // the patient, never the instruction written for the GP; a sensitive one only
                // when the GP chose to print it.
                let private = print_private.get();
                let first: Vec<String> = p
                    .gates
                    .iter()
                    .filter(|g| {
                        matches!(g.state, GateState::Open | GateState::Handled)
                            && g.kind != GateKind::Contraindication
                            && (private || !g.private)
                    })
                    .map(|g| g.patient_text.clone())
                    .collect();
                let first = (!first.is_empty()).then(|| {
                    let items = first
                        .into_iter()
                        .map(|a| view! { <li>{a}</li> })
                        .collect_view();
                    view! {
                        <h3>{tr(l, "print-first")}</h3>
                        <ul class="pf-print-first">{items}</ul>
                    }
                });
                // The goals of the plan itself, so the printout never differs from the JSON.
                // A heading only over something: the printout has no empty sections.
                let goals = (!p.goals.patient.is_empty()).then(|| {
                    let items = p
                        .goals
                        .patient
                        .iter()
                        .map(|g| view! { <li>{crate::ui::text::shown_text(g)}</li> })
                        .collect_view();
                    view! {
                        <h3>{tr(l, "print-your-goals")}</h3>
                        <ul>{items}</ul>
                    }
                });
                let offers = (!p.interventions.is_empty())
                    .then(|| {
                        p.interventions
                            .iter()
                            .map(|i| {
                                let who = tr(l, crate::ui::i18n::provider_key(i.provider));
                                let contact = tr(l, crate::ui::i18n::contact_key(i.provider));
                                let start = match i.start_by {
                                    Some(d) => Some(format!(
                                        "{} {}. ",
                                        tr(l, "print-start-by"),
                                        date_text(l, d)
                                    )),
                                    None if i.awaiting_acceptance => {
                                        Some(format!("{} ", tr(l, "print-when-ready")))
                                    }
                                    None => None,
                                };
                                view! {
                                    <li>
                                        <strong>{i.title.clone()}</strong>
                                        " ("
                                        {who}
                                        "). "
                                        {i.description.clone()}
                                        <br />
                                        {start}
                                        {contact}
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                    .map(|items| {
                        view! {
                            <h3>{tr(l, "print-offers")}</h3>
                            <ul>{items}</ul>
                        }
                    });
                let dates = (!p.follow_up.is_empty()).then(|| {
                    let items = p
                        .follow_up
                        .iter()
                        .map(|f| view! { <li>{f.title.clone()} ": " {date_text(l, f.due)}</li> })
                        .collect_view();
                    view! {
                        <h3>{tr(l, "print-dates")}</h3>
                        <ul>{items}</ul>
                    }
                });
                // Medicine the GP started at this consultation, by name only (never a dose).
                let started: Vec<String> = p
                    .treatment
                    .iter()
                    .filter(|t| {
                        t.decision
                            .as_ref()
                            .is_some_and(|d| d.decision == TreatmentDecisionKind::Started)
                    })
                    .map(|t| t.title.clone())
                    .collect();
                let medicine = (!started.is_empty()).then(|| {
                    let items = started
                        .into_iter()
                        .map(|t| view! { <li>{t}</li> })
                        .collect_view();
                    view! {
                        <h3>{tr(l, "print-medicine")}</h3>
                        <ul class="pf-print-medicine">{items}</ul>
                    }
                });
                // Since the last plan: the values that moved, in plain words with their dates.
                let since = p
                    .changes
                    .as_ref()
                    .filter(|c| !c.values.is_empty())
                    .map(|c| {
                        let items = c
                            .values
                            .iter()
                            .map(|v| {
                                let t = crate::engine::previous::value_change_text(&content, v, l);
                                view! { <li>{t}</li> }
                            })
                            .collect_view();
                        view! {
                            <h3>{tr(l, "print-since")}</h3>
                            <ul class="pf-print-since">{items}</ul>
                        }
                    });
                view! {
                    <h2>{tr(l, "print-title")}</h2>
                    <p>{tr(l, "print-date")} ": " {date_text(l, p.assessment_date)}</p>
                    <p>{tr(l, "print-intro")}</p>
                    {first}
                    {since}
                    {goals}
                    {offers}
                    {medicine}
                    {dates}
                }
            })
        })
    };
    view! {
        <section class="pf-print" aria-hidden="true">
            {body}
        </section>
    }
}
