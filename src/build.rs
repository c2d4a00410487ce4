//! Build script (Cargo.toml `build`). Prepares the built-in content for embedding: each file in `pathways/` is embedded with its
//! insignificant whitespace removed (less to ship and to parse in the widget) beside the SHA-256
//! of the file as written, which plans cite (`content[].sha256`). Computing the hash here means
//! the widget does not hash 130 KB of text while it starts.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

/// JSON text without whitespace outside strings; everything else byte for byte.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

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
    let mut prepared = String::from("&[\n");
    for name in content_files() {
        let path = Path::new(&root).join("pathways").join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let sha = Sha256::digest(text.as_bytes())
            .iter()
            .fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
        let min = Path::new(&out_dir).join(format!("{name}.min"));
        std::fs::write(&min, minify(&text)).expect("write");
        let _ = writeln!(
            files,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
        let _ = writeln!(
            prepared,
            "    ({name:?}, include_str!({:?}), {sha:?}),",
            min.display().to_string()
        );
    }
    files.push(']');
    prepared.push(']');
    std::fs::write(Path::new(&out_dir).join("builtin_files.rs"), files).expect("write");
    std::fs::write(Path::new(&out_dir).join("builtin_prepared.rs"), prepared).expect("write");
}
