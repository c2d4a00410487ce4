//! The Leptos widget: a thin layer over the engine. All clinical logic is in `crate::engine`;
//! this module only shows the draft, the scores and the plan, and reports events to the host.

pub mod embed;
pub mod examples;
mod fields;
mod focus;
mod follow;
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
/// `performance.now()`, for [`measure`].
pub(crate) fn now() -> f64 {
    leptos::prelude::window()
        .performance()
        .map_or(0.0, |p| p.now())
}

/// A User Timing measure of the work since `start` (a [`now`]): what planning (`pf:plan`) and
/// reporting to the host (`pf:events`) cost, visible in the browser's profiler and read by
/// `make bench`. The entries are cleared at 200, so a long consultation does not pile them up.
pub(crate) fn measure(name: &str, start: f64) {
    let Some(p) = leptos::prelude::window().performance() else {
        return;
    };
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&opts, &"end".into(), &p.now().into());
    if let Ok(f) = js_sys::Reflect::get(&p, &"measure".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call2(&p, &name.into(), &opts);
        }
    }
    if p.get_entries_by_type("measure").length() > 200 {
        p.clear_measures();
    }
}

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

/// Fires a bubbling, composed, cancelable `CustomEvent`; `true` when no listener cancelled it
/// (the widget then does its own default: the host may take over printing or downloading).
pub(crate) fn dispatch_cancelable(
    target: &web_sys::Element,
    name: &str,
    detail_json: &str,
) -> bool {
    let detail =
        js_sys::JSON::parse(detail_json).unwrap_or_else(|_| JsValue::from_str(detail_json));
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    web_sys::CustomEvent::new_with_event_init_dict(name, &init)
        .ok()
        .and_then(|ev| target.dispatch_event(&ev).ok())
        .unwrap_or(true)
}

/// Prints the widget alone, also when it is embedded in a host page: while printing, a
/// constructed stylesheet (allowed under a strict CSP, unlike a `<style>` element) hides
/// everything in the host document that is not the widget or one of its ancestors.
pub(crate) fn print_widget(el: &web_sys::Element) {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let host: web_sys::Element = Reflect::get(&el.get_root_node(), &"host".into())
        .ok()
        .and_then(|h| h.dyn_into().ok())
        .unwrap_or_else(|| el.clone());
    let doc = leptos::prelude::document();
    // A copy: the document's list is live, and is put back as it was.
    let before = Reflect::get(&doc, &"adoptedStyleSheets".into())
        .ok()
        .map(|list| JsValue::from(js_sys::Array::from(&list)));
    let sheet = Reflect::get(&leptos::prelude::window(), &"CSSStyleSheet".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .and_then(|c| Reflect::construct(&c, &js_sys::Array::new()).ok());
    let hidden = "@media print { body *:not([data-pf-printing]):not(:has([data-pf-printing])) { display: none !important; } }";
    if let (Some(sheet), Some(before)) = (sheet, before.clone()) {
        if let Ok(replace) = Reflect::get(&sheet, &"replaceSync".into()) {
            if let Some(f) = replace.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&sheet, &hidden.into());
            }
        }
        if let Some(list) = before.dyn_ref::<js_sys::Array>() {
            let _ = Reflect::set(
                &doc,
                &"adoptedStyleSheets".into(),
                &list.concat(&js_sys::Array::of1(&sheet)),
            );
        }
    }
    let _ = host.set_attribute("data-pf-printing", "");
    let _ = leptos::prelude::window().print();
    // print() returns once the dialog closed (or at once where printing is queued): restore.
    let _ = host.remove_attribute("data-pf-printing");
    if let Some(before) = before {
        let _ = Reflect::set(&doc, &"adoptedStyleSheets".into(), &before);
    }
}

/// A mounted widget: the host can replace the draft (prefill) or switch the language while it
/// runs, and unmount it.
pub struct WidgetHandle {
    /// Everything entered.
    pub draft: RwSignal<Draft>,
    /// The language.
    pub lang: RwSignal<Lang>,
    /// What the host controls beyond the draft: the note on its last update, the clinical
    /// mode, the step shown.
    pub host: HostState,
    /// The host's last prefill: the baseline a new prefill is merged against.
    prefill: RwSignal<Draft>,
    content: Option<Arc<Content>>,
    parent: web_sys::HtmlElement,
    mounted: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

/// What a host controls in a mounted widget besides the draft.
#[derive(Clone, Copy)]
pub struct HostState {
    /// What the host's last prefill changed, and what it left as the GP had entered it (shown
    /// in the widget until the GP dismisses it).
    pub note: RwSignal<Option<state::Merge>>,
    /// Clinical mode: no trainer mode, no example patients.
    pub clinical: RwSignal<bool>,
    /// Why a regional content pack the host gave was refused (the widget keeps its content).
    pub content_error: RwSignal<Option<String>>,
    /// The step shown (0 Start … 3 Behandlingsplan).
    pub step: RwSignal<usize>,
}

impl WidgetHandle {
    /// Replaces what is entered (a draft the host saved and gives back, or a first prefill).
    pub fn set_draft(&self, mut draft: Draft) {
        if draft.assessment_date.is_empty() {
            draft.assessment_date = today();
        }
        self.prefill.set(draft.clone());
        self.host.note.set(None);
        self.draft.set(draft);
    }

    /// Takes a host's new prefill into what is entered without losing anything the GP typed
    /// (see [`Draft::merge_prefill`]); the widget says what changed.
    /// `given`: the input's top-level fields the prefill gave; the others keep the previous
    /// prefill's values ([`Draft::keep_absent`]).
    pub fn merge_prefill(&self, mut new: Draft, given: &[String]) {
        let old = self.prefill.get_untracked();
        new.keep_absent(&old, given);
        if new.assessment_date.is_empty() {
            new.assessment_date.clone_from(&old.assessment_date);
        }
        let mut merge = state::Merge::default();
        self.draft.update(|d| merge = d.merge_prefill(&old, &new));
        self.prefill.set(new);
        if !merge.updated.is_empty() || !merge.kept.is_empty() {
            self.host.note.set(Some(merge));
        }
    }

    /// Uses a regional content pack (JSON text) from now on, keeping everything entered. A pack
    /// that fails its checks is refused: the widget keeps its content and says why.
    ///
    /// # Errors
    /// Why the pack was refused.
    pub fn set_content_pack(&mut self, text: &str) -> Result<(), String> {
        let content = match Content::from_pack(text) {
            Ok(c) => Arc::new(c),
            Err(e) => {
                self.host.content_error.set(Some(e.clone()));
                return Err(e);
            }
        };
        self.host.content_error.set(None);
        self.mounted = None;
        let (draft, lang, host) = (self.draft, self.lang, self.host);
        let c = content.clone();
        self.mounted = Some(leptos::mount::mount_to(self.parent.clone(), move || {
            view! { <Widget content=c draft=draft lang=lang host=host /> }.into_any()
        }));
        self.content = Some(content);
        Ok(())
    }

    /// The plan of what is entered now, as JSON (`None` while the dates or pathways are missing).
    #[must_use]
    pub fn plan_json(&self) -> Option<String> {
        let content = self.content.as_ref()?;
        let lang = self.lang.get_untracked();
        self.draft
            .with_untracked(|d| d.evaluate(content, lang))
            .plan
            .map(|p| p.to_json_unindented())
    }

    /// The content the widget plans with (a host's pack, or the built-in content), once loaded.
    #[must_use]
    pub fn content(&self) -> Option<&Content> {
        self.content.as_deref()
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
    let host = HostState {
        note: RwSignal::new(None),
        clinical: RwSignal::new(false),
        content_error: RwSignal::new(None),
        step: RwSignal::new(0),
    };
    let kept = content.as_ref().ok().cloned();
    let mounted = leptos::mount::mount_to(parent.clone(), move || match content {
        Ok(content) => {
            view! { <Widget content=content draft=draft_signal lang=lang_signal host=host /> }
                .into_any()
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
        host,
        prefill: RwSignal::new(Draft::default()),
        content: kept,
        parent,
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
    /// Every source file of the widget: its path and text.
    pub(crate) fn ui_source_files() -> Vec<(std::path::PathBuf, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from("src/ui")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(d).unwrap_or_else(|e| panic!("{e}")) {
                let p = e.unwrap_or_else(|e| panic!("{e}")).path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{e}"));
                    out.push((p, text));
                }
            }
        }
        out
    }

    #[test]
    fn no_ui_file_is_over_500_lines_without_a_reason() {
        for (p, text) in ui_source_files() {
            let lines = text.lines().count();
            let opening: String = text.lines().take_while(|l| l.starts_with("//!")).collect();
            assert!(
                lines <= 520 || opening.contains("Over 500 lines:"),
                "{}: {lines} lines and no reason in its opening comment",
                p.display()
            );
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
