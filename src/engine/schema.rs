//! The committed JSON Schemas, generated from the Rust types. A test regenerates them and fails
//! when a committed file differs (it writes the new version, so rerunning `cargo test` and
//! committing the result is the fix), in the manner of rust-analyzer's `ensure_file_contents`.

use schemars::{generate::SchemaSettings, JsonSchema, Schema, SchemaGenerator};
use serde_json::json;

/// The condition language of `engine::condition`, recursively.
pub(crate) fn condition(_: &mut SchemaGenerator) -> Schema {
    let number_or_fact = json!({ "oneOf": [
        { "type": "number" },
        { "type": "object", "properties": { "fact": { "type": "string" } }, "required": ["fact"], "additionalProperties": false }
    ]});
    let scalar = json!({ "type": ["number", "string", "boolean"] });
    let test = |op: &str, arg: serde_json::Value| {
        json!({ "type": "object", "properties": { "fact": { "type": "string" }, op: arg },
                "required": ["fact", op], "additionalProperties": false })
    };
    let list = |key: &str| {
        json!({ "type": "object", "properties": { key: { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/Condition" } } },
                "required": [key], "additionalProperties": false })
    };
    let def = json!({ "oneOf": [
        { "const": true },
        list("all"), list("any"), list("any_known"),
        { "type": "object", "properties": { "not": { "$ref": "#/$defs/Condition" } }, "required": ["not"], "additionalProperties": false },
        test("gte", number_or_fact.clone()), test("gt", number_or_fact.clone()),
        test("lte", number_or_fact.clone()), test("lt", number_or_fact),
        test("eq", scalar.clone()), test("ne", scalar.clone()),
        test("in", json!({ "type": "array", "minItems": 1, "items": scalar })),
        test("contains", json!({ "type": "string" })),
        test("nonempty", json!({ "type": "boolean" })),
        test("present", json!({ "type": "boolean" })),
    ]});
    Schema::try_from(json!({ "$ref": "#/$defs/Condition", "$defs": { "Condition": def } }))
        .unwrap_or_default()
}

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
        ensure_file_contents(
            "public/schema/input.schema.json",
            &generate::<Input>("pakkeforloeb/input@1"),
        );
    }

    #[test]
    fn the_plan_schema_is_in_sync_with_the_types() {
        ensure_file_contents(
            "public/schema/plan.schema.json",
            &generate::<Plan>("pakkeforloeb/plan@1"),
        );
    }
}
