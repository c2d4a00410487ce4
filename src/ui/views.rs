//! The widget's shell: it makes the context every view shares (`super::ctx`) and provides it,
//! then the header, the step navigation and the footer. The steps are in `super::steps`, the
//! parts they share in `super::parts`. Every text from content or hosts is inserted as a text
//! node, never as HTML; links are only made from `http(s)` source URLs.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::ctx::Ctx;
use super::i18n::tr;
use super::parts::confirm::confirm_bar;
use super::parts::notices::{error_summary, host_note, pack_refused};
use super::state::Draft;
use super::step::Step;
use super::steps::assessment::assessment_step;
use super::steps::differentiation::differentiation_step;
use super::steps::plan::plan_step;
use super::steps::start::start_step;
use crate::engine::{Content, Lang};

/// The whole widget.
#[component]
#[expect(
    clippy::too_many_lines,
    reason = "the shell creates the state every step shares and wires the host's events to it; cut apart, that state would travel as a dozen arguments"
)]
pub fn Widget(
    /// Validated content (the built-in pathways).
    content: Arc<Content>,
    /// Everything entered; the host may replace it (prefill) while the widget is mounted.
    draft: RwSignal<Draft>,
    /// The language; the host or the GP may switch it at any time.
    lang: RwSignal<Lang>,
    /// What the host controls besides the draft (the note on its updates, clinical mode, the
    /// step shown).
    host: super::ctx::HostState,
) -> impl IntoView {
    // The plan follows the draft at once, or after the frame for data entry (`super::follow`).
    let follow = super::follow::Follow::new(draft);
    let c = content.clone();
    let eval = Memo::new(move |_| {
        follow.planned.track();
        let l = lang.get();
        let start = super::dom::now();
        let e = draft.with_untracked(|d| d.evaluate(&c, l));
        super::dom::measure("pf:plan", start);
        e
    });
    let c = content.clone();
    let scores = Memo::new(move |_| {
        let l = lang.get();
        draft.with(|d| d.scores(&c, l))
    });
    let ctx = Ctx {
        content_ref: StoredValue::new(content.clone()),
        draft,
        lang,
        eval,
        uid: super::ids::Uid::next(),
        trainer: RwSignal::new(false),
        baseline: RwSignal::new(None),
        step: host.step,
        focus: RwSignal::new(None),
        attempted: RwSignal::new(BTreeSet::new()),
        clinical: host.clinical,
        typing: RwSignal::new(None),
        keystrokes: StoredValue::new(0),
        opened: RwSignal::new(BTreeSet::new()),
        errors: Memo::new(move |_| eval.with(|e| e.errors.clone())),
        field_gates: Memo::new(move |_| {
            eval.with(|e| super::ctx::FieldGates::of(e.plan.as_deref()))
        }),
        scores,
        follow,
    };
    provide_context(ctx);
    // Clinical mode switches trainer mode off.
    Effect::new(move |_| {
        if host.clinical.get() {
            ctx.trainer.set(false);
        }
    });
    let step = ctx.step;
    let focus = ctx.focus;
    let root = NodeRef::<html::Div>::new();
    let confirmed = RwSignal::new(None::<String>);
    // An edit withdrew the GP's confirmation: the bar says so until the plan is confirmed again.
    let withdrawn = RwSignal::new(false);

    super::follow::report(root, lang, step, draft, eval, follow);
    super::focus::follow_links(root, focus);
    super::focus::top_of_step(root, step, focus);
    // Any change after confirming withdraws the confirmation, and the bar says so.
    Effect::new(move |_| {
        draft.track();
        if confirmed.with_untracked(Option::is_some) {
            confirmed.set(None);
            withdrawn.set(true);
        }
    });

    let versions = {
        let c = content.clone();
        move || {
            let mut parts = vec![format!("shared {}", c.shared.version)];
            // In the order GPs meet the pathways (by start year), as on the start step.
            parts.extend(
                crate::engine::content::PATHWAY_IDS
                    .iter()
                    .filter_map(|id| c.pathways.get(*id))
                    .map(|p| format!("{} {}", p.meta.id, p.meta.version)),
            );
            parts.join(" · ")
        }
    };
    let t = ctx.t("app-title");
    let step_views = {
        move || match step.get() {
            Step::Start => start_step().into_any(),
            Step::Assessment => assessment_step().into_any(),
            Step::Differentiation => differentiation_step().into_any(),
            Step::Plan => plan_step(confirmed).into_any(),
        }
    };
    let lang_label = ctx.t("language");
    let trainer = ctx.trainer;
    let reset_label = ctx.t("reset");
    let reset = move |_| {
        let ok = window()
            .confirm_with_message(tr(lang.get_untracked(), "reset-confirm"))
            .unwrap_or(false);
        if ok {
            draft.set(Draft {
                assessment_date: super::dom::today(),
                ..Draft::default()
            });
            step.set(Step::Start);
        }
    };
    let unhide = super::focus::Unhide::new();
    view! {
        <div
            class="pf-widget"
            node_ref=root
            lang=move || lang.get().as_str()
            on:focusin=move |ev| unhide.focused(&ev)
            on:pointerdown=move |_| unhide.pressing(true)
            on:pointerup=move |_| unhide.pressing(false)
            on:pointercancel=move |_| unhide.pressing(false)
            on:keydown=move |_| unhide.pressing(false)
        >
            <header class="pf-header" part="header">
                <h1 class="pf-title">{t}</h1>
                <div class="pf-tools">
                    <label class="pf-lang">
                        <span>{lang_label}</span>
                        <select
                            class="pf-lang-select"
                            prop:value=move || lang.get().as_str()
                            on:change=move |ev| {
                                lang.set(Lang::parse(&event_target_value(&ev)).unwrap_or_default())
                            }
                        >
                            <option value="da">"Dansk"</option>
                            <option value="en">"English"</option>
                        </select>
                    </label>
                    <label class="pf-check pf-trainer-toggle" hidden=move || host.clinical.get()>
                        <input
                            type="checkbox"
                            prop:checked=move || trainer.get()
                            on:change=move |ev| trainer.set(event_target_checked(&ev))
                        />
                        <span>{move || tr(lang.get(), "trainer")}</span>
                    </label>
                    <button type="button" class="pf-reset" on:click=reset>
                        {reset_label}
                    </button>
                </div>
            </header>
            <nav class="pf-steps" part="steps" aria-label=ctx.t("steps")>
                <ol>
                    {Step::ALL
                        .into_iter()
                        .map(|s| {
                            let label = ctx.t(s.label_key());
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="pf-step"
                                        data-step=s.index()
                                        aria-current=move || (step.get() == s).then_some("step")
                                        on:click=move |_| ctx.go_to(s)
                                    >
                                        <span class="pf-step-n">{s.index() + 1}</span>
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            {host_note(host)}
            {pack_refused(host)}
            {error_summary()}
            {super::parts::gates::gate_panel()}
            <main class="pf-main" part="main">
                {step_views}
            </main>
            <div class="pf-nav" part="actions">
                <button
                    type="button"
                    class="pf-prev"
                    part="button"
                    disabled=move || step.get() == Step::Start
                    on:click=move |_| step.update(|s| *s = s.previous().unwrap_or(*s))
                >
                    {ctx.t("previous")}
                </button>
                {move || {
                    if let Some(next) = step.get().next() {
                        view! {
                            <button
                                type="button"
                                class="pf-next"
                                part="button primary-button"
                                on:click=move |_| ctx.go_to(next)
                            >
                                {ctx.t("next")}
                            </button>
                        }
                            .into_any()
                    } else {
                        confirm_bar(root, confirmed, withdrawn).into_any()
                    }
                }}
            </div>
            <footer class="pf-footer">
                <p>{ctx.t("intended-use")}</p>
                {content
                    .pack
                    .clone()
                    .map(|p| {
                        view! {
                            <p class="pf-pack" data-pack=p.sha256.clone()>
                                {ctx.t("content-pack")}
                                ": "
                                {p.name}
                                " "
                                {p.version}
                            </p>
                        }
                    })}
                <p class="pf-version">{ctx.t("content-version")} ": " {versions}</p>
            </footer>
        </div>
    }
}
