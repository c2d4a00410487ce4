//! The Leptos widget: a thin layer over the engine. All clinical logic is in `crate::engine`;
//! this module is the UI's face. Its rooms, from the ground up: `ctx` (what every view
//! shares), `ids`, `text`, `dom`, `state` (the draft), `i18n`, `fields`, `focus`, `follow`;
//! then `parts`, the `steps`, the shell (`views`), and the host API (`host`, `embed`).
//! `tests/architecture.rs` checks that every use goes down these floors, never round.

mod ctx;
mod dom;
pub mod embed;
pub mod examples;
mod fields;
mod focus;
mod follow;
mod host;
pub mod i18n;
mod ids;
mod parts;
pub mod state;
mod step;
mod steps;
mod text;
mod views;

pub use ctx::HostState;
pub use dom::today;
pub use host::{install_panic_hook, mount, mount_content, WidgetHandle};
pub use state::{Draft, Evaluation};
pub use step::Step;
pub use text::{date_text, shown_text};
pub use views::Widget;

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

    /// The build script minifies what the widget compiles in (src/build.rs): the examples are
    /// the same JSON as public/examples/, the stylesheet public/style.css without its comments
    /// and without whitespace that means nothing.
    #[test]
    fn the_minified_assets_mean_what_their_sources_say() {
        for (id, text) in super::examples::EXAMPLES {
            let path = format!("public/examples/{id}.json");
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let a: serde_json::Value =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            let b: serde_json::Value =
                serde_json::from_str(&source).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(a, b, "{id}");
            assert!(text.len() < source.len(), "{id} is not minified");
        }
        let source = std::fs::read_to_string("public/style.css").unwrap_or_else(|e| panic!("{e}"));
        let mut bare = String::new();
        let mut rest = source.as_str();
        while let Some(i) = rest.find("/*") {
            bare.push_str(&rest[..i]);
            let end = rest[i..]
                .find("*/")
                .unwrap_or_else(|| panic!("an open comment"));
            rest = &rest[i + end + 2..];
        }
        bare.push_str(rest);
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let shipped = super::embed::widget_css();
        assert_eq!(squeeze(&shipped), squeeze(&bare));
        assert!(
            shipped.len() * 10 < source.len() * 9,
            "the stylesheet is not minified"
        );
        assert!(!shipped.contains("/*") && !shipped.contains('\n'));
    }

    #[test]
    fn shown_text_drops_bidirectional_controls_and_keeps_the_rest() {
        assert_eq!(super::text::shown_text("\u{202E}gnp.exe"), "gnp.exe");
        assert_eq!(
            super::text::shown_text("a\u{2066}b\u{2069}c\u{200F}"),
            "abc"
        );
        assert_eq!(
            super::text::shown_text("Gå ture med hunden <b>"),
            "Gå ture med hunden <b>"
        );
        assert_eq!(super::text::shown_text("مرحبا"), "مرحبا");
    }
}
