//! A measurement on the assessment step: a number, a choice, or a list of findings with an
//! explicit "none of these".

use leptos::html;
use leptos::prelude::*;

use crate::engine::content::{MeasurementDef, MeasurementKind};
use crate::engine::error::Field;
use crate::engine::text::number_text;
use crate::engine::{Lang, Text};
use crate::ui::ctx::{sync_value, use_ctx, ErrorText};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::gates::{inline_gate_note, needed_note};
use crate::ui::parts::notices::carried_note;
use crate::ui::state::NONE_OF_THESE;

#[expect(
    clippy::too_many_lines,
    reason = "one measurement with its unit, date and carried-over value, sharing the field's signals"
)]
pub(crate) fn measurement_view(def: &MeasurementDef) -> AnyView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let entry = ctx.entry();
    let lang = ctx.lang;
    let id = def.id.clone();
    let html_id = ctx.id(Id::Measurement(&id));
    let err_id = format!("{html_id}-err");
    let error = ctx.error(Field::of("measurements").key(&id));
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
    // The value as entered, once per change of the measurements.
    let value = {
        let id = id.clone();
        Memo::new(move |_| draft.with(|d| d.measurements.get(&id).cloned().unwrap_or_default()))
    };
    let get = move || value.get();
    let set = {
        let id = id.clone();
        move |v: String| entry.update(|d| d.set_measurement(&id, v))
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
            sync_value(node, get);
            let field = Field::of("measurements").key(&id);
            let (typed, left) = (ctx, ctx);
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
                    on:input=move |ev| {
                        typed.typed(&field);
                        set(event_target_value(&ev));
                    }
                    on:blur=move |_| left.settled()
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
                    let id_u = id.clone();
                    let label = ctx.text(&v.label);
                    let set = set.clone();
                    view! {
                        <label class="pf-check">
                            <input
                                type="checkbox"
                                value=v.value.clone()
                                prop:checked=move || {
                                    value.with(|s| s.split(',').any(|c| c == code))
                                }
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let current = draft
                                        .with_untracked(|d| {
                                            d.measurements.get(&id_u).cloned().unwrap_or_default()
                                        });
                                    let mut codes: Vec<String> = current
                                        .split(',')
                                        .filter(|c| {
                                            !c.is_empty() && *c != code2 && *c != NONE_OF_THESE
                                        })
                                        .map(str::to_owned)
                                        .collect();
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
            // "Not assessed" (nothing ticked) is never read as "none": the GP records "none of
            // these" explicitly, which clears the ticks.
            let id_u = id.clone();
            let none = view! {
                <label class="pf-check pf-none-of-these">
                    <input
                        type="checkbox"
                        prop:checked=move || value.with(|s| s == NONE_OF_THESE)
                        on:change=move |ev| {
                            let v = if event_target_checked(&ev) {
                                NONE_OF_THESE.to_owned()
                            } else {
                                String::new()
                            };
                            entry.update(|d| d.set_measurement(&id_u, v));
                        }
                    />
                    <span>{move || tr(lang.get(), "none-of-these")}</span>
                </label>
            };
            let legend_help = def.help.as_ref().map(|h| {
                let h = ctx.text(h);
                view! { <span class="pf-help">{h}</span> }
            });
            return view! {
                <div class="pf-field" data-measurement=def.id.clone()>
                    <fieldset class="pf-codes" id=html_id.clone() aria-describedby=err_id.clone()>
                        <legend>{label} {legend_help}</legend>
                        {carried_note(format!("measurements.{}", def.id))}
                        {boxes}
                        {none}
                    </fieldset>
                    {needed_note(format!("measurements.{}", def.id))}
                    {inline_gate_note(format!("measurements.{}", def.id))}
                    <ErrorText id=err_id error=error />
                </div>
            }
            .into_any();
        }
    };
    view! {
        <div class="pf-field pf-row" data-measurement=def.id.clone()>
            <label for=html_id.clone()>{label} {help}</label>
            {carried_note(format!("measurements.{}", def.id))}
            <div class="pf-control">{control} {unit}</div>
            {needed_note(format!("measurements.{}", def.id))}
            {inline_gate_note(format!("measurements.{}", def.id))}
            <ErrorText id=err_id error=error />
        </div>
    }
    .into_any()
}
