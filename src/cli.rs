//! The command line (CONTRACT §4); `pakkeforloeb --help` and `pakkeforloeb COMMAND --help` say
//! the rest:
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
//! Bad input exits with status 1 and a message naming the field; bad usage (an unknown flag, a
//! missing value) with status 2 and a message naming it. The arguments are parsed by clap.

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use pakkeforloeb::engine::{compute_plan_json, Content};

/// Clinical decision support for the Danish pakkeforløb: plans, FHIR and content packs.
#[derive(Parser)]
#[command(
    name = "pakkeforloeb",
    version = pakkeforloeb::engine::ENGINE_VERSION,
    arg_required_else_help = true,
    after_help = "Bad input exits with status 1 and a message naming the field; bad usage with status 2."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the treatment plan (pakkeforloeb/plan@1), or the FHIR R4 Bundle, for an input
    /// (pakkeforloeb/input@1).
    Plan(PlanArgs),
    /// Print a prefill (pakkeforloeb/input@1) from a FHIR R4 Bundle of record data; what was not
    /// taken, and why, goes to standard error.
    Input(InputArgs),
    /// Validate pathway content files, beside the built-in files they do not replace.
    Validate {
        /// The pathway files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// (Developers: `make content`) check the files in pathways/ and write them packed for the
    /// widget; or, given a directory, write a regional content pack of its pathway files.
    #[command(disable_version_flag = true)]
    Pack(PackArgs),
}

#[derive(Args)]
struct PlanArgs {
    /// The input file; '-' reads standard input.
    #[arg(value_name = "INPUT.json")]
    input: String,
    /// What to print: the plan, or the FHIR R4 Bundle of it.
    #[arg(long, value_name = "plan|fhir", default_value = "plan", value_parser = ["plan", "fhir"])]
    format: String,
    /// The plan of an earlier consultation: the new plan is then a re-assessment and carries
    /// `changes`.
    #[arg(long, value_name = "PLAN.json")]
    previous: Option<String>,
    /// Plan with a regional content pack.
    #[arg(long, value_name = "REGION.pack")]
    pack: Option<String>,
    /// The patient's identifier for the Bundle (e.g. urn:oid:1.2.208.176.1.2|CPR); with it the
    /// Bundle claims the HL7 DK Core profiles.
    #[arg(long, value_name = "SYSTEM|VALUE", value_parser = patient_identifier)]
    patient: Option<pakkeforloeb::engine::fhir::PatientIdentifier>,
}

#[derive(Args)]
struct InputArgs {
    /// The record's FHIR R4 Bundle.
    #[arg(long = "from-fhir", value_name = "BUNDLE.json")]
    from_fhir: String,
    /// The day of the assessment.
    #[arg(long = "assessment-date", value_name = "YYYY-MM-DD")]
    assessment_date: Option<String>,
    /// The pathways chosen (default: those the record's diagnoses give).
    #[arg(long, value_name = "kol,...")]
    pathways: Option<String>,
    /// Where to write the whole import report as JSON.
    #[arg(long, value_name = "FILE")]
    report: Option<String>,
}

#[derive(Args)]
struct PackArgs {
    /// Without -o: the packed file to write (default src/engine/content/builtin.postcard;
    /// rebuild afterwards). With -o: the directory of a region's pathway files.
    #[arg(value_name = "FILE|DIR")]
    path: Option<String>,
    /// The regional pack to write (for the widget's `content`; no rebuild).
    #[arg(short = 'o', value_name = "FILE", requires_all = ["name", "version", "path"])]
    out: Option<String>,
    /// The region's name for its pack.
    #[arg(long, value_name = "NAME", requires = "out")]
    name: Option<String>,
    /// The version of the region's pack.
    #[arg(long, value_name = "VERSION", requires = "out")]
    version: Option<String>,
}

/// `--patient SYSTEM|VALUE`, both parts given.
fn patient_identifier(s: &str) -> Result<pakkeforloeb::engine::fhir::PatientIdentifier, String> {
    match s.split_once('|') {
        Some((system, value)) if !system.is_empty() && !value.is_empty() => {
            Ok(pakkeforloeb::engine::fhir::PatientIdentifier {
                system: system.to_owned(),
                value: value.to_owned(),
            })
        }
        _ => Err("takes SYSTEM|VALUE".to_owned()),
    }
}

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

fn plan(args: PlanArgs) -> Result<(), (u8, String)> {
    let PlanArgs {
        input: path,
        format,
        previous,
        pack: pack_path,
        patient,
    } = args;
    let path = path.as_str();
    let text = read(path).map_err(|e| (1, e))?;
    let content = match pack_path.as_deref() {
        Some(p) => Content::from_pack(&read(p).map_err(|e| (1, e))?)
            .map_err(|e| (1, format!("{p}: {e}")))?,
        None => Content::builtin().map_err(|e| (1, format!("built-in content: {e}")))?,
    };
    let result = match previous.as_deref() {
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
fn input(args: InputArgs) -> Result<(), (u8, String)> {
    let path = args.from_fhir.as_str();
    let (date, report, pathways) = (
        args.assessment_date.as_deref(),
        args.report.as_deref(),
        args.pathways.as_deref(),
    );
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
fn pack(args: PackArgs) -> Result<(), (u8, String)> {
    if let (Some(out), Some(name), Some(version), Some(dir)) =
        (&args.out, &args.name, &args.version, &args.path)
    {
        return region_pack(dir, out, name, version);
    }
    let path = args
        .path
        .as_deref()
        .unwrap_or(pakkeforloeb::engine::content::PACKED_PATH);
    if std::path::Path::new(path).is_dir() {
        return Err((
            2,
            format!("pack {path}: a directory makes a regional pack: give -o FILE, --name and --version"),
        ));
    }
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
fn region_pack(dir: &str, out: &str, name: &str, version: &str) -> Result<(), (u8, String)> {
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
    let text = content
        .to_pack(name, version)
        .map_err(|e| (1, e.to_string()))?;
    std::fs::write(out, &text).map_err(|e| (1, format!("{out}: {e}")))?;
    println!(
        "wrote {out}: {name} {version} ({} files from {dir})",
        texts.len()
    );
    Ok(())
}

pub fn main() -> ExitCode {
    // Usage errors (an unknown flag, a missing value) exit with status 2 and say which; --help
    // and --version print and exit 0.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Plan(args) => plan(args),
        Command::Input(args) => input(args),
        Command::Validate { files } => validate(&files),
        Command::Pack(args) => pack(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}
