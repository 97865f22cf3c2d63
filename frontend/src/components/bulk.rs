//! Bulk actions on the selected users: add or remove a role, or send the
//! activation e-mail. Every row's change is planned with the same
//! `shared::roles::toggle` the editor uses and shown, with its licence
//! impact, before anything is applied; then each row says how it went.

use std::collections::BTreeMap;

use leptos::prelude::*;
use switchboard_shared::{
    roles::{licence_delta, toggle, Context, RoleSet, Violation, CATALOGUE},
    user_mail, PatchUser, TenantId, TenantKind, User,
};

use crate::{
    api::{self, ApiError},
    i18n::{role_name, text, text_with, tr, use_i18n, violation_text, Lang},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    AddRole,
    RemoveRole,
    SendActivation,
}

/// What applying would do to one user.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// The roles after the change, and what it adds and removes.
    Roles {
        after: RoleSet,
        added: RoleSet,
        removed: RoleSet,
    },
    SendActivation,
    /// Nothing to do (already so, or activated already).
    Nothing,
    /// The rules refuse it for this user.
    Refused(Violation),
}

/// The plan for one user; the server checks it again when applied.
pub fn plan(act: Act, role: &str, user: &User, kind: TenantKind) -> Plan {
    let before = RoleSet::parse(user.roles.iter().map(String::as_str)).0;
    if act == Act::SendActivation {
        return if user_mail::activation_refusal(user.status, user.service_user, &before).is_none() {
            Plan::SendActivation
        } else {
            Plan::Nothing
        };
    }
    let ctx = Context { tenant_kind: kind, service_user: user.service_user };
    let out = toggle(before, role, act == Act::AddRole, &ctx);
    match out.refused {
        Some(v) => Plan::Refused(v),
        None if out.roles == before => Plan::Nothing,
        None => {
            Plan::Roles { after: out.roles, added: out.roles.difference(before), removed: before.difference(out.roles) }
        }
    }
}

/// The licences the whole change adds and removes, counted per role.
pub fn licence_totals(plans: &[(User, Plan)]) -> (BTreeMap<String, usize>, BTreeMap<String, usize>) {
    let (mut added, mut removed) = (BTreeMap::new(), BTreeMap::new());
    for (user, p) in plans {
        if let Plan::Roles { after, .. } = p {
            let before = RoleSet::parse(user.roles.iter().map(String::as_str)).0;
            let delta = licence_delta(&before, after);
            for k in delta.added {
                *added.entry(k).or_default() += 1;
            }
            for k in delta.removed {
                *removed.entry(k).or_default() += 1;
            }
        }
    }
    (added, removed)
}

/// "3 × Professional user, 1 × Agent add-on".
fn counted(lang: Lang, counts: &BTreeMap<String, usize>) -> String {
    counts.iter().map(|(k, n)| format!("{n} × {}", role_name(lang, k))).collect::<Vec<_>>().join(", ")
}

/// One row of the preview, in words.
pub fn plan_text(lang: Lang, p: &Plan) -> String {
    let names = |set: &RoleSet| set.iter().map(|r| role_name(lang, r.key)).collect::<Vec<_>>().join(", ");
    match p {
        Plan::Roles { added, removed, .. } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(text_with(lang, "audit-roles-added", &[("roles", names(added).into())]));
            }
            if !removed.is_empty() {
                parts.push(text_with(lang, "audit-roles-removed", &[("roles", names(removed).into())]));
            }
            parts.join(" ")
        }
        Plan::SendActivation => text(lang, "bulk-will-send"),
        Plan::Nothing => text(lang, "bulk-nothing"),
        Plan::Refused(v) => violation_text(lang, v),
    }
}

/// Applying a previewed change: each row's outcome, by name. The list re-keys
/// on its version, so it shows the change once applied.
pub type Apply = Action<Vec<(User, Plan)>, Vec<(String, Result<(), ApiError>)>>;

pub fn apply(tenant_id: Memo<TenantId>) -> Apply {
    Action::new_local(move |plans: &Vec<(User, Plan)>| {
        let (plans, tenant) = (plans.clone(), tenant_id.get_untracked());
        async move {
            let mut outcomes = Vec::new();
            for (user, p) in plans {
                let outcome = match p {
                    Plan::Roles { after, .. } => {
                        let body = PatchUser { roles: Some(after.to_strings()), ..PatchUser::default() };
                        api::patch_user(tenant.clone(), user.id.clone(), user.version, body).await.map(|_| ())
                    }
                    Plan::SendActivation => {
                        api::send_mail(tenant.clone(), user.id.clone(), api::UserMail::Activation).await
                    }
                    Plan::Nothing | Plan::Refused(_) => continue,
                };
                outcomes.push((user.display_name, outcome));
            }
            outcomes
        }
    })
}

/// The bar above the table while rows are selected.
#[component]
pub fn BulkBar(kind: TenantKind, selected: RwSignal<Vec<User>>, apply: Apply) -> impl IntoView {
    let i18n = use_i18n();
    let act = RwSignal::new(Act::AddRole);
    let role = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Vec<(User, Plan)>>);
    // An applied preview is done with.
    Effect::new(move || {
        apply.version().track();
        preview.set(None);
    });
    let roles: StoredValue<Vec<&'static str>> =
        StoredValue::new(CATALOGUE.iter().filter(|r| r.tenant_kind == kind && !r.read_only).map(|r| r.key).collect());
    let make_preview = move |_| {
        apply.value().set(None);
        let (a, r) = (act.get_untracked(), role.get_untracked());
        if a != Act::SendActivation && r.is_empty() {
            return;
        }
        preview.set(Some(
            selected
                .get_untracked()
                .into_iter()
                .map(|u| {
                    let p = plan(a, &r, &u, kind);
                    (u, p)
                })
                .collect(),
        ));
    };
    let choose_act = move |ev| {
        act.set(match event_target_value(&ev).as_str() {
            "remove" => Act::RemoveRole,
            "activation" => Act::SendActivation,
            _ => Act::AddRole,
        });
        preview.set(None);
    };
    view! {
        <section class="bulk" aria-label=tr("bulk-title")>
            {move || (!selected.with(Vec::is_empty)).then(|| view! {
                <p><strong>{move || i18n.tr_with("bulk-selected", &[("count", (selected.with(Vec::len) as u64).into())])}</strong></p>
                <div class="filters">
                    <label>
                        {tr("bulk-action")}
                        <select aria-label=tr("bulk-action") on:change=choose_act>
                            <option value="add">{tr("bulk-add-role")}</option>
                            <option value="remove">{tr("bulk-remove-role")}</option>
                            <option value="activation">{tr("send-activation")}</option>
                        </select>
                    </label>
                    {move || (act.get() != Act::SendActivation).then(|| {
                        let roles = roles.get_value();
                        view! {
                            <label>
                                {tr("filter-role")}
                                <select aria-label=tr("bulk-role") on:change=move |ev| { role.set(event_target_value(&ev)); preview.set(None); }>
                                    <option value="" selected=move || role.with(String::is_empty)>"—"</option>
                                    {roles.into_iter().map(|k| view! {
                                        <option value=k selected=move || role.with(|r| r == k)>{move || role_name(i18n.lang(), k)}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                        }
                    })}
                    <button type="button" on:click=make_preview>{tr("bulk-preview")}</button>
                </div>
            })}
            {move || preview.get().map(|plans| {
                let (added, removed) = licence_totals(&plans);
                let lang = i18n.lang();
                let todo = plans.iter().filter(|(_, p)| matches!(p, Plan::Roles { .. } | Plan::SendActivation)).count();
                let for_apply = plans.clone();
                view! {
                    <div class="preview" role="region" aria-label=tr("bulk-preview")>
                        <ul>
                            {plans.into_iter().map(|(u, p)| view! {
                                <li class:error=matches!(p, Plan::Refused(_))><strong>{u.display_name}</strong>": " {plan_text(lang, &p)}</li>
                            }).collect_view()}
                        </ul>
                        {(!added.is_empty()).then(|| view! { <p class="added">{text_with(lang, "licence-adds", &[("roles", counted(lang, &added).into())])}</p> })}
                        {(!removed.is_empty()).then(|| view! { <p class="removed">{text_with(lang, "licence-removes", &[("roles", counted(lang, &removed).into())])}</p> })}
                        <button type="button" class="primary" disabled=move || todo == 0 || apply.pending().get()
                            on:click=move |_| { apply.dispatch(for_apply.clone()); }>
                            {text_with(lang, "bulk-apply", &[("count", (todo as u64).into())])}
                        </button>
                        <button type="button" on:click=move |_| preview.set(None)>{tr("cancel")}</button>
                    </div>
                }
            })}
            {move || apply.value().get().filter(|outcomes| !outcomes.is_empty()).map(|outcomes| view! {
                <ul class="results" role="status">
                    {outcomes.into_iter().map(|(name, r)| match r {
                        Ok(()) => view! { <li class="ok">{name}": " {i18n.tr("bulk-row-done")}</li> }.into_any(),
                        Err(e) => view! { <li class="error">{name}": " {i18n.error(&e)}</li> }.into_any(),
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[cfg(test)]
mod tests;
