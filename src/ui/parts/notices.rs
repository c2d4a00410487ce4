//! Notices above the current step: what the host's last update changed, a regional content
//! pack that was refused, and the errors of the steps the GP went on from.

use leptos::prelude::*;

use crate::engine::error::Field;
use crate::ui::i18n::tr;
use crate::ui::views::Ctx;

/// Why the host's regional content pack was refused (the widget keeps the content it had).
pub(crate) fn pack_refused(ctx: &Ctx, host: crate::ui::HostState) -> impl IntoView {
    let lang = ctx.lang;
    move || {
        host.content_error.get().map(|e| {
            view! {
                <div class="pf-warning pf-pack-error" role="alert">
                    {move || tr(lang.get(), "content-pack-refused")}
                    ": "
                    {crate::ui::shown_text(&e)}
                </div>
            }
        })
    }
}

/// What the host's last update changed, and what it left as the GP had entered it. Stays until
/// the GP dismisses it.
pub(crate) fn host_note(ctx: &Ctx, host: crate::ui::HostState) -> impl IntoView {
    let (lang, content) = (ctx.lang, ctx.content.clone());
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
pub(crate) fn error_summary(ctx: &Ctx) -> impl IntoView {
    let ctx = ctx.clone();
    let id = format!("{}-errors", ctx.uid);
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
                let label = crate::ui::fields::label(&ctx.content, &field, l);
                // A link only where the field has a control to go to.
                let link = crate::ui::fields::anchor(&ctx.uid, &field).map(|_| {
                    view! {
                        " "
                        {ctx.field_link(&field, tr(l, "go-to-field").to_owned())}
                    }
                });
                view! {
                    <li data-field=field
                        .to_string()>{label} ": " {crate::ui::shown_text(&message)} {link}</li>
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
