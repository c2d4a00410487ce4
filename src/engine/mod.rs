//! The clinical engine: plain data and pure functions.
//!
//! Never import leptos, web-sys, js-sys or gloo here, never read a clock, never use
//! randomness: the same input must give byte-identical output on every platform.

// The engine is held to clippy's pedantic lints (and, through clippy.toml, to functions of at
// most 150 lines unless one says why). Left out, each for its reason:
#![warn(clippy::pedantic)]
#![allow(
    clippy::doc_markdown,
    reason = "the docs use Danish clinical words (pakkeforløb, behovsvurdering, KOL) as words, not code"
)]
#![allow(
    clippy::similar_names,
    reason = "clinical field names come in near pairs (`fev1`/`fvc`, `ldl`/`hdl`)"
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "hosts call these with owned JSON values; taking them by reference changes nothing they see"
)]

pub mod condition;
pub mod content;
pub mod error;
pub mod facts;
pub mod fhir;
pub mod gates;
pub mod input;
pub mod located;
pub mod phrases;
pub mod plan;
pub mod previous;
#[cfg(test)]
mod schema;
pub mod text;

pub use content::{Content, PackError};
pub use error::{ContentError, InputError};
pub use input::{Input, ValidInput};
pub use plan::{compute_plan, compute_plan_json, json_text, Plan};
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

/// Sorts a list whose length the content bounds (catalogue entries, a measurement's codes) by
/// insertion; stable. `sort_unstable_by` copies about 3 KB of quicksort into the WebAssembly for
/// every element type, this a few hundred bytes. Quadratic: never for lists a host can grow.
pub(crate) fn sort_short<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The crate version, echoed as `engine_version` in every plan.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
