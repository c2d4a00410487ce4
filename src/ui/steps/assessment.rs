//! Step 2, Behovsvurdering: the instruments and measurements of the chosen pathways, grouped by
//! theme, with live scores.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::engine::content::{InstrumentDef, MeasurementDef, Theme};
use crate::ui::i18n::tr;
use crate::ui::parts::instrument::instrument_view;
use crate::ui::parts::measurement::measurement_view;
use crate::ui::views::Ctx;

pub(crate) fn assessment_step(ctx: &Ctx) -> impl IntoView {
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
            Theme::Ressourcer,
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
                    Theme::Ressourcer => "theme-ressourcer",
                };
                // An instrument the content offers on a result (the MDI after a low WHO-5) comes
                // after the theme's questions: the question a low score makes urgent (thoughts
                // of suicide) stays next to the score that raised it.
                let (offered, asked): (Vec<_>, Vec<_>) = inst
                    .into_iter()
                    .partition(|i| content.offer_when.contains_key(&i.id));
                let asked = asked
                    .into_iter()
                    .map(|i| instrument_view(&ctx2, i))
                    .collect_view();
                let offered = offered
                    .into_iter()
                    .map(|i| offered_instrument(&ctx2, i))
                    .collect_view();
                let meas_views = meas
                    .into_iter()
                    .map(|m| measurement_view(&ctx2, m))
                    .collect_view();
                Some(view! {
                    <section class="pf-theme">
                        <h3>{ctx2.t(key)}</h3>
                        {asked}
                        <div class="pf-measurements">{meas_views}</div>
                        {offered}
                    </section>
                })
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="pf-section">
            <h2 tabindex="-1">{ctx.t("step-assessment")}</h2>
            {body}
        </section>
    }
}

/// An instrument, shown while the content offers it (the MDI once WHO-5 calls for it) or while
/// it has answers: what the GP entered is never hidden. Offered, it comes as one line that says
/// why and opens to its items when the GP chooses to use it (twelve MDI rows would double the
/// step); with answers it is open. Its items are built when it opens: the click that completes
/// WHO-5 paints its score without building a thousand nodes it does not show.
fn offered_instrument(ctx: &Ctx, def: &InstrumentDef) -> impl IntoView {
    let (eval, content) = (ctx.eval, ctx.content.clone());
    let id = def.id.clone();
    let answered = {
        let id = id.clone();
        let draft = ctx.draft;
        Memo::new(move |_| {
            draft.with(|d| {
                d.answers
                    .get(&id)
                    .is_some_and(|a| a.iter().any(Option::is_some))
            })
        })
    };
    let opened = ctx.opened;
    let was_open = answered.get_untracked() || opened.with_untracked(|o| o.contains(&id));
    let open = RwSignal::new(was_open);
    let toggled = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let now = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|d| d.has_attribute("open"));
            if now != open.get_untracked() {
                open.set(now);
                opened.update(|o| {
                    if now {
                        o.insert(id.clone());
                    } else {
                        o.remove(&id);
                    }
                });
            }
        }
    };
    let shown = Memo::new(move |_| eval.with(|e| content.offered(&id, &e.facts)) || answered.get());
    let lang = ctx.lang;
    let (title, items) = (def.title.clone(), def.items.len());
    let summary = move || {
        let l = lang.get();
        format!(
            "{} ({items} {}): {}",
            title.get(l),
            tr(l, "questions"),
            tr(l, "offered-why")
        )
    };
    let (ctx, def) = (ctx.clone(), def.clone());
    (move || {
        shown.get().then(|| {
            let (ctx, def, summary) = (ctx.clone(), def.clone(), summary.clone());
            let toggled = toggled.clone();
            let offered_id = def.id.clone();
            view! {
                <details
                    class="pf-offered"
                    data-offered=offered_id
                    open=open.get_untracked()
                    on:toggle=toggled
                >
                    <summary>{summary}</summary>
                    {move || open.get().then(|| instrument_view(&ctx, &def))}
                </details>
            }
        })
    })
    .into_any()
}

/// "Carried over from the plan of <date>", with a button that confirms the value unchanged;
/// nothing once the GP confirmed or changed it.
pub(crate) fn carried_note(ctx: &Ctx, field: String) -> impl IntoView {
    let (draft, lang) = (ctx.draft, ctx.lang);
    // Once per change of what is carried over (not on every click).
    let date = {
        let field = field.clone();
        Memo::new(move |_| draft.with(|d| d.carried_over.get(&field).cloned().unwrap_or_default()))
    };
    move || {
        let date = Some(date.get()).filter(|d| !d.is_empty())?;
        let l = lang.get();
        let shown =
            crate::engine::input::parse_date(&date).map_or(date, |d| crate::ui::date_text(l, d));
        let f = field.clone();
        Some(view! {
            <p class="pf-carried">
                {format!("{} {shown}. ", tr(l, "carried-from"))}
                <button
                    type="button"
                    class="pf-carried-confirm"
                    on:click=move |_| {
                        draft
                            .update(|d| {
                                d.carried_over.remove(&f);
                            })
                    }
                >
                    {tr(l, "carried-confirm")}
                </button>
            </p>
        })
    }
}
