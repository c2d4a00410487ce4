//! The widget's views. Every text from content or hosts is inserted as a text node, never as
//! HTML; links are only made from `http(s)` source URLs.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::tr;
use super::state::{Draft, Evaluation};
use crate::engine::content::{InstrumentDef, MeasurementDef, MeasurementKind, Theme};
use crate::engine::input::LevelOverride;
use crate::engine::plan::Reason;
use crate::engine::text::number_text;
use crate::engine::{Content, Lang, Text};

/// Marks an instrument item answered "unknown" in the draft (sent to the engine as `null`).
pub const UNKNOWN: i64 = -1;

#[derive(Clone)]
struct Ctx {
    content: Arc<Content>,
    draft: RwSignal<Draft>,
    lang: RwSignal<Lang>,
    eval: Memo<Evaluation>,
    uid: String,
    /// Trainer mode: show which rule fired, on which condition.
    trainer: RwSignal<bool>,
    /// Trainer mode: the plan kept as the what-if baseline (kept across steps).
    baseline: RwSignal<Option<crate::engine::Plan>>,
}

impl Ctx {
    fn t(&self, key: &'static str) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let lang = self.lang;
        move || tr(lang.get(), key)
    }
    fn text(&self, t: &Text) -> impl Fn() -> String + Send + Sync + 'static {
        let lang = self.lang;
        let t = t.clone();
        move || t.get(lang.get()).to_owned()
    }
    fn error(&self, field: String) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
        let eval = self.eval;
        move || eval.with(|e| e.errors.get(&field).cloned())
    }
}

/// Keeps a typed-in control in step with the draft without writing to it while it already shows
/// the value: writing the same text moves the caret to the end, and a half-typed date reads as
/// "" and would be wiped. (Selects and checkboxes can bind `prop:` directly.)
fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + 'static)
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
    };
    let step = RwSignal::new(0usize);
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

fn start_step(ctx: &Ctx) -> impl IntoView {
    let draft = ctx.draft;
    let pathways = crate::engine::content::PATHWAY_IDS
        .iter()
        .filter_map(|id| ctx.content.pathways.get(*id))
        .map(|p| {
            let id = p.meta.id.clone();
            let id2 = id.clone();
            let title = ctx.text(&p.title);
            let year = p.first_year.map(|y| format!(" ({y})")).unwrap_or_default();
            view! {
                <label class="pf-check">
                    <input
                        type="checkbox"
                        value=id.clone()
                        prop:checked=move || draft.with(|d| d.pathways.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| {
                                d.pathways.retain(|p| p != &id2);
                                if on {
                                    d.pathways.push(id2.clone());
                                }
                            });
                        }
                    />
                    <span>{title} {year}</span>
                </label>
            }
        })
        .collect_view();
    let pathways_error = ctx.error("pathways".into());
    let pe = pathways_error.clone();
    let uid = ctx.uid.clone();
    let lang = ctx.lang;
    let prefill = move || {
        draft.with(|d| {
            let answered = d
                .answers
                .values()
                .filter(|a| a.iter().any(Option::is_some))
                .count();
            let measured = d
                .measurements
                .values()
                .filter(|m| !m.trim().is_empty())
                .count();
            if answered + measured == 0 {
                tr(lang.get(), "nothing-prefilled").to_owned()
            } else {
                format!(
                    "{}: {answered} {} · {measured} {}",
                    tr(lang.get(), "prefill-summary"),
                    tr(lang.get(), "scores-inline"),
                    tr(lang.get(), "answered")
                )
            }
        })
    };
    view! {
        <section class="pf-section" aria-labelledby=format!("{uid}-start")>
            <h2 id=format!("{uid}-start")>{ctx.t("step-start")}</h2>
            <fieldset class="pf-pathways" aria-invalid=move || pe().is_some().then_some("true")>
                <legend>{ctx.t("pathways")}</legend>
                {pathways}
                <ErrorText id=format!("{uid}-err-pathways") error=pathways_error />
            </fieldset>
            {date_field(ctx, "diagnosis_date", "diagnosis-date")}
            {date_field(ctx, "assessment_date", "assessment-date")}
            <p class="pf-prefill">{prefill}</p>
            {examples_view(ctx)}
            {previous_view(ctx)}
        </section>
    }
}

fn date_field(ctx: &Ctx, field: &'static str, label: &'static str) -> impl IntoView {
    let draft = ctx.draft;
    let id = format!("{}-{field}", ctx.uid);
    let err_id = format!("{id}-err");
    let error = ctx.error(field.into());
    let e2 = error.clone();
    let get = move |d: &Draft| {
        if field == "diagnosis_date" {
            d.diagnosis_date.clone()
        } else {
            d.assessment_date.clone()
        }
    };
    let node = NodeRef::<html::Input>::new();
    sync_value(node, move || draft.with(get));
    view! {
        <div class="pf-field">
            <label for=id.clone()>{ctx.t(label)}</label>
            <input
                id=id
                type="date"
                name=field
                node_ref=node
                aria-invalid=move || e2().is_some().then_some("true")
                aria-describedby=err_id.clone()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| if field == "diagnosis_date" { d.diagnosis_date = v } else { d.assessment_date = v });
                }
            />
            <ErrorText id=err_id error=error />
        </div>
    }
}

#[component]
fn ErrorText<F>(id: String, error: F) -> impl IntoView
where
    F: Fn() -> Option<String> + Send + Sync + 'static,
{
    view! { <p class="pf-error" id=id>{error}</p> }
}

fn assessment_step(ctx: &Ctx) -> impl IntoView {
    let draft = ctx.draft;
    let content = ctx.content.clone();
    let chosen = Memo::new(move |_| draft.with(|d| d.pathways.clone()));
    let ctx2 = ctx.clone();
    let body = move || {
        let chosen = chosen.get();
        if chosen.is_empty() {
            return view! { <p class="pf-hint">{ctx2.t("choose-pathway")}</p> }.into_any();
        }
        let pathways: Vec<_> = chosen
            .iter()
            .filter_map(|p| content.pathways.get(p))
            .collect();
        let mut instruments: Vec<&InstrumentDef> = Vec::new();
        let mut seen = BTreeSet::new();
        for id in pathways.iter().flat_map(|p| &p.instruments) {
            if seen.insert(id.clone()) {
                instruments.extend(content.instruments.get(id));
            }
        }
        let mut measurements: Vec<&MeasurementDef> = Vec::new();
        for id in pathways.iter().flat_map(|p| &p.measurements) {
            if seen.insert(id.clone()) {
                measurements.extend(content.measurements.get(id));
            }
        }
        let themes = [
            Theme::Sygdom,
            Theme::Livsstil,
            Theme::Trivsel,
            Theme::Sociale,
        ];
        themes
            .into_iter()
            .filter_map(|theme| {
                let inst: Vec<_> = instruments.iter().filter(|i| i.theme == theme).collect();
                let meas: Vec<_> = measurements.iter().filter(|m| m.theme == theme).collect();
                if inst.is_empty() && meas.is_empty() {
                    return None;
                }
                let key = match theme {
                    Theme::Sygdom => "theme-sygdom",
                    Theme::Livsstil => "theme-livsstil",
                    Theme::Trivsel => "theme-trivsel",
                    Theme::Sociale => "theme-sociale",
                };
                let inst_views = inst
                    .into_iter()
                    .map(|i| instrument_view(&ctx2, i))
                    .collect_view();
                let meas_views = meas
                    .into_iter()
                    .map(|m| measurement_view(&ctx2, m))
                    .collect_view();
                Some(view! {
                    <section class="pf-theme">
                        <h3>{ctx2.t(key)}</h3>
                        {inst_views}
                        <div class="pf-measurements">{meas_views}</div>
                    </section>
                })
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="pf-section">
            <h2>{ctx.t("step-assessment")}</h2>
            {body}
        </section>
    }
}

/// The live scores of one instrument or derived measure: numbers as numbers, classes by their
/// label from the content (e.g. "Middel (10–19)" for `cat.band = medium`).
fn score_text(ctx: &Ctx, id: &str) -> impl Fn() -> String + Send + Sync + 'static {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let content = ctx.content.clone();
    let id = id.to_owned();
    move || {
        let lang = lang.get();
        eval.with(|e| {
            let score = e.scores().get(&id);
            match score {
                Some(fields) => fields
                    .iter()
                    .map(|(field, v)| {
                        let fact = format!("{id}.{field}");
                        let derived = content
                            .derived
                            .iter()
                            .chain(content.pathways.values().flat_map(|p| &p.derived))
                            .find(|d| d.id == fact);
                        let label = derived.and_then(|d| {
                            d.value_labels
                                .iter()
                                .find(|(val, _)| val.to_json() == *v)
                                .map(|(_, l)| l.get(lang).to_owned())
                        });
                        let shown = v.as_str().map_or_else(
                            || {
                                v.to_string()
                                    .replace('.', if lang == Lang::Da { "," } else { "." })
                            },
                            str::to_owned,
                        );
                        match label {
                            Some(l) => l,
                            None => {
                                let key = format!("field-{field}");
                                let name = super::i18n::TEXTS
                                    .iter()
                                    .find(|(k, _, _)| *k == key)
                                    .map_or(
                                        field.as_str(),
                                        |(_, da, en)| if lang == Lang::Da { da } else { en },
                                    );
                                format!("{name}: {shown}")
                            }
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
                None => tr(lang, "score-incomplete").to_owned(),
            }
        })
    }
}

fn instrument_view(ctx: &Ctx, def: &InstrumentDef) -> impl IntoView {
    let draft = ctx.draft;
    let lang = ctx.lang;
    let id = def.id.clone();
    let n = def.items.len();
    let uid = ctx.uid.clone();
    let items = def
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let opts = if item.options.is_empty() { def.options.clone() } else { item.options.clone() };
            let name = format!("{uid}-{id}-{i}");
            let err_id = format!("{name}-err");
            let error = ctx.error(format!("instruments.{id}[{i}]"));
            let anchors = match (&item.low, &item.high) {
                (Some(lo), Some(hi)) => {
                    let (lo, hi) = (ctx.text(lo), ctx.text(hi));
                    Some(view! { <p class="pf-anchors"><span>"0: " {lo}</span><span>"5: " {hi}</span></p> })
                }
                _ => None,
            };
            let mut values: Vec<(i64, Option<Text>)> = opts.into_iter().map(|o| (o.value, Some(o.label))).collect();
            values.push((UNKNOWN, None));
            let radios = values
                .into_iter()
                .map(|(v, label)| {
                    let id_c = id.clone();
                    let id_s = id.clone();
                    let label = move || match &label {
                        Some(l) => l.get(lang.get()).to_owned(),
                        None => tr(lang.get(), "unknown").to_owned(),
                    };
                    view! {
                        <label class="pf-opt" class:pf-unknown=v == UNKNOWN>
                            <input
                                type="radio"
                                name=name.clone()
                                value=v
                                prop:checked=move || draft.with(|d| d.answers.get(&id_c).and_then(|a| a.get(i).copied().flatten()) == Some(v))
                                on:change=move |_| draft.update(|d| {
                                    let a = d.answers.entry(id_s.clone()).or_insert_with(|| vec![None; n]);
                                    a.resize(n, None);
                                    a[i] = Some(v);
                                })
                            />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            let text = ctx.text(&item.text);
            let described = err_id.clone();
            view! {
                <fieldset class="pf-item" aria-describedby=described>
                    <legend>{text}</legend>
                    {anchors}
                    <div class="pf-options">{radios}</div>
                    <ErrorText id=err_id error=error />
                </fieldset>
            }
        })
        .collect_view();
    let title = ctx.text(&def.title);
    let intro = def.intro.as_ref().map(|t| {
        let t = ctx.text(t);
        view! { <p class="pf-intro">{t}</p> }
    });
    let note = def.wording_note.as_ref().map(|t| {
        let t = ctx.text(t);
        view! { <p class="pf-note">{t}</p> }
    });
    let score = score_text(ctx, &def.id);
    view! {
        <section class="pf-instrument" data-instrument=def.id.clone()>
            <h4>{title}</h4>
            {intro}
            {note}
            {items}
            <p class="pf-score" data-score=def.id.clone()>
                <strong>{ctx.t("scores")} ": "</strong>
                <output>{score}</output>
            </p>
        </section>
    }
}

fn measurement_view(ctx: &Ctx, def: &MeasurementDef) -> impl IntoView {
    let draft = ctx.draft;
    let lang = ctx.lang;
    let id = def.id.clone();
    let html_id = format!("{}-m-{id}", ctx.uid);
    let err_id = format!("{html_id}-err");
    let error = ctx.error(format!("measurements.{id}"));
    let e2 = error.clone();
    let label = ctx.text(&def.label);
    let help = def.help.as_ref().map(|h| {
        let h = ctx.text(h);
        view! { <span class="pf-help">{h}</span> }
    });
    let unit = def
        .unit
        .clone()
        .map(|u| view! { <span class="pf-unit">{u}</span> });
    let get = {
        let id = id.clone();
        move || draft.with(|d| d.measurements.get(&id).cloned().unwrap_or_default())
    };
    let set = {
        let id = id.clone();
        move |v: String| {
            draft.update(|d| {
                d.measurements.insert(id.clone(), v);
            })
        }
    };
    let control = match def.kind {
        MeasurementKind::Number | MeasurementKind::Integer => {
            let mode = if def.kind == MeasurementKind::Integer {
                "numeric"
            } else {
                "decimal"
            };
            let (min, max, lang) = (def.min, def.max, ctx.lang);
            let range = move || match (min, max) {
                (Some(lo), Some(hi)) => {
                    let l = lang.get();
                    format!("{}–{}", number_text(lo, l), number_text(hi, l))
                }
                _ => String::new(),
            };
            let node = NodeRef::<html::Input>::new();
            sync_value(node, get.clone());
            view! {
                <input
                    id=html_id.clone()
                    type="text"
                    inputmode=mode
                    autocomplete="off"
                    placeholder=range
                    node_ref=node
                    aria-invalid=move || e2().is_some().then_some("true")
                    aria-describedby=err_id.clone()
                    on:input=move |ev| set(event_target_value(&ev))
                />
            }
            .into_any()
        }
        MeasurementKind::Bool | MeasurementKind::Code => {
            let options: Vec<(String, Option<Text>)> = if def.kind == MeasurementKind::Bool {
                vec![
                    (
                        "true".into(),
                        Some(Text::new(tr(Lang::Da, "yes"), tr(Lang::En, "yes"))),
                    ),
                    (
                        "false".into(),
                        Some(Text::new(tr(Lang::Da, "no"), tr(Lang::En, "no"))),
                    ),
                ]
            } else {
                def.values
                    .iter()
                    .map(|v| (v.value.clone(), Some(v.label.clone())))
                    .collect()
            };
            let opts = options
                .into_iter()
                .map(|(v, l)| {
                    let label = move || {
                        l.as_ref()
                            .map(|l| l.get(lang.get()).to_owned())
                            .unwrap_or_default()
                    };
                    view! { <option value=v>{label}</option> }
                })
                .collect_view();
            view! {
                <select
                    id=html_id.clone()
                    prop:value=get
                    aria-invalid=move || e2().is_some().then_some("true")
                    aria-describedby=err_id.clone()
                    on:change=move |ev| set(event_target_value(&ev))
                >
                    <option value="">{move || tr(lang.get(), "unknown")}</option>
                    {opts}
                </select>
            }
            .into_any()
        }
        MeasurementKind::Codes => {
            let boxes = def
                .values
                .iter()
                .map(|v| {
                    let code = v.value.clone();
                    let code2 = code.clone();
                    let id_c = id.clone();
                    let id_u = id.clone();
                    let label = ctx.text(&v.label);
                    let set = set.clone();
                    view! {
                        <label class="pf-check">
                            <input
                                type="checkbox"
                                prop:checked=move || draft.with(|d| d.measurements.get(&id_c).is_some_and(|s| s.split(',').any(|c| c == code)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let current = draft.with_untracked(|d| d.measurements.get(&id_u).cloned().unwrap_or_default());
                                    let mut codes: Vec<String> = current.split(',').filter(|c| !c.is_empty() && *c != code2).map(str::to_owned).collect();
                                    if on {
                                        codes.push(code2.clone());
                                    }
                                    set(codes.join(","));
                                }
                            />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            view! { <div class="pf-codes" id=html_id.clone()>{boxes}</div> }.into_any()
        }
    };
    view! {
        <div class="pf-field" data-measurement=def.id.clone()>
            <label for=html_id.clone()>{label} {help}</label>
            <div class="pf-control">{control} {unit}</div>
            <ErrorText id=err_id error=error />
        </div>
    }
}

fn source_link(r: &Reason) -> impl IntoView {
    let src = r.source.clone();
    if src.starts_with("https://") || src.starts_with("http://") {
        let href = src.clone();
        view! { <a href=href target="_blank" rel="noopener noreferrer">{src}</a> }.into_any()
    } else {
        view! { <span>{src}</span> }.into_any()
    }
}

fn reason_view(ctx: &Ctx, r: &Reason) -> impl IntoView {
    let proposal = r
        .proposal
        .then(|| view! { <span class="pf-badge">{ctx.t("proposal")}</span> });
    view! {
        <li class="pf-reason" data-rule=r.rule.clone()>
            <span>{r.text.clone()}</span>
            " "
            {proposal}
            <span class="pf-source">
                {ctx.t("source")} " [" {r.evidence.clone()} "]: " {source_link(r)}
            </span>
            {trainer_note(ctx, &r.rule)}
        </li>
    }
}

/// In trainer mode: the rule's id and the condition (cut-offs included) that made it fire.
fn trainer_note(ctx: &Ctx, rule: &str) -> impl IntoView {
    let trainer = ctx.trainer;
    let lang = ctx.lang;
    let text = format!(
        "{rule}{}",
        ctx.content
            .rule_condition(rule)
            .map(|c| format!(": {c}"))
            .unwrap_or_default()
    );
    move || {
        trainer.get().then(|| {
            let text = text.clone();
            view! { <span class="pf-trainer"><strong>{tr(lang.get(), "trainer-rule")} ": "</strong><code>{text}</code></span> }
        })
    }
}

fn level_label(lang: Lang, level: u8) -> &'static str {
    match level {
        1 => tr(lang, "level-1"),
        2 => tr(lang, "level-2"),
        _ => tr(lang, "level-3"),
    }
}

fn differentiation_step(ctx: &Ctx) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let chosen = Memo::new(move |_| draft.with(|d| d.pathways.clone()));
    let overall = move || eval.with(|e| e.plan.as_ref().map(|p| p.differentiation.level));
    let ctx2 = ctx.clone();
    // One section per chosen pathway, rebuilt only when the choice changes, so typing a reason
    // never re-renders (and never loses focus in) the field being typed in.
    let sections = move || {
        chosen
            .get()
            .into_iter()
            .filter_map(|p| ctx2.content.pathways.get(&p).map(|x| (p, x.title.clone())))
            .map(|(p, title)| pathway_level(&ctx2, p, &title))
            .collect_view()
    };
    view! {
        <section class="pf-section">
            <h2>{ctx.t("step-differentiation")}</h2>
            <p class="pf-hint">{move || eval.with(|e| e.plan.is_none()).then(|| tr(lang.get(), "fix-errors"))}</p>
            <p class="pf-overall">
                <strong>{ctx.t("level-overall")} ": "</strong>
                <span class="pf-overall-level" data-level=move || overall().map(|l| l.to_string())>
                    {move || overall().map(|l| level_label(lang.get(), l))}
                </span>
            </p>
            {sections}
            {whatif_view(ctx)}
        </section>
    }
}

fn pathway_level(ctx: &Ctx, p: String, title: &Text) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let level = {
        let p = p.clone();
        move || {
            eval.with(|e| {
                e.plan
                    .as_ref()
                    .and_then(|x| x.differentiation.by_pathway.get(&p).copied())
            })
        }
    };
    let level2 = level.clone();
    let proposed = {
        let p = p.clone();
        move || {
            eval.with(|e| {
                e.plan.as_ref().and_then(|x| {
                    x.differentiation
                        .overrides
                        .iter()
                        .find(|o| o.pathway == p)
                        .map(|o| o.proposed)
                })
            })
            .map(|n| {
                format!(
                    "({}: {})",
                    tr(lang.get(), "proposed"),
                    level_label(lang.get(), n)
                )
            })
        }
    };
    let reasons = {
        let p = p.clone();
        let ctx = ctx.clone();
        move || {
            eval.with(|e| {
                e.plan.as_ref().map(|x| {
                    x.differentiation
                        .reasons
                        .iter()
                        .filter(|r| r.pathway == p)
                        .map(|r| reason_view(&ctx, r))
                        .collect_view()
                })
            })
        }
    };
    let pid = format!("{}-ov-{p}", ctx.uid);
    let (p1, p2, p3, p4) = (p.clone(), p.clone(), p.clone(), p.clone());
    let reason_err = ctx.error(format!("overrides.levels.{p}.reason"));
    let reason_node = NodeRef::<html::Textarea>::new();
    sync_value(reason_node, move || {
        draft.with(|d| {
            d.level_overrides
                .get(&p3)
                .map(|o| o.reason.clone())
                .unwrap_or_default()
        })
    });
    let e2 = reason_err.clone();
    view! {
        <section class="pf-level" data-pathway=p>
            <h3>{ctx.text(title)}</h3>
            <p class="pf-level-value" data-level=move || level().map(|l| l.to_string())>
                {move || level2().map(|l| level_label(lang.get(), l))}
            </p>
            <p class="pf-proposed">{proposed}</p>
            <h4>{ctx.t("reasons")}</h4>
            <ul class="pf-reasons">{reasons}</ul>
            <details class="pf-override">
                <summary>{ctx.t("override")}</summary>
                <label for=format!("{pid}-level")>{ctx.t("override-level")}</label>
                <select
                    id=format!("{pid}-level")
                    prop:value=move || draft.with(|d| d.level_overrides.get(&p1).map(|o| o.level.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| match v.parse::<u8>() {
                            Ok(l) => {
                                let reason = d.level_overrides.get(&p2).map(|o| o.reason.clone()).unwrap_or_default();
                                d.level_overrides.insert(p2.clone(), LevelOverride { level: l, reason });
                            }
                            Err(_) => {
                                d.level_overrides.remove(&p2);
                            }
                        });
                    }
                >
                    <option value="">{move || tr(lang.get(), "override-none")}</option>
                    <option value="1">{move || level_label(lang.get(), 1)}</option>
                    <option value="2">{move || level_label(lang.get(), 2)}</option>
                    <option value="3">{move || level_label(lang.get(), 3)}</option>
                </select>
                <label for=format!("{pid}-reason")>{ctx.t("override-reason")}</label>
                <textarea
                    id=format!("{pid}-reason")
                    aria-invalid=move || e2().is_some().then_some("true")
                    aria-describedby=format!("{pid}-err")
                    node_ref=reason_node
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| if let Some(o) = d.level_overrides.get_mut(&p4) { o.reason = v });
                    }
                ></textarea>
                <ErrorText id=format!("{pid}-err") error=reason_err />
            </details>
        </section>
    }
}

/// A label from the UI texts for a key built at run time, falling back to the raw code.
fn dyn_label(
    lang: RwSignal<Lang>,
    key: String,
    fallback: String,
) -> impl Fn() -> String + Send + Sync + 'static {
    move || super::i18n::lookup(lang.get(), &key).map_or_else(|| fallback.clone(), str::to_owned)
}

fn intervention_view(ctx: &Ctx, i: &crate::engine::plan::Intervention) -> impl IntoView {
    let lang = ctx.lang;
    let draft = ctx.draft;
    let start = i.start_by.map(|d| d.to_string());
    let reasons = i.reasons.iter().map(|r| reason_view(ctx, r)).collect_view();
    let id = i.id.clone();
    let id2 = i.id.clone();
    let added = i.added_by_gp.clone().map(|reason| {
        view! {
            <p class="pf-added">
                {ctx.t("added")} ": " {reason} " "
                <button type="button" on:click=move |_| draft.update(|d| { d.added.remove(&id2); })>{ctx.t("restore")}</button>
            </p>
        }
    });
    let remove = i.added_by_gp.is_none().then(|| {
        let input_id = format!("{}-rm-{id}", ctx.uid);
        view! {
            <details class="pf-remove">
                <summary>{ctx.t("remove")}</summary>
                <label for=input_id.clone()>{ctx.t("remove-reason")}</label>
                <input
                    id=input_id
                    type="text"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.trim().is_empty() {
                            draft.update(|d| { d.removed.insert(id.clone(), v); });
                        }
                    }
                />
            </details>
        }
    });
    view! {
        <li class="pf-intervention" data-intervention=i.id.clone() data-provider=i.provider.clone()>
            <div class="pf-int-head">
                <strong>{i.title.clone()}</strong>
                <span class="pf-int-meta">
                    {move || tr(lang.get(), "start-by")} ": "
                    {move || start.clone().unwrap_or_else(|| tr(lang.get(), "no-deadline").to_owned())}
                </span>
            </div>
            <p>{i.description.clone()}</p>
            {added}
            <ul class="pf-reasons">{reasons}</ul>
            {remove}
        </li>
    }
}

fn plan_step(
    ctx: &Ctx,
    root: NodeRef<html::Div>,
    confirmed: RwSignal<Option<String>>,
) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let plan = move || eval.with(|e| e.plan.clone());
    let deadline = move || {
        plan().map(|p| {
            let l = lang.get();
            let due = p.deadlines.plan_due;
            if p.deadlines.plan_overdue {
                format!("{} ({} {due})", tr(l, "overdue"), tr(l, "plan-due-inline"))
            } else {
                format!(
                    "{} {due} ({} {})",
                    tr(l, "plan-due"),
                    p.deadlines.days_to_plan_due,
                    tr(l, "days-left")
                )
            }
        })
    };
    let overdue = move || eval.with(|e| e.plan.as_ref().is_some_and(|p| p.deadlines.plan_overdue));
    let ctx2 = ctx.clone();
    // Interventions grouped by trin, then by provider.
    let interventions = move || {
        plan().map(|p| {
            let mut groups: Vec<(String, Vec<&crate::engine::plan::Intervention>)> = Vec::new();
            for i in &p.interventions {
                let key = format!("{}|{}", i.phase.as_str(), i.provider);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, list)) => list.push(i),
                    None => groups.push((key, vec![i])),
                }
            }
            groups
                .into_iter()
                .map(|(key, list)| {
                    let (phase, provider) = key.split_once('|').unwrap_or_default();
                    let heading = {
                        let phase = dyn_label(lang, format!("phase-{phase}"), phase.to_owned());
                        let provider =
                            dyn_label(lang, format!("prov-{provider}"), provider.to_owned());
                        move || format!("{} · {}", phase(), provider())
                    };
                    let items = list
                        .into_iter()
                        .map(|i| intervention_view(&ctx2, i))
                        .collect_view();
                    view! {
                        <li class="pf-group">
                            <h4>{heading}</h4>
                            <ul class="pf-interventions">{items}</ul>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let ctx3 = ctx.clone();
    let removed = move || {
        plan().map(|p| {
            p.removed_interventions
                .iter()
                .map(|r| {
                    let id = r.id.clone();
                    let title = ctx3.content.catalogue.get(&r.id).map(|c| ctx3.text(&c.title));
                    view! {
                        <li class="pf-removed" data-intervention=r.id.clone()>
                            <s>{title}</s> " – " {ctx3.t("removed")} ": " {r.reason.clone()} " "
                            <button type="button" on:click=move |_| draft.update(|d| { d.removed.remove(&id); })>{ctx3.t("restore")}</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let follow = move || {
        plan().map(|p| {
            p.follow_up
                .iter()
                .map(|f| {
                    let label = dyn_label(lang, format!("fu-{}", f.id), f.id.clone());
                    view! { <li data-follow-up=f.id.clone()>{label} ": " {f.due.to_string()}</li> }
                })
                .collect_view()
        })
    };
    let warnings = move || {
        plan().map(|p| {
            p.warnings
                .iter()
                .map(|w| view! { <li class="pf-warning" data-warning=w.id.clone()>{w.text.clone()}</li> })
                .collect_view()
        })
    };
    let clinical = move || {
        plan().map(|p| {
            p.goals
                .clinical
                .iter()
                .map(|g| view! { <li data-goal=g.id.clone()>{g.text.clone()}</li> })
                .collect_view()
        })
    };
    let can_confirm = move || eval.with(|e| e.plan.is_some() && e.errors.is_empty());
    let confirm = move |_| {
        let Some(json) =
            eval.with_untracked(|e| e.plan.as_ref().map(crate::engine::Plan::to_json_pretty))
        else {
            return;
        };
        if let Some(el) = root.get() {
            super::dispatch(&el, "pakkeforloeb-plan", &json);
        }
        confirmed.set(Some(json));
    };
    let goals_id = format!("{}-goals", ctx.uid);
    let goals_node = NodeRef::<html::Textarea>::new();
    sync_value(goals_node, move || draft.with(|d| d.goals.clone()));
    let output = move || {
        confirmed.get().map(|json| {
            let j1 = json.clone();
            let j2 = json.clone();
            view! {
                <div class="pf-output">
                    <p role="status">{move || tr(lang.get(), "confirmed")}</p>
                    <button type="button" class="pf-copy" on:click=move |_| copy_text(&j1)>{move || tr(lang.get(), "copy")}</button>
                    <button type="button" class="pf-download" on:click=move |_| download(&j2)>{move || tr(lang.get(), "download")}</button>
                    <button type="button" class="pf-print-button" on:click=move |_| { let _ = window().print(); }>{move || tr(lang.get(), "print")}</button>
                    <details>
                        <summary>{move || tr(lang.get(), "plan-json")}</summary>
                        <pre class="pf-json">{json}</pre>
                    </details>
                </div>
            }
        })
    };
    view! {
        <section class="pf-section">
            <h2>{ctx.t("step-plan")}</h2>
            <p class="pf-hint">{move || (!can_confirm()).then(|| tr(lang.get(), "fix-errors"))}</p>
            <p class="pf-deadline" class:pf-overdue=overdue>{deadline}</p>
            <ul class="pf-warnings">{warnings}</ul>
            {changes_view(ctx)}
            <h3>{ctx.t("interventions")}</h3>
            <ul class="pf-groups">{interventions}</ul>
            <ul class="pf-removed-list">{removed}</ul>
            {add_intervention(ctx)}
            <h3>{ctx.t("follow-up")}</h3>
            <ul class="pf-follow-up">{follow}</ul>
            <h3>{ctx.t("clinical-goals")}</h3>
            <ul class="pf-clinical-goals">{clinical}</ul>
            <label for=goals_id.clone()>{ctx.t("patient-goals")}</label>
            <textarea
                id=goals_id
                class="pf-goals"
                rows="3"
                node_ref=goals_node
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.goals = v); }
            ></textarea>
            <button type="button" class="pf-confirm" disabled=move || !can_confirm() on:click=confirm>{ctx.t("confirm")}</button>
            {output}
            {print_view(ctx)}
        </section>
    }
}

/// Adding an intervention from the catalogue, with the GP's reason.
fn add_intervention(ctx: &Ctx) -> impl IntoView {
    let draft = ctx.draft;
    let eval = ctx.eval;
    let lang = ctx.lang;
    let choice = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let content = ctx.content.clone();
    let options = move || {
        let in_plan: BTreeSet<String> = eval.with(|e| {
            e.plan
                .as_ref()
                .map(|p| crate::engine::set_from(p.interventions.iter().map(|i| i.id.clone())))
                .unwrap_or_default()
        });
        let l = lang.get();
        let mut list: Vec<(String, String)> = content
            .catalogue
            .values()
            .filter(|c| !in_plan.contains(&c.id))
            .map(|c| (c.id.clone(), c.title.get(l).to_owned()))
            .collect();
        crate::engine::sort_short(&mut list, |a, b| (&a.1, &a.0) < (&b.1, &b.0));
        list.into_iter()
            .map(|(id, title)| view! { <option value=id>{title}</option> })
            .collect_view()
    };
    let id = format!("{}-add", ctx.uid);
    let reason_node = NodeRef::<html::Input>::new();
    sync_value(reason_node, move || reason.get());
    let add = move |_| {
        let (c, r) = (choice.get_untracked(), reason.get_untracked());
        if !c.is_empty() && !r.trim().is_empty() {
            draft.update(|d| {
                d.added.insert(c, r);
            });
            choice.set(String::new());
            reason.set(String::new());
        }
    };
    view! {
        <details class="pf-add">
            <summary>{ctx.t("add")}</summary>
            <label for=format!("{id}-id")>{ctx.t("add-choose")}</label>
            <select id=format!("{id}-id") prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {options}
            </select>
            <label for=format!("{id}-reason")>{ctx.t("add-reason")}</label>
            <input id=format!("{id}-reason") type="text" node_ref=reason_node on:input=move |ev| reason.set(event_target_value(&ev)) />
            <button type="button" class="pf-add-button" disabled=move || choice.get().is_empty() || reason.get().trim().is_empty() on:click=add>
                {ctx.t("add-button")}
            </button>
        </details>
    }
}

/// The plan for the patient, in plain words: goals, offers, dates and whom to contact. Hidden on
/// screen; the only thing printed.
fn print_view(ctx: &Ctx) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let body = move || {
        let l = lang.get();
        eval.with(|e| {
            e.plan.as_ref().map(|p| {
                let goals: Vec<String> = draft.with(|d| d.goals.lines().map(str::trim).filter(|g| !g.is_empty()).map(str::to_owned).collect());
                let goals = goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view();
                let offers = p
                    .interventions
                    .iter()
                    .map(|i| {
                        let who = super::i18n::lookup(l, &format!("prov-{}", i.provider)).unwrap_or_default();
                        let contact = super::i18n::lookup(l, &format!("contact-{}", i.provider)).unwrap_or_default();
                        let start = i.start_by.map(|d| format!("{} {d}. ", tr(l, "print-start-by")));
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
                        let label = super::i18n::lookup(l, &format!("fu-{}", f.id)).map_or_else(|| f.id.clone(), str::to_owned);
                        view! { <li>{label} ": " {f.due.to_string()}</li> }
                    })
                    .collect_view();
                view! {
                    <h2>{tr(l, "print-title")}</h2>
                    <p>{tr(l, "print-date")} ": " {p.assessment_date.to_string()}</p>
                    <p>{tr(l, "print-intro")}</p>
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

fn copy_text(text: &str) {
    // navigator.clipboard.writeText(text), reached through Reflect so no unstable web-sys API
    // is needed; a refusal (no permission) is harmless: the JSON is shown on the page too.
    let nav = window().navigator();
    if let Ok(clip) = js_sys::Reflect::get(&nav, &"clipboard".into()) {
        if let Ok(f) = js_sys::Reflect::get(&clip, &"writeText".into()) {
            if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
                let _ = f.call1(&clip, &text.into());
            }
        }
    }
}

fn download(text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download("behandlingsplan.json");
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The example patients, loaded with one click (a select, so the keyboard works too).
fn examples_view(ctx: &Ctx) -> impl IntoView {
    let draft = ctx.draft;
    let lang = ctx.lang;
    // Titles and vignettes are read as plain JSON; an example's input is parsed only when the
    // trainer picks it, so the start step renders without parsing 18 patients.
    let text_at = |v: &serde_json::Value, key: &str| {
        Text::new(
            v[key]["da"].as_str().unwrap_or_default(),
            v[key]["en"].as_str().unwrap_or_default(),
        )
    };
    let examples: Vec<(String, Text, Text, serde_json::Value)> = super::examples::EXAMPLES
        .iter()
        .filter_map(|(id, json)| {
            let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
            let (title, vignette) = (text_at(&v, "title"), text_at(&v, "vignette"));
            Some(((*id).to_owned(), title, vignette, v["input"].take()))
        })
        .collect();
    let chosen = RwSignal::new(String::new());
    let list = examples.clone();
    let vignette = move || {
        let id = chosen.get();
        list.iter()
            .find(|e| e.0 == id)
            .map(|e| e.2.get(lang.get()).to_owned())
    };
    let options = {
        let examples = examples.clone();
        move || {
            examples
                .iter()
                .map(|(id, title, _, _)| {
                    let title = title.clone();
                    view! { <option value=id.clone()>{move || title.get(lang.get()).to_owned()}</option> }
                })
                .collect_view()
        }
    };
    let id = format!("{}-examples", ctx.uid);
    view! {
        <div class="pf-field pf-examples">
            <label for=id.clone()>{ctx.t("examples")}</label>
            <select
                id=id
                prop:value=move || chosen.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let input = examples
                        .iter()
                        .find(|e| e.0 == v)
                        .and_then(|e| crate::engine::Input::from_json_value(&e.3).ok());
                    if let Some(input) = input {
                        draft.set(Draft::from_input(&input));
                    }
                    chosen.set(v);
                }
            >
                <option value="">{ctx.t("examples-choose")}</option>
                {options}
            </select>
            <p class="pf-vignette">{vignette}</p>
        </div>
    }
}

/// A plan from an earlier consultation: pasted, checked, and used to prefill a re-assessment.
fn previous_view(ctx: &Ctx) -> impl IntoView {
    let draft = ctx.draft;
    let lang = ctx.lang;
    let content = ctx.content.clone();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let load = move |_| {
        let l = lang.get_untracked();
        match crate::engine::previous::parse_previous(&content, &text.get_untracked()) {
            Ok(prev) => {
                let input = crate::engine::previous::input_from_previous(&prev, &super::today());
                let mut d = Draft::from_input(&input);
                d.previous = Some(Box::new(prev));
                draft.set(d);
                error.set(None);
            }
            Err(e) => error.set(Some(
                e.0.iter()
                    .map(|x| format!("{}: {}", x.field, x.message_in(l)))
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    };
    let loaded = move || {
        draft.with(|d| {
            d.previous.as_ref().map(|p| {
                format!(
                    "{} {}",
                    tr(lang.get(), "previous-loaded"),
                    p.assessment_date
                )
            })
        })
    };
    let id = format!("{}-previous", ctx.uid);
    let phase_id = format!("{}-phase", ctx.uid);
    let node = NodeRef::<html::Textarea>::new();
    sync_value(node, move || text.get());
    view! {
        <details class="pf-previous">
            <summary>{ctx.t("previous-plan")}</summary>
            <p class="pf-help">{ctx.t("previous-help")}</p>
            <label for=id.clone()>{ctx.t("previous-plan")}</label>
            <textarea id=id rows="4" node_ref=node on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <button type="button" class="pf-previous-load" on:click=load>{ctx.t("previous-load")}</button>
            <p class="pf-error" role="alert">{move || error.get()}</p>
        </details>
        <p class="pf-previous-loaded">{loaded}</p>
        {move || draft.with(|d| d.previous.is_some()).then(|| phase_select(draft, lang, &phase_id))}
    }
}

/// For a re-assessment: a trin 2 status or the lasting phase's yearly status.
fn phase_select(draft: RwSignal<Draft>, lang: RwSignal<Lang>, id: &str) -> impl IntoView {
    use crate::engine::content::Phase;
    view! {
        <div class="pf-field">
            <label for=id.to_owned()>{move || tr(lang.get(), "phase")}</label>
            <select
                id=id.to_owned()
                prop:value=move || draft.with(|d| d.phase.unwrap_or(Phase::Vedvarende).as_str())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|d| d.phase = Some(if v == "trin2" { Phase::Trin2 } else { Phase::Vedvarende }));
                }
            >
                <option value="trin2">{move || tr(lang.get(), "phase-trin2")}</option>
                <option value="vedvarende">{move || tr(lang.get(), "phase-vedvarende")}</option>
            </select>
        </div>
    }
}

/// What changed since the previous plan (a re-assessment).
fn changes_view(ctx: &Ctx) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    move || {
        let c = eval.with(|e| e.plan.as_ref().and_then(|p| p.changes.clone()))?;
        Some(change_list(lang, "changes", &c))
    }
}

fn change_list(
    lang: RwSignal<Lang>,
    heading: &'static str,
    c: &crate::engine::previous::Changes,
) -> impl IntoView {
    let l = lang.get();
    let mut rows = vec![format!(
        "{}: {} → {}",
        tr(l, "changes-level"),
        c.level.from,
        c.level.to
    )];
    for (key, list) in [
        ("changes-added", &c.interventions_added),
        ("changes-ended", &c.interventions_ended),
        ("changes-goals-added", &c.goals_added),
        ("changes-goals-ended", &c.goals_ended),
    ] {
        if !list.is_empty() {
            rows.push(format!("{}: {}", tr(l, key), list.join(", ")));
        }
    }
    view! {
        <section class="pf-changes">
            <h3>{tr(l, heading)} " (" {c.previous_assessment_date.to_string()} ")"</h3>
            <ul>{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
        </section>
    }
}

/// Trainer mode: keep the current plan as a baseline, change an answer, see the difference.
fn whatif_view(ctx: &Ctx) -> impl IntoView {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let trainer = ctx.trainer;
    let baseline = ctx.baseline;
    let save = move |_| baseline.set(eval.with_untracked(|e| e.plan.clone()));
    let diff = move || {
        let base = baseline.get()?;
        let now = eval.with(|e| e.plan.clone())?;
        let l = lang.get();
        let c = crate::engine::previous::changes(&base, &now);
        let mut scores = Vec::new();
        for (id, fields) in &now.scores {
            for (field, v) in fields {
                let before = base.scores.get(id).and_then(|f| f.get(field));
                if before != Some(v) {
                    let b = before.map_or_else(|| "–".to_owned(), ToString::to_string);
                    scores.push(format!("{id}.{field}: {b} → {v}"));
                }
            }
        }
        let same = c.level.from == c.level.to
            && c.interventions_added.is_empty()
            && c.interventions_ended.is_empty()
            && scores.is_empty();
        Some(view! {
            <div class="pf-whatif-result">
                {same.then(|| view! { <p>{tr(l, "whatif-none")}</p> })}
                {(!same).then(|| change_list(lang, "whatif", &c))}
                {(!scores.is_empty()).then(|| view! {
                    <p><strong>{tr(l, "whatif-scores")} ": "</strong>{scores.join(" · ")}</p>
                })}
            </div>
        })
    };
    move || {
        trainer.get().then(|| {
            view! {
                <section class="pf-whatif">
                    <h3>{move || tr(lang.get(), "whatif")}</h3>
                    <p class="pf-help">{move || tr(lang.get(), "whatif-help")}</p>
                    <button type="button" class="pf-whatif-save" on:click=save>{move || tr(lang.get(), "whatif-save")}</button>
                    {diff}
                </section>
            }
        })
    }
}
