//! A reason for a level, an intervention or a follow-up, with its source and, in trainer mode,
//! the rule that fired.

use leptos::prelude::*;

use crate::engine::plan::Reason;
use crate::engine::Lang;
use crate::ui::ctx::use_ctx;
use crate::ui::i18n::tr;

/// A URL as a person reads it: percent-escapes decoded (where they decode to UTF-8) and the
/// scheme left off. The link itself keeps the exact URL.
pub(crate) fn readable_url(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    // The host as people write it: an internationalised name (xn--…) shown in its letters.
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host: Vec<String> = host
        .split('.')
        .map(|label| {
            label
                .strip_prefix("xn--")
                .and_then(punycode_decode)
                .unwrap_or_else(|| label.to_owned())
        })
        .collect();
    let rest = format!("{}{path}", host.join("."));
    let rest = rest.as_str();
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let v = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| rest.to_owned())
}

/// Decodes one Punycode label (RFC 3492, the part after `xn--`); `None` when it is not valid.
fn punycode_decode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    let (basic, encoded) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    if !basic.is_ascii() {
        return None;
    }
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (128u32, 0u32, 72u32);
    let mut digits = encoded.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                c @ b'a'..=b'z' => u32::from(c - b'a'),
                c @ b'A'..=b'Z' => u32::from(c - b'A'),
                c @ b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                1
            } else if k >= bias + 26 {
                26
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        // Bias adaptation (RFC 3492 §6.1).
        let mut delta = if old_i == 0 {
            (i - old_i) / 700
        } else {
            (i - old_i) / 2
        };
        delta += delta / len;
        let mut kk = 0;
        while delta > ((BASE - 1) * 26) / 2 {
            delta /= BASE - 1;
            kk += BASE;
        }
        bias = kk + (BASE * delta) / (delta + 38);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(out.into_iter().collect())
}

/// The source of a rule: its title (guideline and year) with the evidence tag behind a "Kilde"
/// disclosure, the readable URL inside; a proposal keeps its badge outside.
pub(crate) fn source_disclosure(
    lang: RwSignal<Lang>,
    title: &str,
    source: &str,
    evidence: crate::engine::content::Evidence,
    proposal: bool,
) -> impl IntoView {
    let link = (source.starts_with("https://") || source.starts_with("http://")).then(|| {
        let href = source.to_owned();
        let text = readable_url(source);
        view! {
            <a href=href target="_blank" rel="noopener noreferrer">
                {text}
            </a>
        }
    });
    let badge = proposal
        .then(|| view! { <span class="pf-badge">{move || tr(lang.get(), "proposal")}</span> });
    let evidence = format!(" [{}]", evidence.as_str());
    let title = title.to_owned();
    view! {
        {badge}
        <details class="pf-source">
            <summary>{move || tr(lang.get(), "source")}</summary>
            <span class="pf-source-title">{title}</span>
            <span class="pf-evidence" title=move || tr(lang.get(), "evidence-help")>
                {evidence}
            </span>
            " "
            {link}
        </details>
    }
}

/// A list of reasons, each shown once: pathways of a combined plan often give the same reason
/// (the same text, level and source) for one offer; the plan keeps each pathway's reason, the
/// GP reads it once, with every rule behind it in trainer mode.
pub(crate) fn reasons_view<'a>(reasons: impl IntoIterator<Item = &'a Reason>) -> AnyView {
    let _ctx = use_ctx();
    let mut shown: Vec<(&Reason, Vec<&str>)> = Vec::new();
    for r in reasons {
        match shown.iter_mut().find(|(s, _)| {
            s.text == r.text
                && s.level == r.level
                && s.source == r.source
                && s.proposal == r.proposal
        }) {
            Some((_, rules)) => rules.push(&r.rule),
            None => shown.push((r, vec![&r.rule])),
        }
    }
    shown
        .into_iter()
        .map(|(r, rules)| reason_view(r, &rules))
        .collect_view()
        .into_any()
}

fn reason_view(r: &Reason, rules: &[&str]) -> impl IntoView {
    let ctx = use_ctx();
    let level = r.level.map(|l| {
        let lang = ctx.lang;
        view! {
            <span class="pf-reason-level">
                {move || format!("{} {l}: ", tr(lang.get(), "supports-level"))}
            </span>
        }
    });
    let notes = rules.iter().map(|rule| trainer_note(rule)).collect_view();
    view! {
        <li class="pf-reason" data-rule=rules.join(" ")>
            {level}
            <span>{r.text.clone()}</span>
            " "
            {source_disclosure(ctx.lang, &r.source_title, &r.source, r.evidence, r.proposal)}
            {notes}
        </li>
    }
}

/// In trainer mode: the rule's id and the condition (cut-offs included) that made it fire.
pub(crate) fn trainer_note(rule: &str) -> impl IntoView {
    let ctx = use_ctx();
    let trainer = ctx.trainer;
    let lang = ctx.lang;
    let text = format!(
        "{rule}{}",
        ctx.content()
            .rule_condition(rule)
            .map(|c| format!(": {c}"))
            .unwrap_or_default()
    );
    move || {
        trainer.get().then(|| {
            let text = text.clone();
            view! {
                <span class="pf-trainer">
                    <strong>{tr(lang.get(), "trainer-rule")} ": "</strong>
                    <code>{text}</code>
                </span>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::readable_url;

    #[test]
    fn urls_read_without_scheme_or_percent_escapes() {
        assert_eq!(
            readable_url(
                "http://www.regionh.dk/kronikerprogram/menu/Forl%C3%B8bsprogrammer/?WBCMODE=P_"
            ),
            "www.regionh.dk/kronikerprogram/menu/Forløbsprogrammer/?WBCMODE=P_"
        );
        assert_eq!(readable_url("https://goldcopd.org/"), "goldcopd.org/");
        // A broken escape is kept as typed.
        assert_eq!(readable_url("https://x.dk/a%zzb%"), "x.dk/a%zzb%");
        // Escapes that are not UTF-8 leave the URL as it was.
        assert_eq!(readable_url("https://x.dk/%ff"), "x.dk/%ff");
        // An internationalised domain name reads in its own letters.
        assert_eq!(
            readable_url("http://www.xn--lgernekirkestrde-uobn.dk/kol/"),
            "www.lægernekirkestræde.dk/kol/"
        );
        assert_eq!(readable_url("https://xn--mnchen-3ya.de"), "münchen.de");
        assert_eq!(
            readable_url("https://xn--bcher-kva.example/x"),
            "bücher.example/x"
        );
        // Not valid Punycode: kept as written.
        assert_eq!(readable_url("https://xn--a%.dk/"), "xn--a%.dk/");
    }
}
