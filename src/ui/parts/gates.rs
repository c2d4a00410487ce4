//! The safety gates, shown first and unmistakably: an open acute gate stands above every step
//! as an alert in its own style (never the style of an informational note), with the action
//! the GP must take, its urgency and its source, and the two things the GP can record: the
//! action was taken, or the gate is overridden with a reason. Pending gates name the questions
//! that remain, each a link to its field.

use leptos::prelude::*;

use crate::engine::content::{GateKind, Urgency};
use crate::engine::gates::{GateResult, GateState};
use crate::engine::input::{GateDecision, GateDecisionKind};
use crate::engine::Lang;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::reasons::source_disclosure;
use crate::ui::step::Step;

/// Which gates a step shows: acute ones everywhere; on the assessment step also exclusions
/// (the finding is typed there); all of them where the level and the plan are read.
fn shown_on(step: Step, g: &GateResult) -> bool {
    let acute = g.kind == GateKind::Acute && g.state == GateState::Open;
    match step {
        Step::Start => acute,
        Step::Assessment => acute || (g.kind == GateKind::Exclusion && g.state == GateState::Open),
        Step::Differentiation | Step::Plan => true,
    }
}

fn heading_key(g: &GateResult) -> &'static str {
    match (g.kind, g.state) {
        (_, GateState::Pending) => "gate-pending",
        (_, GateState::Handled) => "gate-handled",
        (_, GateState::Overridden) => "gate-overridden",
        (GateKind::Acute, GateState::Open) => "gate-acute",
        (GateKind::Exclusion, GateState::Open) => "gate-exclusion",
        (GateKind::Contraindication, GateState::Open) => "gate-contraindication",
    }
}

fn urgency_key(u: Urgency) -> &'static str {
    match u {
        Urgency::SammeDag => "urgency-samme-dag",
        Urgency::FoerForloeb => "urgency-foer-forloeb",
        Urgency::FoerIndsats => "urgency-foer-indsats",
    }
}

/// The gates of the current plan that this step shows, most urgent first.
pub(crate) fn gate_panel() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let step = ctx.step;
    let lang = ctx.lang;
    // A memo: the panel re-renders only when the gates the GP sees change (never on a keystroke
    // elsewhere), so an alert is announced when it appears, not again and again.
    let gates = Memo::new(move |_| {
        let s = step.get();
        eval.with(|e| {
            e.plan
                .as_ref()
                .map(|p| {
                    p.gates
                        .iter()
                        .filter(|g| shown_on(s, g))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <div class="pf-gates">
            {move || {
                lang.track();
                gates.get().iter().map(gate_view).collect_view()
            }}
        </div>
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one gate's card: its state, the GP's handling form and the reasons share the card's own signals; cut apart, they would travel as a dozen arguments"
)]
fn gate_view(g: &GateResult) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let l = lang.get_untracked();
    let draft = ctx.draft;
    // An open acute gate, or an acute question due today that is unanswered: both stop
    // confirmation, and both are shown as alerts.
    let acute_open = g.blocks_confirmation;
    let pathway = g.pathway.as_ref().map_or_else(
        || tr(l, "gate-whole-plan").to_owned(),
        |p| {
            ctx.content()
                .pathways
                .get(p)
                .map_or_else(|| p.clone(), |x| x.title.get(l).to_owned())
        },
    );
    let questions = (!g.questions.is_empty()).then(|| {
        let links = g
            .questions
            .iter()
            .map(|f| {
                let f = crate::engine::error::Field::parse(f);
                let label = crate::ui::fields::label(&ctx.content(), &f, l);
                view! { <li>{ctx.field_link(&f, label)}</li> }
            })
            .collect_view();
        view! {
            <p class="pf-gate-label">{tr(l, "gate-questions")}</p>
            <ul class="pf-gate-questions">{links}</ul>
        }
    });
    let raised = (!g.raised_by.is_empty()).then(|| {
        let items = g
            .raised_by
            .iter()
            .map(|r| view! { <li>{r.clone()}</li> })
            .collect_view();
        view! {
            <p class="pf-gate-label">{tr(l, "gate-raised-by")} ":"</p>
            <ul class="pf-gate-raised">{items}</ul>
        }
    });
    let holds_exercise = g.holds_exercise.then(|| {
        view! {
            <p class="pf-gate-holds-exercise">
                <strong>{tr(l, "gate-holds-exercise")}</strong>
            </p>
        }
    });
    let held = (!g.blocks.is_empty()).then(|| {
        let titles: Vec<String> = g
            .blocks
            .iter()
            .filter_map(|id| {
                ctx.content()
                    .catalogue
                    .get(id)
                    .map(|c| c.title.get(l).to_owned())
            })
            .collect();
        view! {
            <p>
                <strong>{tr(l, "gate-holds")} ": "</strong>
                {titles.join(", ")}
            </p>
        }
    });
    let decision = g.decision.as_ref().map(|d| {
        let key = match d.decision {
            GateDecisionKind::Handled => "gate-decision-handled",
            GateDecisionKind::Override => "gate-decision-override",
        };
        let reason =
            (!d.reason.is_empty()).then(|| format!(": {}", crate::ui::text::shown_text(&d.reason)));
        view! {
            <p class="pf-gate-decision">
                <strong>{tr(l, key)}</strong>
                {reason}
            </p>
        }
    });
    let id = g.id.clone();
    let reason_id = ctx.id(Id::GateReason(&g.id));
    let reason = RwSignal::new(String::new());
    let controls = match g.state {
        GateState::Handled | GateState::Overridden => {
            let id = id.clone();
            ctx.undo(Some("pf-gate-undo"), move |d| {
                d.gate_decisions.remove(&id);
            })
            .into_any()
        }
        state => {
            let can_handle = state == GateState::Open && g.kind != GateKind::Exclusion;
            let handle_key = if g.kind == GateKind::Contraindication {
                "gate-cleared"
            } else {
                "gate-handled-button"
            };
            let (id_h, id_o) = (id.clone(), id.clone());
            let handle = can_handle.then(|| {
                view! {
                    <button
                        type="button"
                        class="pf-gate-handled"
                        on:click=move |_| {
                            draft
                                .update(|d| {
                                    d.gate_decisions
                                        .insert(
                                            id_h.clone(),
                                            GateDecision {
                                                decision: GateDecisionKind::Handled,
                                                reason: String::new(),
                                            },
                                        );
                                })
                        }
                    >
                        {tr(l, handle_key)}
                    </button>
                }
            });
            view! {
                {handle}
                <details class="pf-gate-override">
                    <summary>{tr(l, "gate-override")}</summary>
                    <label for=reason_id.clone()>{tr(l, "gate-override-reason")}</label>
                    <textarea
                        id=reason_id
                        rows="2"
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    ></textarea>
                    <button
                        type="button"
                        class="pf-gate-override-button"
                        disabled=move || reason.get().trim().is_empty()
                        on:click=move |_| {
                            let r = reason.get_untracked();
                            draft
                                .update(|d| {
                                    d.gate_decisions
                                        .insert(
                                            id_o.clone(),
                                            GateDecision {
                                                decision: GateDecisionKind::Override,
                                                reason: r,
                                            },
                                        );
                                });
                        }
                    >
                        {tr(l, "gate-override-button")}
                    </button>
                </details>
            }
            .into_any()
        }
    };
    let class = format!(
        "pf-gate pf-gate-{} pf-gate-{}",
        g.kind.as_str(),
        match g.state {
            GateState::Open => "open",
            GateState::Pending => "pending",
            GateState::Handled => "handled",
            GateState::Overridden => "overridden",
        }
    );
    let heading_id = ctx.id(Id::Gate(&g.id));
    let urgency = tr(l, urgency_key(g.urgency));
    // A pending gate has not fired: it asks its questions first, and says what they decide.
    let (action, finding) = if g.state == GateState::Pending {
        (None, format!("{} {}", tr(l, "gate-applies-if"), g.text))
    } else {
        (
            Some(view! {
                <p class="pf-gate-action">
                    <strong>{g.action.clone()}</strong>
                </p>
            }),
            g.text.clone(),
        )
    };
    let body = view! {
        <h2 class="pf-gate-title" id=heading_id.clone() tabindex="-1">
            <span class="pf-gate-icon" aria-hidden="true">
                {if acute_open { "!" } else { "i" }}
            </span>
            {tr(l, heading_key(g))}
            " · "
            {pathway}
        </h2>
        <p class="pf-gate-urgency">
            <strong>{urgency}</strong>
        </p>
        {action}
        {questions}
        {raised}
        <p class="pf-gate-text">{finding}</p>
        {held}
        {holds_exercise}
        {decision}
        <div class="pf-gate-controls">{controls}</div>
        {source_disclosure(lang, &g.source_title, &g.source, g.evidence, g.proposal)}
    };
    // An open acute gate is an alert (announced once, when it appears); the others are labelled
    // regions the GP can find, not announcements.
    if acute_open {
        view! {
            <section class=class role="alert" aria-labelledby=heading_id data-gate=id>
                {body}
            </section>
        }
        .into_any()
    } else {
        view! {
            <section class=class role="region" aria-labelledby=heading_id data-gate=id>
                {body}
            </section>
        }
        .into_any()
    }
}

/// Next to a field: the open acute gates it triggered, so a GP who ticks a red flag mid-page
/// sees the action there too, with a link to the gate at the top.
pub(crate) fn inline_gate_note(field: String) -> impl IntoView {
    let ctx = use_ctx();
    let (field_gates, lang, focus) = (ctx.field_gates, ctx.lang, ctx.focus);
    let uid = ctx.uid;
    move || {
        let l = lang.get();
        let gates: Vec<(String, String)> = field_gates.with(|g| {
            g.acute
                .iter()
                .filter(|(f, _, _)| *f == field)
                .map(|(_, id, action)| (id.clone(), action.clone()))
                .collect()
        });
        (!gates.is_empty()).then(|| {
            let items = gates
                .into_iter()
                .map(|(id, action)| {
                    let anchor = Some(uid.id(Id::Gate(&id)));
                    view! {
                        <p class="pf-gate-inline" data-gate=id>
                            <strong>{tr(l, "gate-acute")} ": "</strong>
                            {action}
                            " "
                            <button
                                type="button"
                                class="pf-link"
                                on:click=move |_| focus.set(anchor.clone())
                            >
                                {tr(l, "go-to-gate")}
                            </button>
                        </p>
                    }
                })
                .collect_view();
            view! { <div class="pf-gate-inlines">{items}</div> }
        })
    }
}

/// Next to a question a safety gate waits on (the suicide question after a low WHO-5): that
/// the plan waits for its answer, and how soon, where the GP asks it.
pub(crate) fn needed_note(field: String) -> impl IntoView {
    let ctx = use_ctx();
    let (field_gates, lang) = (ctx.field_gates, ctx.lang);
    move || {
        let urgency = field_gates.with(|g| {
            g.needed
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, u)| *u)
                .min()
        })?;
        let l = lang.get();
        let key = if urgency == crate::engine::content::Urgency::SammeDag {
            "needed-today"
        } else {
            "needed"
        };
        Some(view! { <p class="pf-needed">{tr(l, key)}</p> })
    }
}

/// The short label of a pathway status, for the level line of a gated pathway.
pub(crate) fn status_label(
    lang: Lang,
    status: crate::engine::gates::PathwayStatus,
) -> &'static str {
    use crate::engine::gates::PathwayStatus;
    match status {
        PathwayStatus::Klar => tr(lang, "status-klar"),
        PathwayStatus::AkutHandling => tr(lang, "status-akut-handling"),
        PathwayStatus::AfventerAfklaring => tr(lang, "status-afventer-afklaring"),
        PathwayStatus::UdenForMaalgruppe => tr(lang, "status-uden-for-maalgruppe"),
    }
}
