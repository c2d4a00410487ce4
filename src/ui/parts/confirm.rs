//! Confirming the plan: "Godkend behandlingsplan" in the sticky action bar, why it is disabled,
//! and what the GP does with the confirmed plan (copy, download).

use leptos::html;
use leptos::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::ids::Id;
use crate::ui::state::Blocker;
use crate::ui::step::Step;

/// "Godkend behandlingsplan", in the sticky action bar on the plan step, with why it is
/// disabled next to it. Confirming fires `pakkeforloeb-plan` with the plan JSON, once: the bar
/// then shows, where the GP pressed, that the plan is confirmed, with "Udskriv" and "Fortryd
/// godkendelse" (which fires `pakkeforloeb-change` with the plan, no longer confirmed). An edit
/// after confirming withdraws the confirmation, and the bar says so.
pub(crate) fn confirm_bar(
    root: NodeRef<html::Div>,
    confirmed: RwSignal<Option<String>>,
    withdrawn: RwSignal<bool>,
) -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let blockers = Memo::new(move |_| eval.with(crate::ui::state::Evaluation::blockers));
    let follow = ctx.follow;
    let plan_now = move || follow.plan_now();
    let can_confirm = move || blockers.with(Vec::is_empty);
    let print_button = NodeRef::<html::Button>::new();
    let confirm = move |_| {
        // Once: a second press (a double click) sends no second plan.
        if confirmed.with_untracked(Option::is_some) {
            return;
        }
        // The plan of the draft as it is now, also when the last edit was a moment ago: an
        // edit that blocks confirming blocks it before its frame has shown the block.
        plan_now();
        if !blockers.with_untracked(Vec::is_empty) {
            return;
        }
        // The plan as the GP confirmed it: `confirmed` tells a receiver (and the FHIR export)
        // that its referrals are orders, not proposals.
        let Some(json) = eval.with_untracked(|e| {
            e.plan.as_deref().map(|p| {
                let mut p = p.clone();
                p.confirmed = true;
                p.to_json_pretty()
            })
        }) else {
            return;
        };
        if let Some(el) = root.get() {
            crate::ui::dom::dispatch(&el, "pakkeforloeb-plan", &json);
        }
        withdrawn.set(false);
        confirmed.set(Some(json));
        // The pressed button is gone: the focus goes to what the GP does next.
        request_animation_frame(move || {
            // (The widget may be gone by then.)
            if let Some(b) = print_button.try_get_untracked().flatten() {
                let _ = b.focus();
            }
        });
    };
    // The second click of a double click on "Godkend" lands on what replaced it: neither
    // button below acts on a click that is the second of a pair.
    let second = |ev: &leptos::ev::MouseEvent| ev.detail() > 1;
    // Nor does its press take the focus from "Udskriv", where confirming put it.
    let keep_focus = move |ev: leptos::ev::MouseEvent| {
        if second(&ev) {
            ev.prevent_default();
        }
    };
    let unconfirm = move |ev: leptos::ev::MouseEvent| {
        if second(&ev) {
            return;
        }
        confirmed.set(None);
        plan_now();
        let plan = eval.with_untracked(|e| {
            e.plan
                .as_deref()
                .map(crate::engine::Plan::to_json_unindented)
        });
        if let (Some(el), Some(json)) = (root.get_untracked(), plan) {
            crate::ui::dom::dispatch(&el, "pakkeforloeb-change", &json);
        }
    };
    let print = move |ev: leptos::ev::MouseEvent| {
        if second(&ev) {
            return;
        }
        if let (Some(el), Some(json)) = (event_element(&ev), confirmed.get_untracked()) {
            print_plan(&el, &json);
        }
    };
    let is_confirmed = move || confirmed.with(Option::is_some);
    view! {
        <div class="pf-confirm-bar" class:pf-is-confirmed=is_confirmed>
            <div class="pf-confirmed-state" hidden=move || !is_confirmed()>
                <p role="status">{move || is_confirmed().then(|| tr(lang.get(), "confirmed"))}</p>
                <div class="pf-confirmed-actions">
                    <button
                        type="button"
                        class="pf-bar-print"
                        part="button primary-button"
                        node_ref=print_button
                        on:mousedown=keep_focus
                        on:click=print
                    >
                        {ctx.t("print-short")}
                    </button>
                    <button
                        type="button"
                        class="pf-unconfirm"
                        part="button"
                        on:mousedown=keep_focus
                        on:click=unconfirm
                    >
                        {ctx.t("unconfirm")}
                    </button>
                </div>
            </div>
            <div class="pf-confirm-state" hidden=is_confirmed>
                <button
                    type="button"
                    class="pf-confirm"
                    part="button primary-button"
                    disabled=move || !can_confirm()
                    aria-describedby=ctx.id(Id::Blocked)
                    on:click=confirm
                >
                    {ctx.t("confirm")}
                </button>
                <p class="pf-withdrawn" role="status">
                    {move || withdrawn.get().then(|| tr(lang.get(), "confirmation-withdrawn"))}
                </p>
                {blocked_reasons(blockers)}
            </div>
        </div>
    }
}

/// The element an event happened on.
pub(crate) fn event_element(ev: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Prints the confirmed plan: `pakkeforloeb-print` first, which a host may cancel to print in
/// its own way; otherwise the widget prints itself alone.
pub(crate) fn print_plan(el: &web_sys::Element, json: &str) {
    if crate::ui::dom::dispatch_cancelable(el, "pakkeforloeb-print", json) {
        crate::ui::dom::print_widget(el);
    }
}

/// Why "Godkend" is disabled, next to it, in plain words, each with a link to what needs doing.
fn blocked_reasons(blockers: Memo<Vec<Blocker>>) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let draft = ctx.draft;
    let content = ctx.content();
    let list = move || {
        let ctx = &ctx;
        let l = lang.get();
        blockers
            .get()
            .into_iter()
            .map(|b| match b {
                Blocker::NoPlan => view! {
                    <li>
                        {tr(l, "blocked-no-plan")} " "
                        {ctx.link(tr(l, Step::Start.label_key()).to_owned(), Step::Start, None)}
                    </li>
                }
                .into_any(),
                Blocker::Errors(fields) => {
                    let first = fields.first().cloned().unwrap_or_default();
                    let label = crate::ui::fields::label(&content, &first, l);
                    view! {
                        <li>
                            {format!(
                                "{} {} ({label}).",
                                fields.len(),
                                tr(
                                    l,
                                    if fields.len() == 1 {
                                        "errors-count-one"
                                    } else {
                                        "errors-count"
                                    },
                                ),
                            )} " " {ctx.field_link(&first, tr(l, "go-to-field").to_owned())}
                        </li>
                    }
                    .into_any()
                }
                Blocker::AcuteGates(ids) => gate_blocker(l, "blocked-acute", &ids),
                Blocker::SameDayQuestions(ids) => {
                    gate_blocker(l, "blocked-same-day-question", &ids)
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
        <ul class="pf-blocked" id=ctx.id(Id::Blocked)>
            {list}
        </ul>
    }
}

/// Why "Godkend" waits for a safety gate, with a link to the first gate named.
fn gate_blocker(l: crate::engine::Lang, key: &str, ids: &[String]) -> AnyView {
    let ctx = use_ctx();
    let anchor = ids.first().map(|id| ctx.id(Id::Gate(id)));
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
