//! Any bytes as a pathway file, loaded beside the real shared file: content or an error naming
//! the file and a JSON path, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pakkeforloeb::engine::content::BUILTIN_FILES;
use pakkeforloeb::engine::{compute_plan_json, Content};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Content::load(&[BUILTIN_FILES[0], ("fuzzed.json", text)]) {
        Ok(content) => {
            // Content that loads must plan for each of its pathways without panicking.
            for id in content.pathways.keys() {
                let input = format!(
                    r#"{{"schema":"pakkeforloeb/input@1","pathways":["{id}"],"diagnosis_date":"2027-03-01","assessment_date":"2027-03-10"}}"#
                );
                let _ = compute_plan_json(&content, &input);
            }
        }
        Err(e) => {
            assert!(e.file == "fuzzed.json" || e.file == "shared.json", "{e}");
            // The place reads back as itself (one notation for every field), wherever its keys
            // hold none of the notation's own characters.
            let plain = e.path.steps().iter().all(|s| match s {
                pakkeforloeb::engine::error::Step::Key(k) => {
                    !k.is_empty() && !k.starts_with('$') && !k.contains(['.', '[', ']'])
                }
                pakkeforloeb::engine::error::Step::Index(_) => true,
            });
            assert!(
                !plain || pakkeforloeb::engine::error::Field::parse(&e.path.to_string()) == e.path
            );
        }
    }
});
