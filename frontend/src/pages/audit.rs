use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};
use serde_json::Value;
use switchboard_shared::{AuditAction, AuditEvent, TenantId, UserId};

use crate::{
    api,
    components::{
        frame::in_frame,
        paged::{paged, ShowMore},
        problem::Loaded,
    },
    i18n::{date_time, role_list, text, text_with, tr, use_i18n, Lang},
    paths::{self, Section},
};

/// `/t/{tenantId}/audit` (`?user=` for one user's history): who changed
/// what and when, newest first.
#[component]
pub fn AuditPage() -> impl IntoView {
    in_frame(|_, tenant_id| view! { <AuditTrail tenant_id=tenant_id /> })
}

#[component]
fn AuditTrail(tenant_id: Memo<TenantId>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let user = Memo::new(move |_| query.read().get("user").map(UserId::from));
    let events = paged(move |cursor| api::audit(tenant_id.get(), user.get(), cursor));
    let (first, more) = (events.first, events.more);
    let row = move |e: AuditEvent| view! { <AuditRow tenant_id=tenant_id.get_untracked() event=e lang=i18n.lang() /> };
    view! {
        <h1>{tr("audit-title")}</h1>
        {move || user.get().map(|_| view! { <p><A href=paths::section(&tenant_id.get(), Section::Audit)>{tr("audit-everyone")}</A></p> })}
        <Loaded>
            {move || Suspend::new(async move { first.await.map(|p| if p.items.is_empty() {
                view! { <p class="muted">{tr("audit-empty")}</p> }.into_any()
            } else { view! {
                <div class="table-wrap">
                    <table class="audit">
                        <thead>
                            <tr>
                                <th scope="col">{tr("column-when")}</th>
                                <th scope="col">{tr("column-who")}</th>
                                <th scope="col">{tr("column-user")}</th>
                                <th scope="col">{tr("column-change")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {p.items.into_iter().map(row).collect_view()}
                            {move || more.get().into_iter().map(row).collect_view()}
                        </tbody>
                    </table>
                </div>
                <ShowMore paged=events />
            }
            .into_any() }) })}
        </Loaded>
    }
}

#[component]
fn AuditRow(tenant_id: TenantId, event: AuditEvent, lang: Lang) -> impl IntoView {
    let when = date_time(lang, &event.at);
    let who = event.actor_email.clone().unwrap_or_else(|| text(lang, "audit-system"));
    let name = field_value(&event.changes, "displayName").unwrap_or_else(|| text(lang, "audit-open-user"));
    let user = event.user_id.clone().map(|id| view! { <A href=paths::user_history(&tenant_id, &id)>{name}</A> });
    view! {
        <tr>
            <td class="nowrap"><time datetime=event.at.clone()>{when}</time></td>
            <td>{who}</td>
            <td>{user}</td>
            <td>
                <p class="action">{action_text(lang, event.action)}</p>
                <ul class="changes">{change_lines(lang, &event.changes).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </td>
        </tr>
    }
}

/// A field's value after the change (before it, for a deletion).
fn field_value(changes: &Value, field: &str) -> Option<String> {
    let f = changes.get("fields")?.get(field)?;
    f.get("after").filter(|v| !v.is_null()).or_else(|| f.get("before")).and_then(Value::as_str).map(str::to_owned)
}

/// `user.created` → "Created"; an action the portal has no words for is shown as is.
fn action_text(lang: Lang, action: AuditAction) -> String {
    text(lang, &format!("action-{}", action.as_str().replace(['.', '_'], "-")))
}

/// The fields changed (before → after) and the roles added and removed.
fn change_lines(lang: Lang, changes: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(fields) = changes.get("fields").and_then(Value::as_object) {
        for (name, f) in fields {
            let shown = |v: Option<&Value>| match v {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => "—".to_owned(),
                Some(other) => other.to_string(),
            };
            let label = field_label(lang, name);
            lines.push(format!("{label}: {} → {}", shown(f.get("before")), shown(f.get("after"))));
        }
    }
    for (key, id) in [("rolesAdded", "audit-roles-added"), ("rolesRemoved", "audit-roles-removed")] {
        let roles: Vec<&str> =
            changes.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        if !roles.is_empty() {
            lines.push(text_with(lang, id, &[("roles", role_list(lang, roles).into())]));
        }
    }
    lines
}

/// The editor's label of an API field.
fn field_label(lang: Lang, field: &str) -> String {
    let id = match field {
        "displayName" => "display-name",
        "email" => "email",
        "extension" => "extension",
        "externalId" => "external-id",
        "timeZone" => "time-zone",
        "status" => "column-status",
        _ => return field.to_owned(),
    };
    text(lang, id)
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use switchboard_shared::AuditAction;

    use super::*;

    #[test]
    fn changes_are_said_field_by_field_and_role_by_role() {
        let changes = json!({
            "fields": { "displayName": { "before": "Ann", "after": "Anne" }, "extension": { "before": null, "after": "120" } },
            "rolesAdded": ["user.admin"],
            "rolesRemoved": ["customer.user.supervisorl1"],
        });
        assert_eq!(
            change_lines(Lang::En, &changes),
            [
                "Display name: Ann → Anne",
                "Extension: — → 120",
                "Roles added: Manage users",
                "Roles removed: Reports supervisor"
            ]
        );
        assert_eq!(change_lines(Lang::Fr, &changes)[2], "Rôles ajoutés : Gérer les utilisateurs");
        assert_eq!(field_value(&changes, "displayName").as_deref(), Some("Anne"));
    }

    #[test]
    fn every_action_the_server_records_has_words() {
        for lang in Lang::ALL {
            for &action in AuditAction::ALL.iter().chain([&AuditAction::Other]) {
                let id = format!("action-{}", action.as_str().replace(['.', '_'], "-"));
                assert_ne!(action_text(lang, action), id, "{action:?} in {}", lang.code());
            }
        }
        assert_eq!(action_text(Lang::En, AuditAction::parse("something.new")), "Another change");
    }
}
