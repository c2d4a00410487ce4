//! Where the focus goes, and that it is never hidden: a link to a field focuses it once its
//! step has rendered; a new step starts at its top; whatever takes the focus and sits under the
//! sticky action bar is scrolled to the middle of the view (WCAG 2.2, 2.4.11).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Follows a link to a field (`focus` holds its HTML id): once the step it is on has rendered,
/// focuses the field and brings it to the middle of the view.
pub(crate) fn follow_links(root: NodeRef<html::Div>, focus: RwSignal<Option<String>>) {
    Effect::new(move |_| {
        let Some(id) = focus.get() else {
            return;
        };
        // The frame may come after the host removed the widget: then nothing is left to do.
        request_animation_frame(move || {
            let el = root
                .try_get_untracked()
                .flatten()
                .and_then(|r| r.query_selector(&format!("[id=\"{id}\"]")).ok().flatten());
            if let Some(el) = el {
                // A group (an instrument, a set of codes) focuses its first control; an element
                // made focusable itself (the error summary) takes the focus.
                let controls = "input, select, textarea, button";
                let target =
                    if el.has_attribute("tabindex") || el.matches(controls).unwrap_or(false) {
                        el
                    } else {
                        el.query_selector(controls).ok().flatten().unwrap_or(el)
                    };
                // A field inside a closed disclosure (an override, a removal) is opened first.
                let mut up = target.parent_element();
                while let Some(p) = up {
                    if p.tag_name().eq_ignore_ascii_case("details") {
                        let _ = p.set_attribute("open", "");
                    }
                    up = p.parent_element();
                }
                if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
                    // Focused without the browser's own scroll, then centred: never left under
                    // the sticky action bar.
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = h.focus_with_options(&options);
                    centre(&h);
                }
            }
            focus.try_set(None);
        });
    });
}

/// A new step starts at its top, with focus on its heading (unless a link asked for a field).
pub(crate) fn top_of_step(
    root: NodeRef<html::Div>,
    step: RwSignal<super::step::Step>,
    focus: RwSignal<Option<String>>,
) {
    // After "Næste" the GP never lands mid-page or in the previous step's sources.
    Effect::new(move |prev: Option<super::step::Step>| {
        let s = step.get();
        if prev.is_some_and(|p| p != s) && focus.get_untracked().is_none() {
            request_animation_frame(move || {
                let Some(r) = root.try_get_untracked().flatten() else {
                    return;
                };
                // The top of the step is its first alert (an error to fix, a safety stop) or
                // else its heading; the heading takes the focus.
                let top = [".pf-error-summary", ".pf-gates", ".pf-main h2"]
                    .into_iter()
                    .filter_map(|sel| r.query_selector(sel).ok().flatten())
                    .find(|el| el.child_element_count() > 0 || el.tag_name() == "H2");
                if let Some(top) = top {
                    top.scroll_into_view_with_bool(true);
                }
                let heading = r
                    .query_selector(".pf-main h2")
                    .ok()
                    .flatten()
                    .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(h) = heading {
                    // Without scrolling: an alert above the heading stays in view.
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = h.focus_with_options(&options);
                }
            });
        }
        s
    });
}

/// Keeps the focus out from under the sticky action bar: whatever takes the focus from the
/// keyboard or a script (Tab, a link) and sits under the bar, or above the top of the view, is
/// scrolled to the middle. A pointer's own focus is left alone: scrolling between the press and
/// the release would land the release on another element and lose the click.
#[derive(Clone, Copy)]
pub(crate) struct Unhide {
    pressing: StoredValue<bool>,
}

impl Unhide {
    pub(crate) fn new() -> Self {
        Unhide {
            pressing: StoredValue::new(false),
        }
    }

    /// `pointerdown` (true), `pointerup`, `pointercancel` and `keydown` (false) on the widget.
    pub(crate) fn pressing(self, now: bool) {
        self.pressing.set_value(now);
    }

    /// `focusin` on the widget.
    pub(crate) fn focused(self, ev: &leptos::ev::FocusEvent) {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if self.pressing.get_value() || el.closest(".pf-nav").ok().flatten().is_some() {
            return;
        }
        if hidden(&el) {
            centre(&el);
        }
        // Some browsers (WebKit) scroll a focused element into view after this event, to the
        // very edge, under the bar: looked at again once that is done.
        request_animation_frame(move || {
            if hidden(&el) {
                centre(&el);
            }
        });
    }
}

/// Scrolls an element to the middle of its scrolling ancestors' view. WebKit does not scroll to
/// an element inside a block it has not rendered yet (`content-visibility: auto` on the
/// assessment's blocks): when the element is still out of view a frame later, its block is
/// brought into view first, then the element.
///
/// Looked at again a frame later, by the same test as the focus ([`hidden`]): a block rendered
/// by the scroll may take a height other than its placeholder's and move the element, and
/// "still on screen" is not enough, since under the bar is on screen too.
pub(crate) fn centre(el: &web_sys::Element) {
    scroll_to_middle(el);
    let el = el.clone();
    request_animation_frame(move || {
        if !hidden(&el) {
            return;
        }
        if let Ok(Some(block)) = el.closest(".pf-instrument, .pf-theme") {
            block.scroll_into_view_with_bool(true);
        }
        request_animation_frame(move || scroll_to_middle(&el));
    });
}

/// Whether `el` is hidden: under its widget's sticky action bar, above the view, or below it
/// (where a browser would scroll it to the very edge, under the bar).
fn hidden(el: &web_sys::Element) -> bool {
    let e = el.get_bounding_client_rect();
    let view = view_height().unwrap_or(f64::MAX);
    let off_view = e.top() < 0.0 || e.bottom() > view;
    let under_bar = el
        .closest(".pf-widget")
        .ok()
        .flatten()
        .and_then(|root| root.query_selector(".pf-nav").ok().flatten())
        .filter(|bar| !bar.contains(Some(el)))
        .is_some_and(|bar| {
            let b = bar.get_bounding_client_rect();
            e.bottom() > b.top() && e.top() < b.bottom()
        });
    off_view || under_bar
}

fn scroll_to_middle(el: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// The height of the browser's view (the window's, or the frame's), in CSS pixels.
fn view_height() -> Option<f64> {
    window().inner_height().ok().and_then(|h| h.as_f64())
}
