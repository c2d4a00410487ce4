//! The host API in Rust: mounting a widget and the handle a host keeps (the custom element and
//! the JavaScript functions in `embed` are built on it).

use std::sync::Arc;

use leptos::prelude::*;

use super::ctx::HostState;
use super::dom::today;
use super::state::{self, Draft};
use super::views::Widget;
use crate::engine::{Content, ContentError, Lang};

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
                let e = e.to_string();
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
        step: RwSignal::new(super::step::Step::Start),
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
