//! The JavaScript surface for hosts (docs/host-api.md): `computePlan`, and the `mountWidget` the
//! `<pakkeforloeb-widget>` custom element (public/pakkeforloeb.js) uses. `planToFhir` and
//! `inputFromFhir` are in the on-demand FHIR module (src/fhir_module.rs).
//! Errors are thrown as JS `Error`s whose message names the field.

use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use leptos::prelude::{GetUntracked, Set, WithUntracked};

use super::{mount, Draft, WidgetHandle};
use crate::engine::{compute_plan_json, Content, Input, Lang};

/// The built-in content, loaded and validated once per page.
fn content() -> Result<&'static Content, JsError> {
    super::host::builtin_content()
        .map(|c| &**c)
        .map_err(|e| JsError::new(&format!("content: {e}")))
}

/// A JS value (object or JSON string) as JSON text.
fn to_text(value: &JsValue, what: &str) -> Result<String, JsError> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!("{what}: missing")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("{what}: not JSON-serialisable")))
}

fn to_js(json: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(json).map_err(|_| JsError::new("internal: the result is not JSON"))
}

/// `computePlan(input, previousPlan?, options?)`: an input object or JSON string → the plan
/// object. `options.content` is a regional pack (object or JSON text) to plan with instead of
/// the built-in content: the pack a host gives its widgets, so both plan alike.
///
/// # Errors
/// An `Error` whose message names every bad field, or why the pack was refused.
#[wasm_bindgen(js_name = computePlan)]
pub fn compute_plan_js(
    input: &JsValue,
    previous: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsError> {
    let text = to_text(input, "input")?;
    if !(options.is_undefined() || options.is_null() || options.is_object()) {
        return Err(JsError::new("options: expected an object ({ content })"));
    }
    let pack = match js_sys::Reflect::get(options, &"content".into()) {
        Ok(v) if !(v.is_undefined() || v.is_null()) => Some(
            Content::from_pack_cached(&to_text(&v, "options.content")?)
                .map_err(|e| JsError::new(&format!("options.content: {e}")))?,
        ),
        _ => None,
    };
    let content = match &pack {
        Some(c) => c,
        None => content()?,
    };
    let plan = if previous.is_undefined() || previous.is_null() {
        compute_plan_json(content, &text)
    } else {
        let prev = to_text(previous, "previousPlan")?;
        crate::engine::previous::compute_follow_up_plan_json(content, &text, &prev)
    }
    .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&plan.to_json_unindented())
}

/// The widget's stylesheet, for the custom element's shadow root: public/style.css as the build
/// script minified it (src/build.rs).
#[wasm_bindgen(js_name = widgetCss)]
#[must_use]
pub fn widget_css() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/style.min.css")).to_owned()
}

/// A partial input (any of the input@1 fields) as a draft to prefill from, and what is wrong
/// with the values it gives (`None` when nothing is).
///
/// A prefill whose shape is wrong (not an object, a field of the wrong type, an unknown field) is
/// refused. A value of the right type that the content does not accept (an answer out of range,
/// an impossible date, an unknown pathway) is taken into the form, where it shows at its field
/// for the GP to correct, and named in the problems, which the host hears of as
/// `pakkeforloeb-error`. Only what the prefill gave is checked: a field it leaves out is the
/// GP's to fill in, not a problem of the host's.
///
/// # Errors
/// A message naming the field.
pub fn draft_from_prefill(text: &str, content: &Content) -> Result<Prefill, String> {
    let mut json: Json = serde_json::from_str(text).map_err(|e| format!("input: {e}"))?;
    let Some(obj) = json.as_object_mut() else {
        return Err(format!(
            "input: expected an input@1 object, not {}",
            json_kind(&json)
        ));
    };
    let given: Vec<String> = obj.keys().cloned().collect();
    obj.entry("schema")
        .or_insert_with(|| Json::from(crate::engine::input::INPUT_SCHEMA));
    obj.entry("pathways")
        .or_insert_with(|| Json::Array(Vec::new()));
    obj.entry("diagnosis_date")
        .or_insert_with(|| Json::from(""));
    obj.entry("assessment_date")
        .or_insert_with(|| Json::from(""));
    let input = Input::from_json_value(&json).map_err(|e| format!("input.{e}"))?;
    let problems: Vec<String> = input
        .check(content)
        .errors
        .iter()
        .filter(|e| {
            e.field
                .key_at(0)
                .is_some_and(|k| given.iter().any(|g| g == k))
        })
        .map(|e| format!("input.{e}"))
        .collect();
    let problems = (!problems.is_empty()).then(|| problems.join("; "));
    Ok(Prefill {
        draft: Draft::from_input(&input),
        given,
        problems,
    })
}

/// A host's prefill, read ([`draft_from_prefill`]).
pub struct Prefill {
    /// What it gives, as a draft.
    pub draft: Draft,
    /// The input's top-level fields it gives (the others keep the previous prefill's values).
    pub given: Vec<String>,
    /// What is wrong with the values it gives, naming each field.
    pub problems: Option<String>,
}

/// What a JSON value is, for a message.
fn json_kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// A widget mounted by a host.
#[wasm_bindgen]
pub struct EmbeddedWidget {
    handle: WidgetHandle,
    /// What was wrong with the values of the prefill it was mounted with.
    problems: Option<String>,
}

#[wasm_bindgen]
impl EmbeddedWidget {
    /// Takes a new prefill from the host (an input object or JSON string) into what is
    /// entered: what the GP has not changed takes the new values; what the GP entered stays,
    /// and the widget says what the record changed. Returns what is wrong with the values it
    /// gave (each shown at its field), naming each field, or `undefined`.
    ///
    /// # Errors
    /// An `Error` naming the bad field when the prefill's shape is wrong; the widget keeps what
    /// it had.
    #[wasm_bindgen(js_name = setInput)]
    pub fn set_input(&self, input: &JsValue) -> Result<Option<String>, JsError> {
        let content = match self.handle.content() {
            Some(c) => c,
            None => content()?,
        };
        let p =
            draft_from_prefill(&to_text(input, "input")?, content).map_err(|e| JsError::new(&e))?;
        self.handle.merge_prefill(p.draft, &p.given);
        Ok(p.problems)
    }

    /// What was wrong with the values of the prefill the widget was mounted with (see
    /// `setInput`), or `undefined`.
    #[wasm_bindgen(js_name = prefillProblems)]
    #[must_use]
    pub fn prefill_problems(&self) -> Option<String> {
        self.problems.clone()
    }

    /// Everything entered, as a draft the host may save (`pakkeforloeb/draft@1` JSON).
    #[must_use]
    pub fn draft(&self) -> String {
        let step = self.handle.host.step.get_untracked();
        self.handle.draft.with_untracked(|d| d.to_saved_json(step))
    }

    /// Gives back a saved draft: the widget shows exactly what was entered.
    ///
    /// # Errors
    /// An `Error` naming what is wrong with the draft; the widget keeps what it had.
    #[wasm_bindgen(js_name = setDraft)]
    pub fn set_draft(&self, draft: &JsValue) -> Result<(), JsError> {
        let (d, step) = Draft::from_saved_json(&to_text(draft, "draft")?)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.handle.set_draft(d);
        if let Some(step) = step {
            self.handle.host.step.set(step);
        }
        Ok(())
    }

    /// The plan of what is entered now (JSON), or `undefined` while there is none.
    #[must_use]
    pub fn plan(&self) -> Option<String> {
        self.handle.plan_json()
    }

    /// Uses a regional content pack (`pakkeforloeb/pack@1`, an object or JSON text) from now
    /// on, keeping everything entered; its name and version show in the footer and every plan
    /// records it.
    ///
    /// # Errors
    /// Why the pack was refused; the widget keeps its content and shows why.
    #[wasm_bindgen(js_name = setContent)]
    pub fn set_content(&mut self, pack: &JsValue) -> Result<(), JsError> {
        let text = to_text(pack, "content")?;
        self.handle
            .set_content_pack(&text)
            .map_err(|e| JsError::new(&format!("content: {e}")))
    }

    /// `clinical` hides trainer mode and the example patients; anything else shows them.
    #[wasm_bindgen(js_name = setMode)]
    pub fn set_mode(&self, mode: &str) {
        self.handle.host.clinical.set(mode == "clinical");
    }

    /// Shows a step: `start`, `assessment`, `differentiation` or `plan` (a host that prefilled
    /// what the earlier steps ask opens the widget where the GP's work begins).
    #[wasm_bindgen(js_name = setStep)]
    pub fn set_step(&self, step: &str) {
        let s = crate::ui::step::Step::from_name(step).unwrap_or_default();
        self.handle.host.step.set(s);
    }

    /// Switches the language (`da` or `en`); everything entered is kept.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, lang: &str) {
        self.handle.lang.set(Lang::parse(lang).unwrap_or_default());
    }

    /// Removes the widget.
    pub fn unmount(&mut self) {
        self.handle.unmount();
    }
}

/// Mounts a widget into `container` (inside the custom element's shadow root), prefilled from
/// `input` (an object, a JSON string, or nothing) in `lang`.
///
/// # Errors
/// An `Error` naming the bad field of the prefill.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    container: web_sys::HtmlElement,
    input: &JsValue,
    lang: &str,
) -> Result<EmbeddedWidget, JsError> {
    let (draft, problems) = if input.is_undefined() || input.is_null() {
        (Draft::default(), None)
    } else {
        let p = draft_from_prefill(&to_text(input, "input")?, content()?)
            .map_err(|e| JsError::new(&e))?;
        (p.draft, p.problems)
    };
    Ok(EmbeddedWidget {
        handle: mount(container, draft, Lang::parse(lang).unwrap_or_default()),
        problems,
    })
}
