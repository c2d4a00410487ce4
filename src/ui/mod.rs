//! The Leptos widget: a thin layer over the engine. All clinical logic is in `crate::engine`;
//! this module only shows the draft, the scores and the plan, and reports events to the host.

pub mod embed;
pub mod examples;
mod fields;
pub mod i18n;
mod parts;
pub mod state;
mod steps;
mod views;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::engine::{Content, ContentError, Lang};
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

/// A date as people read it: `17.12.2026` in Danish, `17 Dec 2026` in English. Machine formats
/// (the plan JSON, FHIR) stay ISO.
#[must_use]
pub fn date_text(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Da => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let m = MONTHS[d.month0() as usize % 12];
            format!("{} {m} {}", d.day(), d.year())
        }
    }
}

/// Free text (a goal, a reason, a host's value quoted in an error) as the widget shows it: the
/// Unicode bidirectional controls (embeddings, overrides, isolates, marks) removed, so a text
/// cannot reverse what is shown after it on screen or on the printout ("\u{202E}" makes
/// "gnp.exe" read as "exe.png"). The plan JSON keeps the text as typed.
#[must_use]
pub fn shown_text(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .collect()
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

/// A mounted widget: the host can replace the draft (prefill) or switch the language while it
/// runs, and unmount it.
pub struct WidgetHandle {
    /// Everything entered.
    pub draft: RwSignal<Draft>,
    /// The language.
    pub lang: RwSignal<Lang>,
    mounted: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

impl WidgetHandle {
    /// Replaces what is entered (a new prefill from the host).
    pub fn set_draft(&self, mut draft: Draft) {
        if draft.assessment_date.is_empty() {
            draft.assessment_date = today();
        }
        self.draft.set(draft);
    }

    /// Removes the widget from the page.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

/// Mounts a widget into `parent`, prefilled from `draft`, in `lang`. A content error (which the
/// test suite rules out for the built-in content) is shown in the widget, never a blank page.
pub fn mount(parent: web_sys::HtmlElement, draft: Draft, lang: Lang) -> WidgetHandle {
    let content = builtin_content().map(Arc::clone).map_err(Clone::clone);
    mount_content(parent, content, draft, lang)
}

/// The built-in content, loaded and validated once per page and shared by every widget and by
/// `computePlan`.
pub(crate) fn builtin_content() -> Result<&'static Arc<Content>, &'static ContentError> {
    static CONTENT: std::sync::OnceLock<Result<Arc<Content>, ContentError>> =
        std::sync::OnceLock::new();
    CONTENT
        .get_or_init(|| Content::builtin().map(Arc::new))
        .as_ref()
}

/// [`mount`] with other content (the browser tests use pathway files with hostile text).
pub fn mount_content(
    parent: web_sys::HtmlElement,
    content: Result<Arc<Content>, ContentError>,
    draft: Draft,
    lang: Lang,
) -> WidgetHandle {
    let draft_signal = RwSignal::new(Draft::default());
    let lang_signal = RwSignal::new(lang);
    let mounted = leptos::mount::mount_to(parent, move || match content {
        Ok(content) => {
            view! { <Widget content=content draft=draft_signal lang=lang_signal /> }.into_any()
        }
        Err(e) => view! {
            <div class="pf-fatal" role="alert">
                {format!("Indholdsfejl / content error: {e}")}
            </div>
        }
        .into_any(),
    });
    let handle = WidgetHandle {
        draft: draft_signal,
        lang: lang_signal,
        mounted: Some(mounted),
    };
    handle.set_draft(draft);
    handle
}

/// Logs a panic to the console. (A visible error in the widget is the job of the custom element,
/// which catches the trap the panic becomes.)
pub fn install_panic_hook() {
    console_error_panic_hook::set_once();
}

#[cfg(test)]
mod tests {
    /// Each part of the widget stays readable on its own: no UI file grows past ~500 lines
    /// unless its opening comment says why.
    #[test]
    fn no_ui_file_is_over_500_lines_without_a_reason() {
        let mut dirs = vec![std::path::PathBuf::from("src/ui")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap_or_else(|e| panic!("{e}")) {
                let p = e.unwrap_or_else(|e| panic!("{e}")).path();
                if p.is_dir() {
                    dirs.push(p);
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
                let lines = text.lines().count();
                let opening: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
                assert!(
                    lines <= 520 || opening.contains("Over 500 lines:"),
                    "{}: {lines} lines and no reason in its opening comment",
                    p.display()
                );
            }
        }
    }

    #[test]
    fn shown_text_drops_bidirectional_controls_and_keeps_the_rest() {
        assert_eq!(super::shown_text("\u{202E}gnp.exe"), "gnp.exe");
        assert_eq!(super::shown_text("a\u{2066}b\u{2069}c\u{200F}"), "abc");
        assert_eq!(
            super::shown_text("Gå ture med hunden <b>"),
            "Gå ture med hunden <b>"
        );
        assert_eq!(super::shown_text("مرحبا"), "مرحبا");
    }
}
