//! Parts the steps share.

pub(crate) mod changes;
pub(crate) mod confirm;
pub(crate) mod gates;
pub(crate) mod instrument;
pub(crate) mod interventions;
pub(crate) mod levels;
pub(crate) mod measurement;
pub(crate) mod notices;
pub(crate) mod print;
pub(crate) mod reasons;
pub(crate) mod trainer;
pub(crate) mod treatments;
