//! The command line (CONTRACT §4):
//!
//! ```text
//! pakkeforloeb plan INPUT.json          print the plan JSON (`-` reads standard input)
//! pakkeforloeb validate FILE…           check pathway files beside the built-in files they do
//!                                       not replace
//! pakkeforloeb pack [FILE]              (developers; `make content`) load and check the files
//!                                       in pathways/ and write them packed for the widget
//! pakkeforloeb pack DIR -o FILE --name NAME --version V
//!                                       a regional content pack from the pathway files in DIR
//! ```
//! Bad input exits with status 1 and a message naming the field; bad usage with status 2.

use std::process::ExitCode;

use pakkeforloeb::engine::{compute_plan_json, Content};

const USAGE: &str = "usage:
  pakkeforloeb plan [--format plan|fhir] [--previous PLAN.json] [--pack REGION.pack] INPUT.json
                                     print the treatment plan (pakkeforloeb/plan@1), or with
                                     --format fhir the FHIR R4 Bundle, for an input
                                     (pakkeforloeb/input@1); '-' reads standard input;
                                     --previous: the plan of an earlier consultation (the new
                                     plan is then a re-assessment and carries 'changes');
                                     --pack: plan with a regional content pack
  pakkeforloeb validate FILE...      validate pathway content files
  pakkeforloeb pack [FILE]           (developers: `make content`) check the files in pathways/
                                     and write them packed for the widget (default
                                     src/engine/content/builtin.postcard; rebuild afterwards)
  pakkeforloeb pack DIR -o FILE --name NAME --version VERSION
                                     a regional content pack: the pathway files in DIR, checked
                                     beside the built-in files they do not replace, for the
                                     widget's `content` (no rebuild)
  pakkeforloeb --version";

fn read(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
    }
}

fn plan(args: &[String]) -> Result<(), (u8, String)> {
    let mut format = "plan";
    let mut path = None;
    let mut previous = None;
    let mut pack_path = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some(f @ ("plan" | "fhir")) => format = f,
                _ => return Err((2, format!("--format takes 'plan' or 'fhir'\n{USAGE}"))),
            },
            "--pack" => match it.next() {
                Some(p) => pack_path = Some(p.as_str()),
                None => return Err((2, format!("--pack takes a pack file\n{USAGE}"))),
            },
            "--previous" => match it.next() {
                Some(p) => previous = Some(p.as_str()),
                None => return Err((2, format!("--previous takes a plan file\n{USAGE}"))),
            },
            p if path.is_none() && (p == "-" || !p.starts_with('-')) => path = Some(p),
            other => return Err((2, format!("unexpected argument '{other}'\n{USAGE}"))),
        }
    }
    let Some(path) = path else {
        return Err((2, USAGE.to_owned()));
    };
    let text = read(path).map_err(|e| (1, e))?;
    let content = match pack_path {
        Some(p) => Content::from_pack(&read(p).map_err(|e| (1, e))?)
            .map_err(|e| (1, format!("{p}: {e}")))?,
        None => Content::builtin().map_err(|e| (1, format!("built-in content: {e}")))?,
    };
    let result = match previous {
        Some(p) => {
            let prev = read(p).map_err(|e| (1, e))?;
            pakkeforloeb::engine::previous::compute_follow_up_plan_json(&content, &text, &prev)
        }
        None => compute_plan_json(&content, &text),
    };
    match result {
        Ok(plan) if format == "fhir" => {
            let bundle = pakkeforloeb::engine::fhir::plan_to_fhir(&plan, &content, None);
            println!(
                "{}",
                serde_json::to_string_pretty(&bundle).unwrap_or_default()
            );
            Ok(())
        }
        Ok(plan) => {
            print!("{}", plan.to_json_pretty());
            Ok(())
        }
        Err(errs) => {
            let lines: Vec<String> = errs.0.iter().map(|e| format!("{path}: {e}")).collect();
            Err((1, lines.join("\n")))
        }
    }
}

fn validate(args: &[String]) -> Result<(), (u8, String)> {
    if args.is_empty() {
        return Err((2, USAGE.to_owned()));
    }
    let mut texts = Vec::new();
    for path in args {
        texts.push((path.clone(), read(path).map_err(|e| (1, e))?));
    }
    // Checked as it would ship: beside the built-in files it does not replace.
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let content = Content::load_with_builtin(&files).map_err(|e| (1, e.to_string()))?;
    for (path, _) in &texts {
        let id = content
            .pathways
            .values()
            .find(|p| {
                texts
                    .iter()
                    .any(|(q, t)| q == path && sha(t) == p.meta.sha256)
            })
            .map_or_else(
                || "shared".to_owned(),
                |p| format!("{} {}", p.meta.id, p.meta.version),
            );
        println!("ok: {path} ({id})");
    }
    Ok(())
}

/// Loads and checks the built-in files as written and packs them for [`Content::builtin`].
/// The file is only written when it changes, so an unchanged pack does not rebuild the wasm.
fn pack(args: &[String]) -> Result<(), (u8, String)> {
    if let Some(dir) = args.first().filter(|a| std::path::Path::new(a).is_dir()) {
        return region_pack(dir, &args[1..]);
    }
    let path = match args {
        [] => pakkeforloeb::engine::content::PACKED_PATH,
        [p] => p.as_str(),
        _ => return Err((2, USAGE.to_owned())),
    };
    let content = Content::builtin_from_files().map_err(|e| (1, e.to_string()))?;
    let bytes = content.pack().map_err(|e| (1, e))?;
    if std::fs::read(path).ok().as_deref() == Some(bytes.as_slice()) {
        println!("unchanged: {path} ({} bytes)", bytes.len());
    } else {
        std::fs::write(path, &bytes).map_err(|e| (1, format!("{path}: {e}")))?;
        println!("wrote {path} ({} bytes)", bytes.len());
    }
    Ok(())
}

/// A regional pack: the `.json` pathway files in `dir`, loaded beside the built-in files they do
/// not replace (the same loader and errors as the built-in content), written as one pack.
fn region_pack(dir: &str, args: &[String]) -> Result<(), (u8, String)> {
    let (mut out, mut name, mut version) = (None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "-o" => &mut out,
            "--name" => &mut name,
            "--version" => &mut version,
            other => return Err((2, format!("unexpected argument '{other}'\n{USAGE}"))),
        };
        *slot = Some(
            it.next()
                .ok_or_else(|| (2, format!("{a} takes a value\n{USAGE}")))?,
        );
    }
    let (Some(out), Some(name), Some(version)) = (out, name, version) else {
        return Err((
            2,
            format!("pack DIR needs -o FILE, --name and --version\n{USAGE}"),
        ));
    };
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| (1, format!("{dir}: {e}")))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    for p in &paths {
        let shown = p.display().to_string();
        texts.push((shown.clone(), read(&shown).map_err(|e| (1, e))?));
    }
    if texts.is_empty() {
        return Err((1, format!("{dir}: no .json pathway files")));
    }
    let files: Vec<(&str, &str)> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let content = Content::load_with_builtin(&files).map_err(|e| (1, e.to_string()))?;
    let text = content.to_pack(name, version).map_err(|e| (1, e))?;
    std::fs::write(out, &text).map_err(|e| (1, format!("{out}: {e}")))?;
    println!(
        "wrote {out}: {name} {version} ({} files from {dir})",
        texts.len()
    );
    Ok(())
}

fn sha(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("plan") => plan(&args[1..]),
        Some("validate") => validate(&args[1..]),
        Some("pack") => pack(&args[1..]),
        Some("--version" | "-V") => {
            println!("pakkeforloeb {}", pakkeforloeb::engine::ENGINE_VERSION);
            Ok(())
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err((2, USAGE.to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}
