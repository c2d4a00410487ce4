//! Step 2, Behovsvurdering: the instruments and measurements of the chosen pathways, grouped by
//! theme, with live scores.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::engine::content::{InstrumentDef, MeasurementDef, Theme};
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::parts::instrument::instrument_view;
use crate::ui::parts::measurement::measurement_view;

pub(crate) fn assessment_step() -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let content = ctx.content();
    let chosen = Memo::new(move |_| draft.with(|d| d.pathways.clone()));
    let body = move || {
        let chosen = chosen.get();
        if chosen.is_empty() {
            return view! { <p class="pf-hint">{ctx.t("choose-pathway")}</p> }.into_any();
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
                let asked = asked.into_iter().map(instrument_view).collect_view();
                let offered = offered.into_iter().map(offered_instrument).collect_view();
                let meas_views = meas.into_iter().map(|m| measurement_view(m)).collect_view();
                Some(view! {
                    <section class="pf-theme">
                        <h3>{ctx.t(key)}</h3>
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
fn offered_instrument(def: &InstrumentDef) -> impl IntoView {
    let ctx = use_ctx();
    let (eval, content) = (ctx.eval, ctx.content());
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
    let (ctx, def) = (ctx, def.clone());
    (move || {
        shown.get().then(|| {
            let (_ctx, def, summary) = (ctx, def.clone(), summary.clone());
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
                    {move || open.get().then(|| instrument_view(&def))}
                </details>
            }
        })
    })
    .into_any()
}
