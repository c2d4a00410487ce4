//! The Leptos widget: a thin layer over the engine. All clinical logic is in `crate::engine`;
//! this module only shows the draft, the scores and the plan, and reports events to the host.

pub mod i18n;
pub mod state;
mod views;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::engine::{Content, Lang};
pub use state::{Draft, Evaluation};
pub use views::Widget;

static NEXT_UID: AtomicUsize = AtomicUsize::new(1);

/// A prefix unique to one widget instance, so several widgets on a page never share ids.
pub(crate) fn next_uid() -> String {
    format!("pf{}", NEXT_UID.fetch_add(1, Ordering::Relaxed))
}

/// Today's date in the browser's time zone, `YYYY-MM-DD`. The only clock read in the product,
/// and it stays out of the engine: the date is passed in as `assessment_date`.
#[must_use]
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Fires a bubbling, composed `CustomEvent` with a JSON detail on `target`.
pub(crate) fn dispatch(target: &web_sys::Element, name: &str, detail_json: &str) {
    let detail =
        js_sys::JSON::parse(detail_json).unwrap_or_else(|_| JsValue::from_str(detail_json));
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// Mounts a widget into `parent`, prefilled from `draft`, in `lang`.
pub fn mount(
    parent: web_sys::HtmlElement,
    draft: Draft,
    lang: Lang,
) -> leptos::mount::UnmountHandle<impl Mountable> {
    let content = Content::builtin().map(Arc::new);
    leptos::mount::mount_to(parent, move || match content {
        Ok(content) => view! { <Widget content=content initial=draft lang=lang /> }.into_any(),
        Err(e) => view! {
            <div class="pf-fatal" role="alert">{format!("Indholdsfejl / content error: {e}")}</div>
        }
        .into_any(),
    })
}
