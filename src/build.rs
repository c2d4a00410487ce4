//! Build script (Cargo.toml `build`). Lists the built-in content: every file in `pathways/`
//! (not the schema) is embedded as written, `shared.json` first, for the command line and the
//! tests, which load and validate them. The widget decodes the same content checked and packed
//! by `make content` (src/engine/content/builtin.postcard); a test keeps the two equal.

use std::fmt::Write as _;
use std::path::Path;

/// Every content file in `pathways/` (not the schema), `shared.json` first (the loader needs it
/// first), then by name.
fn content_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("pathways")
        .expect("pathways/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".schema.json"))
        .collect();
    names.sort_by_key(|n| (n != "shared.json", n.clone()));
    names
}

fn main() {
    println!("cargo:rerun-if-changed=src/build.rs");
    println!("cargo:rerun-if-changed=pathways");
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut files = String::from("&[\n");
    for name in content_files() {
        let path = Path::new(&root).join("pathways").join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            files,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    files.push(']');
    std::fs::write(Path::new(&out_dir).join("builtin_files.rs"), files).expect("write");
}
