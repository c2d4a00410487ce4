//! The printout for the patient.

use leptos::prelude::*;

use crate::engine::content::GateKind;
use crate::engine::gates::GateState;
use crate::ui::date_text;
use crate::ui::i18n::tr;
use crate::ui::views::Ctx;

/// The plan for the patient, in plain words: goals, offers, dates and whom to contact. Hidden on
/// screen; the only thing printed.
pub(crate) fn print_view(ctx: &Ctx) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let body = move || {
        let l = lang.get();
        eval.with(|e| {
            e.plan.as_ref().map(|p| {
                // What must happen first, before the routine plan: the acute actions and the
                // reasons a pathway does not go on, in the GP's words.
                let first: Vec<String> = p
                    .gates
                    .iter()
                    .filter(|g| {
                        matches!(g.state, GateState::Open | GateState::Handled)
                            && g.kind != GateKind::Contraindication
                    })
                    .map(|g| g.action.clone())
                    .collect();
                let first = (!first.is_empty()).then(|| {
                    let items = first.into_iter().map(|a| view! { <li>{a}</li> }).collect_view();
                    view! {
                        <h3>{tr(l, "print-first")}</h3>
                        <ul class="pf-print-first">{items}</ul>
                    }
                });
                // The goals of the plan itself, so the printout never differs from the JSON.
                let goals = p.goals.patient.iter().map(|g| view! { <li>{g.clone()}</li> }).collect_view();
                let offers = p
                    .interventions
                    .iter()
                    .map(|i| {
                        let who = crate::ui::i18n::lookup(l, &format!("prov-{}", i.provider)).unwrap_or_default();
                        let contact = crate::ui::i18n::lookup(l, &format!("contact-{}", i.provider)).unwrap_or_default();
                        let start = i.start_by.map(|d| format!("{} {}. ", tr(l, "print-start-by"), date_text(l, d)));
                        view! {
                            <li>
                                <strong>{i.title.clone()}</strong> " (" {who} "). " {i.description.clone()}
                                <br />
                                {start} {contact}
                            </li>
                        }
                    })
                    .collect_view();
                let dates = p
                    .follow_up
                    .iter()
                    .map(|f| {
                        let label = crate::ui::i18n::lookup(l, &format!("fu-{}", f.id)).map_or_else(|| f.id.clone(), str::to_owned);
                        view! { <li>{label} ": " {date_text(l, f.due)}</li> }
                    })
                    .collect_view();
                view! {
                    <h2>{tr(l, "print-title")}</h2>
                    <p>{tr(l, "print-date")} ": " {date_text(l, p.assessment_date)}</p>
                    <p>{tr(l, "print-intro")}</p>
                    {first}
                    <h3>{tr(l, "print-your-goals")}</h3>
                    <ul>{goals}</ul>
                    <h3>{tr(l, "print-offers")}</h3>
                    <ul>{offers}</ul>
                    <h3>{tr(l, "print-dates")}</h3>
                    <ul>{dates}</ul>
                }
            })
        })
    };
    view! { <section class="pf-print" aria-hidden="true">{body}</section> }
}
