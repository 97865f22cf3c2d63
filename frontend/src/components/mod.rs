//! Parts several pages use.

pub mod problem;
