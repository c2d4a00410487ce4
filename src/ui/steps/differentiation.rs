//! Step 3, Differentiering: the level per pathway with its reasons, and the GP's override.

use leptos::html;
use leptos::prelude::*;

use crate::engine::error::Field;
use crate::engine::gates::PathwayStatus;
use crate::engine::input::LevelOverride;
use crate::engine::Text;
use crate::ui::ctx::{sync_value, use_ctx, ErrorText};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::gates::status_label;
use crate::ui::parts::levels::{level_label, overall_level};
use crate::ui::parts::reasons::reasons_view;
use crate::ui::parts::trainer::whatif_view;

pub(crate) fn differentiation_step() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let chosen = Memo::new(move |_| draft.with(|d| d.pathways.clone()));
    // One section per chosen pathway, rebuilt only when the choice changes, so typing a reason
    // never re-renders (and never loses focus in) the field being typed in.
    let sections = move || {
        chosen
            .get()
            .into_iter()
            .filter_map(|p| ctx.content().pathways.get(&p).map(|x| (p, x.title.clone())))
            .map(|(p, title)| pathway_level(p, &title))
            .collect_view()
    };
    view! {
        <section class="pf-section">
            <h2 tabindex="-1">{ctx.t("step-differentiation")}</h2>
            <p class="pf-hint">
                {move || eval.with(|e| e.plan.is_none()).then(|| tr(lang.get(), "fix-errors"))}
            </p>
            {overall_level()}
            {person_axis()}
            {sections}
            {whatif_view()}
        </section>
    }
}

/// The person axis: the level the patient's resources, life situation and motivation give,
/// with the reasons that named them (the shared rules), so the GP sees what moved the level.
fn person_axis() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let axes = Memo::new(move |_| {
        eval.with(|e| e.plan.as_ref().and_then(|p| p.differentiation.axes.clone()))
    });
    let text = move || {
        let l = lang.get();
        axes.get().map(|a| {
            format!(
                "{}: {} · {}: {}",
                tr(l, "axis-disease"),
                level_label(l, a.disease),
                tr(l, "axis-person"),
                level_label(l, a.person)
            )
        })
    };
    let reasons = move || {
        eval.with(|e| {
            e.plan.as_ref().map(|x| {
                let shared = &ctx.content().shared.id;
                reasons_view(
                    x.differentiation
                        .reasons
                        .iter()
                        .filter(|r| &r.pathway == shared),
                )
            })
        })
    };
    view! {
        <section class="pf-level pf-person-axis" hidden=move || axes.get().is_none()>
            <h3>{move || tr(lang.get(), "axis-title")}</h3>
            <p class="pf-axes">{text}</p>
            <ul class="pf-reasons">{reasons}</ul>
        </section>
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one pathway's level with the GP's override form, whose signals belong to it"
)]
pub(crate) fn pathway_level(p: String, title: &Text) -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let draft = ctx.draft;
    let level = {
        let p = p.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                e.plan
                    .as_ref()
                    .and_then(|x| x.differentiation.by_pathway.get(&p).copied())
            })
        })
    };
    let status = {
        let p = p.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                e.plan
                    .as_ref()
                    .and_then(|x| x.status_by_pathway.get(&p).copied())
            })
        })
    };
    let provisional = {
        let p = p.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                e.plan
                    .as_ref()
                    .is_some_and(|x| x.differentiation.provisional.contains(&p))
            })
        })
    };
    let level_text = move || {
        let l = lang.get();
        match (level.get(), status.get()) {
            (Some(n), _) if provisional.get() => {
                Some(format!("{} ({})", level_label(l, n), tr(l, "provisional")))
            }
            (Some(n), _) => Some(level_label(l, n).to_owned()),
            (None, Some(s)) => Some(status_label(l, s).to_owned()),
            (None, None) => None,
        }
    };
    let gated = Memo::new(move |_| status.get().is_some_and(|s| s != PathwayStatus::Klar));
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
        move || {
            eval.with(|e| {
                e.plan.as_ref().map(|x| {
                    reasons_view(x.differentiation.reasons.iter().filter(|r| r.pathway == p))
                })
            })
        }
    };
    // Raised by the person axis: said beside the level, so the level and its reasons never
    // disagree.
    let raised = {
        let p = p.clone();
        move || {
            eval.with(|e| {
                let d = &e.plan.as_ref()?.differentiation;
                let disease = d
                    .reasons
                    .iter()
                    .filter(|r| r.pathway == p)
                    .filter_map(|r| r.level)
                    .max()
                    .unwrap_or(1);
                let person = d.axes.as_ref()?.person;
                let l = lang.get();
                (person > disease)
                    .then(|| format!("{} {}.", tr(l, "raised-by-person"), level_label(l, person)))
            })
        }
    };
    let pid = ctx.id(Id::Override(&p));
    let (p1, p2, p3, p4) = (p.clone(), p.clone(), p.clone(), p.clone());
    let reason_err = ctx.error(Field::of("overrides").key("levels").key(&p).key("reason"));
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
    let has_override = draft.with_untracked(|d| d.level_overrides.contains_key(&p));
    view! {
        <section class="pf-level" data-pathway=p>
            <h3>{ctx.text(title)}</h3>
            <p
                class="pf-level-value"
                class:pf-level-gated=gated
                data-level=move || level.get().map(|l| l.to_string())
                data-status=move || status.get().map(PathwayStatus::as_str)
            >
                {level_text}
            </p>
            <p class="pf-proposed">{proposed}</p>
            <p class="pf-raised-by-person">{raised}</p>
            <h4>{ctx.t("reasons")}</h4>
            <ul class="pf-reasons">{reasons}</ul>
            // Open when it holds the GP's change (or its missing reason): after a step switch, a
            // DOM move or a restored draft the GP finds it as they left it.
            <details class="pf-override" hidden=gated open=has_override>
                <summary>{ctx.t("override")}</summary>
                <label for=format!("{pid}-level")>{ctx.t("override-level")}</label>
                <select
                    id=format!("{pid}-level")
                    prop:value=move || {
                        draft
                            .with(|d| {
                                d.level_overrides
                                    .get(&p1)
                                    .map(|o| o.level.to_string())
                                    .unwrap_or_default()
                            })
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft
                            .update(|d| match v.parse::<u8>() {
                                Ok(l) => {
                                    let reason = d
                                        .level_overrides
                                        .get(&p2)
                                        .map(|o| o.reason.clone())
                                        .unwrap_or_default();
                                    d.level_overrides
                                        .insert(p2.clone(), LevelOverride { level: l, reason });
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
                        draft
                            .update(|d| {
                                if let Some(o) = d.level_overrides.get_mut(&p4) {
                                    o.reason = v;
                                }
                            });
                    }
                ></textarea>
                <ErrorText id=format!("{pid}-err") error=reason_err />
            </details>
        </section>
    }
}
