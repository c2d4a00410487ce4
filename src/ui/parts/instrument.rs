//! An instrument on the assessment step: its items (compact segments where the items share one
//! scale), the paper total where the content allows it, and the live score.

use leptos::html;
use leptos::prelude::*;

use crate::engine::content::InstrumentDef;
use crate::engine::error::Field;
use crate::engine::{Lang, Text};
use crate::ui::ctx::{sync_value, use_ctx, ErrorText};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::gates::inline_gate_note;
use crate::ui::parts::notices::carried_note;
use crate::ui::state::UNKNOWN;

/// The live scores of one instrument or derived measure: numbers as numbers, classes by their
/// label from the content (e.g. "Middel (10–19)" for `cat.band = medium`).
pub(crate) fn score_text(id: &str) -> impl Fn() -> String + Send + Sync + 'static {
    let ctx = use_ctx();
    let scores = ctx.scores;
    let lang = ctx.lang;
    let content = ctx.content();
    let id = id.to_owned();
    move || {
        let lang = lang.get();
        scores.with(|scores| {
            let score = scores.get(&id);
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
                            |s| {
                                crate::ui::i18n::score_value_key(field, s)
                                    .map_or_else(|| s.to_owned(), |k| tr(lang, k).to_owned())
                            },
                        );
                        match label {
                            Some(l) => l,
                            None => {
                                let name = crate::ui::i18n::score_field_key(field)
                                    .map_or(field.as_str(), |k| tr(lang, k));
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

/// Whether the paper total of an instrument is given, once per change of the draft.
fn total_given(id: &str) -> Memo<bool> {
    let ctx = use_ctx();
    let (draft, id) = (ctx.draft, id.to_owned());
    Memo::new(move |_| draft.with(|d| d.totals.get(&id).is_some_and(|t| !t.trim().is_empty())))
}

/// Whether an instrument is shown compact: items that share one scale (CAT, WHO-5, MDI) get a
/// row of numbered segments each, with the scale's words once above them, so a 360-px panel
/// holds an item in two or three lines instead of a column of seven radios.
fn compact(def: &InstrumentDef) -> bool {
    def.items.len() > 1 && !def.options.is_empty() && def.items.iter().all(|i| i.options.is_empty())
}

#[expect(
    clippy::too_many_lines,
    reason = "one instrument: its items, live total and not-asked choice share the same signals"
)]
pub(crate) fn instrument_view(def: &InstrumentDef) -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let entry = ctx.entry();
    let lang = ctx.lang;
    let id = def.id.clone();
    let n = def.items.len();
    let uid = ctx.uid;
    let compact = compact(def);
    // The scale in words, once (only where the options are words, not bare numbers).
    let scale = (compact
        && def
            .options
            .iter()
            .any(|o| o.label.da != o.value.to_string()))
    .then(|| {
        let words: Vec<(i64, Text)> = def
            .options
            .iter()
            .map(|o| (o.value, o.label.clone()))
            .collect();
        let text = move || {
            let l = lang.get();
            words
                .iter()
                .map(|(v, t)| format!("{v} = {}", t.get(l)))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        view! { <p class="pf-scale">{text}</p> }
    });
    // This instrument's answers, once per change of the draft: a click on another instrument
    // (or any other entry) re-runs none of this one's rows.
    let mine = {
        let id = id.clone();
        Memo::new(move |_| draft.with(|d| d.answers.get(&id).cloned()))
    };
    let items = def
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let opts = def.options_of(item).to_vec();
            let name = uid.id(Id::ItemGroup(&id, i));
            let item_id = uid.id(Id::Item(&id, i));
            let err_id = format!("{name}-err");
            let error = ctx.error(Field::of("instruments").key(&id).at(i));
            let anchors = match (&item.low, &item.high) {
                (Some(lo), Some(hi)) => {
                    let (lo, hi) = (ctx.text(lo), ctx.text(hi));
                    // Above the ends of the scale they describe: the low end over 0, the high over 5.
                    Some(view! {
                        <p class="pf-anchors">
                            <span>{lo}</span>
                            <span>{hi}</span>
                        </p>
                    })
                }
                _ => None,
            };
            // Short answers (Aldrig, Ofte, Enig) stay on one row even in a narrow panel.
            let inline = !compact
                && opts
                    .iter()
                    .all(|o| o.label.da.chars().count() <= 14 && o.label.en.chars().count() <= 14);
            let mut values: Vec<(i64, Option<Text>)> =
                opts.into_iter().map(|o| (o.value, Some(o.label))).collect();
            values.push((UNKNOWN, None));
            // The row's answer, once per change of the draft: each radio reads this memo, so a
            // click elsewhere re-runs one comparison per row, not one closure per radio, and
            // writes no `checked` that already holds its value.
            let answer = Memo::new(move |_| {
                mine.with(|a| a.as_ref().and_then(|a| a.get(i).copied().flatten()))
            });
            let radios = values
                .into_iter()
                .map(|(v, label)| {
                    let id_s = id.clone();
                    // Compact: the segment shows the number; its full wording is still its
                    // accessible name (and in the scale above).
                    let (face, spoken) = match (&label, compact) {
                        (Some(l), true) if l.da != v.to_string() => {
                            (Some(v.to_string()), Some(l.clone()))
                        }
                        _ => (None, None),
                    };
                    let label = move || match &label {
                        Some(l) => l.get(lang.get()).to_owned(),
                        None => tr(lang.get(), "unknown").to_owned(),
                    };
                    let text = match (face, spoken) {
                        (Some(face), Some(spoken)) => view! {
                            <span class="pf-seg-face" aria-hidden="true">
                                {face}
                            </span>
                            <span class="pf-visually-hidden">
                                {move || format!("{v} – {}", spoken.get(lang.get()))}
                            </span>
                        }
                        .into_any(),
                        _ => view! { <span class="pf-seg-face">{label}</span> }.into_any(),
                    };
                    view! {
                        <label class="pf-opt" class:pf-unknown=v == UNKNOWN>
                            <input
                                type="radio"
                                name=name.clone()
                                value=v
                                prop:checked=move || answer.get() == Some(v)
                                on:change=move |_| entry.update(|d| d.set_answer(&id_s, i, n, v))
                            />
                            {text}
                        </label>
                    }
                })
                .collect_view();
            let text = ctx.text(&item.text);
            // Items are numbered as error messages name them ("spørgsmål 3"), unless the
            // wording carries its own number (the MDI).
            let number = (n > 1 && !item.text.da.starts_with(|c: char| c.is_ascii_digit()))
                .then(|| format!("{}. ", i + 1));
            let described = err_id.clone();
            view! {
                <fieldset
                    class="pf-item"
                    class:pf-compact=compact
                    id=item_id
                    aria-describedby=described
                >
                    <legend>{number} {text}</legend>
                    {anchors}
                    <div class="pf-options" class:pf-seg=compact class:pf-inline=inline>
                        {radios}
                    </div>
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
    // The note on the wording (licence, translation) is there for whoever asks, not in the
    // GP's way at every consultation.
    let note = def.wording_note.as_ref().map(|t| {
        let t = ctx.text(t);
        view! {
            <details class="pf-note">
                <summary>{ctx.t("about-wording")}</summary>
                {t}
            </details>
        }
    });
    let score = score_text(&def.id);
    let total = def.total_entry.then(|| total_entry(def));
    // Entered as its total: the items stand aside (unless some were answered: then the engine
    // names the conflict and both stay on screen).
    let total_given = total_given(&def.id);
    let items_hidden = {
        move || {
            total_given.get()
                && !mine.with(|a| a.as_ref().is_some_and(|a| a.iter().any(Option::is_some)))
        }
    };
    view! {
        <section
            class="pf-instrument"
            data-instrument=def.id.clone()
            id=uid.id(Id::Instrument(&def.id))
        >
            <h4>{title}</h4>
            {carried_note(format!("instruments.{}", def.id))}
            {intro}
            {note}
            {total}
            <div class="pf-items" hidden=items_hidden>
                {scale}
                {items}
            </div>
            {inline_gate_note(format!("instruments.{}", def.id))}
            <p class="pf-score" data-score=def.id.clone()>
                <strong>{ctx.t("scores")} ": "</strong>
                <output>{score}</output>
            </p>
        </section>
    }
}

/// "Udfyldt på papir?": the total of a form the patient filled on paper, where the rules read
/// only the total (the content says which). The plan records that the items were not given.
fn total_entry(def: &InstrumentDef) -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let entry = ctx.entry();
    let id = def.id.clone();
    let html_id = ctx.id(Id::Total(&id));
    let err_id = format!("{html_id}-err");
    let field = Field::of("instrument_totals").key(&id);
    let error = ctx.error(field.clone());
    let e2 = error.clone();
    let (typed, left) = (ctx, ctx);
    let max = def.max_total();
    let given = total_given(&id);
    let node = NodeRef::<html::Input>::new();
    {
        let id = id.clone();
        sync_value(node, move || {
            draft.with(|d| d.totals.get(&id).cloned().unwrap_or_default())
        });
    }
    view! {
        <details class="pf-total" open=given>
            <summary>{ctx.t("total-entry")}</summary>
            <div class="pf-field pf-row">
                <label for=html_id.clone()>{ctx.t("total-label")} {format!(" (0–{max})")}</label>
                <div class="pf-control">
                    <input
                        id=html_id
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        node_ref=node
                        aria-invalid=move || e2().is_some().then_some("true")
                        aria-describedby=err_id.clone()
                        on:input=move |ev| {
                            typed.typed(&field);
                            let v = event_target_value(&ev);
                            entry.update(|d| d.set_total(&id, v));
                        }
                        on:blur=move |_| left.settled()
                    />
                </div>
                <ErrorText id=err_id error=error />
            </div>
        </details>
    }
}
