//! An intervention of the plan as a card (with the GP's removal and its reason), and adding one
//! from the catalogue.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;

use crate::ui::ctx::{sync_value, use_ctx};
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::parts::reasons::reasons_view;
use crate::ui::text::date_text;

#[expect(
    clippy::too_many_lines,
    reason = "one intervention's card with its removal panel, whose signals belong to the card"
)]
pub(crate) fn intervention_view(i: &crate::engine::plan::Intervention) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let draft = ctx.draft;
    let start = i.start_by;
    let reasons = reasons_view(&i.reasons);
    let id = i.id.clone();
    let id2 = i.id.clone();
    let added = i
        .added_by_gp
        .as_deref()
        .map(crate::ui::text::shown_text)
        .map(|reason| {
            view! {
                <p class="pf-added">
                    {ctx.t("added")} ": " {reason} " "
                    {ctx
                        .undo(
                            None,
                            move |d| {
                                d.added.remove(&id2);
                            },
                        )}
                </p>
            }
        });
    let remove = i.added_by_gp.is_none().then(|| {
        let input_id = ctx.id(Id::RemoveReason(&id));
        let (focus, uid) = (ctx.focus, ctx.uid);
        let follow = ctx.follow;
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
                            draft
                                .update(|d| {
                                    d.removed.insert(id.clone(), v);
                                });
                            follow.plan_now();
                            focus.set(Some(uid.id(Id::Removed(&id))));
                        }
                    }
                />
            </details>
        }
    });
    let waiting = i.awaiting_acceptance;
    // The patient's yes: recorded on the assessment day, it starts the offer's deadline.
    let acceptance = match (waiting, i.accepted_on) {
        (true, _) => {
            let id = i.id.clone();
            Some(
                view! {
                    <p class="pf-acceptance">
                        <button
                            type="button"
                            class="pf-accept"
                            on:click=move |_| {
                                draft
                                    .update(|d| {
                                        let day = d.assessment_date.clone();
                                        d.accepted.insert(id.clone(), day);
                                    })
                            }
                        >
                            {ctx.t("accept")}
                        </button>
                    </p>
                }
                .into_any(),
            )
        }
        (false, Some(day)) => {
            let id = i.id.clone();
            Some(
                view! {
                    <p class="pf-acceptance pf-accepted">
                        {move || tr(lang.get(), "accepted-on")} " "
                        {move || date_text(lang.get(), day)} " "
                        {ctx
                            .undo(
                                None,
                                move |d| {
                                    d.accepted.remove(&id);
                                },
                            )}
                    </p>
                }
                .into_any(),
            )
        }
        (false, None) => None,
    };
    // What the referral needs, as the text the GP pastes or the practice system sends.
    let referral = i.referral.as_ref().map(|r| {
        let text = r.text.clone();
        let copied = RwSignal::new(false);
        view! {
            <details class="pf-referral">
                <summary>{ctx.t("referral")}</summary>
                <pre class="pf-referral-text">{r.text.clone()}</pre>
                <button
                    type="button"
                    class="pf-copy-referral"
                    on:click=move |_| {
                        crate::ui::parts::confirm::copy_text(&text);
                        copied.set(true);
                    }
                >
                    {ctx.t("referral-copy")}
                </button>
                <span role="status">
                    {move || copied.get().then(|| tr(lang.get(), "referral-copied"))}
                </span>
            </details>
        }
    });
    view! {
        <li
            class="pf-intervention"
            data-intervention=i.id.clone()
            data-provider=i.provider.as_str()
            data-waiting=waiting.then_some("true")
        >
            <div class="pf-int-head">
                <strong>{i.title.clone()}</strong>
                <span class="pf-int-meta">
                    {move || tr(lang.get(), "start-by")} ": "
                    {move || {
                        start
                            .map_or_else(
                                || {
                                    tr(
                                            lang.get(),
                                            if waiting { "waiting-for-yes" } else { "no-deadline" },
                                        )
                                        .to_owned()
                                },
                                |d| date_text(lang.get(), d),
                            )
                    }}
                </span>
            </div>
            <p>{i.description.clone()}</p>
            {added}
            {acceptance}
            <ul class="pf-reasons">{reasons}</ul>
            {referral}
            {remove}
        </li>
    }
}

/// Adding an intervention from the catalogue, with the GP's reason.
pub(crate) fn add_intervention() -> impl IntoView {
    let ctx = use_ctx();
    let draft = ctx.draft;
    let eval = ctx.eval;
    let lang = ctx.lang;
    let choice = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let content = ctx.content();
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
    let id = ctx.id(Id::Add);
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
            <select
                id=format!("{id}-id")
                prop:value=move || choice.get()
                on:change=move |ev| choice.set(event_target_value(&ev))
            >
                <option value="">"—"</option>
                {options}
            </select>
            <label for=format!("{id}-reason")>{ctx.t("add-reason")}</label>
            <input
                id=format!("{id}-reason")
                type="text"
                node_ref=reason_node
                on:input=move |ev| reason.set(event_target_value(&ev))
            />
            <button
                type="button"
                class="pf-add-button"
                disabled=move || choice.get().is_empty() || reason.get().trim().is_empty()
                on:click=add
            >
                {ctx.t("add-button")}
            </button>
        </details>
    }
}
