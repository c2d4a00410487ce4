//! Trainer mode's what-if: keep a baseline plan, change an answer, see the difference.

use leptos::prelude::*;

use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;
use crate::ui::parts::changes::change_list;
/// Trainer mode: keep the current plan as a baseline, change an answer, see the difference.
pub(crate) fn whatif_view() -> impl IntoView {
    let ctx = use_ctx();
    let eval = ctx.eval;
    let lang = ctx.lang;
    let trainer = ctx.trainer;
    let baseline = ctx.baseline;
    let follow = ctx.follow;
    let save = move |_| {
        follow.plan_now();
        baseline.set(eval.with_untracked(|e| e.plan.clone()));
    };
    let content = ctx.content();
    let diff = move || {
        let base = baseline.get()?;
        let now = eval.with(|e| e.plan.clone())?;
        let l = lang.get();
        let c = crate::engine::previous::changes(&content, &(&*base).into(), &now);
        let mut scores = Vec::new();
        for (id, fields) in &now.scores {
            for (field, v) in fields {
                let before = base.scores.get(id).and_then(|f| f.get(field));
                if before != Some(v) {
                    let b = before.map_or_else(|| "–".to_owned(), ToString::to_string);
                    scores.push(format!("{id}.{field}: {b} → {v}"));
                }
            }
        }
        let same = c.level.from == c.level.to
            && c.interventions_added.is_empty()
            && c.interventions_ended.is_empty()
            && scores.is_empty();
        Some(view! {
            <div class="pf-whatif-result">
                {same.then(|| view! { <p>{tr(l, "whatif-none")}</p> })}
                {(!same).then(|| change_list(&content, lang, "whatif", &c))}
                {(!scores.is_empty())
                    .then(|| {
                        view! {
                            <p>
                                <strong>{tr(l, "whatif-scores")} ": "</strong>
                                {scores.join(" · ")}
                            </p>
                        }
                    })}
            </div>
        })
    };
    move || {
        let diff = diff.clone();
        trainer.get().then(|| {
            view! {
                <section class="pf-whatif">
                    <h3>{move || tr(lang.get(), "whatif")}</h3>
                    <p class="pf-help">{move || tr(lang.get(), "whatif-help")}</p>
                    <button type="button" class="pf-whatif-save" on:click=save>
                        {move || tr(lang.get(), "whatif-save")}
                    </button>
                    {diff}
                </section>
            }
        })
    }
}
