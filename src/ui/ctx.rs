//! The UI's ground floor: the context every view of one widget shares ([`Ctx`], provided
//! through Leptos context: a view takes it with [`use_ctx`]), what a host controls
//! ([`HostState`]), and the small helpers every step and part uses.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::tr;
use super::ids::{Id, Uid};
use super::state::{Draft, Evaluation};
use super::step::Step;
use crate::engine::error::Field;
use crate::engine::{Content, Lang, Text};

/// What every view of one widget shares: signals and handles, so it is `Copy` and every
/// closure takes its own.
#[derive(Clone, Copy)]
pub(crate) struct Ctx {
    /// The content (the built-in pathways or a host's pack); see [`Ctx::content`].
    pub(crate) content_ref: StoredValue<Arc<Content>>,
    pub(crate) draft: RwSignal<Draft>,
    pub(crate) lang: RwSignal<Lang>,
    pub(crate) eval: Memo<Evaluation>,
    /// The prefix of this widget's HTML ids.
    pub(crate) uid: Uid,
    /// Trainer mode: show which rule fired, on which condition.
    pub(crate) trainer: RwSignal<bool>,
    /// Trainer mode: the plan kept as the what-if baseline (kept across steps).
    pub(crate) baseline: RwSignal<Option<std::sync::Arc<crate::engine::Plan>>>,
    /// The step shown.
    pub(crate) step: RwSignal<Step>,
    /// The HTML id of a control to focus once the current step has rendered (a link from a gate
    /// or an error to its field).
    pub(crate) focus: RwSignal<Option<String>>,
    /// The steps the GP tried to leave while they had errors: their empty required fields now
    /// show their errors too (see `fields::error_shown`).
    pub(crate) attempted: RwSignal<BTreeSet<Step>>,
    /// Clinical mode (set by the host): no trainer mode, no example patients.
    pub(crate) clinical: RwSignal<bool>,
    /// The typed-in field the GP is typing in, until they leave it or pause: its error waits
    /// (a valid number or date passes through invalid text on the way: "0," before "0,62").
    pub(crate) typing: RwSignal<Option<Field>>,
    /// Counts keystrokes, so that only the last one's pause ends the typing.
    pub(crate) keystrokes: StoredValue<u64>,
    /// The offered instruments (the MDI) the GP opened: open again on return to the step.
    pub(crate) opened: RwSignal<BTreeSet<String>>,
    /// What the safety gates say at the fields, once per plan.
    pub(crate) field_gates: Memo<FieldGates>,
    /// The errors by field, once per evaluation: a field's error text re-runs only when the
    /// errors change, not on every click.
    pub(crate) errors: Memo<std::collections::BTreeMap<Field, String>>,
    /// The live scores, at once on every change; `eval` (the plan) follows once the change is
    /// painted (see `Widget`), or at once for an action that uses it ([`Ctx::plan_now`]).
    pub(crate) scores: Memo<Scores>,
    /// How the plan follows the draft (`super::follow`).
    pub(crate) follow: super::follow::Follow,
}

/// Instrument → score field → value.
pub(crate) type Scores =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, serde_json::Value>>;

/// How long a pause in typing is before a field's error shows (a GP typing a value pauses
/// between numbers far less).
const TYPING_PAUSE_MS: u64 = 1200;

/// The context of the widget being built (provided by the shell, `super::views::Widget`).
pub(crate) fn use_ctx() -> Ctx {
    // `expect_context` would add a formatted message (about 1 KB of WebAssembly) for a case
    // no view meets: every view is built inside the shell that provides the context.
    match use_context::<Ctx>() {
        Some(ctx) => ctx,
        None => panic!("pakkeforloeb: a view was built outside its widget"),
    }
}

impl Ctx {
    /// The content the widget plans with.
    pub(crate) fn content(&self) -> Arc<Content> {
        self.content_ref.get_value()
    }

    /// The HTML id of `id` in this widget.
    pub(crate) fn id(&self, id: Id<'_>) -> String {
        self.uid.id(id)
    }

    pub(crate) fn t(&self, key: &'static str) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let lang = self.lang;
        move || tr(lang.get(), key)
    }
    pub(crate) fn text(&self, t: &Text) -> impl Fn() -> String + Send + Sync + 'static {
        let lang = self.lang;
        let t = t.clone();
        move || t.get(lang.get()).to_owned()
    }
    /// The error of a field, while it is shown (see `fields::error_shown`).
    pub(crate) fn error(
        &self,
        field: Field,
    ) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static {
        let (errors, draft, attempted, typing) =
            (self.errors, self.draft, self.attempted, self.typing);
        let step = super::fields::step_of(&field);
        move || {
            if typing.with(|t| t.as_ref() == Some(&field)) {
                return None;
            }
            let message = errors.with(|e| e.get(&field).cloned())?;
            let tried = attempted.with(|a| a.contains(&step));
            draft
                .with(|d| super::fields::error_shown(d, tried, &field))
                .then_some(message)
        }
    }

    /// A keystroke in a typed-in field: its error waits until the GP leaves the field
    /// ([`Ctx::settled`]) or pauses.
    pub(crate) fn typed(&self, field: &Field) {
        let (typing, keystrokes) = (self.typing, self.keystrokes);
        let n = keystrokes.get_value() + 1;
        keystrokes.set_value(n);
        if typing.with_untracked(|t| t.as_ref() != Some(field)) {
            typing.set(Some(field.clone()));
        }
        set_timeout(
            move || {
                if keystrokes.try_get_value() == Some(n) {
                    typing.try_set(None);
                }
            },
            std::time::Duration::from_millis(TYPING_PAUSE_MS),
        );
    }

    /// The GP left a typed-in field: its error, if any, shows now.
    pub(crate) fn settled(&self) {
        // Its error is that of the value as it is now.
        if self.follow.is_pending() {
            self.plan_now();
        }
        if self.typing.with_untracked(Option::is_some) {
            self.typing.set(None);
        }
    }

    /// A link (a button) that shows step `to_step` and focuses the element whose HTML id is
    /// `anchor` once the step has rendered.
    pub(crate) fn link(
        &self,
        label: String,
        to_step: Step,
        anchor: Option<String>,
    ) -> impl IntoView + use<> {
        let (step, focus) = (self.step, self.focus);
        view! {
            <button
                type="button"
                class="pf-link"
                on:click=move |_| {
                    step.set(to_step);
                    focus.set(anchor.clone());
                }
            >
                {label}
            </button>
        }
    }

    /// A link to a field: its step and its control.
    pub(crate) fn field_link(&self, field: &Field, label: String) -> impl IntoView + use<> {
        self.link(
            label,
            super::fields::step_of(field),
            super::fields::anchor(self.uid, field),
        )
    }

    /// The "Fortryd" button that takes back one of the GP's decisions in the draft.
    pub(crate) fn undo<F: Fn(&mut Draft) + 'static>(
        &self,
        class: Option<&'static str>,
        take_back: F,
    ) -> impl IntoView + use<F> {
        let draft = self.draft;
        view! {
            <button type="button" class=class on:click=move |_| draft.update(|d| take_back(d))>
                {self.t("restore")}
            </button>
        }
    }

    /// Changes the draft as data entry (`super::follow::Entry`).
    pub(crate) fn entry(&self) -> super::follow::Entry {
        self.follow.entry(self.draft)
    }

    /// Plans the draft as it is now: every action that uses the plan (confirming, keeping a
    /// baseline, going to another step) calls this first, so nothing acts on the plan of the
    /// draft before the last edit. (A plan equal to the last one changes nothing on screen.)
    pub(crate) fn plan_now(&self) {
        self.follow.plan_now();
    }

    /// The errors of one step's fields, in the order the engine found them.
    pub(crate) fn step_errors(&self, step: Step) -> Vec<(Field, String)> {
        self.errors.with(|e| {
            e.iter()
                .filter(|(f, _)| super::fields::step_of(f) == step)
                .map(|(f, m)| (f.clone(), m.clone()))
                .collect()
        })
    }

    /// Goes to another step. Going on is never held (a GP often scores before typing the
    /// diagnosis date), but the errors of the step left behind are then shown, at its fields
    /// and, with links, at the top of every step until they are fixed.
    pub(crate) fn go_to(&self, to: Step) {
        self.plan_now();
        let from = self.step.get_untracked();
        if to > from && !self.step_errors(from).is_empty() {
            self.attempted.update(|a| {
                a.insert(from);
            });
        }
        self.step.set(to);
    }
}

/// Keeps a typed-in control in step with the draft without writing to it while it already shows
/// the value: writing the same text moves the caret to the end, and a half-typed date reads as
/// "" and would be wiped. (Selects and checkboxes can bind `prop:` directly.)
pub(crate) fn sync_value<E>(node: NodeRef<E>, value: impl Fn() -> String + Send + Sync + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    // The value once per change of what it reads (the whole draft, for most fields): the
    // effect below, which asks the control for its text, runs only when the value changed.
    let value = Memo::new(move |_| value());
    Effect::new(move |_| {
        let v = value.get();
        if let Some(el) = node.get() {
            let el: &wasm_bindgen::JsValue = el.unchecked_ref();
            let key = wasm_bindgen::JsValue::from_str("value");
            let current = js_sys::Reflect::get(el, &key)
                .ok()
                .and_then(|x| x.as_string())
                .unwrap_or_default();
            if current != v {
                let _ = js_sys::Reflect::set(el, &key, &v.into());
            }
        }
    });
}

/// What a host controls in a mounted widget besides the draft.
#[derive(Clone, Copy)]
pub struct HostState {
    /// What the host's last prefill changed, and what it left as the GP had entered it (shown
    /// in the widget until the GP dismisses it).
    pub note: RwSignal<Option<super::state::Merge>>,
    /// Clinical mode: no trainer mode, no example patients.
    pub clinical: RwSignal<bool>,
    /// Why a regional content pack the host gave was refused (the widget keeps its content).
    pub content_error: RwSignal<Option<String>>,
    /// The step shown.
    pub step: RwSignal<Step>,
}

/// A field's error message (empty when valid), referenced by the field's aria-describedby.
#[component]
pub(crate) fn ErrorText<F>(id: String, error: F) -> impl IntoView
where
    F: Fn() -> Option<String> + Send + Sync + 'static,
{
    view! {
        <p class="pf-error" id=id>
            {move || error().map(|e| super::text::shown_text(&e))}
        </p>
    }
}

/// What the safety gates say at the fields, once per plan: the open acute gates each field
/// triggered (field, gate, action) and the questions waiting gates need (field, how soon). The
/// notes beside the fields read this memo, so a click that leaves it as it was re-runs none of
/// them.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct FieldGates {
    pub(crate) acute: Vec<(String, String, String)>,
    pub(crate) needed: Vec<(String, crate::engine::content::Urgency)>,
}

impl FieldGates {
    pub(crate) fn of(plan: Option<&crate::engine::Plan>) -> FieldGates {
        let mut out = FieldGates::default();
        for g in plan.map(|p| p.gates.as_slice()).unwrap_or_default() {
            if g.kind == crate::engine::content::GateKind::Acute
                && g.state == crate::engine::gates::GateState::Open
            {
                for f in &g.fields {
                    out.acute.push((f.clone(), g.id.clone(), g.action.clone()));
                }
            }
            if g.state == crate::engine::gates::GateState::Pending {
                out.needed
                    .extend(g.questions.iter().map(|f| (f.clone(), g.urgency)));
            }
        }
        out
    }
}
