//! The content files compiled into the engine, so native tests, the command line and the
//! WebAssembly widget all see identical data. `src/build.rs` lists every file in `pathways/`
//! (adding a pathway is adding its file).

/// `(file name, text)` of every built-in content file as written; `shared.json` first.
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// `(file name, text without insignificant whitespace, SHA-256 of the file as written)` of every
/// built-in file, prepared by `src/build.rs`; what [`super::Content::builtin`] loads.
pub(crate) const BUILTIN_PREPARED: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_prepared.rs"));
