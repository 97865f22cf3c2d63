//! The e-mail the portal sends: what each message says. Delivery is the
//! outbox's (`store::outbox`).

use crate::store::activation::TTL_HOURS;

pub struct Message {
    pub kind: &'static str,
    pub subject: &'static str,
    pub body: String,
}

/// The single-use link that lets a new person choose a password.
pub fn activation(name: &str, tenant: &str, link: &str) -> Message {
    Message {
        kind: "activation",
        subject: "Activate your Switchboard account",
        body: format!(
            "Hello {name},\n\nAn account on Switchboard has been made for you at {tenant}. Choose your password here \
             (the link works once, for {TTL_HOURS} hours):\n\n{link}\n\nIf you did not expect this, ignore this e-mail.\n"
        ),
    }
}

/// Where to get the UC clients (desktop and mobile) the person's roles give.
pub fn uc_welcome(name: &str, tenant: &str, downloads: &str) -> Message {
    Message {
        kind: "uc_welcome",
        subject: "Welcome to your UC clients",
        body: format!(
            "Hello {name},\n\n{tenant} has given you the UC clients: calls, chat and presence on your computer and \
             your phone. Download them here:\n\n{downloads}\n\nSign in to them with this e-mail address.\n"
        ),
    }
}
