//! The ids of the things the API names. Each is an opaque string on the wire
//! (`#[serde(transparent)]`), but a distinct type in code, so a user's id
//! cannot be passed where a tenant's is meant.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What an id may be in the OpenAPI document: any text without control characters.
#[cfg(feature = "openapi")]
const PATTERN: &str = r"^[^\x00-\x1F\x7F-\x9F]*$";

macro_rules! ids {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {$(
        $(#[doc = $doc])*
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        /// An id with a control character is no id (and PostgreSQL could not
        /// even look one up): refused as it is read.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let id = String::deserialize(d)?;
                if id.chars().any(char::is_control) {
                    return Err(serde::de::Error::custom("an id has no control characters"));
                }
                Ok(Self(id))
            }
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some(PATTERN))
                    .description(Some(concat!($($doc),*).trim()))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    )*};
}

ids! {
    /// A tenant: the platform, a reseller or a customer.
    TenantId,
    /// A user (a person or a service user) of a tenant.
    UserId,
    /// A device of a tenant.
    DeviceId,
    /// An API key of a service user.
    ApiKeyId,
    /// A session: one sign-in of a person, and the refresh tokens rotated from it.
    SessionId,
    /// A passkey (WebAuthn credential) of a person.
    PasskeyId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_string_on_the_wire() {
        let id = UserId::from("u-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"u-1\"");
        assert_eq!(serde_json::from_str::<UserId>("\"u-1\"").unwrap(), id);
        assert_eq!(id.to_string(), "u-1");
        assert!(serde_json::from_str::<UserId>("\"u\\u0000\"").is_err());
    }
}
