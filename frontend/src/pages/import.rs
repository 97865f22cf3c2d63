use leptos::prelude::*;
use switchboard_shared::{fields::FieldError, ImportReport, RowError, TenantId};
use wasm_bindgen::JsCast;

use crate::{
    api::{self, ApiError},
    components::{frame::in_frame, problem::Loaded},
    i18n::{field_text, tr, use_i18n, I18n},
};

/// `/t/{tenantId}/import`: a customer's users imported from a CSV file or
/// its PBX directory.
#[component]
pub fn ImportPage() -> impl IntoView {
    in_frame(|_, tenant_id| view! { <ImportForCustomer tenant_id=tenant_id.get() /> })
}

/// The import of a customer, offering its PBX when it has one.
#[component]
fn ImportForCustomer(tenant_id: TenantId) -> impl IntoView {
    let id = tenant_id.clone();
    let customer = LocalResource::new(move || api::customer(id.clone()));
    let page = move || {
        let tenant_id = tenant_id.clone();
        Suspend::new(async move {
            customer.await.map(|c| view! { <ImportUsers tenant_id=tenant_id has_pbx=c.pbx.is_some() /> })
        })
    };
    view! {
        <h1>{tr("import-title")}</h1>
        <Loaded>{page}</Loaded>
    }
}

/// Where the rows come from.
#[derive(Clone)]
enum Source {
    Pbx,
    Csv { text: String, rows: u64 },
}

impl Source {
    async fn import(self, tenant: TenantId, dry_run: bool) -> Result<ImportReport, ApiError> {
        match self {
            Source::Pbx => api::sync_pbx(tenant, dry_run).await,
            Source::Csv { text, .. } => api::import_users(tenant, text, dry_run).await,
        }
    }
}

/// Choose a CSV file (or the PBX), see what the import would do (a dry
/// run: new, changed, unchanged, or every bad row with its reason), then
/// import. `imported` hears of a finished import.
#[component]
pub fn ImportUsers(
    tenant_id: TenantId,
    has_pbx: bool,
    #[prop(optional)] imported: Option<Callback<ImportReport>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let source = RwSignal::new(None::<Source>);
    let tenant = tenant_id.clone();
    let preview = Action::new_local(move |s: &Source| s.clone().import(tenant.clone(), true));
    let tenant = tenant_id.clone();
    let run = Action::new_local(move |s: &Source| {
        let (s, tenant) = (s.clone(), tenant.clone());
        async move {
            let report = s.import(tenant, false).await;
            if let (Ok(r), Some(done)) = (&report, imported) {
                done.run(r.clone());
            }
            report
        }
    });
    let choose = move |s: Source| {
        source.set(Some(s.clone()));
        run.value().set(None);
        preview.dispatch(s);
    };
    // A file is read after the click, and the page may be gone by then: the
    // reading is the page's, and ends with it.
    let owner = Owner::current();
    let read_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let Some(owner) = owner.clone() else { return };
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    let text = text.as_string().unwrap_or_default();
                    let rows = text.lines().skip(1).filter(|l| !l.trim().is_empty()).count() as u64;
                    choose(Source::Csv { text, rows });
                }
            })
        });
    };
    let counts = move |r: &ImportReport| -> [(&'static str, crate::i18n::Arg); 3] {
        [
            ("created", (r.created as u64).into()),
            ("updated", (r.updated as u64).into()),
            ("unchanged", (r.unchanged as u64).into()),
        ]
    };
    let preview_view = move || {
        if preview.pending().get() {
            return Some(view! { <p role="status"><progress></progress>" "{tr("import-checking")}</p> }.into_any());
        }
        Some(match preview.value().get()? {
            Ok(r) => view! {
                <p role="status">{i18n.tr_with("import-preview", &counts(&r))}</p>
                {move || (run.value().get().is_none() && !run.pending().get()).then(|| view! {
                    <button type="button" class="primary" on:click=move |_| { if let Some(s) = source.get_untracked() { run.dispatch(s); } }>
                        {tr("import-run")}
                    </button>
                })}
            }
            .into_any(),
            Err(e) if !e.details.rows.is_empty() => bad_rows(i18n, &e.details.rows).into_any(),
            Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
        })
    };
    let run_view = move || {
        if run.pending().get() {
            let rows = match source.get() {
                Some(Source::Csv { rows, .. }) => rows,
                _ => 0,
            };
            return Some(
                view! { <p role="status"><progress></progress>" "{i18n.tr_with("import-running", &[("rows", rows.into())])}</p> }
                    .into_any(),
            );
        }
        Some(match run.value().get()? {
            Ok(r) => view! { <p role="status" class="done">{i18n.tr_with("import-done", &counts(&r))}</p> }.into_any(),
            Err(e) if !e.details.rows.is_empty() => bad_rows(i18n, &e.details.rows).into_any(),
            Err(e) => view! { <p class="error" role="alert">{i18n.error(&e)}</p> }.into_any(),
        })
    };
    view! {
        <section class="import" aria-labelledby="import-section">
            <h2 id="import-section" class="visually-hidden">{tr("import-title")}</h2>
            <p class="muted">{tr("import-intro")}</p>
            {has_pbx.then(|| view! {
                <p><button type="button" on:click=move |_| choose(Source::Pbx)>{tr("import-preview-pbx")}</button></p>
            })}
            <div class="field">
                <label for="import-file">{tr("import-file")}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" aria-describedby="import-file-help" on:change=read_file />
                <p id="import-file-help" class="muted">{tr("import-file-help")}</p>
            </div>
            {preview_view}
            {run_view}
        </section>
    }
}

/// Every row that cannot be imported, with its reason in the reader's language.
fn bad_rows(i18n: I18n, rows: &[RowError]) -> impl IntoView {
    let count = rows.len() as u64;
    let rows = rows.to_vec();
    view! {
        <p class="error" role="alert">{move || i18n.tr_with("import-bad-rows", &[("count", count.into())])}</p>
        <div class="table-wrap">
            <table class="import-errors">
                <thead>
                    <tr>
                        <th scope="col">{tr("column-row")}</th>
                        <th scope="col">{tr("column-column")}</th>
                        <th scope="col">{tr("column-reason")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let field = r.field.clone().unwrap_or_default();
                        let error = FieldError { field: field.clone(), code: r.code.clone(), message: r.message.clone() };
                        view! {
                            <tr>
                                <td>{r.row}</td>
                                <td class="mono">{field}</td>
                                <td>{move || field_text(i18n.lang(), &error)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
