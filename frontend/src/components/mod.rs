//! Parts several pages use.

pub mod problem;
pub mod session;
