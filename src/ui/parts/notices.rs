//! Notices above the current step: what the host's last update changed, a regional content
//! pack that was refused, and the errors of the steps the GP went on from.

use leptos::prelude::*;

use crate::engine::error::Field;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::ids::Id;

/// Why the host's regional content pack was refused (the widget keeps the content it had).
pub(crate) fn pack_refused(host: crate::ui::ctx::HostState) -> impl IntoView {
    let ctx = use_ctx();
    let lang = ctx.lang;
    move || {
        host.content_error.get().map(|e| {
            view! {
                <div class="pf-warning pf-pack-error" role="alert">
                    {move || tr(lang.get(), "content-pack-refused")}
                    ": "
                    {crate::ui::text::shown_text(&e)}
                </div>
            }
        })
    }
}

/// What the host's last update changed, and what it left as the GP had entered it. Stays until
/// the GP dismisses it.
pub(crate) fn host_note(host: crate::ui::ctx::HostState) -> impl IntoView {
    let ctx = use_ctx();
    let (lang, content) = (ctx.lang, ctx.content());
    move || {
        host.note.get().map(|m| {
            let l = lang.get();
            let names = |fields: &[String]| {
                fields
                    .iter()
                    .map(|f| crate::ui::fields::label(&content, &Field::parse(f), l))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let updated = (!m.updated.is_empty())
                .then(|| view! { <p>{tr(l, "host-updated")} ": " {names(&m.updated)} "."</p> });
            let kept = (!m.kept.is_empty())
                .then(|| view! { <p>{tr(l, "host-kept")} ": " {names(&m.kept)} "."</p> });
            view! {
                <div class="pf-host-note" role="status">
                    {updated}
                    {kept}
                    <button type="button" class="pf-link" on:click=move |_| host.note.set(None)>
                        {tr(l, "dismiss")}
                    </button>
                </div>
            }
        })
    }
}

/// Once the GP went on from a step with errors: each error of those steps, by the field's name
/// in the GP's words, with a link to the field, at the top of every step until it is fixed.
pub(crate) fn error_summary() -> impl IntoView {
    let ctx = use_ctx();
    let id = ctx.id(Id::Errors);
    let list = move || {
        let steps = ctx.attempted.get();
        let typing = ctx.typing.get();
        let errors: Vec<(Field, String)> = steps
            .iter()
            .flat_map(|s| ctx.step_errors(*s))
            .filter(|(f, _)| typing.as_ref() != Some(f))
            .collect();
        if errors.is_empty() {
            return None;
        }
        let l = ctx.lang.get();
        let items = errors
            .into_iter()
            .map(|(field, message)| {
                let label = crate::ui::fields::label(&ctx.content(), &field, l);
                // A link only where the field has a control to go to.
                let link = crate::ui::fields::anchor(ctx.uid, &field).map(|_| {
                    view! {
                        " "
                        {ctx.field_link(&field, tr(l, "go-to-field").to_owned())}
                    }
                });
                view! {
                    <li data-field=field
                        .to_string()>
                        {label} ": " {crate::ui::text::shown_text(&message)} {link}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <p class="pf-error-heading">{tr(l, "errors-heading")}</p>
            <ul>{items}</ul>
        })
    };
    view! {
        <div class="pf-error-summary" id=id tabindex="-1" role="alert">
            {list}
        </div>
    }
}

/// "Carried over from the plan of <date>", with a button that confirms the value unchanged;
/// nothing once the GP confirmed or changed it.
pub(crate) fn carried_note(field: String) -> impl IntoView {
    let ctx = use_ctx();
    let (draft, lang) = (ctx.draft, ctx.lang);
    // Once per change of what is carried over (not on every click).
    let date = {
        let field = field.clone();
        Memo::new(move |_| draft.with(|d| d.carried_over.get(&field).cloned().unwrap_or_default()))
    };
    move || {
        let date = Some(date.get()).filter(|d| !d.is_empty())?;
        let l = lang.get();
        let shown = crate::engine::input::parse_date(&date)
            .map_or(date, |d| crate::ui::text::date_text(l, d));
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
