//! Queries, one module per table family. Handlers never write SQL.

pub mod audit;
pub mod devices;
pub mod sessions;
pub mod tenants;
pub mod users;
