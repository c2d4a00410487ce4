//! Confirming the plan: "Godkend behandlingsplan" in the sticky action bar, why it is disabled,
//! and what the GP does with the confirmed plan (copy, download).

use leptos::html;
use leptos::prelude::*;

use crate::ui::i18n::tr;
use crate::ui::state::Blocker;
use crate::ui::views::Ctx;

/// "Godkend behandlingsplan", in the sticky action bar on the plan step, with why it is
/// disabled next to it. Confirming fires `pakkeforloeb-plan` with the plan JSON.
pub(crate) fn confirm_bar(
    ctx: &Ctx,
    root: NodeRef<html::Div>,
    confirmed: RwSignal<Option<String>>,
) -> impl IntoView {
    let eval = ctx.eval;
    let blockers = Memo::new(move |_| eval.with(crate::ui::state::Evaluation::blockers));
    let can_confirm = move || blockers.with(Vec::is_empty);
    let confirm = move |_| {
        // The plan as the GP confirmed it: `confirmed` tells a receiver (and the FHIR export)
        // that its referrals are orders, not proposals.
        let Some(json) = eval.with_untracked(|e| {
            e.plan.as_ref().map(|p| {
                let mut p = p.clone();
                p.confirmed = true;
                p.to_json_pretty()
            })
        }) else {
            return;
        };
        if let Some(el) = root.get() {
            crate::ui::dispatch(&el, "pakkeforloeb-plan", &json);
        }
        confirmed.set(Some(json));
    };
    view! {
        <div class="pf-confirm-bar">
            <button
                type="button"
                class="pf-confirm"
                part="button primary-button"
                disabled=move || !can_confirm()
                aria-describedby=format!("{}-blocked", ctx.uid)
                on:click=confirm
            >
                {ctx.t("confirm")}
            </button>
            {blocked_reasons(ctx, blockers)}
        </div>
    }
}

/// Why "Godkend" is disabled, next to it, in plain words, each with a link to what needs doing.
fn blocked_reasons(ctx: &Ctx, blockers: Memo<Vec<Blocker>>) -> impl IntoView {
    let lang = ctx.lang;
    let draft = ctx.draft;
    let content = ctx.content.clone();
    let ctx_list = ctx.clone();
    let list = move || {
        let ctx = &ctx_list;
        let l = lang.get();
        blockers
            .get()
            .into_iter()
            .map(|b| match b {
                Blocker::NoPlan => view! {
                    <li>
                        {tr(l, "blocked-no-plan")} " "
                        {ctx.link(tr(l, "step-start").to_owned(), 0, None)}
                    </li>
                }
                .into_any(),
                Blocker::Errors(fields) => {
                    let first = fields.first().cloned().unwrap_or_default();
                    let label = crate::ui::fields::label(&content, &first, l);
                    view! {
                        <li>
                            {format!("{} {} ({label}).", fields.len(), tr(l, "errors-count"))} " "
                            {ctx.field_link(&first, tr(l, "go-to-field").to_owned())}
                        </li>
                    }
                    .into_any()
                }
                Blocker::AcuteGates(ids) => gate_blocker(ctx, l, "blocked-acute", &ids),
                Blocker::SameDayQuestions(ids) => {
                    gate_blocker(ctx, l, "blocked-same-day-question", &ids)
                }
                Blocker::CarriedOver(fields) => {
                    let labels: Vec<String> =
                        fields.iter().map(|f| content.field_label(f, l)).collect();
                    view! {
                        <li>
                            {format!("{}: {}.", tr(l, "blocked-carried"), labels.join(", "))} " "
                            <button
                                type="button"
                                class="pf-confirm-carried"
                                on:click=move |_| draft.update(|d| d.carried_over.clear())
                            >
                                {tr(l, "confirm-carried")}
                            </button>
                        </li>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };
    view! {
        <ul class="pf-blocked" id=format!("{}-blocked", ctx.uid)>
            {list}
        </ul>
    }
}

/// Why "Godkend" waits for a safety gate, with a link to the first gate named.
fn gate_blocker(ctx: &Ctx, l: crate::engine::Lang, key: &str, ids: &[String]) -> AnyView {
    let anchor = ids.first().map(|id| format!("{}-gate-{id}", ctx.uid));
    let link = ctx.link(
        tr(l, "go-to-gate").to_owned(),
        ctx.step.get_untracked(),
        anchor,
    );
    let item = view! { <li>{tr(l, key)} " " {link}</li> };
    item.into_any()
}

pub(crate) fn copy_text(text: &str) {
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

pub(crate) fn download(text: &str) {
    use wasm_bindgen::JsCast;
    let blob = gloo_file::Blob::new_with_options(text, Some("application/json"));
    // Revoked when dropped, after the click started the download.
    let url = gloo_file::ObjectUrl::from(blob);
    if let Ok(a) = document().create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download("behandlingsplan.json");
            a.click();
        }
    }
}
