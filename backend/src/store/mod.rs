//! Queries, one module per table family. Handlers never write SQL.

pub mod audit;
pub mod tenants;
pub mod users;
