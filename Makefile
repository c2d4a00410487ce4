# The two commands of the README: `make serve` and `make test`. Both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export CARGO_TERM_COLOR ?= never
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT ?= 120
# binaryen's wasm-opt from npm (package-lock.json) comes first: Trunk runs it on release builds
# (index.html: data-wasm-opt="z"); Debian's binaryen 108 breaks the output (TOOLCHAIN.md).
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: setup serve build content fhir-module release test fmt lint test-native test-browser test-e2e test-fuzz fuzz bench bench-against clean

setup:
	@bash .ci/setup.sh

## Build the demo page and serve it on http://127.0.0.1:8080
serve: setup content fhir-module
	trunk serve --release --offline

build: setup content fhir-module
	trunk build --release --offline

## planToFhir and inputFromFhir in their own wasm (src/fhir_module.rs), loaded on first use: a
## page that only shows the widget never downloads it. Built here, copied into dist/ by Trunk
## (index.html). wasm-bindgen and wasm-opt as Trunk uses them (setup installs both).
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
FHIR_OUT := $(CURDIR)/build/fhir
fhir-module: setup content
	cargo build --release --target wasm32-unknown-unknown --no-default-features --features fhir-module --bin pakkeforloeb-fhir
	wasm-bindgen --target web --no-typescript --out-dir $(FHIR_OUT) --out-name pakkeforloeb-fhir \
	  $(TARGET_DIR)/wasm32-unknown-unknown/release/pakkeforloeb-fhir.wasm
	wasm-opt -Oz $(FHIR_OUT)/pakkeforloeb-fhir_bg.wasm -o $(FHIR_OUT)/pakkeforloeb-fhir_bg.wasm

## The package for vendors, no Rust needed to use it: target/pakkeforloeb-<version>.tgz (npm pack)
release: build
	node .ci/release.mjs

## Check the files in pathways/ and pack them for the widget (src/engine/content/builtin.postcard);
## written only when it changes. After editing a pathway file, commit the packed file with it
## (a test fails while they differ).
content:
	cargo run --quiet --no-default-features -- pack

## Every test: format, lint (host and wasm32), native, browser, a short fuzzing run
test: setup fmt lint test-native test-browser test-e2e test-fuzz
	@echo "make test: all suites passed"

fmt:
	cargo fmt --all -- --check
	leptosfmt --check --quiet src/ui
	rustfmt --edition 2021 --check tests/fuzz/fuzz_targets/*.rs

lint:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --no-default-features --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --test web -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --no-default-features --features fhir-module --bin pakkeforloeb-fhir -- -D warnings

test-native:
	cargo test --no-default-features
	cargo test

test-browser:
	cargo test --target wasm32-unknown-unknown --test web

test-e2e: build
	node tests/e2e/run.mjs

# Coverage-guided fuzzing of the input and pathway parsers (.ci/fuzz.sh, tests/fuzz/).
test-fuzz:
	.ci/fuzz.sh 15

## A longer fuzzing run: make fuzz FUZZ_SECONDS=3600 (per target)
FUZZ_SECONDS ?= 600
fuzz: setup
	.ci/fuzz.sh $(FUZZ_SECONDS)

## Size and speed figures (printed, never asserted)
bench: build
	node tests/e2e/bench.mjs
	cargo bench --no-default-features --bench engine_bench

## The first click of this build against another commit's, their runs alternated so that both
## meet the machine in the same minutes: make bench-against REF=<commit> (BENCH_RUNS=15).
## REF is built in a worktree under .bench/ with this target directory.
bench-against: build
	@test -n "$(REF)" || { echo "usage: make bench-against REF=<commit>" >&2; exit 2; }
	rm -rf .bench/ref && git worktree prune
	git worktree add --detach .bench/ref $(REF)
	cd .bench/ref && CARGO_TARGET_DIR=$(CURDIR)/target $(MAKE) build
	BENCH_AGAINST=.bench/ref/dist BENCH_AGAINST_NAME=$(REF) BENCH_ONLY_CLICKS=1 node tests/e2e/bench.mjs
	git worktree remove --force .bench/ref

clean:
	cargo clean
	rm -rf dist
