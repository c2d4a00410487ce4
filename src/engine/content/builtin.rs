//! The content compiled into the engine, so native tests, the command line and the
//! WebAssembly widget all see identical data. `src/build.rs` lists every file in `pathways/`
//! (adding a pathway is adding its file, then `make content`).

/// `(file name, text)` of every built-in content file as written; `shared.json` first.
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// Where `make content` writes the packed content, relative to the repository.
pub const PACKED_PATH: &str = "src/engine/content/builtin.postcard";

/// The file name errors about the packed content name.
pub(crate) const PACKED_NAME: &str = "builtin.postcard";

/// The built-in files, loaded, checked and packed by `make content`
/// (`pakkeforloeb pack`): what [`super::Content::builtin`] decodes.
pub(crate) const BUILTIN_PACKED: &[u8] = include_bytes!("builtin.postcard");
