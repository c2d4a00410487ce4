//! Native engine throughput for `make bench` (`cargo bench --bench engine_bench`): plans per second for a five-pathway patient.
//! Prints figures; asserts nothing (timings never gate tests).

use std::time::Instant;

use pakkeforloeb::engine::{compute_plan, Content, Input};

fn main() {
    let content = Content::builtin().expect("built-in content");
    let text = std::fs::read_to_string("tests/scenarios/combined/all-five-pathways.json")
        .expect("scenario");
    let case: serde_json::Value = serde_json::from_str(&text).expect("json");
    let input = Input::from_json_value(&case["input"]).expect("input");
    let valid = input.validate(&content).expect("valid");
    for _ in 0..100 {
        std::hint::black_box(compute_plan(&content, &valid).expect("plan"));
    }
    let n = 5_000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(compute_plan(&content, &valid).expect("plan"));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "(e) native engine, five-pathway patient: {:.0} plans/s ({:.1} µs per plan)",
        f64::from(n) / secs,
        secs * 1e6 / f64::from(n)
    );
    let loads = 200;
    let time = |load: &dyn Fn() -> Content| {
        let start = Instant::now();
        for _ in 0..loads {
            std::hint::black_box(load());
        }
        start.elapsed().as_secs_f64() * 1e3 / f64::from(loads)
    };
    let packed = time(&|| Content::builtin().expect("content"));
    let files = time(&|| Content::builtin_from_files().expect("content"));
    println!(
        "    all content: decoding the packed form (what the widget does) {packed:.2} ms; \
         loading and validating the files {files:.2} ms"
    );
}
