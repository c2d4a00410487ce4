//! The committed JSON Schemas, generated from the Rust types. A test regenerates them and fails
//! when a committed file differs (it writes the new version, so rerunning `cargo test` and
//! committing the result is the fix), in the manner of rust-analyzer's `ensure_file_contents`.

use schemars::{generate::SchemaSettings, JsonSchema};
use serde_json::json;

fn generate<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), json!(title));
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    // The condition schema carries its own $defs; hoist them to the root so "#/$defs/Condition"
    // resolves wherever the condition is used.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    hoist_condition_defs(&mut value);
    text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn hoist_condition_defs(root: &mut serde_json::Value) {
    fn strip(v: &mut serde_json::Value, found: &mut Option<serde_json::Value>) {
        match v {
            serde_json::Value::Object(map) => {
                if map.get("$ref").and_then(|r| r.as_str()) == Some("#/$defs/Condition") {
                    if let Some(serde_json::Value::Object(defs)) = map.remove("$defs") {
                        if let Some(c) = defs.get("Condition") {
                            *found = Some(c.clone());
                        }
                    }
                }
                for (_, child) in map.iter_mut() {
                    strip(child, found);
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|c| strip(c, found)),
            _ => {}
        }
    }
    let mut found = None;
    strip(root, &mut found);
    if let (Some(c), Some(map)) = (found, root.as_object_mut()) {
        let defs = map.entry("$defs").or_insert_with(|| json!({}));
        if let Some(defs) = defs.as_object_mut() {
            defs.insert("Condition".into(), c);
        }
    }
}

/// The input schema with every key the built-in content defines: the pathways, each
/// instrument's answers (item by item, with their options), the totals a paper form may give,
/// and each measurement with its kind, unit and range. A key the content does not define is
/// refused by the engine, so the schema refuses it too.
pub(crate) fn with_content_keys(schema: &mut serde_json::Value, content: &crate::engine::Content) {
    use crate::engine::content::MeasurementKind;
    let Some(props) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else {
        return;
    };
    let ids: Vec<&String> = content.pathways.keys().collect();
    props.insert(
        "pathways".into(),
        json!({ "description": "Pathway ids, each once.", "type": "array", "items": { "enum": ids } }),
    );
    let mut instruments = serde_json::Map::new();
    let mut totals = serde_json::Map::new();
    for (id, def) in &content.instruments {
        let items: Vec<serde_json::Value> = def
            .items
            .iter()
            .map(|item| {
                let opts = def.options_of(item);
                let values: Vec<i64> = opts.iter().map(|o| o.value).collect();
                json!({ "enum": values, "description": item.text.en })
            })
            .map(|e| json!({ "anyOf": [e, { "type": "null" }] }))
            .collect();
        instruments.insert(
            id.clone(),
            // `items` admits nothing beyond the prefix (maxItems) but gives generators that do
            // not read prefixItems an element type.
            json!({ "description": def.title.en, "type": "array", "prefixItems": items,
                    "minItems": def.items.len(), "maxItems": def.items.len(),
                    "items": { "type": ["integer", "null"] } }),
        );
        if def.total_entry {
            totals.insert(
                id.clone(),
                json!({ "description": format!("{}: the total of a paper form", def.title.en),
                        "type": ["integer", "null"], "minimum": 0, "maximum": def.max_total() }),
            );
        }
    }
    for (key, map, what) in [
        ("instruments", instruments, "Answers per instrument, in the published item order; `null` is an unknown answer."),
        ("instrument_totals", totals, "The total of a form the patient filled on paper, where the rules read only the total; instead of the answers, never with them."),
    ] {
        props.insert(key.into(), json!({ "description": what, "type": "object", "properties": map, "additionalProperties": false }));
    }
    let mut measurements = serde_json::Map::new();
    for (id, m) in &content.measurements {
        let unit = m
            .unit
            .as_deref()
            .map(|u| format!(" ({u})"))
            .unwrap_or_default();
        let mut v = match m.kind {
            MeasurementKind::Number => json!({ "type": ["number", "null"] }),
            MeasurementKind::Integer => json!({ "type": ["integer", "null"] }),
            MeasurementKind::Bool => json!({ "type": ["boolean", "null"] }),
            MeasurementKind::Code => {
                let mut codes: Vec<serde_json::Value> =
                    m.values.iter().map(|c| json!(c.value)).collect();
                codes.push(serde_json::Value::Null);
                json!({ "enum": codes })
            }
            MeasurementKind::Codes => {
                let codes: Vec<&String> = m.values.iter().map(|c| &c.value).collect();
                // A list of codes; one code alone is read as a list of one (input@1, additive).
                json!({ "anyOf": [
                    { "type": ["array", "null"], "items": { "enum": codes }, "uniqueItems": true },
                    { "enum": codes },
                ] })
            }
        };
        v["description"] = json!(format!("{}{unit}", m.label.en));
        if let Some(lo) = m.min {
            v["minimum"] = json!(lo);
        }
        if let Some(hi) = m.max {
            v["maximum"] = json!(hi);
        }
        measurements.insert(id.clone(), v);
    }
    props.insert(
        "measurements".into(),
        json!({ "description": "Measurements by key, with their unit and range; `null` or absent is unknown.",
                "type": "object", "properties": measurements, "additionalProperties": false }),
    );
}

#[cfg(test)]
mod tests {
    use super::generate;
    use crate::engine::{content::format::ContentFile, Input, Plan};

    fn ensure_file_contents(path: &str, contents: &str) {
        let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let current = std::fs::read_to_string(&full).unwrap_or_default();
        if current != contents {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, contents).unwrap();
            panic!(
                "{path} was out of date and has been regenerated: rerun the tests and commit it"
            );
        }
    }

    #[test]
    fn the_pathway_schema_is_in_sync_with_the_types() {
        ensure_file_contents(
            "pathways/pathway.schema.json",
            &generate::<ContentFile>("pakkeforloeb pathway content file"),
        );
    }

    #[test]
    fn the_input_schema_is_in_sync_with_the_types() {
        let content = crate::engine::Content::builtin_from_files().unwrap();
        let mut schema: serde_json::Value =
            serde_json::from_str(&generate::<Input>("pakkeforloeb/input@1")).unwrap();
        super::with_content_keys(&mut schema, &content);
        let mut text = serde_json::to_string_pretty(&schema).unwrap();
        text.push('\n');
        ensure_file_contents("public/schema/input.schema.json", &text);
    }

    #[test]
    fn the_plan_schema_is_in_sync_with_the_types() {
        ensure_file_contents(
            "public/schema/plan.schema.json",
            &generate::<Plan>("pakkeforloeb/plan@1"),
        );
    }
}
