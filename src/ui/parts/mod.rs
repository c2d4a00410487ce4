//! Parts the steps share.

pub(crate) mod gates;
pub(crate) mod print;
pub(crate) mod reasons;
pub(crate) mod trainer;
