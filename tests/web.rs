//! Browser tests: the real widget, mounted in headless Chromium, driven through its DOM.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is a failed test"
)]

use std::cell::RefCell;
use std::rc::Rc;

use std::sync::Arc;

use pakkeforloeb::engine::content::BUILTIN_FILES;
use pakkeforloeb::engine::{Content, Lang};
use pakkeforloeb::ui::{mount, mount_content, Draft};
use wasm_bindgen::{closure::Closure, JsCast};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn tick() {
    // Leptos schedules effects asynchronously; two ticks let memos and effects settle.
    leptos::task::tick().await;
    leptos::task::tick().await;
    // The plan follows a change once the change is painted (a frame, then a task): wait for
    // that too (or 300 ms, should no frame come).
    let after_paint = js_sys::Promise::new(&mut |resolve, _| {
        let w = web_sys::window().unwrap();
        let later = resolve.clone();
        let frame = Closure::once_into_js(move || {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
        });
        w.request_animation_frame(frame.unchecked_ref()).unwrap();
        w.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 300)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(after_paint)
        .await
        .unwrap();
    leptos::task::tick().await;
    leptos::task::tick().await;
}

fn q(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {sel}"))
}

fn click(root: &Element, sel: &str) {
    q(root, sel).unchecked_into::<HtmlElement>().click();
}

fn type_into(root: &Element, sel: &str, value: &str) {
    let input: HtmlInputElement = q(root, sel).unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

/// The GP leaves a typed-in field: its error shows now (not while typing).
fn leave(root: &Element, sel: &str) {
    q(root, sel)
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
}

fn choose(root: &Element, sel: &str, value: &str) {
    let select: HtmlSelectElement = q(root, sel).unchecked_into();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

fn answer(root: &Element, instrument: &str, answers: &[i64]) {
    for (i, a) in answers.iter().enumerate() {
        let items = root
            .query_selector_all(&format!("[data-instrument='{instrument}'] .pf-item"))
            .unwrap();
        let item: Element = items.item(i as u32).unwrap().unchecked_into();
        click(&item, &format!("input[value='{a}']"));
    }
}

fn text(root: &Element, sel: &str) -> String {
    q(root, sel).text_content().unwrap_or_default()
}

/// The detail of the last `name` event that reached a target, as JSON, recorded until dropped.
struct LastEvent {
    target: web_sys::EventTarget,
    name: &'static str,
    detail: Rc<RefCell<Option<String>>>,
    listener: Closure<dyn FnMut(web_sys::CustomEvent)>,
}

impl LastEvent {
    fn on(target: &web_sys::EventTarget, name: &'static str) -> Self {
        let detail: Rc<RefCell<Option<String>>> = Rc::default();
        let sink = detail.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |ev: web_sys::CustomEvent| {
                let json = js_sys::JSON::stringify(&ev.detail()).unwrap();
                *sink.borrow_mut() = json.as_string();
            });
        target
            .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
            .unwrap();
        LastEvent {
            target: target.clone(),
            name,
            detail,
            listener,
        }
    }

    fn json(&self, what: &str) -> serde_json::Value {
        let text = self.detail.borrow().clone().expect(what);
        serde_json::from_str(&text).unwrap()
    }
}

impl Drop for LastEvent {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.name, self.listener.as_ref().unchecked_ref());
    }
}

/// A widget in Danish with KOL chosen and the dates typed, on the assessment step.
async fn kol_on_the_assessment_step() -> (HtmlElement, pakkeforloeb::ui::WidgetHandle) {
    let parent = container();
    let handle = mount(parent.clone(), Draft::default(), Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    click(&root, "input[type='checkbox'][value='kol']");
    type_into(&root, "input[name='diagnosis_date']", "2027-03-01");
    type_into(&root, "input[name='assessment_date']", "2027-03-10");
    tick().await;
    click(&root, ".pf-step[data-step='1']");
    tick().await;
    (parent, handle)
}

/// A GP walks a new KOL patient through the flow in Danish and reads the level from the page.
#[wasm_bindgen_test]
async fn a_kol_assessment_in_danish_shows_live_scores_and_the_level() {
    let (parent, _handle) = kol_on_the_assessment_step().await;
    let root: Element = parent.clone().into();

    answer(&root, "cat", &[2, 3, 1, 4, 2, 1, 0, 3]);
    tick().await;
    assert!(
        text(&root, "[data-score='cat']").contains("Total: 16"),
        "live CAT total: {}",
        text(&root, "[data-score='cat']")
    );
    assert!(text(&root, "[data-score='cat']").contains("Middel (10–20)"));
    answer(&root, "mrc", &[2]);
    answer(&root, "who5", &[3, 3, 2, 4, 3]);
    type_into(&root, "[data-measurement='fev1_fvc'] input", "0,62");
    type_into(&root, "[data-measurement='fev1_pct_pred'] input", "45");
    type_into(
        &root,
        "[data-measurement='exacerbations_moderate_12m'] input",
        "0",
    );
    type_into(
        &root,
        "[data-measurement='exacerbation_admissions_12m'] input",
        "0",
    );
    choose(&root, "[data-measurement='smoking'] select", "current");
    tick().await;
    assert!(text(&root, "[data-score='who5']").contains("Procent: 60"));
    // The page is Danish by default.
    assert!(text(&root, ".pf-steps").contains("Behovsvurdering"));

    click(&root, ".pf-step[data-step='2']");
    tick().await;
    // GOLD 3 (FEV1 45 %) sets level 2 for KOL.
    assert_eq!(
        q(&root, ".pf-level[data-pathway='kol'] .pf-level-value")
            .get_attribute("data-level")
            .as_deref(),
        Some("2")
    );
    assert!(text(&root, ".pf-level[data-pathway='kol']").contains("GOLD 3"));
    assert!(text(&root, ".pf-overall").contains("Niveau 2"));

    click(&root, ".pf-step[data-step='3']");
    tick().await;
    assert!(
        root.query_selector("[data-intervention='nikotinafvaenning']")
            .unwrap()
            .is_some(),
        "smoker gets smoking cessation"
    );
    assert!(text(&root, ".pf-deadline").contains("31.03.2027"));

    // Confirming fires pakkeforloeb-plan with the plan as detail.
    let received = LastEvent::on(&document(), "pakkeforloeb-plan");
    click(&root, ".pf-confirm");
    tick().await;
    let plan = received.json("pakkeforloeb-plan reached the document");
    assert_eq!(plan["schema"], "pakkeforloeb/plan@1");
    assert_eq!(plan["differentiation"]["level"], 2);
    assert_eq!(plan["scores"]["gold"]["grade"], 3);
    parent.remove();
}

/// Switching language half-way keeps every answer and typed value.
#[wasm_bindgen_test]
async fn switching_language_keeps_what_was_typed() {
    let parent = container();
    let draft = Draft {
        pathways: vec!["kol".into()],
        diagnosis_date: "2027-03-01".into(),
        assessment_date: "2027-03-05".into(),
        ..Draft::default()
    };
    let _handle = mount(parent.clone(), draft, Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    click(&root, ".pf-step[data-step='1']");
    tick().await;
    answer(&root, "cat", &[1, 1, 1, 1, 1, 1, 1, 1]);
    type_into(
        &root,
        "[data-measurement='fev1_pct_pred'] input",
        "not a number",
    );
    leave(&root, "[data-measurement='fev1_pct_pred'] input");
    tick().await;
    // The error is in Danish first…
    let error = text(&root, "[data-measurement='fev1_pct_pred'] .pf-error");
    assert!(error.contains("skriv et tal"), "{error}");

    choose(&root, ".pf-lang-select", "en");
    tick().await;
    assert!(text(&root, ".pf-steps").contains("Needs assessment"));
    let score = text(&root, "[data-score='cat']");
    assert!(score.contains("Total: 8"), "{score}");
    // …and follows the language.
    let error = text(&root, "[data-measurement='fev1_pct_pred'] .pf-error");
    assert!(error.contains("expected a number"), "{error}");
    let typed: HtmlInputElement =
        q(&root, "[data-measurement='fev1_pct_pred'] input").unchecked_into();
    assert_eq!(
        typed.value(),
        "not a number",
        "the typed text survives the switch"
    );
    // …and switching step and back keeps it too.
    click(&root, ".pf-step[data-step='0']");
    tick().await;
    click(&root, ".pf-step[data-step='1']");
    tick().await;
    let typed: HtmlInputElement =
        q(&root, "[data-measurement='fev1_pct_pred'] input").unchecked_into();
    assert_eq!(typed.value(), "not a number");
    parent.remove();
}

/// Text from a host is shown as text: markup in a patient goal never becomes an element.
#[wasm_bindgen_test]
async fn hostile_text_in_a_goal_is_shown_as_text() {
    let parent = container();
    let draft = Draft {
        pathways: vec!["kol".into()],
        diagnosis_date: "2027-03-01".into(),
        assessment_date: "2027-03-02".into(),
        goals: "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>".into(),
        ..Draft::default()
    };
    let _handle = mount(parent.clone(), draft, Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    click(&root, ".pf-step[data-step='3']");
    tick().await;
    click(&root, ".pf-confirm");
    tick().await;
    assert!(root.query_selector("img, script").unwrap().is_none());
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    assert!(text(&root, ".pf-json").contains("<img src=x"));
    parent.remove();
}

/// Text from a pathway file is shown as text: markup, a script, a `javascript:` link,
/// right-to-left and zero-width characters and a 100 000-character text in titles, items,
/// measurements, rules and offers never become elements and nothing runs, on any step.
#[wasm_bindgen_test]
async fn hostile_text_in_a_pathway_file_is_shown_as_text() {
    let hostile = "<img src=x onerror=\"window.__pwned2=1\"><script>window.__pwned2=1</script>\
                   <a href=\"javascript:window.__pwned2=1\">link</a> \u{202E}gninrael\u{200B}\u{200D}";
    let long = "Lang tekst. ".repeat(9_000);
    let kol_text = BUILTIN_FILES
        .iter()
        .find(|(n, _)| *n == "kol.json")
        .unwrap()
        .1;
    let mut kol: serde_json::Value = serde_json::from_str(kol_text).unwrap();
    kol["title"]["da"] = format!("KOL {hostile}").into();
    kol["status"]["da"] = hostile.into();
    kol["instruments"][0]["title"]["da"] = hostile.into();
    kol["instruments"][0]["items"][0]["text"]["da"] = hostile.into();
    kol["measurements"][0]["label"]["da"] = hostile.into();
    kol["differentiation"]["default"]["text"]["da"] = hostile.into();
    // Nothing is answered, so the spirometry gate waits and shows its finding text.
    kol["gates"][0]["text"]["da"] = format!("{hostile} {long}").into();
    kol["catalogue"][1]["title"]["da"] = hostile.into();
    kol["catalogue"][1]["description"]["da"] = hostile.into();
    kol["sources"]["dsam-kol-opfoelgning"]["title"] = hostile.into();
    let kol = kol.to_string();
    let content = Content::load(&[BUILTIN_FILES[0], ("kol.json", kol.as_str())]).unwrap();
    let parent = container();
    let draft = Draft {
        pathways: vec!["kol".into()],
        diagnosis_date: "2027-03-01".into(),
        assessment_date: "2027-03-02".into(),
        ..Draft::default()
    };
    let _handle = mount_content(parent.clone(), Ok(Arc::new(content)), draft, Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    let mut seen = String::new();
    for step in 0..4 {
        click(&root, &format!(".pf-step[data-step='{step}']"));
        tick().await;
        assert!(
            root.query_selector("img, script, a[href^='javascript']")
                .unwrap()
                .is_none(),
            "step {step}: markup from the pathway file became an element"
        );
        seen.push_str(&root.text_content().unwrap_or_default());
    }
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned2".into()).unwrap();
    assert!(pwned.is_undefined());
    // Shown, as text: the markup, the control characters and the whole long text.
    assert!(seen.contains("<script>window.__pwned2=1</script>"));
    assert!(seen.contains("\u{202E}gninrael\u{200B}"));
    assert!(
        seen.contains(&long),
        "the 100 000-character text is shown in full"
    );
    parent.remove();
}

/// Mid-consultation the GP often scores before typing the diagnosis date: the scores show at
/// once, and the missing date is named, not hidden behind "answer every item".
#[wasm_bindgen_test]
async fn live_scores_show_before_the_dates_are_typed() {
    let parent = container();
    let _handle = mount(parent.clone(), Draft::default(), Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    click(&root, "input[type='checkbox'][value='kol']");
    tick().await;
    click(&root, ".pf-step[data-step='1']");
    tick().await;
    answer(&root, "cat", &[2, 3, 1, 4, 2, 1, 0, 3]);
    tick().await;
    let score = text(&root, "[data-score='cat']");
    assert!(score.contains("Total: 16"), "live CAT total: {score}");
    // Going on was not held; the missing date is named at the top, by its name, with a link.
    let summary = text(&root, ".pf-error-summary");
    assert!(
        summary.contains("Diagnosedato: dato skal udfyldes"),
        "{summary}"
    );
    assert!(!summary.contains("diagnosis_date"), "{summary}");
    parent.remove();
}

/// The footer names the version of every content file (rule 10), pathways in the order of the
/// start step.
#[wasm_bindgen_test]
async fn the_footer_shows_each_content_version_in_pathway_order() {
    let parent = container();
    let _handle = mount(parent.clone(), Draft::default(), Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    let footer = text(&root, ".pf-version");
    let content = Content::builtin().unwrap();
    assert!(
        footer.contains(&format!("shared {}", content.shared.version)),
        "{footer}"
    );
    let at: Vec<usize> = pakkeforloeb::engine::content::PATHWAY_IDS
        .iter()
        .map(|id| {
            let p = &content.pathways[*id];
            footer
                .find(&format!("{id} {}", p.meta.version))
                .unwrap_or_else(|| panic!("{id} missing from {footer}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{footer}");
    parent.remove();
}

/// One keystroke, one plan: typing a character into a measurement computes the live scores once
/// at once and the plan once after the frame (no retries, no pass per view).
#[wasm_bindgen_test]
async fn a_keystroke_runs_one_validate_and_plan_pass() {
    let (parent, _handle) = kol_on_the_assessment_step().await;
    let root: Element = parent.clone().into();
    answer(&root, "cat", &[2, 3, 1, 4, 2, 1, 0, 3]);
    tick().await;
    for (typed, expect) in [("4", "1"), ("45", "1"), ("45,", "1"), ("45,x", "1")] {
        let (before, scored) = (
            pakkeforloeb::ui::state::evaluations(),
            pakkeforloeb::ui::state::scorings(),
        );
        type_into(&root, "[data-measurement='fev1_pct_pred'] input", typed);
        tick().await;
        tick().await;
        let passes = pakkeforloeb::ui::state::evaluations() - before;
        assert_eq!(
            passes.to_string(),
            expect,
            "typing {typed:?} ran {passes} plan passes"
        );
        let scorings = pakkeforloeb::ui::state::scorings() - scored;
        assert_eq!(
            scorings.to_string(),
            expect,
            "typing {typed:?} ran {scorings} score passes"
        );
    }
    // The last keystroke made the value invalid: no error while the GP types; once they leave
    // the field its error shows, and the plan is still there.
    assert_eq!(
        text(&root, "[data-measurement='fev1_pct_pred'] .pf-error"),
        ""
    );
    leave(&root, "[data-measurement='fev1_pct_pred'] input");
    tick().await;
    assert!(text(&root, "[data-measurement='fev1_pct_pred'] .pf-error").contains("45,x"));
    parent.remove();
}

/// A click paints its answer and score first and plans in the task after that frame; an action
/// that uses the plan does not wait for it: an edit made just before "Godkend" is in the plan
/// that is sent.
#[wasm_bindgen_test]
async fn an_edit_just_before_confirming_is_in_the_confirmed_plan() {
    use leptos::prelude::Update;
    let parent = container();
    let draft = Draft {
        pathways: vec!["kol".into()],
        diagnosis_date: "2027-03-01".into(),
        assessment_date: "2027-03-02".into(),
        ..Draft::default()
    };
    let handle = mount(parent.clone(), draft, Lang::Da);
    tick().await;
    let root: Element = parent.clone().into();
    click(&root, ".pf-step[data-step='3']");
    tick().await;
    let received = LastEvent::on(&root, "pakkeforloeb-plan");
    // No frame between the edit and the click.
    handle
        .draft
        .update(|d| d.goals = "Gå til badminton om torsdagen".into());
    click(&root, ".pf-confirm");
    let plan = received.json("confirming sent the plan at once");
    assert_eq!(
        plan["goals"]["patient"],
        serde_json::json!(["Gå til badminton om torsdagen"])
    );
    parent.remove();
}

/// The plan on screen follows an answer by itself, after the answer's frame: the MDI is offered
/// once a WHO-5 item is answered 0, with no other action; the WHO-5 score is there before.
#[wasm_bindgen_test]
async fn the_plan_follows_an_answer_after_its_frame() {
    let (parent, _handle) = kol_on_the_assessment_step().await;
    let root: Element = parent.clone().into();
    assert!(root.query_selector("[data-offered]").unwrap().is_none());
    answer(&root, "who5", &[0, 3, 2, 4, 3]);
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert!(text(&root, "[data-score='who5']").contains("Procent: 48"));
    assert!(
        root.query_selector("[data-offered]").unwrap().is_none(),
        "planned after the frame, not in the click"
    );
    tick().await;
    assert!(
        root.query_selector("[data-offered]").unwrap().is_some(),
        "the MDI is offered once the plan followed"
    );
    parent.remove();
}
