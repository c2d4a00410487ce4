//! UI texts in Danish (default) and English. Clinical content carries its own translations.

use crate::engine::content::{Phase, Provider};
use crate::engine::Lang;

/// The UI text for `key` in `lang`; `?` if it is missing (a test rules that out for fixed keys).
#[must_use]
pub fn tr(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("?")
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, da, en)| if lang == Lang::Da { *da } else { *en })
}

/// The key of a provider's name ("Kommunen"). Keys are literals, so a test can check that every
/// key used exists and every key defined is used.
#[must_use]
pub fn provider_key(p: Provider) -> &'static str {
    match p {
        Provider::AlmenPraksis => "prov-almen-praksis",
        Provider::Kommune => "prov-kommune",
        Provider::Hospital => "prov-hospital",
        Provider::Speciallaege => "prov-speciallaege",
        Provider::Fysioterapeut => "prov-fysioterapeut",
        Provider::Fodterapeut => "prov-fodterapeut",
        Provider::Psykolog => "prov-psykolog",
        Provider::Jobcenter => "prov-jobcenter",
        Provider::Civilsamfund => "prov-civilsamfund",
        Provider::Patient => "prov-patient",
    }
}

/// The key of how the patient reaches a provider, for the printout.
#[must_use]
pub fn contact_key(p: Provider) -> &'static str {
    match p {
        Provider::AlmenPraksis => "contact-almen-praksis",
        Provider::Kommune => "contact-kommune",
        Provider::Hospital => "contact-hospital",
        Provider::Speciallaege => "contact-speciallaege",
        Provider::Fysioterapeut => "contact-fysioterapeut",
        Provider::Fodterapeut => "contact-fodterapeut",
        Provider::Psykolog => "contact-psykolog",
        Provider::Jobcenter => "contact-jobcenter",
        Provider::Civilsamfund => "contact-civilsamfund",
        Provider::Patient => "contact-patient",
    }
}

/// The key of a score's name ("Total", "Procent"), for the scores an instrument gives.
#[must_use]
pub fn score_field_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "total" => "field-total",
        "raw" => "field-raw",
        "percent" => "field-percent",
        "grade" => "field-grade",
        "psychosocial" => "field-psychosocial",
        "value" => "field-value",
        "icd10" => "field-icd10",
        "bilag2" => "field-bilag2",
        _ => return None,
    })
}

/// The key of a score's word value as the GP reads it (the MDI's depression grade), if any.
#[must_use]
pub fn score_value_key(field: &str, value: &str) -> Option<&'static str> {
    Some(match (field, value) {
        ("icd10" | "bilag2", "none") => "depression-none",
        ("icd10", "mild") => "depression-mild",
        ("icd10", "moderate") => "depression-moderate",
        ("icd10", "severe") => "depression-severe",
        ("bilag2", "possible-mild") => "depression-possible-mild",
        _ => return None,
    })
}

/// The key of a phase's name ("Trin 1").
#[must_use]
pub fn phase_key(p: Phase) -> &'static str {
    match p {
        Phase::Trin1 => "phase-trin1",
        Phase::Trin2 => "phase-trin2",
        Phase::Vedvarende => "phase-vedvarende",
    }
}

/// `(key, Danish, English)`.
pub const TEXTS: &[(&str, &str, &str)] = &[
    ("app-title", "Pakkeforløb – behovsvurdering og behandlingsplan", "Package pathway – needs assessment and treatment plan"),
    ("language", "Sprog", "Language"),
    ("step-start", "Start", "Start"),
    ("step-assessment", "Behovsvurdering", "Needs assessment"),
    ("step-differentiation", "Differentiering", "Differentiation"),
    ("step-plan", "Behandlingsplan", "Treatment plan"),
    ("steps", "Trin i forløbet", "Steps"),
    ("pathways", "Pakkeforløb", "Pathways"),
    ("diagnosis-date", "Diagnosedato", "Date of diagnosis"),
    ("assessment-date", "Dato for behovsvurdering", "Date of assessment"),
    ("next", "Næste", "Next"),
    ("previous", "Forrige", "Previous"),
    ("unknown", "Ved ikke", "Unknown"),
    ("yes", "Ja", "Yes"),
    ("no", "Nej", "No"),
    ("theme-sygdom", "Sygdom", "Disease"),
    ("theme-livsstil", "Livsstil (KRAM)", "Lifestyle (KRAM)"),
    ("theme-trivsel", "Trivsel", "Well-being"),
    ("theme-sociale", "Sociale forhold", "Social circumstances"),
    ("theme-ressourcer", "Motivation og ressourcer", "Motivation and resources"),
    ("scores", "Scorer", "Scores"),
    ("scores-inline", "scorer", "scores"),
    ("score-incomplete", "besvar alle spørgsmål", "answer every item"),
    ("level-overall", "Samlet niveau", "Overall level"),
    ("level-1", "Niveau 1 – få behov", "Level 1 – few needs"),
    ("level-2", "Niveau 2 – moderate behov", "Level 2 – moderate needs"),
    ("level-3", "Niveau 3 – omfattende eller komplekse behov", "Level 3 – extensive or complex needs"),
    ("reasons", "Begrundelse", "Reasons"),
    ("proposal", "Forslag – kan ændres regionalt", "Proposal – a region can change it"),
    ("source", "Kilde", "Source"),
    ("override", "Lægens vurdering", "GP's decision"),
    ("override-level", "Vælg et andet niveau", "Choose another level"),
    ("override-none", "Behold foreslået niveau", "Keep the proposed level"),
    ("override-reason", "Begrundelse for ændringen (skal udfyldes)", "Reason for the change (required)"),
    ("proposed", "foreslået", "proposed"),
    ("interventions", "Indsatser", "Interventions"),
    ("start-by", "Start senest", "Start by"),
    ("no-deadline", "ingen frist", "no deadline"),
    ("axis-title", "Sygdom og person", "Disease and person"),
    ("raised-by-person", "Hævet af patientens ressourcer og livssituation (se Sygdom og person) til", "Raised by the patient's resources and life situation (see Disease and person) to"),
    ("axis-disease", "Sygdommen", "The disease"),
    ("axis-person", "Ressourcer og livssituation", "Resources and life situation"),
    ("print-when-ready", "Starter, når du siger ja: sig det til lægen, så sendes henvisningen.", "Starts when you say yes: tell your doctor, and the referral is sent."),
    ("waiting-for-yes", "venter på patientens ja", "waiting for the patient's yes"),
    ("accept", "Patienten siger ja i dag", "The patient says yes today"),
    ("accepted-on", "Patienten sagde ja", "The patient said yes on"),
    ("referral", "Henvisning", "Referral"),
    ("print-referrals", "Udskriv henvisninger", "Print referrals"),
    ("referrals-title", "Henvisninger", "Referrals"),
    ("referral-copy", "Kopiér henvisningen", "Copy the referral"),
    ("referral-copied", "Henvisningen er kopieret.", "The referral is copied."),
    ("plan-due", "Behandlingsplanen skal være lagt senest", "The treatment plan is due by"),
    ("days-left", "dage tilbage", "days left"),
    ("overdue", "Fristen er overskredet", "The deadline has passed"),
    ("follow-up", "Opfølgning", "Follow-up"),
    ("patient-goals", "Patientens egne mål (ét pr. linje)", "The patient's own goals (one per line)"),
    ("clinical-goals", "Kliniske mål", "Clinical goals"),
    ("confirm", "Godkend behandlingsplan", "Confirm treatment plan"),
    ("confirmed", "Behandlingsplanen er godkendt.", "The treatment plan is confirmed."),
    ("print-short", "Udskriv", "Print"),
    ("unconfirm", "Fortryd godkendelse", "Withdraw confirmation"),
    ("confirmation-withdrawn", "Planen er ændret efter godkendelsen og er ikke længere godkendt: godkend den igen.", "The plan changed after it was confirmed and is no longer confirmed: confirm it again."),
    ("copy", "Kopiér JSON", "Copy JSON"),
    ("download", "Hent JSON", "Download JSON"),
    ("field-icd10", "Depression efter ICD-10", "Depression by ICD-10"),
    ("field-bilag2", "DSAM's skema (bilag 2)", "DSAM's sheet (annex 2)"),
    ("depression-none", "ingen", "none"),
    ("depression-mild", "let", "mild"),
    ("depression-moderate", "moderat", "moderate"),
    ("depression-severe", "svær", "severe"),
    ("depression-possible-mild", "mulig let depression", "possible mild depression"),
    ("errors-count", "felter skal rettes", "fields need correcting"),
    ("errors-count-one", "felt skal rettes", "field needs correcting"),
    ("fix-errors", "Ret de markerede felter, før planen kan godkendes.", "Correct the marked fields before the plan can be confirmed."),
    ("content-version", "Indholdsversion", "Content version"),
    ("content-pack", "Regionalt indhold", "Regional content"),
    ("content-pack-refused", "Regionens indhold blev afvist; widgetten beholder det indhold, den havde", "The region's content was refused; the widget keeps the content it had"),
    ("intended-use", "Beslutningsstøtte. Widgetten foreslår; lægen beslutter. Ikke et CE-mærket medicinsk udstyr.", "Decision support. The widget proposes; the GP decides. Not a certified medical device."),
    ("remove", "Fjern", "Remove"),
    ("removed", "Fjernet af lægen", "Removed by the GP"),
    ("remove-reason", "Begrundelse for at fjerne (skal udfyldes)", "Reason for removing (required)"),
    ("restore", "Fortryd", "Undo"),
    ("reset", "Nulstil", "Reset"),
    ("reset-confirm", "Slet alle indtastninger?", "Delete everything entered?"),
    ("phase-trin1", "Trin 1", "Step 1"),
    ("phase-trin2", "Trin 2", "Step 2"),
    ("phase-vedvarende", "Vedvarende fase", "Lasting phase"),
    ("choose-pathway", "Vælg mindst ét pakkeforløb.", "Choose at least one pathway."),
    ("plan-json", "Behandlingsplan (JSON)", "Treatment plan (JSON)"),
    ("prov-almen-praksis", "Egen læge", "Your GP"),
    ("prov-kommune", "Kommunen", "The municipality"),
    ("prov-hospital", "Sygehuset", "The hospital"),
    ("prov-speciallaege", "Speciallæge", "Specialist"),
    ("prov-fysioterapeut", "Fysioterapeut", "Physiotherapist"),
    ("prov-fodterapeut", "Fodterapeut", "Podiatrist"),
    ("prov-psykolog", "Psykolog", "Psychologist"),
    ("prov-jobcenter", "Jobcenter", "Job centre"),
    ("prov-civilsamfund", "Patientforeninger og frivillige", "Patient organisations and volunteers"),
    ("prov-patient", "Dig selv", "Yourself"),
    ("prefill-summary", "Forudfyldte oplysninger", "Prefilled information"),
    ("nothing-prefilled", "Intet forudfyldt fra journalen.", "Nothing prefilled from the record."),
    ("answered", "besvaret", "answered"),
    ("field-total", "Total", "Total"),
    ("field-raw", "Råscore", "Raw score"),
    ("field-percent", "Procent", "Percent"),
    ("field-grade", "Grad", "Grade"),
    ("field-psychosocial", "Psykosocial delscore", "Psychosocial subscore"),
    ("field-value", "Værdi", "Value"),
    ("add", "Tilføj indsats fra kataloget", "Add an intervention from the catalogue"),
    ("trainer", "Undervisningstilstand", "Trainer mode"),
    ("phase", "Fase for revurderingen", "Phase of the re-assessment"),
    ("trainer-rule", "Regel", "Rule"),
    ("examples", "Eksempelpatienter (undervisning)", "Example patients (training)"),
    ("examples-choose", "Vælg en eksempelpatient", "Choose an example patient"),
    ("previous-plan", "Tidligere behandlingsplan (årsstatus eller trin 2)", "Previous treatment plan (yearly status or step 2)"),
    ("previous-help", "Indsæt planens JSON fra en tidligere konsultation. Widgetten udfyldes fra den, og den nye plan viser, hvad der er ændret.", "Paste the plan JSON from an earlier consultation. The widget is prefilled from it and the new plan shows what changed."),
    ("previous-load", "Indlæs tidligere plan", "Load previous plan"),
    ("previous-loaded", "Revurdering i forhold til planen fra", "Re-assessment against the plan of"),
    ("changes", "Ændringer siden sidste plan", "Changes since the last plan"),
    ("changes-level", "Niveau", "Level"),
    ("changes-added", "Nye indsatser", "New interventions"),
    ("changes-ended", "Afsluttede indsatser", "Ended interventions"),
    ("changes-goals-ended", "Mål ikke længere aktuelle", "Goals no longer set"),
    ("changes-goals-added", "Nye mål", "New goals"),
    ("whatif", "Hvad nu hvis?", "What if?"),
    ("whatif-save", "Gem nuværende plan som udgangspunkt", "Keep the current plan as the baseline"),
    ("whatif-help", "Ændr et svar, og se forskellen her.", "Change an answer and see the difference here."),
    ("whatif-none", "Ingen forskel fra udgangspunktet.", "No difference from the baseline."),
    ("whatif-scores", "Ændrede scorer", "Changed scores"),
    ("add-choose", "Vælg indsats", "Choose an intervention"),
    ("add-reason", "Begrundelse for at tilføje (skal udfyldes)", "Reason for adding (required)"),
    ("add-button", "Tilføj", "Add"),
    ("added", "Tilføjet af lægen", "Added by the GP"),
    ("print", "Udskriv plan til patienten", "Print the plan for the patient"),
    ("print-title", "Din behandlingsplan", "Your treatment plan"),
    ("print-intro", "Planen er lagt sammen med din læge. Din læge er tovholder for dit forløb og den, du kontakter, hvis du har spørgsmål.", "The plan was agreed with your doctor. Your doctor coordinates your care and is the one to contact with questions."),
    ("print-your-goals", "Dine egne mål", "Your own goals"),
    ("print-offers", "Det har vi aftalt", "What we agreed"),
    ("print-dates", "Næste aftaler", "Next appointments"),
    ("print-date", "Dato for planen", "Date of the plan"),
    ("print-start-by", "Starter senest", "Starts by"),
    ("contact-almen-praksis", "Aftales med din læge.", "Arranged with your doctor."),
    ("contact-kommune", "Kommunen kontakter dig. Har du ikke hørt noget inden datoen, så ring til kommunens sundhedscenter.", "The municipality will contact you. If you have not heard by the date, call the municipal health centre."),
    ("contact-hospital", "Sygehuset sender dig en indkaldelse.", "The hospital will send you an appointment."),
    ("contact-speciallaege", "Bestil tid hos speciallægen med din henvisning.", "Book an appointment with the specialist using your referral."),
    ("contact-fysioterapeut", "Bestil tid hos en fysioterapeut med din henvisning.", "Book an appointment with a physiotherapist using your referral."),
    ("contact-fodterapeut", "Bestil tid hos en fodterapeut med din henvisning. Du får 50 % tilskud.", "Book an appointment with a podiatrist using your referral. Half the cost is covered."),
    ("contact-psykolog", "Bestil tid hos psykologen med din henvisning.", "Book an appointment with the psychologist using your referral."),
    ("contact-jobcenter", "Jobcentret kontakter dig.", "The job centre will contact you."),
    ("contact-civilsamfund", "Kontakt selv foreningen, hvis du har lyst.", "Contact the organisation yourself if you wish."),
    ("contact-patient", "Det gør du selv.", "You do this yourself."),
    ("gate-acute", "Handl først", "Act first"),
    ("gate-pending", "Afventer svar", "Waiting for answers"),
    ("gate-exclusion", "Uden for målgruppen", "Outside the target group"),
    ("gate-contraindication", "Indsats holdes tilbage", "Intervention held back"),
    ("gate-handled", "Handling registreret", "Action recorded"),
    ("gate-overridden", "Tilsidesat af lægen", "Overridden by the GP"),
    ("gate-whole-plan", "hele planen", "the whole plan"),
    ("gate-questions", "Besvar først:", "Answer first:"),
    ("questions", "spørgsmål", "questions"),
    ("offered-why", "tilbydes ud fra svarene ovenfor – åbn for at udfylde", "offered from the answers above – open to fill in"),
    ("needed-today", "Skal besvares i dag: planen venter på svaret.", "Answer it today: the plan waits for the answer."),
    ("needed", "Planen venter på svaret.", "The plan waits for the answer."),
    ("gate-applies-if", "Stoppet gælder, hvis:", "The stop applies if:"),
    ("gate-holds", "Holdes tilbage", "Held back"),
    ("gate-decision-handled", "Handlingen er udført", "The action was taken"),
    ("gate-decision-override", "Tilsidesat", "Overridden"),
    ("gate-handled-button", "Handling udført", "Action taken"),
    ("gate-cleared", "Kardiologisk godkendelse foreligger", "Cardiology clearance given"),
    ("gate-override", "Tilsidesæt med begrundelse", "Override with a reason"),
    ("gate-override-reason", "Begrundelse for at tilsidesætte (skal udfyldes)", "Reason for overriding (required)"),
    ("gate-override-button", "Tilsidesæt", "Override"),
    ("urgency-samme-dag", "Samme dag", "The same day"),
    ("urgency-foer-forloeb", "Før forløbet fortsætter", "Before the pathway continues"),
    ("urgency-foer-indsats", "Før indsatsen starter", "Before the intervention starts"),
    ("status-klar", "Klar", "Ready"),
    ("status-akut-handling", "Akut handling først", "Acute action first"),
    ("status-afventer-afklaring", "Afventer afklaring", "Awaiting clarification"),
    ("status-uden-for-maalgruppe", "Uden for målgruppen", "Outside the target group"),
    ("provisional", "foreløbigt", "provisional"),
    ("supports-level", "Taler for niveau", "Supports level"),
    ("evidence-help", "Evidens: V verificeret, P delvis, U uverificeret (forslag), LEGACY fra de tidligere forløbsprogrammer (forslag)", "Evidence: V verified, P partial, U unverified (proposal), LEGACY from the earlier programmes (proposal)"),
    ("held", "Holdt tilbage af et sikkerhedsstop", "Held back by a safety stop"),
    ("held-help", "Disse indsatser starter først, når stoppet er afklaret (se øverst).", "These interventions start only once the stop is resolved (see the top)."),
    ("deadline-suspended", "Fristen for behandlingsplanen venter, til sikkerhedsstoppene er afklaret. Ingen tilbud har frist endnu.", "The treatment plan's deadline waits until the safety stops are resolved. No offer has a deadline yet."),
    ("due-aarsstatus", "Årsstatus skulle holdes senest", "The yearly status was due by"),
    ("due-kontrol", "Trin 2-status skulle holdes senest", "The step 2 status was due by"),
    ("blocked-no-plan", "Vælg pakkeforløb og udfyld datoerne for at få en plan.", "Choose a pathway and fill in the dates to get a plan."),
    ("blocked-acute", "Et akut sikkerhedsstop er åbent: registrér handlingen, eller tilsidesæt stoppet med en begrundelse.", "An acute safety stop is open: record the action, or override the stop with a reason."),
    ("blocked-same-day-question", "Et spørgsmål, der skal besvares i dag, er ubesvaret: besvar det, før planen godkendes.", "A question that must be answered today is unanswered: answer it before the plan is confirmed."),
    ("print-since", "Siden sidste plan", "Since the last plan"),
    ("field-patient", "Patientoplysninger (alder, køn)", "Patient details (age, sex)"),
    ("gate-raised-by", "Spørgsmålet rejses af", "The question is raised by"),
    ("gate-holds-exercise", "Holder alle træningsbaserede tilbud og mål tilbage i alle patientens forløb", "Holds back every exercise-based offer and goal in all of the patient's pathways"),
    ("goal-also", "Også", "Also"),
    ("goal-waits", "Venter:", "Waits:"),
    ("print-private", "Medtag samtalen om trivsel og selvmordstanker på udskriften", "Include the conversation about well-being and suicidal thoughts on the printout"),
    ("blocked-carried", "Værdier overført fra den tidligere plan er ikke bekræftet", "Values carried over from the previous plan are not confirmed"),
    ("confirm-carried", "Bekræft alle overførte værdier", "Confirm all carried-over values"),
    ("carried-from", "Overført fra planen", "Carried over from the plan of"),
    ("carried-confirm", "Bekræft uændret", "Confirm unchanged"),
    ("go-to-field", "Gå til feltet", "Go to the field"),
    ("go-to-gate", "Gå til stoppet", "Go to the stop"),
    ("none-of-these", "Ingen af disse (vurderet)", "None of these (assessed)"),
    ("print-first", "Det skal ske først", "What happens first"),
    ("treatment", "Opstart af behandling", "Starting treatment"),
    ("treatment-help", "Overvej-forslag med kilde. Widgetten angiver aldrig dosis og ordinerer ikke: registrér, hvad du besluttede.", "Prompts to consider, with their sources. The widget never gives a dose and orders nothing: record what you decided."),
    ("treatment-started", "Startet", "Started"),
    ("treatment-already", "Får det allerede", "Already takes it"),
    ("treatment-not-relevant", "Ikke relevant", "Not relevant"),
    ("treatment-undecided", "Ikke besluttet", "Not decided"),
    ("treatment-note", "Note (valgfri)", "Note (optional)"),
    ("checks", "Undersøgelser for følgesygdomme", "Checks for complications and concurrent diseases"),
    ("goal-target", "Mål", "Target"),
    ("print-medicine", "Ny medicin", "New medicine"),
    ("question", "spørgsmål", "question"),
    ("field-goal", "Patientens mål nr.", "Patient's goal no."),
    ("field-goals", "Patientens egne mål", "The patient's own goals"),
    ("field-level-reason", "Begrundelse for ændret niveau", "Reason for the changed level"),
    ("field-remove-reason", "Begrundelse for at fjerne en indsats", "Reason for removing an intervention"),
    ("field-add-reason", "Begrundelse for at tilføje en indsats", "Reason for adding an intervention"),
    ("field-gate-reason", "Begrundelse for at tilsidesætte et sikkerhedsstop", "Reason for overriding a safety stop"),
    ("field-other", "Data fra journalsystemet", "Data from the record system"),
    ("total-entry", "Udfyldt på papir? Indtast totalen", "Filled in on paper? Enter the total"),
    ("total-label", "Totalscore", "Total score"),
    ("host-updated", "Journalsystemet har opdateret", "The record system updated"),
    ("host-kept", "Dine egne indtastninger er bevaret, selvom journalen sendte andet", "Your own entries are kept, although the record sent something else"),
    ("dismiss", "Luk", "Close"),
    ("about-wording", "Om spørgeskemaets ordlyd", "About the questionnaire's wording"),
    ("errors-heading", "Ret disse felter, før planen godkendes. Du kan godt gå videre og rette dem senere:", "Correct these fields before the plan is confirmed. You can go on and correct them later:"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every source file of the widget, as text, with the text table itself left out.
    fn ui_sources() -> String {
        crate::ui::tests::ui_source_files()
            .into_iter()
            .map(|(_, text)| match text.split_once("pub const TEXTS") {
                Some((before, after)) => {
                    format!("{before}{}", after.split_once("\n];").map_or("", |x| x.1))
                }
                None => text,
            })
            .collect()
    }

    #[test]
    fn every_text_key_defined_is_used_and_every_key_used_is_defined() {
        let src = ui_sources();
        for (k, _, _) in TEXTS {
            assert!(
                src.contains(&format!("\"{k}\"")),
                "the UI text '{k}' is never used"
            );
        }
        // Keys given directly to tr(lang, KEY) and ctx.t(KEY).
        let keys: std::collections::BTreeSet<&str> = TEXTS.iter().map(|(k, _, _)| *k).collect();
        let mut checked = 0;
        for pattern in ["tr(l, \"", "tr(lang.get(), \"", "tr(lang, \"", ".t(\""] {
            for (i, _) in src.match_indices(pattern) {
                let rest = &src[i + pattern.len()..];
                let key = &rest[..rest.find('"').unwrap_or(0)];
                assert!(
                    keys.contains(key),
                    "the UI text '{key}' is used but not defined"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "only {checked} uses found");
    }

    #[test]
    fn every_ui_text_has_both_languages_and_a_unique_key() {
        let mut keys = std::collections::BTreeSet::new();
        for (k, da, en) in TEXTS {
            assert!(keys.insert(k), "duplicate key {k}");
            assert!(!da.trim().is_empty() && !en.trim().is_empty(), "{k}");
        }
    }
}
