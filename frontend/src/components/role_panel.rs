//! The role panel: one real checkbox per role, grouped as in the catalogue. Every
//! tick goes through `shared::roles::toggle`, the very rules the server
//! enforces, so what the panel allows is what saving accepts.

use leptos::prelude::*;
use switchboard_shared::roles::{
    licence_delta, shows_workspace_note, toggle, Category, Context, Outcome, RoleDef, RoleSet, Violation, CATALOGUE,
};

use crate::i18n::{role_description, role_list, role_name, text_with, tr, use_i18n, violation_text, Lang};

/// What the last click did besides its own box, said next to the panel.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub change: KnockOn,
    /// The role clicked.
    pub role: String,
    /// The roles before the click, for "Undo".
    pub undo: RoleSet,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KnockOn {
    /// The click was refused (a read-only role, say).
    Refused(Violation),
    /// Prerequisites ticked with it.
    AlsoTicked(RoleSet),
    /// The supervisor level it replaced.
    Replaces(RoleSet),
    /// Roles unticked with it, since they require it.
    AlsoUnticked(RoleSet),
}

/// One toggle's knock-on effects (none when it had none).
pub fn explain(key: &str, on: bool, before: RoleSet, out: &Outcome) -> Option<Note> {
    let change = if let Some(refused) = &out.refused {
        KnockOn::Refused(refused.clone())
    } else if !out.added.is_empty() {
        KnockOn::AlsoTicked(out.added)
    } else if !out.removed.is_empty() && on {
        KnockOn::Replaces(out.removed)
    } else if !out.removed.is_empty() {
        KnockOn::AlsoUnticked(out.removed)
    } else {
        return None;
    };
    Some(Note { change, role: key.to_owned(), undo: before })
}

/// The note as a sentence.
pub fn note_text(lang: Lang, note: &Note) -> String {
    let (id, others) = match &note.change {
        KnockOn::Refused(v) => return violation_text(lang, v),
        KnockOn::AlsoTicked(set) => ("note-also-ticked", set),
        KnockOn::Replaces(set) => ("note-replaces", set),
        KnockOn::AlsoUnticked(set) => ("note-also-unticked", set),
    };
    let others = role_list(lang, others.iter().map(|r| r.key));
    text_with(lang, id, &[("role", role_name(lang, &note.role).into()), ("others", others.into())])
}

fn category_title(category: Category) -> &'static str {
    match category {
        Category::Access => "category-access",
        Category::Supervisor => "category-supervisor",
        Category::Permission => "category-permission",
        Category::Client => "category-client",
        Category::Staff => "category-staff",
    }
}

/// Why a box cannot be changed, if it cannot (a message id).
fn locked_because(role: &RoleDef, ctx: &Context, editable: bool) -> Option<&'static str> {
    if !editable {
        Some("lock-parent")
    } else if role.read_only {
        Some("lock-read-only")
    } else if ctx.service_user && role.licensed {
        Some("lock-service-user")
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
    let i18n = use_i18n();
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
            <h2 id="roles-title">{tr("roles-title")}</h2>
            // Kept in view while the boxes scroll: what the last click did and what saving will cost.
            <div class="pending">
                <p class="note" role="status" aria-live="polite">
                    {move || note.get().map(|n| view! {
                        {note_text(i18n.lang(), &n)}
                        " "
                        <button type="button" class="link" on:click=move |_| { roles.set(n.undo); note.set(None); }>{tr("undo")}</button>
                    })}
                </p>
                <LicenceImpact before=before roles=roles.into() />
                {move || shows_workspace_note(&roles.get()).then(|| view! {
                    <p class="note">{tr("workspace-note")}</p>
                })}
            </div>
            {move || violations.get().into_iter().filter(|v| v.role.is_none()).map(|v| view! {
                <p class="error" role="alert">{i18n.violation(&v)}</p>
            }).collect_view()}
            {move || groups().into_iter().map(|(category, members)| view! {
                <fieldset class="role-group">
                    <legend>{i18n.tr(category_title(category))}</legend>
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
                                    <label for=id.clone()>{role_name(i18n.lang(), key)}</label>
                                    {role.licensed.then(|| view! { <span class="badge licence">{tr("badge-licence")}</span> })}
                                    {role.read_only.then(|| view! { <span class="badge lock">{tr("badge-read-only")}</span> })}
                                </span>
                                <p class="muted role-about" id=described>
                                    {role_description(i18n.lang(), key)}
                                    {move || locked().map(|why| view! { <br /><em>{i18n.tr(why)}</em> })}
                                </p>
                                {move || problems().into_iter().map(|v| view! { <p class="error">{i18n.violation(&v)}</p> }).collect_view()}
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
        </section>
    }
}

/// The licence impact: the licences the pending change adds and removes, before saving.
#[component]
fn LicenceImpact(before: Signal<RoleSet>, roles: Signal<RoleSet>) -> impl IntoView {
    let i18n = use_i18n();
    let delta = move || licence_delta(&before.get(), &roles.get());
    let names = move |keys: Vec<String>| role_list(i18n.lang(), keys.iter().map(String::as_str));
    view! {
        <div class="licence-impact" role="status" aria-live="polite">
            {move || {
                let d = delta();
                if d.is_empty() {
                    view! { <p class="muted">{tr("licence-none")}</p> }.into_any()
                } else {
                    view! {
                        <p><strong>{tr("licence-heading")}</strong></p>
                        <ul>
                            {(!d.added.is_empty()).then(|| view! { <li class="added">{i18n.tr_with("licence-adds", &[("roles", names(d.added.clone()).into())])}</li> })}
                            {(!d.removed.is_empty()).then(|| view! { <li class="removed">{i18n.tr_with("licence-removes", &[("roles", names(d.removed.clone()).into())])}</li> })}
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

    use super::{explain, note_text};
    use crate::i18n::Lang;

    const CUSTOMER: Context = Context::person(TenantKind::Customer);

    fn note_in(lang: Lang, held: &[&str], key: &str, on: bool) -> Option<String> {
        let before = RoleSet::of(held);
        explain(key, on, before, &toggle(before, key, on, &CUSTOMER)).map(|n| note_text(lang, &n))
    }

    fn note(held: &[&str], key: &str, on: bool) -> Option<String> {
        note_in(Lang::En, held, key, on)
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
        assert_eq!(note_text(Lang::En, &n), "Also unticked Manage users: they require Website access.");
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

    #[test]
    fn group_titles_and_lock_reasons_have_words() {
        use switchboard_shared::roles::{Category, RoleDef};
        let categories =
            [Category::Access, Category::Supervisor, Category::Permission, Category::Client, Category::Staff];
        let mut ids: Vec<&str> = categories.into_iter().map(super::category_title).collect();
        let person = Context::person(TenantKind::Customer);
        let server = Context { service_user: true, ..person };
        let (essential, remote) = (RoleDef::get(keys::ESSENTIAL).unwrap(), RoleDef::get(keys::REMOTE).unwrap());
        ids.extend(super::locked_because(essential, &person, false));
        ids.extend(super::locked_because(essential, &person, true));
        ids.extend(super::locked_because(remote, &server, true));
        assert_eq!(ids.len(), 8);
        for id in ids {
            assert_ne!(crate::i18n::text(Lang::En, id), id);
        }
    }

    #[test]
    fn notes_are_said_in_the_chosen_language() {
        assert_eq!(
            note_in(Lang::Fr, &[], keys::USER_ADMIN, true).as_deref(),
            Some("Également coché : Accès au site, requis par Gérer les utilisateurs.")
        );
        let held = [keys::CUSTOMER_USER, keys::SUPERVISOR_L1];
        let text = note_in(Lang::Ru, &held, keys::SUPERVISOR_L3, true).expect("a note");
        assert_eq!(
            text,
            "«Супервизор живой аналитики» заменяет «Супервизор отчётов»: уровень супервизора может быть только один."
        );
    }
}
