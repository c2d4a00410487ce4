//! What the widget asks of the browser: today's date, timings for the profiler, events for the
//! host, printing.

use wasm_bindgen::JsValue;

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
