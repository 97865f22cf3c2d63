//! PBX connectors: where an import's rows come from. Every connector reads a
//! directory of people into `ImportRow`s behind one trait, so a platform is
//! added by implementing `Directory` and naming it in `connect`.

mod kazoo;

use std::future::Future;

use switchboard_shared::{PbxKind, RowError};

use super::ImportRow;
use crate::{
    domain::{egress::Egress, Error},
    store::customers::PbxTarget,
};

/// The people a directory holds, and those it holds that cannot be read.
pub struct Listing {
    pub rows: Vec<ImportRow>,
    pub rejected: Vec<RowError>,
}

pub trait Directory {
    fn users(&self) -> impl Future<Output = Result<Listing, Error>> + Send;
}

/// An uploaded CSV file.
pub struct CsvFile(pub bytes::Bytes);

impl Directory for CsvFile {
    async fn users(&self) -> Result<Listing, Error> {
        let (rows, rejected) = super::csv::read(&self.0)?;
        Ok(Listing { rows, rejected })
    }
}

/// The customer's configured PBX.
pub enum Connector {
    Kazoo(kazoo::Kazoo),
}

/// The connector for the customer's PBX, once its address may be reached.
pub async fn connect(target: PbxTarget, egress: &Egress) -> Result<Connector, Error> {
    let http = egress.client_for(&target.base_url).await?;
    Ok(match target.kind {
        PbxKind::Kazoo => Connector::Kazoo(kazoo::Kazoo::new(target, http)),
    })
}

impl Directory for Connector {
    async fn users(&self) -> Result<Listing, Error> {
        match self {
            Self::Kazoo(k) => k.users().await,
        }
    }
}
