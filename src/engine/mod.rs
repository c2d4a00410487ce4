//! The clinical engine: plain data and pure functions.
//!
//! Never import leptos, web-sys, js-sys or gloo here, never read a clock, never use
//! randomness: the same input must give byte-identical output on every platform.

pub mod condition;
pub mod content;
pub mod error;
pub mod facts;
pub mod fhir;
pub mod input;
pub mod plan;
pub mod previous;
#[cfg(test)]
mod schema;
pub mod text;

pub use content::Content;
pub use error::{ContentError, InputError};
pub use input::{Input, ValidInput};
pub use plan::{compute_plan, compute_plan_json, Plan};
pub use text::{Lang, Text};

/// The crate version, echoed as `engine_version` in every plan.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
