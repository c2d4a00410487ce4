//! The widget's views. Every text from content or hosts is inserted as a text node, never as
//! HTML; links are only made from `http(s)` source URLs.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use super::i18n::tr;
use super::state::{Draft, Evaluation};
use crate::engine::content::{InstrumentDef, MeasurementDef, MeasurementKind, Theme};
use crate::engine::plan::Reason;
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
    /// What to start from (a host's prefill, or empty).
    #[prop(optional)]
    initial: Option<Draft>,
    /// Language to start in.
    #[prop(optional)]
    lang: Option<Lang>,
) -> impl IntoView {
    let mut initial = initial.unwrap_or_default();
    if initial.assessment_date.is_empty() {
        initial.assessment_date = super::today();
    }
    let draft = RwSignal::new(initial);
    let lang = RwSignal::new(lang.unwrap_or_default());
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
    };
    let step = RwSignal::new(0usize);
    let root = NodeRef::<html::Div>::new();
    let confirmed = RwSignal::new(None::<String>);

    // Report to the host: ready once, then every change of the plan.
    Effect::new(move |prev: Option<()>| {
        let json = eval.with(|e| e.plan.as_ref().map(crate::engine::Plan::to_json_pretty));
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
            parts.extend(
                c.pathways
                    .values()
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
                    disabled=move || step.get() + 1 >= STEPS.len()
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
                    tr(lang.get(), "scores").to_lowercase(),
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
    view! {
        <div class="pf-field">
            <label for=id.clone()>{ctx.t(label)}</label>
            <input
                id=id
                type="date"
                name=field
                prop:value=move || draft.with(get)
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

fn score_text(ctx: &Ctx, id: &str) -> impl Fn() -> String + Send + Sync + 'static {
    let eval = ctx.eval;
    let lang = ctx.lang;
    let id = id.to_owned();
    move || {
        eval.with(|e| {
            let score = e.plan.as_ref().and_then(|p| p.scores.get(&id));
            match score {
                Some(fields) => fields
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{k}: {}",
                            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
                None => tr(lang.get(), "score-incomplete").to_owned(),
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
            let range = match (def.min, def.max) {
                (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                _ => String::new(),
            };
            view! {
                <input
                    id=html_id.clone()
                    type="text"
                    inputmode=mode
                    autocomplete="off"
                    placeholder=range
                    prop:value=get
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
        </li>
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
    let ctx2 = ctx.clone();
    let content = ctx.content.clone();
    let body = move || {
        let Some(plan) = eval.with(|e| e.plan.clone()) else {
            return view! { <p class="pf-hint">{ctx2.t("fix-errors")}</p> }.into_any();
        };
        let per = plan
            .differentiation
            .by_pathway
            .iter()
            .map(|(p, level)| {
                let level = *level;
                let title = content.pathways.get(p).map(|x| ctx2.text(&x.title));
                let reasons = plan
                    .differentiation
                    .reasons
                    .iter()
                    .filter(|r| &r.pathway == p)
                    .map(|r| reason_view(&ctx2, r))
                    .collect_view();
                let proposed = plan.differentiation.overrides.iter().find(|o| &o.pathway == p).map(|o| {
                    let n = o.proposed;
                    view! { <p class="pf-proposed">"(" {move || tr(lang.get(), "proposed")} ": " {move || level_label(lang.get(), n)} ")"</p> }
                });
                let pid = format!("{}-ov-{p}", ctx2.uid);
                let p1 = p.clone();
                let p2 = p.clone();
                let p3 = p.clone();
                let p4 = p.clone();
                let reason_err = ctx2.error(format!("overrides.levels.{p}.reason"));
                view! {
                    <section class="pf-level" data-pathway=p.clone()>
                        <h3>{title}</h3>
                        <p class="pf-level-value" data-level=level>{move || level_label(lang.get(), level)}</p>
                        {proposed}
                        <h4>{ctx2.t("reasons")}</h4>
                        <ul class="pf-reasons">{reasons}</ul>
                        <details class="pf-override">
                            <summary>{ctx2.t("override")}</summary>
                            <label for=format!("{pid}-level")>{ctx2.t("override-level")}</label>
                            <select
                                id=format!("{pid}-level")
                                prop:value=move || draft.with(|d| d.level_overrides.get(&p1).map(|o| o.0.to_string()).unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    draft.update(|d| match v.parse::<u8>() {
                                        Ok(l) => {
                                            let reason = d.level_overrides.get(&p2).map(|o| o.1.clone()).unwrap_or_default();
                                            d.level_overrides.insert(p2.clone(), (l, reason));
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
                            <label for=format!("{pid}-reason")>{ctx2.t("override-reason")}</label>
                            <textarea
                                id=format!("{pid}-reason")
                                prop:value=move || draft.with(|d| d.level_overrides.get(&p3).map(|o| o.1.clone()).unwrap_or_default())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    draft.update(|d| if let Some(o) = d.level_overrides.get_mut(&p4) { o.1 = v });
                                }
                            ></textarea>
                            <ErrorText id=format!("{pid}-err") error=reason_err />
                        </details>
                    </section>
                }
            })
            .collect_view();
        let overall = plan.differentiation.level;
        view! {
            <p class="pf-overall">
                <strong>{ctx2.t("level-overall")} ": "</strong>
                <span class="pf-overall-level" data-level=overall>{move || level_label(lang.get(), overall)}</span>
            </p>
            {per}
        }
        .into_any()
    };
    view! {
        <section class="pf-section">
            <h2>{ctx.t("step-differentiation")}</h2>
            {body}
        </section>
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
    let ctx2 = ctx.clone();
    let body = move || {
        let Some(plan) = eval.with(|e| e.plan.clone()) else {
            return view! { <p class="pf-hint">{ctx2.t("fix-errors")}</p> }.into_any();
        };
        let due = plan.deadlines.plan_due.to_string();
        let days = plan.deadlines.days_to_plan_due;
        let overdue = plan.deadlines.plan_overdue;
        let deadline = move || {
            let l = lang.get();
            if overdue {
                format!(
                    "{} ({} {due})",
                    tr(l, "overdue"),
                    tr(l, "plan-due").to_lowercase()
                )
            } else {
                format!(
                    "{} {due} ({days} {})",
                    tr(l, "plan-due"),
                    tr(l, "days-left")
                )
            }
        };
        let interventions = plan
            .interventions
            .iter()
            .map(|i| {
                let prov = format!("prov-{}", i.provider);
                let prov_label = move || super::i18n::TEXTS.iter().find(|(k, _, _)| *k == prov).map_or("", |(_, da, en)| if lang.get() == Lang::Da { da } else { en });
                let start = i.start_by.map(|d| d.to_string());
                let phase = format!("phase-{}", i.phase.as_str());
                let phase_label = move || super::i18n::TEXTS.iter().find(|(k, _, _)| *k == phase).map_or("", |(_, da, en)| if lang.get() == Lang::Da { da } else { en });
                let reasons = i.reasons.iter().map(|r| reason_view(&ctx2, r)).collect_view();
                let id = i.id.clone();
                let id2 = i.id.clone();
                view! {
                    <li class="pf-intervention" data-intervention=i.id.clone() data-provider=i.provider.clone()>
                        <div class="pf-int-head">
                            <strong>{i.title.clone()}</strong>
                            <span class="pf-int-meta">
                                {phase_label} " · " {prov_label} " · " {move || tr(lang.get(), "start-by")} ": "
                                {start.clone().unwrap_or_else(|| tr(lang.get(), "no-deadline").to_owned())}
                            </span>
                        </div>
                        <p>{i.description.clone()}</p>
                        <ul class="pf-reasons">{reasons}</ul>
                        <details class="pf-remove">
                            <summary>{ctx2.t("remove")}</summary>
                            <label>
                                <span>{ctx2.t("remove-reason")}</span>
                                <input
                                    type="text"
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        if !v.trim().is_empty() {
                                            draft.update(|d| { d.removed.insert(id.clone(), v); });
                                        }
                                    }
                                />
                            </label>
                        </details>
                        <span hidden>{id2}</span>
                    </li>
                }
            })
            .collect_view();
        let removed = plan
            .removed_interventions
            .iter()
            .map(|r| {
                let id = r.id.clone();
                let title = ctx2.content.catalogue.get(&r.id).map(|c| ctx2.text(&c.title));
                view! {
                    <li class="pf-removed" data-intervention=r.id.clone()>
                        <s>{title}</s> " – " {ctx2.t("removed")} ": " {r.reason.clone()} " "
                        <button type="button" on:click=move |_| draft.update(|d| { d.removed.remove(&id); })>{ctx2.t("restore")}</button>
                    </li>
                }
            })
            .collect_view();
        let follow = plan
            .follow_up
            .iter()
            .map(|f| {
                let key = format!("fu-{}", f.id);
                let fid = f.id.clone();
                let label = move || {
                    super::i18n::TEXTS
                        .iter()
                        .find(|(k, _, _)| *k == key)
                        .map_or(fid.clone(), |(_, da, en)| {
                            (if lang.get() == Lang::Da { da } else { en }).to_string()
                        })
                };
                view! { <li data-follow-up=f.id.clone()>{label} ": " {f.due.to_string()}</li> }
            })
            .collect_view();
        let warnings = plan
            .warnings
            .iter()
            .map(|w| view! { <li class="pf-warning" data-warning=w.id.clone()>{w.text.clone()}</li> })
            .collect_view();
        let clinical = plan
            .goals
            .clinical
            .iter()
            .map(|g| view! { <li data-goal=g.id.clone()>{g.text.clone()}</li> })
            .collect_view();
        let has_errors = eval.with(|e| !e.errors.is_empty());
        let json = plan.to_json_pretty();
        let json_confirm = json.clone();
        let confirm = move |_| {
            if let Some(el) = root.get() {
                super::dispatch(&el, "pakkeforloeb-plan", &json_confirm);
            }
            confirmed.set(Some(json_confirm.clone()));
        };
        let goals_id = format!("{}-goals", ctx2.uid);
        view! {
            <p class="pf-deadline" class:pf-overdue=overdue>{deadline}</p>
            <ul class="pf-warnings">{warnings}</ul>
            <h3>{ctx2.t("interventions")}</h3>
            <ul class="pf-interventions">{interventions}</ul>
            <ul class="pf-removed-list">{removed}</ul>
            <h3>{ctx2.t("follow-up")}</h3>
            <ul class="pf-follow-up">{follow}</ul>
            <h3>{ctx2.t("clinical-goals")}</h3>
            <ul class="pf-clinical-goals">{clinical}</ul>
            <label for=goals_id.clone()>{ctx2.t("patient-goals")}</label>
            <textarea
                id=goals_id
                class="pf-goals"
                rows="3"
                prop:value=move || draft.with(|d| d.goals.clone())
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.goals = v); }
            ></textarea>
            <p class="pf-hint">{has_errors.then(|| ctx2.t("fix-errors"))}</p>
            <button type="button" class="pf-confirm" disabled=has_errors on:click=confirm>{ctx2.t("confirm")}</button>
            <input type="hidden" value=json />
        }
        .into_any()
    };
    let output = move || {
        confirmed.get().map(|json| {
            let j1 = json.clone();
            let j2 = json.clone();
            view! {
                <div class="pf-output">
                    <p role="status">{move || tr(lang.get(), "confirmed")}</p>
                    <button type="button" class="pf-copy" on:click=move |_| copy_text(&j1)>{move || tr(lang.get(), "copy")}</button>
                    <button type="button" class="pf-download" on:click=move |_| download(&j2)>{move || tr(lang.get(), "download")}</button>
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
            {body}
            {output}
        </section>
    }
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
