//! The content files compiled into the engine, so native tests, the command line and the
//! WebAssembly widget all see identical data. A test checks every file in `pathways/` is here.

/// `(file name, text)` of every built-in content file; `shared.json` first.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("shared.json", include_str!("../../../pathways/shared.json")),
    ("kol.json", include_str!("../../../pathways/kol.json")),
    (
        "laenderyg.json",
        include_str!("../../../pathways/laenderyg.json"),
    ),
    (
        "type2-diabetes.json",
        include_str!("../../../pathways/type2-diabetes.json"),
    ),
    (
        "hjertesygdom.json",
        include_str!("../../../pathways/hjertesygdom.json"),
    ),
    (
        "multisygdom.json",
        include_str!("../../../pathways/multisygdom.json"),
    ),
];

/// `(file name, text without insignificant whitespace, SHA-256 of the file as written)` of every
/// built-in file, prepared by `src/build.rs`; what [`super::Content::builtin`] loads.
pub(crate) const BUILTIN_PREPARED: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_min.rs"));
