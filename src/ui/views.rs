//! The widget's shell: the context every view shares, the header, the step navigation and the
//! footer. The steps are in `super::steps`, the parts they share in `super::parts`. Every text
//! from content or hosts is inserted as a text node, never as HTML; links are only made from
//! `http(s)` source URLs.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::tr;
use super::state::{Draft, Evaluation};
use super::steps::assessment::assessment_step;
use super::steps::differentiation::differentiation_step;
use super::steps::plan::plan_step;
use super::steps::start::start_step;
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
}

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
    pub(crate) fn error(
        &self,
        field: String,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
        let eval = self.eval;
        move || eval.with(|e| e.errors.get(&field).cloned())
    }
}

/// Keeps a typed-in control in step with the draft without writing to it while it already shows
/// the value: writing the same text moves the caret to the end, and a half-typed date reads as
/// "" and would be wiped. (Selects and checkboxes can bind `prop:` directly.)
pub(crate) fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        let v = value();
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
) -> impl IntoView {
    let c = content.clone();
    let eval = Memo::new(move |_| {
        let l = lang.get();
        draft.with(|d| d.evaluate(&c, l))
    });
    let ctx = Ctx {
        content: content.clone(),
        draft,
        lang,
        eval,
        uid: super::next_uid(),
        trainer: RwSignal::new(false),
        baseline: RwSignal::new(None),
        step: RwSignal::new(0usize),
        focus: RwSignal::new(None),
    };
    let step = ctx.step;
    let focus = ctx.focus;
    let root = NodeRef::<html::Div>::new();
    let confirmed = RwSignal::new(None::<String>);

    // Report to the host: ready once, then every change of the plan.
    Effect::new(move |prev: Option<()>| {
        let json = eval.with(|e| e.plan.as_ref().map(crate::engine::Plan::to_json_unindented));
        if let Some(el) = root.get() {
            if prev.is_none() {
                super::dispatch(&el, "pakkeforloeb-ready", "{}");
            }
            if let Some(json) = json {
                super::dispatch(&el, "pakkeforloeb-change", &json);
            }
        }
    });
    // A link to a field: once the step it is on has rendered, focus the field and bring it into
    // view.
    Effect::new(move |_| {
        let Some(id) = focus.get() else {
            return;
        };
        request_animation_frame(move || {
            let el = root
                .get_untracked()
                .and_then(|r| r.query_selector(&format!("[id=\"{id}\"]")).ok().flatten());
            if let Some(el) = el {
                // A group (an instrument, a set of codes) focuses its first control.
                let target = el
                    .query_selector("input, select, textarea, button")
                    .ok()
                    .flatten()
                    .filter(|_| {
                        !el.matches("input, select, textarea, button")
                            .unwrap_or(false)
                    })
                    .unwrap_or(el);
                if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                    h.scroll_into_view_with_bool(false);
                }
            }
            focus.set(None);
        });
    });
    // Any change after confirming withdraws the confirmation.
    Effect::new(move |_| {
        draft.track();
        confirmed.set(None);
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
    let error_count = move || eval.with(|e| e.errors.len());
    let t = ctx.t("app-title");
    let step_views = {
        let ctx = ctx.clone();
        move || match step.get() {
            0 => start_step(&ctx).into_any(),
            1 => assessment_step(&ctx).into_any(),
            2 => differentiation_step(&ctx).into_any(),
            _ => plan_step(&ctx, root, confirmed).into_any(),
        }
    };
    let lang_label = ctx.t("language");
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
    view! {
        <div class="pf-widget" node_ref=root lang=move || lang.get().as_str()>
            <header class="pf-header">
                <h1 class="pf-title">{t}</h1>
                <div class="pf-tools">
                    <label class="pf-lang">
                        <span>{lang_label}</span>
                        <select
                            class="pf-lang-select"
                            prop:value=move || lang.get().as_str()
                            on:change=move |ev| lang.set(Lang::parse(&event_target_value(&ev)).unwrap_or_default())
                        >
                            <option value="da">"Dansk"</option>
                            <option value="en">"English"</option>
                        </select>
                    </label>
                    <label class="pf-check pf-trainer-toggle">
                        <input type="checkbox" prop:checked=move || ctx_trainer.get() on:change=move |ev| ctx_trainer.set(event_target_checked(&ev)) />
                        <span>{move || tr(lang.get(), "trainer")}</span>
                    </label>
                    <button type="button" class="pf-reset" on:click=reset>{reset_label}</button>
                </div>
            </header>
            <nav class="pf-steps" aria-label=ctx.t("steps")>
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
                                        on:click=move |_| step.set(i)
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
            <div class="pf-live" role="status" aria-live="polite">
                {move || {
                    let n = error_count();
                    if n == 0 { String::new() } else { format!("{n} {}", tr(lang.get(), "errors-count")) }
                }}
            </div>
            <ul class="pf-error-summary">
                {move || eval.with(|e| {
                    e.errors
                        .iter()
                        .map(|(field, msg)| view! { <li data-field=field.clone()><code>{field.clone()}</code> ": " {msg.clone()}</li> })
                        .collect_view()
                })}
            </ul>
            {super::parts::gates::gate_panel(&ctx)}
            <main class="pf-main">{step_views}</main>
            <div class="pf-nav">
                <button
                    type="button"
                    class="pf-prev"
                    disabled=move || step.get() == 0
                    on:click=move |_| step.update(|s| *s = s.saturating_sub(1))
                >
                    {ctx.t("previous")}
                </button>
                <button
                    type="button"
                    class="pf-next"
                    disabled=move || { step.get() + 1 >= STEPS.len() }
                    on:click=move |_| step.update(|s| *s = (*s + 1).min(STEPS.len() - 1))
                >
                    {ctx.t("next")}
                </button>
            </div>
            <footer class="pf-footer">
                <p>{ctx.t("intended-use")}</p>
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
    view! { <p class="pf-error" id=id>{error}</p> }
}

/// The label of a level, e.g. "Niveau 2 – moderate behov".
pub(crate) fn level_label(lang: Lang, level: u8) -> &'static str {
    match level {
        1 => tr(lang, "level-1"),
        2 => tr(lang, "level-2"),
        _ => tr(lang, "level-3"),
    }
}

/// A label from the UI texts for a key built at run time, falling back to the raw code.
pub(crate) fn dyn_label(
    lang: RwSignal<Lang>,
    key: String,
    fallback: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || super::i18n::lookup(lang.get(), &key).map_or_else(|| fallback.clone(), str::to_owned)
}
