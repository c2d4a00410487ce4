//! Municipal offers: the patient's acceptance, and the referral each offer carries.

use std::collections::BTreeSet;

use super::contract::{Intervention, Referral, ReferralCode, Warning};
use super::deadlines::start_by;
use super::rules::reason;
use super::warnings::ignored;
use crate::engine::condition::Facts;
use crate::engine::content::{Content, Pathway, Provider};
use crate::engine::input::ValidInput;
use crate::engine::phrases::Phrase;

/// The patient's readiness: while the content's `readiness` rule holds (not ready yet), a
/// municipal offer the patient has not accepted waits, without a start date; an accepted one
/// runs from the day of the yes. An acceptance of an offer not in the plan is said, not dropped.
pub(super) fn acceptance(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    interventions: &mut [Intervention],
    warnings: &mut Vec<Warning>,
) {
    let lang = input.lang;
    let waiting = content
        .readiness
        .as_ref()
        .filter(|r| r.when.eval(facts) == Some(true));
    for (id, day) in &input.overrides.accepted {
        let Some(i) = interventions.iter_mut().find(|i| &i.id == id) else {
            warnings.push(ignored(
                vec![format!("overrides.accepted.{id}")],
                lang,
                &Phrase::NotAnOffer { id },
            ));
            continue;
        };
        let day = crate::engine::text::iso_date(day).unwrap_or(input.assessment_date);
        i.accepted_on = Some(day);
        if waiting.is_some() {
            if let Some(def) = content.catalogue.get(id) {
                i.start_by = start_by(def, day);
            }
        }
    }
    let Some(rule) = waiting else {
        return;
    };
    for i in interventions
        .iter_mut()
        .filter(|i| i.provider == Provider::Kommune && i.accepted_on.is_none())
    {
        i.start_by = None;
        i.awaiting_acceptance = true;
        i.reasons
            .push(reason(content, &content.shared.id, rule, lang));
    }
}

/// What the referral to an offer needs: the reasons in words, the diagnoses, the facts the
/// reasons read and the catalogue lists (never a finding a gate marks private), the patient's
/// goals and readiness, consent, interpreter, and all of it as plain text. `None` for what the
/// GP does or the patient chooses (no referral).
pub(super) fn referral(
    content: &Content,
    input: &ValidInput,
    facts: &Facts,
    pathways: &[(&String, &Pathway)],
    private: &BTreeSet<String>,
    i: &Intervention,
) -> Option<Referral> {
    if matches!(
        i.provider,
        Provider::AlmenPraksis | Provider::Civilsamfund | Provider::Patient
    ) {
        return None;
    }
    let lang = input.lang;
    let def = content.catalogue.get(&i.id)?;
    let mut read = BTreeSet::new();
    for r in &i.reasons {
        if let Some(c) = content.rule_condition(&r.rule) {
            c.facts(&mut read);
        }
    }
    let mut wanted: Vec<String> = def.referral_facts.clone();
    wanted.extend(read.into_iter().filter(|f| !def.referral_facts.contains(f)));
    let facts_text: Vec<String> = wanted
        .iter()
        .filter(|f| !private.contains(*f))
        .filter_map(|f| content.fact_text(f, facts, lang))
        .collect();
    // The pathways' own codes, then the codes of the recorded answers that carry one (the
    // heart condition: K76, K77, K83), as the FHIR export's Conditions have them.
    let answered = pathways.iter().flat_map(|(_, p)| {
        p.measurements.iter().filter_map(|key| {
            let m = content.measurements.get(key)?;
            let given: Vec<String> = match facts.get(key)? {
                crate::engine::condition::Value::Str(v) => vec![v.clone()],
                crate::engine::condition::Value::List(l) => l.clone(),
                _ => Vec::new(),
            };
            Some(
                m.values
                    .iter()
                    .filter(move |c| given.contains(&c.value))
                    .flat_map(|c| &c.codes),
            )
        })
    });
    let mut diagnoses: Vec<ReferralCode> = Vec::new();
    for c in pathways
        .iter()
        .flat_map(|(_, p)| &p.codes)
        .chain(answered.flatten())
        .filter(|c| {
            matches!(
                c.system,
                crate::engine::content::format::CodeSystem::Icpc2
                    | crate::engine::content::format::CodeSystem::SksD
            )
        })
    {
        if !diagnoses.iter().any(|d| d.code == c.code) {
            diagnoses.push(ReferralCode {
                system: match c.system {
                    crate::engine::content::format::CodeSystem::Icpc2 => "icpc2".into(),
                    _ => "sks-d".into(),
                },
                code: c.code.clone(),
                display: c.display.clone(),
            });
        }
    }
    // The reason for referral is why the offer is proposed; that it waits for the patient's yes
    // is said under the latest start.
    let waiting_rule = content.readiness.as_ref().map(|r| r.id.as_str());
    let mut seen = BTreeSet::new();
    let reason: Vec<&str> = i
        .reasons
        .iter()
        .filter(|r| Some(r.rule.as_str()) != waiting_rule)
        .map(|r| r.text.as_str())
        .filter(|t| seen.insert(*t))
        .collect();
    let reason = reason.join(" ");
    let motivation = facts
        .contains_key("motivation")
        .then(|| content.fact_text("motivation", facts, lang))
        .flatten();
    let consent = i.accepted_on.map(|_| true);
    let interpreter = match facts.get("needs_interpreter") {
        Some(crate::engine::condition::Value::Bool(b)) => Some(*b),
        _ => None,
    };
    let mut text = Vec::new();
    let title = match &i.fsiii {
        Some(f) => format!("{} (FSIII: {f})", i.title),
        None => i.title.clone(),
    };
    let line = |label: Phrase, value: &str| format!("{}: {value}", label.text(lang));
    text.push(line(Phrase::ReferralTo, &title));
    text.push(line(Phrase::ReferralReason, &reason));
    if !diagnoses.is_empty() {
        let d: Vec<String> = diagnoses
            .iter()
            .map(|c| {
                format!(
                    "{} {} ({})",
                    c.code,
                    c.display,
                    if c.system == "icpc2" { "ICPC-2" } else { "SKS" }
                )
            })
            .collect();
        text.push(line(Phrase::Diagnoses, &d.join("; ")));
    }
    if !facts_text.is_empty() {
        text.push(line(Phrase::ClinicalInformation, &facts_text.join("; ")));
    }
    if !input.patient_goals.is_empty() {
        text.push(line(Phrase::PatientGoals, &input.patient_goals.join("; ")));
    }
    if let Some(m) = &motivation {
        text.push(m.clone());
    }
    text.push(Phrase::Consent(i.accepted_on).text(lang));
    text.push(Phrase::Interpreter(interpreter).text(lang));
    text.push(
        Phrase::LatestStart {
            by: i.start_by,
            awaiting_yes: i.awaiting_acceptance,
        }
        .text(lang),
    );
    Some(Referral {
        reason,
        diagnoses,
        facts: facts_text,
        goals: input.patient_goals.clone(),
        motivation,
        consent,
        interpreter,
        text: text.join("\n"),
    })
}
