//! UI texts in Danish (default) and English. Clinical content carries its own translations.

use crate::engine::Lang;

/// The UI text for `key` in `lang`; `?` if it is missing (a test rules that out for fixed keys).
#[must_use]
pub fn tr(lang: Lang, key: &str) -> &'static str {
    lookup(lang, key).unwrap_or("?")
}

/// The UI text for a key built at run time (`prov-kommune`, `phase-trin1`, `fu-kontrol`), if any.
#[must_use]
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, da, en)| if lang == Lang::Da { *da } else { *en })
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
    ("date-hint", "ÅÅÅÅ-MM-DD", "YYYY-MM-DD"),
    ("next", "Næste", "Next"),
    ("previous", "Forrige", "Previous"),
    ("unknown", "Ved ikke", "Unknown"),
    ("not-answered", "Ikke besvaret", "Not answered"),
    ("yes", "Ja", "Yes"),
    ("no", "Nej", "No"),
    ("theme-sygdom", "Sygdom", "Disease"),
    ("theme-livsstil", "Livsstil (KRAM)", "Lifestyle (KRAM)"),
    ("theme-trivsel", "Trivsel", "Well-being"),
    ("theme-sociale", "Sociale forhold", "Social circumstances"),
    ("scores", "Scorer", "Scores"),
    ("scores-inline", "scorer", "scores"),
    ("score-incomplete", "udfyld alle spørgsmål for at få en score", "answer every item to get a score"),
    ("level", "Niveau", "Level"),
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
    ("plan-due", "Behandlingsplanen skal være lagt senest", "The treatment plan is due by"),
    ("plan-due-inline", "behandlingsplanen skal være lagt senest", "the treatment plan is due by"),
    ("days-left", "dage tilbage", "days left"),
    ("overdue", "Fristen er overskredet", "The deadline has passed"),
    ("follow-up", "Opfølgning", "Follow-up"),
    ("fu-kontrol", "Kontrol", "Review"),
    ("fu-aarsstatus", "Årsstatus", "Yearly status"),
    ("warnings", "Advarsler", "Warnings"),
    ("patient-goals", "Patientens egne mål (ét pr. linje)", "The patient's own goals (one per line)"),
    ("clinical-goals", "Kliniske mål", "Clinical goals"),
    ("confirm", "Godkend behandlingsplan", "Confirm treatment plan"),
    ("confirmed", "Behandlingsplanen er godkendt.", "The treatment plan is confirmed."),
    ("copy", "Kopiér JSON", "Copy JSON"),
    ("copied", "Kopieret", "Copied"),
    ("download", "Hent JSON", "Download JSON"),
    ("errors-count", "felter skal rettes", "fields need correcting"),
    ("no-errors", "Alle indtastninger er gyldige", "All entries are valid"),
    ("fix-errors", "Ret de markerede felter, før planen kan godkendes.", "Correct the marked fields before the plan can be confirmed."),
    ("content-version", "Indholdsversion", "Content version"),
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
    ("error", "Der opstod en fejl i widgetten. Dine indtastninger er bevaret.", "An error occurred in the widget. What you entered is kept."),
    ("plan-json", "Behandlingsplan (JSON)", "Treatment plan (JSON)"),
    ("prov-almen-praksis", "Egen læge", "Your GP"),
    ("prov-kommune", "Kommunen", "The municipality"),
    ("prov-hospital", "Hospitalet", "The hospital"),
    ("prov-speciallaege", "Speciallæge", "Specialist"),
    ("prov-fysioterapeut", "Fysioterapeut", "Physiotherapist"),
    ("prov-fodterapeut", "Fodterapeut", "Podiatrist"),
    ("prov-psykolog", "Psykolog", "Psychologist"),
    ("prov-jobcenter", "Jobcenter", "Job centre"),
    ("prov-civilsamfund", "Patientforeninger og frivillige", "Patient organisations and volunteers"),
    ("prov-patient", "Dig selv", "Yourself"),
    ("provider", "Hvem", "Who"),
    ("missing-values", "Mangler", "Missing"),
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
    ("contact-hospital", "Hospitalet sender dig en indkaldelse.", "The hospital will send you an appointment."),
    ("contact-speciallaege", "Bestil tid hos speciallægen med din henvisning.", "Book an appointment with the specialist using your referral."),
    ("contact-fysioterapeut", "Bestil tid hos en fysioterapeut med din henvisning.", "Book an appointment with a physiotherapist using your referral."),
    ("contact-fodterapeut", "Bestil tid hos en fodterapeut med din henvisning. Du får 50 % tilskud.", "Book an appointment with a podiatrist using your referral. Half the cost is covered."),
    ("contact-psykolog", "Bestil tid hos psykologen med din henvisning.", "Book an appointment with the psychologist using your referral."),
    ("contact-jobcenter", "Jobcentret kontakter dig.", "The job centre will contact you."),
    ("contact-civilsamfund", "Kontakt selv foreningen, hvis du har lyst.", "Contact the organisation yourself if you wish."),
    ("contact-patient", "Det gør du selv.", "You do this yourself."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ui_text_has_both_languages_and_a_unique_key() {
        let mut keys = std::collections::BTreeSet::new();
        for (k, da, en) in TEXTS {
            assert!(keys.insert(k), "duplicate key {k}");
            assert!(!da.trim().is_empty() && !en.trim().is_empty(), "{k}");
        }
    }
}
