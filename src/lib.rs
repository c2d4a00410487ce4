//! # pakkeforloeb
//!
//! Clinical decision support for the Danish *pakkeforløb* for people with a chronic disease:
//! the GP's needs assessment (*behovsvurdering*), differentiation (*differentiering*) and a
//! structured treatment plan (*behandlingsplan*), computed entirely on the client.
//!
//! The crate has two layers:
//! - [`engine`]: pure, deterministic Rust. It parses an assessment input
//!   (`pakkeforloeb/input@1`), scores the instruments, evaluates the rules of the sourced
//!   pathway content in `pathways/` and returns a plan (`pakkeforloeb/plan@1`). It never
//!   touches the browser and never reads a clock.
//! - `ui` (feature `ui`): a thin Leptos layer over the engine, compiled to WebAssembly.
//!
//! ```
//! use pakkeforloeb::engine::{compute_plan_json, Content};
//!
//! let content = Content::builtin().expect("the built-in pathways validate");
//! let input = r#"{
//!   "schema": "pakkeforloeb/input@1",
//!   "pathways": ["kol"],
//!   "diagnosis_date": "2027-03-01",
//!   "assessment_date": "2027-03-10",
//!   "instruments": { "cat": [2, 3, 1, 4, 2, 1, 0, 3] },
//!   "measurements": { "fev1_fvc": 0.62, "fev1_pct_pred": 45 }
//! }"#;
//! let plan = compute_plan_json(&content, input).expect("a valid input");
//! assert_eq!(plan.deadlines.plan_due.to_string(), "2027-03-31");
//! assert_eq!(plan.scores["gold"]["grade"], 3);
//! ```

pub mod engine;

#[cfg(feature = "ui")]
pub mod ui;
