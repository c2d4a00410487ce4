//! Step 1, Start: the pathways, the dates, example patients and a previous plan for a
//! re-assessment.

use leptos::html;
use leptos::prelude::*;

use crate::engine::error::Field;
use crate::engine::{Lang, Text};
use crate::ui::ctx::{sync_value, use_ctx, ErrorText};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::state::Draft;
pub(crate) fn start_step() -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let content = ctx.content();
    let pathways = crate::engine::content::PATHWAY_IDS
        .iter()
        .filter_map(|id| content.pathways.get(*id))
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
                            draft
                                .update(|d| {
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
    let pathways_error = ctx.error(Field::of("pathways"));
    let pe = pathways_error.clone();
    let uid = ctx.uid;
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
        <section class="pf-section" aria-labelledby=uid.id(Id::Start)>
            <h2 id=uid.id(Id::Start) tabindex="-1">
                {ctx.t("step-start")}
            </h2>
            <fieldset
                class="pf-pathways"
                id=uid.id(Id::Pathways)
                aria-invalid=move || pe().is_some().then_some("true")
            >
                <legend>{ctx.t("pathways")}</legend>
                {pathways}
                <ErrorText id=uid.id(Id::PathwaysError) error=pathways_error />
            </fieldset>
            {date_field("diagnosis_date", "diagnosis-date")}
            {date_field("assessment_date", "assessment-date")}
            <p class="pf-prefill">{prefill}</p>
            {
                let (_ctx, clinical) = (ctx, ctx.clinical);
                move || (!clinical.get()).then(examples_view)
            }
            {previous_view()}
        </section>
    }
}

pub(crate) fn date_field(field: &'static str, label: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let id = ctx.id(Id::Date(field));
    let err_id = format!("{id}-err");
    let error = ctx.error(Field::of(field));
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
    let (typed, left) = (ctx, ctx);
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
                    typed.typed(&Field::of(field));
                    let v = event_target_value(&ev);
                    draft
                        .update(|d| {
                            if field == "diagnosis_date" {
                                d.diagnosis_date = v
                            } else {
                                d.assessment_date = v
                            }
                        });
                }
                on:blur=move |_| left.settled()
            />
            <ErrorText id=err_id error=error />
        </div>
    }
}

/// The example patients, loaded with one click (a select, so the keyboard works too).
pub(crate) fn examples_view() -> impl IntoView {
    let ctx = use_ctx();
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
    let examples: Vec<(String, Text, Text, serde_json::Value)> = crate::ui::examples::EXAMPLES
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
    let id = ctx.id(Id::Examples);
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
pub(crate) fn previous_view() -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let lang = ctx.lang;
    let content = ctx.content();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let load = move |_| {
        let l = lang.get_untracked();
        match crate::engine::previous::parse_previous(&content, &text.get_untracked()) {
            Ok(prev) => {
                let input =
                    crate::engine::previous::input_from_previous(&prev, &crate::ui::dom::today());
                let mut d = Draft::from_input(&input);
                d.previous = Some(Box::new(prev));
                draft.set(d);
                error.set(None);
            }
            // The GP reads what is wrong with the file, not where in its JSON.
            Err(e) => error.set(Some(
                e.0.iter()
                    .map(|x| x.message_in(l))
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    };
    let loaded = move || {
        draft.with(|d| {
            d.previous.as_ref().map(|p| {
                let l = lang.get();
                format!(
                    "{} {}",
                    tr(l, "previous-loaded"),
                    crate::ui::text::date_text(l, p.assessment_date)
                )
            })
        })
    };
    let id = ctx.id(Id::Previous);
    let phase_id = ctx.id(Id::Phase);
    let node = NodeRef::<html::Textarea>::new();
    sync_value(node, move || text.get());
    view! {
        <details class="pf-previous">
            <summary>{ctx.t("previous-plan")}</summary>
            <p class="pf-help">{ctx.t("previous-help")}</p>
            <label for=id.clone()>{ctx.t("previous-plan")}</label>
            <textarea
                id=id
                rows="4"
                node_ref=node
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <button type="button" class="pf-previous-load" on:click=load>
                {ctx.t("previous-load")}
            </button>
            <p class="pf-error" role="alert">
                {move || error.get()}
            </p>
        </details>
        <p class="pf-previous-loaded">{loaded}</p>
        {move || draft.with(|d| d.previous.is_some()).then(|| phase_select(draft, lang, &phase_id))}
    }
}

/// For a re-assessment: a trin 2 status or the lasting phase's yearly status.
pub(crate) fn phase_select(
    draft: RwSignal<Draft>,
    lang: RwSignal<Lang>,
    id: &str,
) -> impl IntoView {
    use crate::engine::content::Phase;
    view! {
        <div class="pf-field">
            <label for=id.to_owned()>{move || tr(lang.get(), "phase")}</label>
            <select
                id=id.to_owned()
                prop:value=move || draft.with(|d| d.phase.unwrap_or(Phase::Vedvarende).as_str())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft
                        .update(|d| {
                            d.phase = Some(
                                if v == "trin2" { Phase::Trin2 } else { Phase::Vedvarende },
                            );
                        });
                }
            >
                <option value="trin2">{move || tr(lang.get(), "phase-trin2")}</option>
                <option value="vedvarende">{move || tr(lang.get(), "phase-vedvarende")}</option>
            </select>
        </div>
    }
}
