//! Step 4, Behandlingsplan: deadlines, interventions (with the GP's removals and additions),
//! follow-ups, goals, confirmation and the printout.

use leptos::html;
use leptos::prelude::*;

use crate::engine::content::FollowUpKind;
use crate::engine::plan::DeadlineBasis;
use crate::ui::ctx::{sync_value, use_ctx};
use crate::ui::i18n::tr;
use crate::ui::i18n::{phase_key, provider_key};
use crate::ui::ids::Id;
use crate::ui::parts::confirm::{copy_text, download, event_element, print_plan};
use crate::ui::parts::interventions::{add_intervention, intervention_view};
use crate::ui::parts::print::print_view;
use crate::ui::parts::treatments::treatments_view;
use crate::ui::text::date_text;

/// Interventions are grouped by trin, then by provider.
type Group = (
    crate::engine::content::Phase,
    crate::engine::content::Provider,
);

pub(crate) fn plan_step(confirmed: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = use_ctx();
    // A sensitive finding (suicidal thoughts) is left off the patient's printout unless the GP
    // ticks it in: the printout is a letter the patient takes home.
    let print_private = RwSignal::new(false);
    view! {
        <section class="pf-section">
            <h2 tabindex="-1">{ctx.t("step-plan")}</h2>
            {deadline_view()}
            {crate::ui::parts::levels::overall_level()}
            {warnings_view()}
            {crate::ui::parts::changes::changes_view()}
            <h3>{ctx.t("interventions")}</h3>
            {interventions_view()}
            {held_view()}
            {removed_view()}
            {add_intervention()}
            {treatments_view()}
            {follow_up_view()}
            {goals_view()}
            {private_choice(print_private)}
            {output_view(confirmed)}
            {print_view(print_private)}
            {referrals_print()}
        </section>
    }
}

/// The plan's deadline, marked when overdue.
fn deadline_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let plan = move || eval.with(|e| e.plan.clone());
    let deadline = move || {
        plan().map(|p| {
            let l = lang.get();
            let d = &p.deadlines;
            let due = date_text(l, d.plan_due);
            // While every pathway is held back by a gate, the plan's clock waits with it.
            if d.suspended {
                return tr(l, "deadline-suspended").to_owned();
            }
            let what = match d.basis {
                DeadlineBasis::Diagnose => tr(l, "plan-due"),
                DeadlineBasis::Aarsstatus => tr(l, "due-aarsstatus"),
                DeadlineBasis::Kontrol => tr(l, "due-kontrol"),
            };
            if d.plan_overdue {
                format!("{} ({what} {due})", tr(l, "overdue"))
            } else {
                format!(
                    "{what} {due} ({} {})",
                    d.days_to_plan_due,
                    tr(l, "days-left")
                )
            }
        })
    };
    let overdue = move || {
        eval.with(|e| {
            e.plan
                .as_ref()
                .is_some_and(|p| p.deadlines.plan_overdue && !p.deadlines.suspended)
        })
    };
    view! {
        <p class="pf-deadline" class:pf-overdue=overdue>
            {deadline}
        </p>
    }
}

/// The interventions, by trin and provider.
fn interventions_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    // Interventions grouped by trin, then by provider. Both lists are keyed (a group by its trin
    // and provider, a card by its whole content), so removing one intervention removes its card
    // alone: the next card keeps its own state instead of inheriting the removed one's open
    // removal panel and typed reason. A card whose content changes is built afresh.
    let groups = Memo::new(move |_| {
        eval.with(|e| {
            let mut groups: Vec<(Group, Vec<crate::engine::plan::Intervention>)> = Vec::new();
            for i in e.plan.iter().flat_map(|p| &p.interventions) {
                let key = (i.phase, i.provider);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.push(i.clone()),
                    None => groups.push((key, vec![i.clone()])),
                }
            }
            groups
        })
    });
    let group_view = move |key: Group| {
        let (phase, provider) = key;
        let heading = move || {
            let l = lang.get();
            format!(
                "{} · {}",
                tr(l, phase_key(phase)),
                tr(l, provider_key(provider))
            )
        };
        let items = move || {
            groups.with(|g| {
                g.iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, list)| list.clone())
                    .unwrap_or_default()
            })
        };
        view! {
            <li class="pf-group">
                <h4>{heading}</h4>
                <ul class="pf-interventions">
                    <For
                        each=items
                        key=|i| crate::engine::json_text(i, b"")
                        children=move |i| intervention_view(&i)
                    />
                </ul>
            </li>
        }
    };
    let interventions = view! {
        <For
            each=move || groups.with(|g| g.iter().map(|(k, _)| *k).collect::<Vec<_>>())
            key=|(phase, provider): &Group| (phase.as_str(), provider.as_str())
            children=group_view
        />
    };
    view! { <ul class="pf-groups">{interventions}</ul> }
}

/// The interventions the GP removed, each with its reason and an undo.
fn removed_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let plan = move || eval.with(|e| e.plan.clone());
    let removed = move || {
        plan().map(|p| {
            p.removed_interventions
                .iter()
                .map(|r| {
                    let id = r.id.clone();
                    let title = ctx
                        .content()
                        .catalogue
                        .get(&r.id)
                        .map(|c| ctx.text(&c.title));
                    view! {
                        <li
                            class="pf-removed"
                            id=ctx.id(Id::Removed(&r.id))
                            data-intervention=r.id.clone()
                        >
                            <s>{title}</s>
                            " – "
                            {ctx.t("removed")}
                            ": "
                            {crate::ui::text::shown_text(&r.reason)}
                            " "
                            {ctx
                                .undo(
                                    None,
                                    move |d| {
                                        d.removed.remove(&id);
                                    },
                                )}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="pf-removed-list">{removed}</ul> }
}

/// Follow-ups, and the checks for complications apart.
fn follow_up_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let plan = move || eval.with(|e| e.plan.clone());
    // Reviews and the yearly status under "Opfølgning"; checks for complications apart, so a GP
    // sees at a glance which examinations to book.
    let follow_list = move |checks: bool| {
        plan().map(|p| {
            p.follow_up
                .iter()
                .filter(|f| (f.kind == FollowUpKind::Check) == checks)
                .map(|f| {
                    let due = f.due;
                    view! {
                        <li data-follow-up=f.id.clone() data-kind=f.kind.as_str()>
                            {f.title.clone()}
                            ": "
                            {move || date_text(lang.get(), due)}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let has_checks = move || {
        eval.with(|e| {
            e.plan
                .as_ref()
                .is_some_and(|p| p.follow_up.iter().any(|f| f.kind == FollowUpKind::Check))
        })
    };
    view! {
        <h3>{ctx.t("follow-up")}</h3>
        <ul class="pf-follow-up">{move || follow_list(false)}</ul>
        <Show when=has_checks>
            <h3>{move || tr(lang.get(), "checks")}</h3>
            <ul class="pf-checks">{move || follow_list(true)}</ul>
        </Show>
    }
}

/// The plan's warnings that no gate shows.
fn warnings_view() -> impl IntoView {
    let eval = use_ctx().eval;
    let plan = move || eval.with(|e| e.plan.clone());
    // A warning an open gate raised is shown as the gate, above every step.
    let warnings = move || {
        plan().map(|p| {
            p.warnings
                .iter()
                .filter(|w| w.gate.is_none())
                .map(|w| {
                    view! {
                        <li class="pf-warning" data-warning=w.id.clone()>
                            {w.text.clone()}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! { <ul class="pf-warnings">{warnings}</ul> }
}

/// Interventions a gate holds back, named so none is silently dropped.
fn held_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let plan = move || eval.with(|e| e.plan.clone());
    move || {
        plan().and_then(|p| {
            (!p.held_interventions.is_empty()).then(|| {
                let items = p
                    .held_interventions
                    .iter()
                    .map(|h| {
                        view! {
                            <li class="pf-held" data-intervention=h.id.clone()>
                                {h.title.clone()}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h3>{ctx.t("held")}</h3>
                    <p class="pf-help">{ctx.t("held-help")}</p>
                    <ul class="pf-held-list">{items}</ul>
                }
            })
        })
    }
}

/// The clinical goals and the patient's own goals.
fn goals_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let plan = move || eval.with(|e| e.plan.clone());
    let clinical = move || {
        plan().map(|p| {
            let l = lang.get();
            p.goals
                .clinical
                .iter()
                .map(|g| {
                    let target = g.target_text.clone().map(|t| {
                        view! { <span class="pf-goal-target">{tr(l, "goal-target")} ": " {t}</span> }
                    });
                    // A less strict target from another pathway, named beside the one that holds.
                    let also = (!g.also.is_empty()).then(|| {
                        let texts: Vec<String> = g
                            .also
                            .iter()
                            .filter_map(|o| o.target_text.clone())
                            .collect();
                        view! { <span class="pf-goal-also">" (" {tr(l, "goal-also")} ": " {texts.join("; ")} ")"</span> }
                    });
                    // An exercise goal waits while a safety gate holds exercise, and says why.
                    let waits = g.waits_for.as_ref().map(|id| {
                        let why = p
                            .gates
                            .iter()
                            .find(|x| &x.id == id)
                            .map_or_else(String::new, |x| x.text.clone());
                        view! { <p class="pf-goal-waits">{tr(l, "goal-waits")} " " {why}</p> }
                    });
                    view! {
                        <li data-goal=g.id.clone() class:pf-goal-waiting=g.waits_for.is_some()>
                            {g.text.clone()}
                            " "
                            {target}
                            {also}
                            {waits}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let goals_id = ctx.id(Id::Goals);
    // An over-long goal is named here; the other goals stay in the plan.
    let goal_errors = {
        move || {
            let l = lang.get();
            ctx.step_errors(crate::ui::step::Step::Plan)
                .into_iter()
                .filter(|(f, _)| f.key_at(0) == Some("patient_goals"))
                .map(|(f, m)| format!("{}: {m}", crate::ui::fields::label(&ctx.content(), &f, l)))
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let goals_node = NodeRef::<html::Textarea>::new();
    sync_value(goals_node, move || draft.with(|d| d.goals.clone()));
    view! {
        <h3>{ctx.t("clinical-goals")}</h3>
        <ul class="pf-clinical-goals">{clinical}</ul>
        <label for=goals_id.clone()>{ctx.t("patient-goals")}</label>
        <textarea
            id=goals_id
            class="pf-goals"
            rows="3"
            aria-describedby=ctx.id(Id::GoalsError)
            aria-invalid=move || (!goal_errors().is_empty()).then_some("true")
            node_ref=goals_node
            on:input=move |ev| {
                let v = event_target_value(&ev);
                draft.update(|d| d.goals = v);
            }
        ></textarea>
        <p class="pf-error" id=ctx.id(Id::GoalsError)>
            {goal_errors}
        </p>
    }
}

/// The GP's choice to print a sensitive finding, offered only when there is one.
fn private_choice(print_private: RwSignal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let has_private = move || {
        eval.with(|e| {
            e.plan.as_ref().is_some_and(|p| {
                p.gates.iter().any(|g| {
                    g.private
                        && matches!(
                            g.state,
                            crate::engine::gates::GateState::Open
                                | crate::engine::gates::GateState::Handled
                        )
                })
            })
        })
    };
    view! {
        <Show when=has_private>
            <label class="pf-print-private">
                <input
                    type="checkbox"
                    prop:checked=move || print_private.get()
                    on:change=move |ev| print_private.set(event_target_checked(&ev))
                />
                " "
                {move || tr(lang.get(), "print-private")}
            </label>
        </Show>
    }
}

/// After confirmation: the plan JSON and the ways to take it away (copy, download, print).
fn output_view(confirmed: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_ctx().lang;
    move || {
        confirmed.get().map(|json| {
            let j1 = json.clone();
            let j2 = json.clone();
            let j3 = json.clone();
            view! {
                <div class="pf-output">
                    <p role="status">{move || tr(lang.get(), "confirmed")}</p>
                    <button type="button" class="pf-copy" on:click=move |_| copy_text(&j1)>
                        {move || tr(lang.get(), "copy")}
                    </button>
                    <button
                        type="button"
                        class="pf-download"
                        on:click=move |ev| {
                            if let Some(el) = event_element(&ev) {
                                if crate::ui::dom::dispatch_cancelable(
                                    &el,
                                    "pakkeforloeb-download",
                                    &j2,
                                ) {
                                    download(&j2);
                                }
                            }
                        }
                    >
                        {move || tr(lang.get(), "download")}
                    </button>
                    <button
                        type="button"
                        class="pf-print-button"
                        on:click=move |ev| {
                            if let Some(el) = event_element(&ev) {
                                print_plan(&el, &j3);
                            }
                        }
                    >
                        {move || tr(lang.get(), "print")}
                    </button>
                    <button
                        type="button"
                        class="pf-print-referrals-button"
                        on:click=move |ev| {
                            if let Some(el) = event_element(&ev) {
                                if let Ok(Some(root)) = el.closest(".pf-widget") {
                                    let _ = root.class_list().add_1("pf-referrals-mode");
                                    crate::ui::dom::print_widget(&el);
                                    let _ = root.class_list().remove_1("pf-referrals-mode");
                                }
                            }
                        }
                    >
                        {move || tr(lang.get(), "print-referrals")}
                    </button>
                    <details>
                        <summary>{move || tr(lang.get(), "plan-json")}</summary>
                        <pre class="pf-json">{json}</pre>
                    </details>
                </div>
            }
        })
    }
}

/// The referrals of the plan, one per offer the GP refers to, for printing on their own
/// ("Udskriv henvisninger"): never part of the patient's printout.
fn referrals_print() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let items = move || {
        eval.with(|e| {
            e.plan.as_ref().map(|p| {
                p.interventions
                    .iter()
                    .filter_map(|i| i.referral.as_ref().map(|r| r.text.clone()))
                    .map(|t| {
                        view! {
                            <li>
                                <pre>{t}</pre>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section class="pf-print-referrals" aria-hidden="true">
            <h2>{move || tr(lang.get(), "referrals-title")}</h2>
            <ul>{items}</ul>
        </section>
    }
}
