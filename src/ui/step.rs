//! The four steps of the assessment, named once: the views, the fields, the confirm bar and
//! the host API (`setStep`, a saved draft's `step`) all speak of a [`Step`].

/// A step of the assessment, in the order the GP goes through them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Start: pathways, dates, a previous plan, example patients.
    #[default]
    Start,
    /// Behovsvurdering: instruments and measurements.
    Assessment,
    /// Differentiering: the levels and the GP's overrides.
    Differentiation,
    /// Behandlingsplan: offers, follow-ups, goals, confirming and printing.
    Plan,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 4] = [
        Step::Start,
        Step::Assessment,
        Step::Differentiation,
        Step::Plan,
    ];

    /// The step's name as hosts write it (the `step` attribute, a saved draft's `step`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Step::Start => "start",
            Step::Assessment => "assessment",
            Step::Differentiation => "differentiation",
            Step::Plan => "plan",
        }
    }

    /// The step a host names, if it is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Its position, from 0 (the navigation's `data-step`; shown to the GP as 1 to 4).
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The step after this one, if any.
    #[must_use]
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The step before this one, if any.
    #[must_use]
    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }

    /// The key of its label in the texts (`super::i18n`).
    pub(crate) fn label_key(self) -> &'static str {
        match self {
            Step::Start => "step-start",
            Step::Assessment => "step-assessment",
            Step::Differentiation => "step-differentiation",
            Step::Plan => "step-plan",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Step;

    #[test]
    fn steps_read_back_from_their_names_and_go_in_order() {
        for s in Step::ALL {
            assert_eq!(Step::from_name(s.name()), Some(s));
            assert_eq!(Step::ALL[s.index()], s);
        }
        assert_eq!(Step::from_name("x"), None);
        assert_eq!(Step::Start.next(), Some(Step::Assessment));
        assert_eq!(Step::Plan.next(), None);
        assert_eq!(Step::Start.previous(), None);
        assert_eq!(Step::Plan.previous(), Some(Step::Differentiation));
    }
}
