//! The FHIR module: `planToFhir` and `inputFromFhir` in their own WebAssembly file, which
//! `pakkeforloeb.js` loads the first time a host calls one of them. A page that only shows the
//! widget never downloads it (about a tenth of the widget's bytes). Built by `make fhir-module`
//! (wasm-bindgen, no Trunk); errors are thrown as JS `Error`s whose message names the field.

#[cfg(target_arch = "wasm32")]
mod api {
    use std::cell::OnceCell;
    use std::sync::Arc;

    use pakkeforloeb::engine::fhir::import::{input_from_fhir, Options};
    use pakkeforloeb::engine::fhir::{plan_to_fhir, PatientIdentifier};
    use pakkeforloeb::engine::{Content, Plan};
    use serde_json::Value as Json;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static CONTENT: OnceCell<Result<Arc<Content>, String>> = const { OnceCell::new() };
    }

    /// The built-in content, decoded once.
    fn content() -> Result<Arc<Content>, JsError> {
        CONTENT
            .with(|c| {
                c.get_or_init(|| Content::builtin().map(Arc::new).map_err(|e| e.to_string()))
                    .clone()
            })
            .map_err(|e| JsError::new(&format!("content: {e}")))
    }

    /// A JS value (object or JSON string) as JSON.
    fn to_json(value: &JsValue, what: &str) -> Result<Json, JsError> {
        let text = if let Some(s) = value.as_string() {
            s
        } else if value.is_undefined() || value.is_null() {
            return Err(JsError::new(&format!("{what}: missing")));
        } else {
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| JsError::new(&format!("{what}: not JSON-serialisable")))?
        };
        serde_json::from_str(&text).map_err(|e| JsError::new(&format!("{what}: {e}")))
    }

    fn options(value: &JsValue) -> Result<Json, JsError> {
        if value.is_undefined() || value.is_null() {
            Ok(Json::Null)
        } else {
            to_json(value, "options")
        }
    }

    /// The content to read with: the regional pack in `options.content` (object or JSON text),
    /// or the built-in content.
    fn content_of(options: &Json) -> Result<Arc<Content>, JsError> {
        match options.get("content") {
            None | Some(Json::Null) => content(),
            Some(Json::String(text)) => pack(text),
            Some(v) => pack(&v.to_string()),
        }
    }

    fn pack(text: &str) -> Result<Arc<Content>, JsError> {
        Content::from_pack_cached(text).map_err(|e| JsError::new(&format!("options.content: {e}")))
    }

    fn to_js(json: &Json) -> Result<JsValue, JsError> {
        js_sys::JSON::parse(&json.to_string())
            .map_err(|_| JsError::new("internal: the result is not JSON"))
    }

    /// `planToFhir(plan, options?)`: a plan → a FHIR R4 Bundle. `options.patientIdentifier =
    /// { system, value }` names the patient (and lets the Bundle claim HL7 DK Core's profiles).
    ///
    /// # Errors
    /// An `Error` naming the field when the plan is not a `pakkeforloeb/plan@1` document.
    #[wasm_bindgen(js_name = planToFhir)]
    pub fn plan_to_fhir_js(plan: &JsValue, options_: &JsValue) -> Result<JsValue, JsError> {
        let text = to_json(plan, "plan")?.to_string();
        let plan: Plan = pakkeforloeb::engine::located::from_str(&text)
            .map_err(|e| JsError::new(&format!("plan.{}: {}", e.path, e.message)))?;
        let given = options(options_)?;
        let content = content_of(&given)?;
        content
            .check_plan_pack(plan.content_pack.as_ref())
            .map_err(|e| JsError::new(&format!("options.content: {e}")))?;
        let patient = match given.get("patientIdentifier") {
            None | Some(Json::Null) => None,
            Some(v) => Some(
                serde_json::from_value::<PatientIdentifier>(v.clone())
                    .map_err(|e| JsError::new(&format!("options.patientIdentifier: {e}")))?,
            ),
        };
        to_js(&plan_to_fhir(&plan, &content, patient.as_ref()))
    }

    /// `inputFromFhir(bundle, options?)`: a Bundle of record data → `{ input, report }`.
    /// `options.assessmentDate` (`YYYY-MM-DD`) and `options.pathways` (ids): see docs/fhir.md.
    ///
    /// # Errors
    /// An `Error` naming the field when `bundle` is not a FHIR Bundle or an option is malformed.
    #[wasm_bindgen(js_name = inputFromFhir)]
    pub fn input_from_fhir_js(bundle: &JsValue, options_: &JsValue) -> Result<JsValue, JsError> {
        let json = to_json(bundle, "bundle")?;
        let given = options(options_)?;
        let mut opts = Options::default();
        match given.get("assessmentDate") {
            None | Some(Json::Null) => {}
            Some(Json::String(d)) => {
                opts.assessment_date =
                    Some(pakkeforloeb::engine::input::parse_date(d).map_err(|_| {
                        JsError::new(&format!(
                            "options.assessmentDate: '{d}' is not a date (YYYY-MM-DD)"
                        ))
                    })?);
            }
            Some(_) => {
                return Err(JsError::new(
                    "options.assessmentDate: expected a YYYY-MM-DD string",
                ))
            }
        }
        match given.get("pathways") {
            None | Some(Json::Null) => {}
            Some(Json::Array(ids)) if ids.iter().all(Json::is_string) => {
                opts.pathways = Some(
                    ids.iter()
                        .filter_map(Json::as_str)
                        .map(str::to_owned)
                        .collect(),
                );
            }
            Some(_) => {
                return Err(JsError::new(
                    "options.pathways: expected a list of pathway ids",
                ))
            }
        }
        let imported = input_from_fhir(&json, &*content_of(&given)?, &opts)
            .map_err(|e| JsError::new(&format!("bundle{}", e.0.trim_start_matches('$'))))?;
        to_js(&serde_json::to_value(&imported).map_err(|e| JsError::new(&e.to_string()))?)
    }
}

fn main() {}
