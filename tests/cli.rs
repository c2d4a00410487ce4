//! The command line as a user runs it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakkeforloeb"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn scenario_input(name: &str) -> String {
    let text = std::fs::read_to_string(format!("tests/scenarios/kol/{name}.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["input"].to_string()
}

#[test]
fn plan_prints_the_same_plan_as_the_library() {
    let input = scenario_input("admission-severe");
    let out = run(&["plan", "-"], Some(&input));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let content = pakkeforloeb::engine::Content::builtin().unwrap();
    let expected = pakkeforloeb::engine::compute_plan_json(&content, &input)
        .unwrap()
        .to_json_pretty();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
}

#[test]
fn plan_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("pf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("input.json");
    std::fs::write(&path, scenario_input("mild-never-smoker")).unwrap();
    let out = run(&["plan", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["differentiation"]["level"], 1);
}

#[test]
fn bad_input_exits_1_naming_every_bad_field_without_panicking() {
    let input = r#"{"schema":"pakkeforloeb/input@1","pathways":["kol","astma"],"diagnosis_date":"2027-02-30","assessment_date":"2027-03-10","instruments":{"cat":[1,2,3,4,5,6,7,8]},"measurements":{"fev1_pct_pred":-3}}"#;
    let out = run(&["plan", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    for field in [
        "pathways[1]",
        "diagnosis_date",
        "instruments.cat[6]",
        "instruments.cat[7]",
        "measurements.fev1_pct_pred",
    ] {
        assert!(err.contains(field), "{field} missing from: {err}");
    }
    assert!(!err.contains("panicked"));
    assert!(out.stdout.is_empty());
}

#[test]
fn malformed_json_and_missing_files_exit_1() {
    for (args, stdin) in [
        (vec!["plan", "-"], Some("{\"schema\": ")),
        (vec!["plan", "/nonexistent/input.json"], None),
    ] {
        let out = run(&args, stdin);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[], None).status.code(), Some(2));
    assert_eq!(run(&["plan"], None).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn validate_accepts_the_built_in_pathways_and_names_the_path_of_a_broken_one() {
    let out = run(&["validate", "pathways/kol.json"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok: pathways/kol.json (kol "));
    // The live KOL file with overlapping CAT bands (10–20 then 9–30).
    let text = std::fs::read_to_string("pathways/kol.json").unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["derived"][0]["bands"][2]["min"] = serde_json::json!(9);
    let dir = std::env::temp_dir().join(format!("pf-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kol-broken.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    let out = run(&["validate", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("kol-broken.json: derived[0].bands[2].min: band overlaps"),
        "{err}"
    );
}

/// The command line gives every golden scenario its hand-computed status, as `computePlan` does
/// in the browser (tests/e2e/safety.test.mjs): the same plan, the same gates, whichever surface
/// a host uses.
#[test]
fn plan_gives_every_scenario_its_status_as_computeplan_does() {
    let mut checked = 0;
    for dir in std::fs::read_dir("tests/scenarios").unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(status) = case["expect"].get("/status") else {
                continue;
            };
            let out = run(&["plan", "-"], Some(&case["input"].to_string()));
            assert!(out.status.success(), "{}", path.display());
            let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(&plan["status"], status, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} scenarios state a status");
}

/// A region's own content without a rebuild: the example pack (pathways/regions/eksempel)
/// lowers the MRC threshold for pulmonary rehabilitation from 3 to 2 and names the
/// civil-society offer; a plan with the pack follows it and records it; a changed pack is refused.
#[test]
fn a_regional_pack_changes_a_threshold_and_an_offer_and_a_changed_pack_is_refused() {
    let dir = std::env::temp_dir().join(format!("pf-pack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pack = dir.join("region.pack");
    let out = run(
        &[
            "pack",
            "pathways/regions/eksempel",
            "-o",
            pack.to_str().unwrap(),
            "--name",
            "Region Eksempel",
            "--version",
            "2027.1",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let input = r#"{"schema":"pakkeforloeb/input@1","pathways":["kol"],"diagnosis_date":"2027-03-01","assessment_date":"2027-03-10","instruments":{"mrc":[2]},"measurements":{"fev1_fvc":0.6}}"#;
    let plan = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["plan"];
        args.extend_from_slice(extra);
        args.push("-");
        let out = run(&args, Some(input));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let ids = |p: &serde_json::Value| -> Vec<String> {
        p["interventions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let built_in = plan(&[]);
    let regional = plan(&["--pack", pack.to_str().unwrap()]);
    assert!(!ids(&built_in).contains(&"kol-rehabilitering".to_owned()));
    assert!(ids(&regional).contains(&"kol-rehabilitering".to_owned()));
    let netvaerk = |p: &serde_json::Value| {
        p["interventions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "kol-netvaerk")
            .unwrap()["title"]
            .clone()
    };
    assert_eq!(
        netvaerk(&regional),
        "Lungeforeningens netværk i Region Eksempel"
    );
    assert_ne!(netvaerk(&built_in), netvaerk(&regional));
    assert_eq!(regional["content_pack"]["name"], "Region Eksempel");
    assert_eq!(regional["content_pack"]["version"], "2027.1");
    assert!(built_in.get("content_pack").is_none());
    // A pack changed on its way (one payload character) is refused, naming why.
    let text = std::fs::read_to_string(&pack).unwrap();
    let at = text.find("\"payload\":\"").unwrap() + 11;
    let mut changed = text.clone();
    let c = if &text[at + 20..at + 21] == "A" {
        "B"
    } else {
        "A"
    };
    changed.replace_range(at + 20..at + 21, c);
    let bad = dir.join("changed.pack");
    std::fs::write(&bad, changed).unwrap();
    let out = run(&["plan", "--pack", bad.to_str().unwrap(), "-"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match its SHA-256"));
    // A broken regional file is refused by the same loader, naming file and place.
    let broken_dir = dir.join("broken");
    std::fs::create_dir_all(&broken_dir).unwrap();
    let kol = std::fs::read_to_string("pathways/regions/eksempel/kol.json").unwrap();
    std::fs::write(
        broken_dir.join("kol.json"),
        kol.replace("\"gte\": 2", "\"gte=\": 2"),
    )
    .unwrap();
    let out = run(
        &[
            "pack",
            broken_dir.to_str().unwrap(),
            "-o",
            bad.to_str().unwrap(),
            "--name",
            "x",
            "--version",
            "1",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unknown operator"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `input --from-fhir`: the prefill on standard output (an input the `plan` command takes once
/// the dates are there), what was not taken on standard error, the report as JSON on request.
#[test]
fn input_from_fhir_prints_a_prefill_and_reports_what_it_left() {
    let dir = std::env::temp_dir().join(format!("pakkeforloeb-cli-fhir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bundle = dir.join("record.json");
    let report = dir.join("report.json");
    std::fs::write(
        &bundle,
        serde_json::json!({
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                { "fullUrl": "urn:uuid:1", "resource": { "resourceType": "Condition",
                  "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icpc-2", "code": "T90" }] },
                  "onsetDateTime": "2027-03-01" } },
                { "fullUrl": "urn:uuid:2", "resource": { "resourceType": "Observation", "status": "final",
                  "code": { "coding": [{ "system": "http://loinc.org", "code": "59261-8" }] },
                  "effectiveDateTime": "2027-03-05",
                  "valueQuantity": { "value": 61, "unit": "mmol/mol", "system": "http://unitsofmeasure.org", "code": "mmol/mol" } } },
                { "fullUrl": "urn:uuid:3", "resource": { "resourceType": "Observation", "status": "final",
                  "code": { "coding": [{ "system": "http://loinc.org", "code": "22748-8" }] },
                  "valueQuantity": { "value": 120, "unit": "mg/dL" } } }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let out = run(
        &[
            "input",
            "--from-fhir",
            bundle.to_str().unwrap(),
            "--assessment-date",
            "2027-03-10",
            "--report",
            report.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let input: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(input["pathways"], serde_json::json!(["type2-diabetes"]));
    assert_eq!(input["measurements"]["hba1c_mmol_mol"], 61.0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("urn:uuid:3 (wrong-unit)"), "{stderr}");
    let rep: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(rep["not_mapped"][0]["reason"], "wrong-unit");
    // The prefill plans as it stands.
    let plan = run(&["plan", "-"], Some(&input.to_string()));
    assert!(
        plan.status.success(),
        "{}",
        String::from_utf8_lossy(&plan.stderr)
    );
    // Not a Bundle: status 1 and the field.
    std::fs::write(&bundle, r#"{"resourceType":"Patient"}"#).unwrap();
    let bad = run(&["input", "--from-fhir", bundle.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("$.resourceType"));
    let usage = run(&["input"], None);
    assert_eq!(usage.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every command answers `--help` on standard output with status 0, and writes nothing (the hand
/// parser once wrote `pack --help` to a file named "--help"); an unknown flag and a missing
/// value exit 2 with a message that names them.
#[test]
fn help_for_every_command_and_clear_errors_for_bad_usage() {
    for args in [
        vec!["--help"],
        vec!["plan", "--help"],
        vec!["input", "--help"],
        vec!["validate", "--help"],
        vec!["pack", "--help"],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: pakkeforloeb"),
            "{args:?}"
        );
    }
    assert!(!std::path::Path::new("--help").exists());
    let unknown = run(&["plan", "--frobnicate", "-"], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("'--frobnicate'"));
    let missing = run(&["plan", "--format"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--format"));
    let region = run(&["pack", "pathways/regions/eksempel"], None);
    assert_eq!(region.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&region.stderr).contains("-o FILE, --name and --version"));
    let version = run(&["--version"], None);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("pakkeforloeb {}", pakkeforloeb::engine::ENGINE_VERSION)
    );
}
