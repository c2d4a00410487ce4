//! The HTML ids of one widget's controls, in one scheme that the controls and the links to
//! them (from an error, a gate, the confirm bar) share. Every id starts with the widget's
//! prefix (`pf1`, `pf2`, …), so several widgets on a page never share an id.

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_UID: AtomicUsize = AtomicUsize::new(1);

/// The id prefix of one widget instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Uid(usize);

impl Uid {
    /// A prefix no other widget on the page has.
    pub(crate) fn next() -> Uid {
        Uid(NEXT_UID.fetch_add(1, Ordering::Relaxed))
    }

    /// A given prefix, for tests.
    #[cfg(test)]
    pub(crate) fn fixed(n: usize) -> Uid {
        Uid(n)
    }

    /// The HTML id of `id` in this widget: `pf<n>-` and the id's parts.
    pub(crate) fn id(self, id: Id<'_>) -> String {
        // One format for every id (a `format!` per kind would cost the WebAssembly about 1 KB).
        let (head, key, tail, index) = match id {
            Id::Pathways => ("pathways", "", "", None),
            Id::Date(field) => ("", field, "", None),
            Id::Goals => ("goals", "", "", None),
            Id::Measurement(m) => ("m-", m, "", None),
            Id::Total(i) => ("t-", i, "", None),
            Id::Instrument(i) => ("i-", i, "", None),
            Id::Item(i, k) => ("i-", i, "-", Some(k)),
            Id::ItemGroup(i, k) => ("", i, "-", Some(k)),
            Id::Override(p) => ("ov-", p, "", None),
            Id::LevelReason(p) => ("ov-", p, "-reason", None),
            Id::Gate(g) => ("gate-", g, "", None),
            Id::GateReason(g) => ("gate-", g, "-reason", None),
            Id::Treatment(t) => ("tr-", t, "", None),
            Id::TreatmentNote(t) => ("tr-", t, "-note", None),
            Id::RemoveReason(i) => ("rm-", i, "", None),
            Id::Removed(i) => ("removed-", i, "", None),
            Id::Add => ("add", "", "", None),
            Id::Errors => ("errors", "", "", None),
            Id::Blocked => ("blocked", "", "", None),
            Id::Start => ("start", "", "", None),
            Id::PathwaysError => ("err-pathways", "", "", None),
            Id::Examples => ("examples", "", "", None),
            Id::Previous => ("previous", "", "", None),
            Id::Phase => ("phase", "", "", None),
            Id::GoalsError => ("goals-err", "", "", None),
        };
        let mut out = format!("pf{}-{head}{key}{tail}", self.0);
        if let Some(k) = index {
            out.push_str(&k.to_string());
        }
        out
    }
}

/// A control or region of the widget that has an HTML id.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Id<'a> {
    /// The pathway choice.
    Pathways,
    /// A date field (`diagnosis_date`, `assessment_date`).
    Date(&'a str),
    /// The patient's own goals.
    Goals,
    /// A measurement's control.
    Measurement(&'a str),
    /// An instrument's total from paper.
    Total(&'a str),
    /// An instrument's group of items.
    Instrument(&'a str),
    /// One item of an instrument (its first option).
    Item(&'a str, usize),
    /// The radio group name of one item.
    ItemGroup(&'a str, usize),
    /// The reason for a level the GP chose, by pathway.
    LevelReason(&'a str),
    /// A safety gate's heading.
    Gate(&'a str),
    /// The reason for a gate decision.
    GateReason(&'a str),
    /// A treatment prompt's decision.
    Treatment(&'a str),
    /// The note on a treatment decision.
    TreatmentNote(&'a str),
    /// The reason for removing an offer.
    RemoveReason(&'a str),
    /// A removed offer's line (its "Fortryd").
    Removed(&'a str),
    /// The add-an-offer control.
    Add,
    /// The error summary.
    Errors,
    /// The list of what blocks confirming.
    Blocked,
    /// The start step's heading.
    Start,
    /// The pathway choice's error.
    PathwaysError,
    /// The example patients.
    Examples,
    /// The previous plan (a re-assessment).
    Previous,
    /// The phase choice of a re-assessment.
    Phase,
    /// The patient goals' error.
    GoalsError,
    /// A pathway's level override (its controls add `-level`, `-reason`, `-err`).
    Override(&'a str),
}

#[cfg(test)]
mod tests {
    use super::{Id, Uid};

    #[test]
    fn ids_follow_one_scheme() {
        let u = Uid::fixed(3);
        assert_eq!(u.id(Id::Item("cat", 2)), "pf3-i-cat-2");
        assert_eq!(u.id(Id::ItemGroup("cat", 2)), "pf3-cat-2");
        assert_eq!(u.id(Id::Date("diagnosis_date")), "pf3-diagnosis_date");
        assert_eq!(u.id(Id::LevelReason("kol")), "pf3-ov-kol-reason");
        assert_eq!(
            u.id(Id::Override("kol")) + "-reason",
            u.id(Id::LevelReason("kol"))
        );
        assert_eq!(u.id(Id::Errors), "pf3-errors");
        assert_ne!(Uid::next(), Uid::next());
    }
}
