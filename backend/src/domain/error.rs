//! What the product refuses, and why. Every domain operation answers with
//! these; `http::problem` alone turns them into problem+json with their
//! stable codes.

use switchboard_shared::{fields::FieldError, roles::Violation, RowError, TenantId, UserId};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong e-mail or password, or an account that may not log in: one
    /// answer for all, so that nothing is disclosed.
    #[error("invalid e-mail or password")]
    InvalidCredentials,
    #[error("missing, invalid or expired access token")]
    Unauthenticated,
    #[error("you do not have the role needed for this")]
    Forbidden,
    /// A parent user (staff of a tenant above) is changed in their own tenant only.
    #[error("this user is configured at a higher level")]
    ParentUser,
    /// Also the answer for what exists but is out of the caller's reach.
    #[error("not found")]
    NotFound,
    /// A request that cannot be acted on as it stands; `code` is stable.
    #[error("{detail}")]
    Invalid { code: &'static str, detail: String },
    /// The change breaks role rules; every violation is listed.
    #[error("the change breaks role rules")]
    Rules(Vec<Violation>),
    #[error("invalid fields")]
    Fields(Vec<FieldError>),
    #[error("a user with this e-mail exists")]
    UserExists { existing_user_id: Option<UserId> },
    #[error("a customer with this reference exists")]
    CustomerExists { existing_customer_id: TenantId },
    /// Fields only reseller or platform staff may change.
    #[error("only reseller or platform staff may change {0:?}")]
    StaffOnly(Vec<&'static str>),
    /// An import with rows that cannot be imported: none is.
    #[error("some rows cannot be imported")]
    ImportRows(Vec<RowError>),
    /// The customer's PBX could not be read; `code` says why.
    #[error("{detail}")]
    Pbx { code: &'static str, detail: String },
    /// The PBX address is on a private network, which the server does not reach.
    #[error("the PBX address is not a public one")]
    PbxAddressRefused,
    /// Plain `http://` to a public address, which would send the PBX's API
    /// key across the internet in clear.
    #[error("the PBX address must use https")]
    PbxInsecure,
    #[error("the customer has no PBX connection")]
    NoPbxConnection,
    /// Too many failed sign-ins (or activations) from this address or for this account.
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A second factor's code that is wrong or was used already.
    #[error("the code is wrong or was used already")]
    InvalidCode,
    /// A passkey that is not one of the person's, or whose assertion does
    /// not verify, or a ceremony that expired or was used.
    #[error("the passkey was not accepted")]
    PasskeyRefused,
    /// The second step of a sign-in expired, was used, or saw too many codes.
    #[error("this sign-in's second step is over")]
    MfaTokenInvalid,
    /// A sensitive change needs the person to have proved who they are in
    /// the last five minutes (`POST /auth/reauthenticate`).
    #[error("a recent authentication is needed")]
    ReauthenticationRequired,
    /// The MFA policy in force requires the caller to set up a second
    /// factor before anything else.
    #[error("a second factor must be set up first")]
    MfaEnrolmentRequired,
    /// The change would leave the caller without the second factor the
    /// MFA policy in force requires of them.
    #[error("the MFA policy requires a second factor")]
    MfaRequired,
    /// The request contradicts the state it would change; `code` is stable.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// The current password given to change it is not the person's.
    #[error("the current password is wrong")]
    WrongPassword,
    /// Every password hashing turn is taken: come back shortly.
    #[error("the server is busy")]
    Busy { retry_after_secs: u64 },
    /// The refresh token was rotated a moment ago by another request of the
    /// same client (two tabs at once): the newer token is the one to use.
    #[error("the session was refreshed a moment ago")]
    RefreshRaced,
    /// `If-Match` names a version that is no longer current.
    #[error("the resource changed since it was read")]
    Stale,
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Invalid { code, detail: detail.into() }
    }

    /// A throttle's refusal, with how long to wait.
    pub fn too_many(wait: std::time::Duration) -> Self {
        Self::TooManyAttempts { retry_after_secs: wait.as_secs() }
    }

    /// One field's refusal.
    pub fn field(error: FieldError) -> Self {
        Self::Fields(vec![error])
    }

    /// Refuses with every violation, if there is any.
    pub fn refuse(violations: Vec<Violation>) -> Result<()> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(Self::Rules(violations))
        }
    }
}

impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        match e {
            crate::store::Error::Database(e) => Self::Database(e),
            crate::store::Error::InvalidCursor => {
                Self::invalid("invalid_cursor", "cursor is not one this API returned for this order")
            }
        }
    }
}

impl From<crate::auth::throttle::Refused> for Error {
    fn from(e: crate::auth::throttle::Refused) -> Self {
        match e {
            crate::auth::throttle::Refused::Locked(wait) => Self::too_many(wait),
            crate::auth::throttle::Refused::Database(e) => Self::Database(e),
        }
    }
}

impl From<crate::auth::password::HashError> for Error {
    fn from(e: crate::auth::password::HashError) -> Self {
        match e {
            crate::auth::password::HashError::Busy { retry_after_secs } => Self::Busy { retry_after_secs },
            e @ crate::auth::password::HashError::Failed(_) => Self::Internal(e.to_string()),
        }
    }
}

impl From<jsonwebtoken::errors::Error> for Error {
    fn from(e: jsonwebtoken::errors::Error) -> Self {
        Self::Internal(e.to_string())
    }
}

/// Collects field errors instead of stopping at the first.
#[derive(Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn check<T>(&mut self, result: std::result::Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Fields(self.0))
        }
    }
}
