//! The WebAssembly entry point (built by Trunk into `pakkeforloeb-widget.js` and
//! `pakkeforloeb-widget_bg.wasm`). It only installs the panic hook: hosts reach the widget
//! through `public/pakkeforloeb.js`, which defines `<pakkeforloeb-widget>` and re-exports
//! `computePlan` and `planToFhir` from `pakkeforloeb::ui::embed`.

fn main() {
    pakkeforloeb::ui::install_panic_hook();
}
