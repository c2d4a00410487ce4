//! The four steps of the assessment, one file each.

pub(crate) mod assessment;
pub(crate) mod differentiation;
pub(crate) mod plan;
pub(crate) mod start;
