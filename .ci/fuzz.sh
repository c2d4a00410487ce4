#!/usr/bin/env bash
# Coverage-guided fuzzing of the input, pathway and FHIR-import parsers (tests/fuzz, cargo-fuzz + libFuzzer).
#   .ci/fuzz.sh [seconds per target]      (make test: 20; make fuzz: 600 by default)
# Seeds are the golden scenario inputs and the pathway files; the corpus libFuzzer grows is kept
# in target/fuzz-corpus/ between runs. A crash leaves its input in tests/fuzz/artifacts/ and
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
corpus=target/fuzz-corpus
mkdir -p "$corpus/input" "$corpus/pathway" "$corpus/fhir" "$corpus/seeds-input" "$corpus/seeds-pathway" "$corpus/seeds-fhir"
python3 - "$corpus" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for f in sorted(pathlib.Path("tests/scenarios").rglob("*.json")):
    doc = json.loads(f.read_text())
    (out / "seeds-input" / f.name).write_text(json.dumps(doc["input"], ensure_ascii=False))
# A record's Bundle: codes the import knows, units it refuses, statuses it skips.
record = {"resourceType": "Bundle", "type": "collection", "entry": [
    {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Condition", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icpc-2", "code": "T90"}]}, "onsetDateTime": "2027-03-01"}},
    {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "59261-8"}]}, "effectiveDateTime": "2027-02-01", "valueQuantity": {"value": 58, "unit": "mmol/mol"}}},
    {"fullUrl": "urn:uuid:3", "resource": {"resourceType": "Observation", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "22748-8"}]}, "valueQuantity": {"value": 120, "unit": "mg/dL"}}},
    {"fullUrl": "urn:uuid:4", "resource": {"resourceType": "MedicationStatement", "status": "active", "medicationCodeableConcept": {"text": "Metformin"}}},
    {"fullUrl": "urn:uuid:5", "resource": {"resourceType": "QuestionnaireResponse", "questionnaire": "urn:pakkeforloeb:questionnaire:who5", "item": [{"linkId": "1", "answer": [{"valueInteger": 3}]}]}},
    {"fullUrl": "urn:uuid:6", "resource": {"resourceType": "Patient", "gender": "female", "birthDate": "1958-01-08"}},
]}
(out / "seeds-fhir" / "record.json").write_text(json.dumps(record))
for f in sorted(pathlib.Path("pathways").glob("*.json")):
    if not f.name.endswith(".schema.json") and f.name != "shared.json":
        (out / "seeds-pathway" / f.name).write_text(f.read_text())
PY
for target in input pathway fhir; do
  echo "fuzz: $target for ${seconds}s"
  log="$corpus/$target.log"
  status=0
  # -max_len: a pathway file is up to ~30 KB; inputs over 1 MB are refused before parsing.
  cargo fuzz run --fuzz-dir tests/fuzz --sanitizer none --release "$target" \
    "$corpus/$target" "$corpus/seeds-$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$log" | tr '\n' ' ' || true
  echo
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz: $target FAILED (input saved under tests/fuzz/artifacts/$target/)"
    exit "$status"
  fi
done
