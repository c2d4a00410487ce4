//! What changed since the previous plan (a re-assessment), and what a what-if changes (trainer
//! mode): one list for both.

use leptos::prelude::*;

use crate::engine::Lang;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::text::date_text;

/// What changed since the previous plan (a re-assessment).
pub(crate) fn changes_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let content = ctx.content();
    move || {
        let c = eval.with(|e| e.plan.as_ref().and_then(|p| p.changes.clone()))?;
        Some(change_list(&content, lang, "changes", &c))
    }
}

pub(crate) fn change_list(
    content: &crate::engine::Content,
    lang: RwSignal<Lang>,
    heading: &'static str,
    c: &crate::engine::plan::Changes,
) -> impl IntoView {
    let l = lang.get();
    // The clinical values that moved, in numbers, each with its date then.
    let values: Vec<String> = c
        .values
        .iter()
        .map(|v| crate::engine::previous::value_change_text(content, v, l))
        .collect();
    let mut rows = vec![format!(
        "{}: {} → {}",
        tr(l, "changes-level"),
        c.level
            .from
            .map_or_else(|| "–".to_owned(), |l| l.to_string()),
        c.level.to.map_or_else(|| "–".to_owned(), |l| l.to_string())
    )];
    for (key, list) in [
        ("changes-added", &c.interventions_added),
        ("changes-ended", &c.interventions_ended),
        ("changes-goals-added", &c.goals_added),
        ("changes-goals-ended", &c.goals_ended),
    ] {
        if !list.is_empty() {
            rows.push(format!("{}: {}", tr(l, key), list.join(", ")));
        }
    }
    view! {
        <section class="pf-changes">
            <h3>{tr(l, heading)} " (" {date_text(l, c.previous_assessment_date)} ")"</h3>
            <ul>{rows.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            <ul class="pf-changes-values">
                {values.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
            </ul>
        </section>
    }
}
