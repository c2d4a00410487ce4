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
pub mod located;
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

/// A map built by inserting. `collect()` into a `BTreeMap` sorts first, with a stable sort
/// whose code is copied for every key and value type (about 4 KB of WebAssembly each).
pub(crate) fn map_from<K: Ord, V>(
    items: impl IntoIterator<Item = (K, V)>,
) -> std::collections::BTreeMap<K, V> {
    let mut map = std::collections::BTreeMap::new();
    map.extend(items);
    map
}

/// A set built by inserting (see [`map_from`]).
pub(crate) fn set_from<T: Ord>(
    items: impl IntoIterator<Item = T>,
) -> std::collections::BTreeSet<T> {
    let mut set = std::collections::BTreeSet::new();
    set.extend(items);
    set
}

/// The crate version, echoed as `engine_version` in every plan.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
