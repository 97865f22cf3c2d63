//! The role panel: one real checkbox per role, grouped as in SPEC 4.1. Every
//! tick goes through `shared::roles::toggle`, the very rules the server
//! enforces, so what the panel allows is what saving accepts.

use leptos::prelude::*;
use switchboard_shared::roles::{
    licence_delta, shows_workspace_note, toggle, Category, Context, Outcome, RoleDef, RoleSet, Violation, CATALOGUE,
};

/// What the last click did besides its own box, said next to the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    /// The roles before the click, for "Undo".
    pub undo: RoleSet,
}

/// The sentence about one toggle's knock-on effects (none when it had none).
pub fn explain(key: &str, on: bool, before: RoleSet, out: &Outcome) -> Option<Note> {
    let name = RoleDef::get(key).map_or(key, |r| r.name);
    let names = |set: RoleSet| set.iter().map(|r| r.name).collect::<Vec<_>>().join(", ");
    let text = if let Some(refused) = &out.refused {
        refused.message.clone()
    } else if !out.added.is_empty() {
        format!("Also ticked {}: {name} requires it.", names(out.added))
    } else if !out.removed.is_empty() && on {
        format!("{name} replaces {}: only one supervisor level can be held.", names(out.removed))
    } else if !out.removed.is_empty() {
        format!("Also unticked {}: they require {name}.", names(out.removed))
    } else {
        return None;
    };
    Some(Note { text, undo: before })
}

fn category_title(category: Category) -> &'static str {
    match category {
        Category::Access => "User access type",
        Category::Supervisor => "Supervisor access (one at most)",
        Category::Permission => "Permissions",
        Category::Client => "Client features",
        Category::Staff => "Staff",
    }
}

/// Why a box cannot be changed, if it cannot.
fn locked_because(role: &RoleDef, ctx: &Context, editable: bool) -> Option<&'static str> {
    if !editable {
        Some("This user is configured at a higher level and is changed there.")
    } else if role.read_only {
        Some("Set by the PBX import; it cannot be changed here.")
    } else if ctx.service_user && role.licensed {
        Some("Server users cannot hold licensed roles.")
    } else {
        None
    }
}

/// The panel. `roles` is the pending set; `before` what is saved, for the
/// licence impact; `violations` the server's last refusal, shown by role.
#[component]
pub fn RolePanel(
    before: Signal<RoleSet>,
    roles: RwSignal<RoleSet>,
    ctx: Signal<Context>,
    violations: Signal<Vec<Violation>>,
    #[prop(default = true)] editable: bool,
) -> impl IntoView {
    let note = RwSignal::new(None::<Note>);
    let categories = [Category::Access, Category::Supervisor, Category::Permission, Category::Client, Category::Staff];
    let groups = move || {
        let kind = ctx.get().tenant_kind;
        categories
            .into_iter()
            .map(|c| (c, CATALOGUE.iter().filter(|r| r.category == c && r.tenant_kind == kind).collect::<Vec<_>>()))
            .filter(|(_, roles)| !roles.is_empty())
            .collect::<Vec<_>>()
    };
    let change = move |key: &'static str, on: bool| {
        let current = roles.get_untracked();
        let out = toggle(current, key, on, &ctx.get_untracked());
        note.set(explain(key, on, current, &out));
        roles.set(out.roles);
    };
    view! {
        <section class="role-panel" aria-labelledby="roles-title">
            <h2 id="roles-title">"Roles"</h2>
            // Kept in view while the boxes scroll: what the last click did and what saving will cost.
            <div class="pending">
                <p class="note" role="status" aria-live="polite">
                    {move || note.get().map(|n| view! {
                        {n.text}
                        " "
                        <button type="button" class="link" on:click=move |_| { roles.set(n.undo); note.set(None); }>"Undo"</button>
                    })}
                </p>
                <LicenceImpact before=before roles=roles.into() />
                {move || shows_workspace_note(&roles.get()).then(|| view! {
                    <p class="note">"A user administrator without a supervisor role cannot see workspaces."</p>
                })}
            </div>
            {move || violations.get().into_iter().filter(|v| v.role.is_none()).map(|v| view! {
                <p class="error" role="alert">{v.message}</p>
            }).collect_view()}
            {move || groups().into_iter().map(|(category, members)| view! {
                <fieldset class="role-group">
                    <legend>{category_title(category)}</legend>
                    {members.into_iter().map(|role| {
                        let key = role.key;
                        let id = format!("role-{}", key.replace('.', "-"));
                        let locked = move || locked_because(role, &ctx.get(), editable);
                        let problems = move || violations.get().into_iter().filter(|v| v.role.as_deref() == Some(key)).collect::<Vec<_>>();
                        let described = format!("{id}-about");
                        view! {
                            <div class="role" class:invalid=move || !problems().is_empty()>
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    aria-describedby=described.clone()
                                    prop:checked=move || roles.get().contains(key)
                                    disabled=move || locked().is_some()
                                    on:change=move |ev| change(key, event_target_checked(&ev))
                                />
                                <span class="role-title">
                                    <label for=id.clone()>{role.name}</label>
                                    {role.licensed.then(|| view! { <span class="badge licence">"Licence"</span> })}
                                    {role.read_only.then(|| view! { <span class="badge lock">"Read-only"</span> })}
                                </span>
                                <p class="muted role-about" id=described>
                                    {role.description}
                                    {move || locked().map(|why| view! { <br /><em>{why}</em> })}
                                </p>
                                {move || problems().into_iter().map(|v| view! { <p class="error">{v.message}</p> }).collect_view()}
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
        </section>
    }
}

/// SPEC 4.3: the licences the pending change adds and removes, before saving.
#[component]
fn LicenceImpact(before: Signal<RoleSet>, roles: Signal<RoleSet>) -> impl IntoView {
    let delta = move || licence_delta(&before.get(), &roles.get());
    let names = |keys: Vec<String>| {
        keys.iter().map(|k| RoleDef::get(k).map_or(k.as_str(), |r| r.name)).collect::<Vec<_>>().join(", ")
    };
    view! {
        <div class="licence-impact" role="status" aria-live="polite">
            {move || {
                let d = delta();
                if d.is_empty() {
                    view! { <p class="muted">"No licence changes."</p> }.into_any()
                } else {
                    view! {
                        <p><strong>"Licence changes on save:"</strong></p>
                        <ul>
                            {(!d.added.is_empty()).then(|| view! { <li class="added">"Adds: " {names(d.added.clone())}</li> })}
                            {(!d.removed.is_empty()).then(|| view! { <li class="removed">"Removes: " {names(d.removed.clone())}</li> })}
                        </ul>
                    }.into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use switchboard_shared::{
        roles::{keys, toggle, Context, RoleSet},
        TenantKind,
    };

    use super::explain;

    const CUSTOMER: Context = Context::person(TenantKind::Customer);

    fn note(held: &[&str], key: &str, on: bool) -> Option<String> {
        let before = RoleSet::of(held);
        explain(key, on, before, &toggle(before, key, on, &CUSTOMER)).map(|n| n.text)
    }

    #[test]
    fn ticking_names_the_prerequisites_it_ticks() {
        assert_eq!(
            note(&[], keys::USER_ADMIN, true).as_deref(),
            Some("Also ticked Website access: Manage users requires it.")
        );
        assert_eq!(note(&[keys::CUSTOMER_USER], keys::USER_ADMIN, true), None);
    }

    #[test]
    fn unticking_a_prerequisite_names_the_roles_that_go_with_it_and_can_be_undone() {
        let held = [keys::CUSTOMER_USER, keys::USER_ADMIN];
        let before = RoleSet::of(&held);
        let n = explain(keys::CUSTOMER_USER, false, before, &toggle(before, keys::CUSTOMER_USER, false, &CUSTOMER));
        let n = n.expect("a note");
        assert_eq!(n.text, "Also unticked Manage users: they require Website access.");
        assert_eq!(n.undo, before);
    }

    #[test]
    fn a_supervisor_level_says_which_level_it_replaces() {
        let held = [keys::CUSTOMER_USER, keys::SUPERVISOR_L1];
        let text = note(&held, keys::SUPERVISOR_L3, true).expect("a note");
        assert!(text.contains("replaces Reports supervisor"), "{text}");
    }

    #[test]
    fn a_read_only_role_says_why_it_cannot_change() {
        let text = note(&[], keys::ESSENTIAL, true).expect("a note");
        assert!(text.contains("PBX import"), "{text}");
    }
}
