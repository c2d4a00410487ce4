//! The demo page's entry point (built by Trunk): mounts one widget into `#pakkeforloeb`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let Some(el) = document().get_element_by_id("pakkeforloeb") else {
        return;
    };
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let handle = pakkeforloeb::ui::mount(
        el,
        pakkeforloeb::ui::Draft::default(),
        pakkeforloeb::engine::Lang::Da,
    );
    handle.forget();
}
