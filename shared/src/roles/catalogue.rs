//! The role catalogue, as data. Order is display order.

use super::{Category, RoleDef};
use crate::TenantKind::{Customer, Platform, Reseller};

/// Stable role keys used by code (the rest are only data).
pub mod keys {
    pub const ESSENTIAL: &str = "customer.user.pbx";
    pub const ESSENTIAL_GB: &str = "customer.user.uc.essential";
    pub const REMOTE: &str = "customer.user.uc.remote";
    pub const REALTIME: &str = "customer.user.pbx.realtime";
    pub const ACD: &str = "customer.user.acd";
    pub const TEAMS: &str = "customer.user.microsoftteams";
    pub const SUPERVISOR_L1: &str = "customer.user.supervisorl1";
    pub const SUPERVISOR_L2: &str = "customer.user.supervisorl2";
    pub const SUPERVISOR_L3: &str = "customer.user.supervisorl3";
    pub const SUPERVISOR_L4: &str = "customer.user.supervisorl4";
    pub const SUPERVISOR_L5: &str = "customer.user.supervisorl5";
    pub const CUSTOMER_USER: &str = "customer.user";
    pub const USER_ADMIN: &str = "user.admin";
    pub const SETTINGS: &str = "customer.settings";
    pub const DEVICE_ADMIN: &str = "customer.device.admin";
    pub const DEVICE_READONLY: &str = "customer.device.readonly";
    pub const ONBOARDING_ADMIN: &str = "onboarding.admin";
    pub const UC: &str = "customer.user.uc";
    pub const SOFTPHONE: &str = "customer.user.uc.softphone";
    pub const RESELLER_ADMIN: &str = "reseller.admin";
    pub const PLATFORM_ADMIN: &str = "platform.admin";
}

use keys::*;

pub const SUPERVISOR_GROUP: &str = "supervisor";
pub const ESSENTIAL_GROUP: &str = "essential";

const fn role(key: &'static str, category: Category, name: &'static str, description: &'static str) -> RoleDef {
    RoleDef {
        key,
        category,
        name,
        description,
        requires: &[],
        licensed: false,
        read_only: false,
        exclusive_group: None,
        level: None,
        stands_in_for: None,
        tenant_kind: Customer,
    }
}

const fn licence(def: RoleDef) -> RoleDef {
    RoleDef { licensed: true, ..def }
}

const fn supervisor(key: &'static str, level: u8, name: &'static str, description: &'static str) -> RoleDef {
    RoleDef {
        requires: &[CUSTOMER_USER],
        exclusive_group: Some(SUPERVISOR_GROUP),
        level: Some(level),
        ..licence(role(key, Category::Supervisor, name, description))
    }
}

const fn permission(key: &'static str, name: &'static str, description: &'static str) -> RoleDef {
    RoleDef { requires: &[CUSTOMER_USER], ..role(key, Category::Permission, name, description) }
}

pub static CATALOGUE: [RoleDef; 31] = [
    // User access type (PBX feature licences).
    RoleDef {
        read_only: true,
        exclusive_group: Some(ESSENTIAL_GROUP),
        ..licence(role(
            ESSENTIAL,
            Category::Access,
            "Essential user",
            "Call modelling and logging for the user. Assigned by the PBX import.",
        ))
    },
    RoleDef {
        read_only: true,
        exclusive_group: Some(ESSENTIAL_GROUP),
        stands_in_for: Some(ESSENTIAL),
        ..licence(role(
            ESSENTIAL_GB,
            Category::Access,
            "Essential user (UK)",
            "Replaces Essential user in UK tenants. Assigned by the PBX import.",
        ))
    },
    RoleDef {
        requires: &[UC],
        ..licence(role(
            REMOTE,
            Category::Access,
            "Professional user",
            "Softphone and mobile features of the UC client.",
        ))
    },
    RoleDef {
        requires: &[ESSENTIAL],
        ..licence(role(REALTIME, Category::Access, "Real-time add-on", "Real-time call modelling for the user."))
    },
    RoleDef {
        requires: &[ESSENTIAL],
        ..licence(role(
            ACD,
            Category::Access,
            "Agent add-on",
            "ACD event modelling and the ACD features of the UC client.",
        ))
    },
    licence(role(TEAMS, Category::Access, "Microsoft Teams user", "The user's Teams calls are monitored.")),
    // Supervisor access: one level at most; each includes the levels below.
    supervisor(SUPERVISOR_L1, 1, "Reports supervisor", "Workspaces and historical reports."),
    supervisor(SUPERVISOR_L2, 2, "Analytics supervisor", "Dashboard and historical reports."),
    supervisor(
        SUPERVISOR_L3,
        3,
        "Live analytics supervisor",
        "Reports, dashboards and wallboards with active-call statistics.",
    ),
    supervisor(SUPERVISOR_L4, 4, "Contact centre supervisor", "Level 3 plus live queue and agent grids."),
    supervisor(SUPERVISOR_L5, 5, "Insights supervisor", "Insights reports, dashboard and wallboard."),
    // Permissions.
    role(CUSTOMER_USER, Category::Permission, "Website access", "Log in to the portal."),
    permission(USER_ADMIN, "Manage users", "Create and manage users."),
    permission("customer.billables.admin", "Manage billable items", "Changes that affect billing."),
    permission(DEVICE_READONLY, "Device access", "Read-only access to the tenant's devices."),
    permission(DEVICE_ADMIN, "Device administrator", "Change the tenant's devices."),
    permission(SETTINGS, "Customer settings", "Organisation-wide settings."),
    permission("customer.directories.contributor", "Manage contact directories", "Edit contact directories."),
    RoleDef {
        requires: &[CUSTOMER_USER, SETTINGS],
        ..permission("customer.workspace.admin", "Workspace administrator", "Manage workspaces.")
    },
    permission("customer.voice.applications", "Phone system applications", "Configure voice applications."),
    permission("customer.voice.admin", "Phone system administrator", "Administer voice applications."),
    permission(ONBOARDING_ADMIN, "REST API administrator", "Configure the REST API service (service users, API keys)."),
    permission("webhooks.admin", "Webhooks admin", "Configure webhook triggers."),
    permission(
        "pbx.agentcontrol",
        "Supervisor agent control",
        "Change another user's agent status from the dashboard.",
    ),
    permission(
        "pbx.silentmonitor",
        "Silent monitor",
        "Listen to, whisper into, barge into and take over other users' calls.",
    ),
    permission("recording.listener", "Recording playback", "Play call recordings from the call segmentation view."),
    // Clients.
    RoleDef {
        requires: &[CUSTOMER_USER],
        ..role(UC, Category::Client, "UC client", "The desktop UC client in CTI mode.")
    },
    RoleDef {
        requires: &[CUSTOMER_USER],
        ..role("customer.user.crm", Category::Client, "CRM client", "The CRM integrations (e.g. Salesforce, Dynamics).")
    },
    RoleDef {
        requires: &[UC],
        ..role(SOFTPHONE, Category::Client, "Softphones", "The softphone features of the UC client.")
    },
    // Staff of resellers and of the platform.
    RoleDef {
        tenant_kind: Reseller,
        ..role(
            RESELLER_ADMIN,
            Category::Staff,
            "Reseller administrator",
            "Manage the reseller's customers and their settings, and act in any of them.",
        )
    },
    RoleDef {
        tenant_kind: Platform,
        ..role(PLATFORM_ADMIN, Category::Staff, "Platform administrator", "Everything, in every tenant.")
    },
];
