//! The overall level as the GP reads it, on the differentiation step and again on top of the
//! plan.

use leptos::prelude::*;

use crate::engine::Lang;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::parts::gates::status_label;

/// The label of a level, e.g. "Niveau 2 – moderate behov".
pub(crate) fn level_label(lang: Lang, level: u8) -> &'static str {
    match level {
        1 => tr(lang, "level-1"),
        2 => tr(lang, "level-2"),
        _ => tr(lang, "level-3"),
    }
}

/// "Samlet niveau: …", on the differentiation step and again on top of the plan the GP confirms.
pub(crate) fn overall_level() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let overall = move || eval.with(|e| e.plan.as_ref().and_then(|p| p.differentiation.level));
    // Without any level (every pathway held back by a gate) the plan's status stands instead.
    let overall_text = move || {
        let l = lang.get();
        eval.with(|e| {
            e.plan.as_ref().map(|p| match p.differentiation.level {
                Some(level) => level_label(l, level).to_owned(),
                None => status_label(l, p.status).to_owned(),
            })
        })
    };
    view! {
        <p class="pf-overall">
            <strong>{ctx.t("level-overall")} ": "</strong>
            <span class="pf-overall-level" data-level=move || overall().map(|l| l.to_string())>
                {overall_text}
            </span>
        </p>
    }
}
