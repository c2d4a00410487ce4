//! "Opstart af behandling": the treatment prompts of the plan and the GP's decision on each.

use leptos::html;
use leptos::prelude::*;

use crate::engine::input::{TreatmentDecision, TreatmentDecisionKind};
use crate::engine::plan::TreatmentPrompt;
use crate::ui::ctx::{sync_value, use_ctx};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::reasons::reasons_view;

const DECISIONS: [(Option<TreatmentDecisionKind>, &str); 4] = [
    (Some(TreatmentDecisionKind::Started), "treatment-started"),
    (Some(TreatmentDecisionKind::Already), "treatment-already"),
    (
        Some(TreatmentDecisionKind::NotRelevant),
        "treatment-not-relevant",
    ),
    (None, "treatment-undecided"),
];

/// "Opstart af behandling": each prompt with its reasons and sources, and the GP's decision
/// (started, already takes it, not relevant, or not decided) with an optional note. The widget
/// never gives a dose; the decision goes into the plan as the GP recorded it.
pub(crate) fn treatments_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    // Keyed like the interventions: a card keeps its state until its own content changes.
    let list = move || {
        view! {
            <For
                each=move || {
                    eval.with(|e| e.plan.as_ref().map(|p| p.treatment.clone()).unwrap_or_default())
                }
                key=|t| {
                    let mut t = t.clone();
                    t.decision = None;
                    crate::engine::json_text(&t, b"")
                }
                children=move |t| treatment_view(&t)
            />
        }
    };
    let any = move || eval.with(|e| e.plan.as_ref().is_some_and(|p| !p.treatment.is_empty()));
    let lang = ctx.lang;
    view! {
        <Show when=any>
            <h3>{move || tr(lang.get(), "treatment")}</h3>
            <p class="pf-help">{move || tr(lang.get(), "treatment-help")}</p>
            <ul class="pf-treatments">{list}</ul>
        </Show>
    }
}

/// One prompt. The decision and its note are read from the draft as the GP sets them, so the
/// card (and the radio that has focus) stays in place while the plan is recomputed.
fn treatment_view(t: &TreatmentPrompt) -> impl IntoView {
    let ctx = use_ctx();
    let (draft, lang, eval) = (ctx.draft, ctx.lang, ctx.eval);
    let name = ctx.id(Id::Treatment(&t.id));
    let decided = {
        let id = t.id.clone();
        move || draft.with(|d| d.treatment_decisions.get(&id).map(|x| x.decision))
    };
    let radios = DECISIONS
        .iter()
        .map(|&(kind, key)| {
            let id = t.id.clone();
            let input_id = format!("{name}-{key}");
            let decided = decided.clone();
            let set = move |_| {
                draft.update(|d| match kind {
                    Some(decision) => {
                        let reason = d
                            .treatment_decisions
                            .get(&id)
                            .map(|x| x.reason.clone())
                            .unwrap_or_default();
                        d.treatment_decisions
                            .insert(id.clone(), TreatmentDecision { decision, reason });
                    }
                    None => {
                        d.treatment_decisions.remove(&id);
                    }
                });
            };
            view! {
                <span class="pf-choice">
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name.clone()
                        value=key
                        prop:checked=move || decided() == kind
                        on:change=set
                    />
                    <label for=input_id>{move || tr(lang.get(), key)}</label>
                </span>
            }
        })
        .collect_view();
    let note = {
        let id = t.id.clone();
        let note_id = format!("{name}-note");
        let value = {
            let id = id.clone();
            move || {
                draft.with(|d| {
                    d.treatment_decisions
                        .get(&id)
                        .map(|x| x.reason.clone())
                        .unwrap_or_default()
                })
            }
        };
        let shown = decided.clone();
        let node = NodeRef::<html::Input>::new();
        sync_value(node, value);
        view! {
            <div class="pf-treatment-note-field" hidden=move || shown().is_none()>
                <label for=note_id.clone()>{ctx.t("treatment-note")}</label>
                <input
                    id=note_id
                    type="text"
                    class="pf-treatment-note"
                    node_ref=node
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft
                            .update(|d| {
                                if let Some(x) = d.treatment_decisions.get_mut(&id) {
                                    x.reason = v.trim().to_owned();
                                }
                            });
                    }
                />
            </div>
        }
    };
    // What the plan recorded (the engine's reading of the decision).
    let recorded = {
        let id = t.id.clone();
        move || {
            eval.with(|e| {
                let d = e
                    .plan
                    .as_ref()?
                    .treatment
                    .iter()
                    .find(|x| x.id == id)?
                    .decision
                    .as_ref()?
                    .decision;
                Some(match d {
                    TreatmentDecisionKind::Started => "started",
                    TreatmentDecisionKind::Already => "already",
                    TreatmentDecisionKind::NotRelevant => "not-relevant",
                })
            })
        }
    };
    let reasons = reasons_view(&t.reasons);
    view! {
        <li class="pf-treatment" data-treatment=t.id.clone() data-decision=recorded>
            <strong>{t.title.clone()}</strong>
            <p>{t.description.clone()}</p>
            <ul class="pf-reasons">{reasons}</ul>
            <fieldset class="pf-decision">
                <legend class="pf-visually-hidden">{t.title.clone()}</legend>
                {radios}
            </fieldset>
            {note}
        </li>
    }
}
