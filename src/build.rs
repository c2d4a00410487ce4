//! Build script (Cargo.toml `build`). Prepares the built-in content for embedding: each file in `pathways/` is embedded with its
//! insignificant whitespace removed (less to ship and to parse in the widget) beside the SHA-256
//! of the file as written, which plans cite (`content[].sha256`). Computing the hash here means
//! the widget does not hash 130 KB of text while it starts.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The built-in files, `shared.json` first (the loader needs it first).
const FILES: &[&str] = &[
    "shared.json",
    "kol.json",
    "laenderyg.json",
    "type2-diabetes.json",
    "hjertesygdom.json",
    "multisygdom.json",
];

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

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut table = String::from("&[\n");
    for name in FILES {
        let path = Path::new("pathways").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let sha = Sha256::digest(text.as_bytes())
            .iter()
            .fold(String::new(), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            });
        let min_name = format!("{name}.min");
        std::fs::write(Path::new(&out_dir).join(&min_name), minify(&text)).expect("write");
        let _ = writeln!(
            table,
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{min_name}\")), {sha:?}),"
        );
    }
    table.push(']');
    std::fs::write(Path::new(&out_dir).join("builtin_min.rs"), table).expect("write");
    println!("cargo:rerun-if-changed=src/build.rs");
}
