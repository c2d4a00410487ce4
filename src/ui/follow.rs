//! How the plan follows the draft (issue #28). Data entry on the assessment step (an answer, a
//! measurement, a paper total: [`Entry`]) shows its own result, the control and the
//! instrument's score, in the next frame; the plan and everything that follows from it (gates,
//! offered instruments, the differentiation, the events to the host) is computed in the task
//! after that frame is painted, once for all the entries made before it. Every other change (a
//! decision on the plan, a host's update) is planned at once, before the frame. An action that
//! uses the plan plans first ([`Follow::plan_now`]). Where no frame comes (a hidden tab), a
//! timer plans.

use std::time::Duration;

use leptos::prelude::*;

use leptos::html;

use super::state::{Draft, Evaluation};
use crate::engine::Lang;

/// The plan's clock: the evaluation reads the draft when `planned` changes.
#[derive(Clone, Copy)]
pub(crate) struct Follow {
    /// Bumped when the plan is to follow the draft.
    pub(crate) planned: RwSignal<u64>,
    /// An entry is waiting for its plan.
    pending: StoredValue<bool>,
    /// The change being made is data entry: its plan may wait for the frame.
    deferred: StoredValue<bool>,
}

/// Changes the draft as data entry (see the module's comment).
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    draft: RwSignal<Draft>,
    deferred: StoredValue<bool>,
}

impl Entry {
    pub(crate) fn update(self, f: impl FnOnce(&mut Draft)) {
        self.deferred.set_value(true);
        self.draft.update(f);
    }
}

impl Follow {
    /// Follows `draft`: every change is planned at once, or after its frame when it is an entry.
    pub(crate) fn new(draft: RwSignal<Draft>) -> Self {
        let follow = Follow {
            planned: RwSignal::new(0),
            pending: StoredValue::new(false),
            deferred: StoredValue::new(false),
        };
        Effect::new(move |_| {
            draft.track();
            if !follow.deferred.get_value() {
                follow.plan_now();
                return;
            }
            follow.deferred.set_value(false);
            if !follow.pending.get_value() {
                follow.pending.set_value(true);
                request_animation_frame(move || {
                    set_timeout(move || follow.if_pending(), Duration::ZERO);
                });
                set_timeout(move || follow.if_pending(), Duration::from_millis(250));
            }
        });
        follow
    }

    /// The draft's changes as data entry.
    pub(crate) fn entry(self, draft: RwSignal<Draft>) -> Entry {
        Entry {
            draft,
            deferred: self.deferred,
        }
    }

    /// Plans the draft as it is now: every action that uses the plan (confirming, keeping a
    /// baseline, going to another step, leaving a field) calls this first, so nothing acts on
    /// the plan of the draft before the last entry. (A plan equal to the last one changes
    /// nothing on screen.)
    pub(crate) fn plan_now(self) {
        self.pending.try_set_value(false);
        self.planned.try_update(|n| *n += 1);
    }

    /// An entry is waiting for its plan.
    pub(crate) fn is_pending(self) -> bool {
        self.pending.try_get_value() == Some(true)
    }

    /// The task after the frame, or the timer where no frame comes; whichever is first.
    fn if_pending(self) {
        if self.is_pending() {
            self.plan_now();
        }
    }
}

/// What the widget tells its host as the plan follows the draft: `pakkeforloeb-ready` once,
/// `pakkeforloeb-change` with each new plan, `pakkeforloeb-draft` with each new draft.
pub(crate) fn report(
    root: NodeRef<html::Div>,
    lang: RwSignal<Lang>,
    step: RwSignal<super::step::Step>,
    draft: RwSignal<Draft>,
    eval: Memo<Evaluation>,
    follow: Follow,
) {
    // Report to the host: ready once, then each new plan once: an edit that leaves the plan as
    // it was (an error being typed) sends nothing, and neither does a change of language alone
    // (the same plan in other words). Compared as the JSON sent, kept from the last time.
    let sent = StoredValue::new((None::<Lang>, String::new()));
    Effect::new(move |prev: Option<()>| {
        let start = super::dom::now();
        let l = lang.get();
        let json = eval.with(|e| {
            e.plan
                .as_deref()
                .map(crate::engine::Plan::to_json_unindented)
        });
        if let Some(el) = root.get() {
            if prev.is_none() {
                super::dom::dispatch(&el, "pakkeforloeb-ready", "{}");
            }
            if let Some(json) = json {
                let (was, same) = sent.with_value(|(was, last)| (*was, *last == json));
                let language_only = was.is_some_and(|was| was != l);
                if !same && !language_only {
                    super::dom::dispatch(&el, "pakkeforloeb-change", &json);
                }
                sent.set_value((Some(l), json));
            }
        }
        super::dom::measure("pf:events", start);
    });
    // Every change of what is entered, as a draft the host may save and give back after a
    // reload (`pakkeforloeb-draft`): a crashed tab or a reload need not lose a consultation.
    // Sent with the plan, after the frame (compared as the JSON sent: planning again without
    // an edit sends nothing).
    let saved = StoredValue::new(String::new());
    Effect::new(move |_| {
        follow.planned.track();
        let start = super::dom::now();
        let s = step.get();
        let json = draft.with_untracked(|d| d.to_saved_json(s));
        if saved.with_value(|was| !was.is_empty() && *was != json) {
            if let Some(el) = root.get_untracked() {
                super::dom::dispatch(&el, "pakkeforloeb-draft", &json);
            }
        }
        saved.set_value(json);
        super::dom::measure("pf:events", start);
    });
}
