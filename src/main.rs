//! The command line (CONTRACT §4):
//!
//! ```text
//! pakkeforloeb plan INPUT.json          print the plan JSON (`-` reads standard input)
//! pakkeforloeb input --from-fhir BUNDLE   a prefill (input@1) from a record's FHIR Bundle
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
  pakkeforloeb plan [--format plan|fhir] [--previous PLAN.json] [--pack REGION.pack]
                    [--patient SYSTEM|VALUE] INPUT.json
                                     print the treatment plan (pakkeforloeb/plan@1), or with
                                     --format fhir the FHIR R4 Bundle, for an input
                                     (pakkeforloeb/input@1); '-' reads standard input;
                                     --previous: the plan of an earlier consultation (the new
                                     plan is then a re-assessment and carries 'changes');
                                     --pack: plan with a regional content pack;
                                     --patient: the patient's identifier for the Bundle (e.g.
                                     urn:oid:1.2.208.176.1.2|CPR); with it the Bundle claims the
                                     HL7 DK Core profiles
  pakkeforloeb input --from-fhir BUNDLE.json [--assessment-date YYYY-MM-DD]
                     [--pathways kol,...] [--report FILE]
                                     print a prefill (pakkeforloeb/input@1) from a FHIR R4
                                     Bundle of record data; what was not taken, and why, goes
                                     to standard error, the whole report as JSON to --report;
                                     --pathways: the pathways chosen (default: those the
                                     record's diagnoses give)
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
    let mut patient = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--patient" => match it.next().and_then(|p| p.split_once('|')) {
                Some((system, value)) if !system.is_empty() && !value.is_empty() => {
                    patient = Some(pakkeforloeb::engine::fhir::PatientIdentifier {
                        system: system.to_owned(),
                        value: value.to_owned(),
                    });
                }
                _ => return Err((2, format!("--patient takes SYSTEM|VALUE\n{USAGE}"))),
            },
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
            let bundle =
                pakkeforloeb::engine::fhir::plan_to_fhir(&plan, &content, patient.as_ref());
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

/// `input --from-fhir`: the prefill on standard output, what was not taken on standard error.
fn input(args: &[String]) -> Result<(), (u8, String)> {
    let (mut bundle, mut date, mut report, mut pathways) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let slot = match a.as_str() {
            "--from-fhir" => &mut bundle,
            "--assessment-date" => &mut date,
            "--report" => &mut report,
            "--pathways" => &mut pathways,
            other => return Err((2, format!("unexpected argument '{other}'\n{USAGE}"))),
        };
        *slot = Some(
            it.next()
                .ok_or_else(|| (2, format!("{a} takes a value\n{USAGE}")))?,
        );
    }
    let Some(path) = bundle else {
        return Err((2, format!("input needs --from-fhir BUNDLE.json\n{USAGE}")));
    };
    let date = match date {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                (
                    1,
                    format!("--assessment-date: '{d}' is not a date (YYYY-MM-DD)"),
                )
            })?,
        ),
        None => None,
    };
    let text = read(path).map_err(|e| (1, e))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| (1, format!("{path}: {e}")))?;
    let content = Content::builtin().map_err(|e| (1, format!("built-in content: {e}")))?;
    let options = pakkeforloeb::engine::fhir::import::Options {
        assessment_date: date,
        pathways: pathways.map(|p| p.split(',').map(str::to_owned).collect()),
    };
    let imported = pakkeforloeb::engine::fhir::import::input_from_fhir(&json, &content, &options)
        .map_err(|e| (1, format!("{path}: {e}")))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&imported.input).unwrap_or_default()
    );
    for n in &imported.report.not_mapped {
        let why = serde_json::to_value(n.reason).unwrap_or_default();
        eprintln!(
            "not taken: {} ({}): {}",
            n.from,
            why.as_str().unwrap_or(""),
            n.detail
        );
    }
    if let Some(out) = report {
        let text = serde_json::to_string_pretty(&imported.report).unwrap_or_default();
        std::fs::write(out, text).map_err(|e| (1, format!("{out}: {e}")))?;
    }
    Ok(())
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
                texts.iter().any(|(q, t)| {
                    q == path
                        && pakkeforloeb::engine::text::sha256_hex(t.as_bytes()) == p.meta.sha256
                })
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("plan") => plan(&args[1..]),
        Some("input") => input(&args[1..]),
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
