//! The widget's shell: the context every view shares, the header, the step navigation and the
//! footer. The steps are in `super::steps`, the parts they share in `super::parts`. Every text
//! from content or hosts is inserted as a text node, never as HTML; links are only made from
//! `http(s)` source URLs.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::tr;
use super::parts::confirm::confirm_bar;
use super::parts::notices::{error_summary, host_note, pack_refused};
use super::state::{Draft, Evaluation};
use super::steps::assessment::assessment_step;
use super::steps::differentiation::differentiation_step;
use super::steps::plan::plan_step;
use super::steps::start::start_step;
use crate::engine::error::Field;
use crate::engine::{Content, Lang, Text};

/// Marks an instrument item answered "unknown" in the draft (sent to the engine as `null`).
pub const UNKNOWN: i64 = -1;

/// What every view of one widget shares.
#[derive(Clone)]
pub(crate) struct Ctx {
    pub(crate) content: Arc<Content>,
    pub(crate) draft: RwSignal<Draft>,
    pub(crate) lang: RwSignal<Lang>,
    pub(crate) eval: Memo<Evaluation>,
    pub(crate) uid: String,
    /// Trainer mode: show which rule fired, on which condition.
    pub(crate) trainer: RwSignal<bool>,
    /// Trainer mode: the plan kept as the what-if baseline (kept across steps).
    pub(crate) baseline: RwSignal<Option<crate::engine::Plan>>,
    /// The step shown (0 Start … 3 Behandlingsplan).
    pub(crate) step: RwSignal<usize>,
    /// The HTML id of a control to focus once the current step has rendered (a link from a gate
    /// or an error to its field).
    pub(crate) focus: RwSignal<Option<String>>,
    /// The steps the GP tried to leave while they had errors: their empty required fields now
    /// show their errors too (see `fields::error_shown`).
    pub(crate) attempted: RwSignal<BTreeSet<usize>>,
    /// Clinical mode (set by the host): no trainer mode, no example patients.
    pub(crate) clinical: RwSignal<bool>,
    /// The typed-in field the GP is typing in, until they leave it or pause: its error waits
    /// (a valid number or date passes through invalid text on the way: "0," before "0,62").
    pub(crate) typing: RwSignal<Option<Field>>,
    /// Counts keystrokes, so that only the last one's pause ends the typing.
    pub(crate) keystrokes: StoredValue<u64>,
    /// The offered instruments (the MDI) the GP opened: open again on return to the step.
    pub(crate) opened: RwSignal<BTreeSet<String>>,
    /// What the safety gates say at the fields, once per plan.
    pub(crate) field_gates: Memo<super::parts::gates::FieldGates>,
    /// The errors by field, once per evaluation: a field's error text re-runs only when the
    /// errors change, not on every click.
    pub(crate) errors: Memo<std::collections::BTreeMap<Field, String>>,
    /// The live scores, at once on every change; `eval` (the plan) follows once the change is
    /// painted (see `Widget`), or at once for an action that uses it ([`Ctx::plan_now`]).
    pub(crate) scores: Memo<Scores>,
    /// How the plan follows the draft (`super::follow`).
    pub(crate) follow: super::follow::Follow,
}

/// Instrument → score field → value.
pub(crate) type Scores =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, serde_json::Value>>;

/// How long a pause in typing is before a field's error shows (a GP typing a value pauses
/// between numbers far less).
const TYPING_PAUSE_MS: u64 = 1200;

impl Ctx {
    pub(crate) fn t(&self, key: &'static str) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let lang = self.lang;
        move || tr(lang.get(), key)
    }
    pub(crate) fn text(&self, t: &Text) -> impl Fn() -> String + Send + Sync + 'static {
        let lang = self.lang;
        let t = t.clone();
        move || t.get(lang.get()).to_owned()
    }
    /// The error of a field, while it is shown (see `fields::error_shown`).
    pub(crate) fn error(
        &self,
        field: Field,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
        let (errors, draft, attempted, typing) =
            (self.errors, self.draft, self.attempted, self.typing);
        let step = super::fields::step_of(&field);
        move || {
            if typing.with(|t| t.as_ref() == Some(&field)) {
                return None;
            }
            let message = errors.with(|e| e.get(&field).cloned())?;
            let tried = attempted.with(|a| a.contains(&step));
            draft
                .with(|d| super::fields::error_shown(d, tried, &field))
                .then_some(message)
        }
    }

    /// A keystroke in a typed-in field: its error waits until the GP leaves the field
    /// ([`Ctx::settled`]) or pauses.
    pub(crate) fn typed(&self, field: &Field) {
        let (typing, keystrokes) = (self.typing, self.keystrokes);
        let n = keystrokes.get_value() + 1;
        keystrokes.set_value(n);
        if typing.with_untracked(|t| t.as_ref() != Some(field)) {
            typing.set(Some(field.clone()));
        }
        set_timeout(
            move || {
                if keystrokes.try_get_value() == Some(n) {
                    typing.try_set(None);
                }
            },
            std::time::Duration::from_millis(TYPING_PAUSE_MS),
        );
    }

    /// The GP left a typed-in field: its error, if any, shows now.
    pub(crate) fn settled(&self) {
        // Its error is that of the value as it is now.
        if self.follow.is_pending() {
            self.plan_now();
        }
        if self.typing.with_untracked(Option::is_some) {
            self.typing.set(None);
        }
    }

    /// A link (a button) that shows step `to_step` and focuses the element whose HTML id is
    /// `anchor` once the step has rendered.
    pub(crate) fn link(
        &self,
        label: String,
        to_step: usize,
        anchor: Option<String>,
    ) -> impl IntoView + use<> {
        let (step, focus) = (self.step, self.focus);
        view! {
            <button
                type="button"
                class="pf-link"
                on:click=move |_| {
                    step.set(to_step);
                    focus.set(anchor.clone());
                }
            >
                {label}
            </button>
        }
    }

    /// A link to a field: its step and its control.
    pub(crate) fn field_link(&self, field: &Field, label: String) -> impl IntoView + use<> {
        self.link(
            label,
            super::fields::step_of(field),
            super::fields::anchor(&self.uid, field),
        )
    }

    /// The "Fortryd" button that takes back one of the GP's decisions in the draft.
    pub(crate) fn undo<F: Fn(&mut Draft) + 'static>(
        &self,
        class: Option<&'static str>,
        take_back: F,
    ) -> impl IntoView + use<F> {
        let draft = self.draft;
        view! {
            <button type="button" class=class on:click=move |_| draft.update(|d| take_back(d))>
                {self.t("restore")}
            </button>
        }
    }

    /// Changes the draft as data entry (`super::follow::Entry`).
    pub(crate) fn entry(&self) -> super::follow::Entry {
        self.follow.entry(self.draft)
    }

    /// Plans the draft as it is now: every action that uses the plan (confirming, keeping a
    /// baseline, going to another step) calls this first, so nothing acts on the plan of the
    /// draft before the last edit. (A plan equal to the last one changes nothing on screen.)
    pub(crate) fn plan_now(&self) {
        self.follow.plan_now();
    }

    /// The errors of one step's fields, in the order the engine found them.
    pub(crate) fn step_errors(&self, step: usize) -> Vec<(Field, String)> {
        self.errors.with(|e| {
            e.iter()
                .filter(|(f, _)| super::fields::step_of(f) == step)
                .map(|(f, m)| (f.clone(), m.clone()))
                .collect()
        })
    }

    /// Goes to another step. Going on is never held (a GP often scores before typing the
    /// diagnosis date), but the errors of the step left behind are then shown, at its fields
    /// and, with links, at the top of every step until they are fixed.
    pub(crate) fn go_to(&self, to: usize) {
        self.plan_now();
        let from = self.step.get_untracked();
        if to > from && !self.step_errors(from).is_empty() {
            self.attempted.update(|a| {
                a.insert(from);
            });
        }
        self.step.set(to);
    }
}

/// Keeps a typed-in control in step with the draft without writing to it while it already shows
/// the value: writing the same text moves the caret to the end, and a half-typed date reads as
/// "" and would be wiped. (Selects and checkboxes can bind `prop:` directly.)
pub(crate) fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + Send + Sync + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    // The value once per change of what it reads (the whole draft, for most fields): the
    // effect below, which asks the control for its text, runs only when the value changed.
    let value = Memo::new(move |_| value());
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = node.get() {
            let el: &wasm_bindgen::JsValue = el.unchecked_ref();
            let key = wasm_bindgen::JsValue::from_str("value");
            let current = js_sys::Reflect::get(el, &key)
                .ok()
                .and_then(|x| x.as_string())
                .unwrap_or_default();
            if current != v {
                let _ = js_sys::Reflect::set(el, &key, &v.into());
            }
        }
    });
}

const STEPS: [&str; 4] = [
    "step-start",
    "step-assessment",
    "step-differentiation",
    "step-plan",
];

/// The whole widget.
#[component]
pub fn Widget(
    /// Validated content (the built-in pathways).
    content: Arc<Content>,
    /// Everything entered; the host may replace it (prefill) while the widget is mounted.
    draft: RwSignal<Draft>,
    /// The language; the host or the GP may switch it at any time.
    lang: RwSignal<Lang>,
    /// What the host controls besides the draft (the note on its updates, clinical mode, the
    /// step shown).
    host: super::HostState,
) -> impl IntoView {
    // The plan follows the draft at once, or after the frame for data entry (`super::follow`).
    let follow = super::follow::Follow::new(draft);
    let c = content.clone();
    let eval = Memo::new(move |_| {
        follow.planned.track();
        let l = lang.get();
        let start = super::now();
        let e = draft.with_untracked(|d| d.evaluate(&c, l));
        super::measure("pf:plan", start);
        e
    });
    let c = content.clone();
    let scores = Memo::new(move |_| {
        let l = lang.get();
        draft.with(|d| d.scores(&c, l))
    });
    let ctx = Ctx {
        content: content.clone(),
        draft,
        lang,
        eval,
        uid: super::next_uid(),
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
            eval.with(|e| super::parts::gates::FieldGates::of(e.plan.as_ref()))
        }),
        scores,
        follow,
    };
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
        let ctx = ctx.clone();
        move || match step.get() {
            0 => start_step(&ctx).into_any(),
            1 => assessment_step(&ctx).into_any(),
            2 => differentiation_step(&ctx).into_any(),
            _ => plan_step(&ctx, confirmed).into_any(),
        }
    };
    let lang_label = ctx.t("language");
    let ctx_next = ctx.clone();
    let ctx_steps = ctx.clone();
    let ctx_trainer = ctx.trainer;
    let reset_label = ctx.t("reset");
    let reset = move |_| {
        let ok = window()
            .confirm_with_message(tr(lang.get_untracked(), "reset-confirm"))
            .unwrap_or(false);
        if ok {
            draft.set(Draft {
                assessment_date: super::today(),
                ..Draft::default()
            });
            step.set(0);
        }
    };
    let unhide = super::focus::Unhide::new(root);
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
                            prop:checked=move || ctx_trainer.get()
                            on:change=move |ev| ctx_trainer.set(event_target_checked(&ev))
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
                    {STEPS
                        .iter()
                        .enumerate()
                        .map(|(i, key)| {
                            let label = ctx.t(key);
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="pf-step"
                                        data-step=i
                                        aria-current=move || (step.get() == i).then_some("step")
                                        on:click={
                                            let ctx = ctx_steps.clone();
                                            move |_| ctx.go_to(i)
                                        }
                                    >
                                        <span class="pf-step-n">{i + 1}</span>
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
            {host_note(&ctx, host)}
            {pack_refused(&ctx, host)}
            {error_summary(&ctx)}
            {super::parts::gates::gate_panel(&ctx)}
            <main class="pf-main" part="main">
                {step_views}
            </main>
            <div class="pf-nav" part="actions">
                <button
                    type="button"
                    class="pf-prev"
                    part="button"
                    disabled=move || step.get() == 0
                    on:click=move |_| step.update(|s| *s = s.saturating_sub(1))
                >
                    {ctx.t("previous")}
                </button>
                {move || {
                    if step.get() + 1 < STEPS.len() {
                        let ctx = ctx_next.clone();
                        view! {
                            <button
                                type="button"
                                class="pf-next"
                                part="button primary-button"
                                on:click=move |_| ctx.go_to(ctx.step.get_untracked() + 1)
                            >
                                {ctx.t("next")}
                            </button>
                        }
                            .into_any()
                    } else {
                        confirm_bar(&ctx_next, root, confirmed, withdrawn).into_any()
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

/// A field's error message (empty when valid), referenced by the field's aria-describedby.
#[component]
pub(crate) fn ErrorText<F>(id: String, error: F) -> impl IntoView
where
    F: Fn() -> Option<String> + Send + Sync + 'static,
{
    view! {
        <p class="pf-error" id=id>
            {move || error().map(|e| super::shown_text(&e))}
        </p>
    }
}

/// The label of a level, e.g. "Niveau 2 – moderate behov".
pub(crate) fn level_label(lang: Lang, level: u8) -> &'static str {
    match level {
        1 => tr(lang, "level-1"),
        2 => tr(lang, "level-2"),
        _ => tr(lang, "level-3"),
    }
}
