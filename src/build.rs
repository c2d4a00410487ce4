//! Build script (Cargo.toml `build`). Lists the built-in content: every file in `pathways/`
//! (not the schema) is embedded as written, `shared.json` first, for the command line and the
//! tests, which load and validate them. The widget decodes the same content checked and packed
//! by `make content` (src/engine/content/builtin.postcard); a test keeps the two equal.
//!
//! It also writes what the widget compiles in without the bytes a reader needs and a browser
//! does not: the stylesheet without comments and runs of white space (`style.min.css`), and the
//! example patients without the JSON's indentation (`examples/*.json`). Both are shipped in the
//! wasm, so every byte saved is one the GP's browser does not download (about 0.8 KiB brotli).

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

/// The stylesheet without comments and with white space collapsed: a run of white space becomes
/// one space, and none is kept beside `{`, `}`, `;` or after `,` (where CSS never needs it).
/// Quoted strings are copied as written. Conservative on purpose: a space before `:` or inside a
/// value (`a :hover`, `0 auto`) means something and stays.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            '"' | '\'' => {
                if space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                let tight = matches!(c, '{' | '}' | ';' | ',');
                if space && !tight && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

/// JSON without the white space between its tokens (strings are copied as written).
fn minify_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
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
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The stylesheet and the example patients as the widget compiles them in.
fn shipped_assets(root: &Path, out_dir: &Path) {
    let css = root.join("public/style.css");
    println!("cargo:rerun-if-changed={}", css.display());
    let text = std::fs::read_to_string(&css).expect("public/style.css");
    std::fs::write(out_dir.join("style.min.css"), minify_css(&text)).expect("write");
    let examples = root.join("public/examples");
    println!("cargo:rerun-if-changed={}", examples.display());
    let out = out_dir.join("examples");
    std::fs::create_dir_all(&out).expect("create examples/");
    for entry in std::fs::read_dir(&examples).expect("public/examples/") {
        let path = entry.expect("an example").path();
        if path.extension().is_some_and(|e| e == "json") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("an example");
            let name = path.file_name().expect("a file name");
            std::fs::write(out.join(name), minify_json(&text)).expect("write");
        }
    }
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
    shipped_assets(Path::new(&root), Path::new(&out_dir));
}
