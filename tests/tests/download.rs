//! What a browser downloads: the pages after sign-in and the users list are
//! split out of the main wasm module (each fetched when first opened, which
//! the browser tests of those pages exercise; the editor already while the
//! users list is shown; a page whose module cannot be fetched says to
//! reload), and the server sends the files gzipped and has them revalidated.

use std::path::PathBuf;

use fantoccini::Locator;
use switchboard_e2e::{cell, eventually, link, page_errors, run, run_with, sign_in, start_portal, DEMO_PASSWORD};

fn dist() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

fn dist_files() -> Vec<String> {
    let entries = std::fs::read_dir(dist()).expect("the SPA is built: run `cargo xtask test`");
    entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect()
}

#[test]
fn every_page_past_the_users_list_is_its_own_module() {
    let files = dist_files();
    assert!(files.iter().any(|f| f == "__wasm_split.js"), "no split loader in {files:?}");
    for page in ["activate", "user_editor", "devices", "licences", "audit", "outbox", "import", "onboarding"] {
        let prefix = format!("split___{page}_route_view_");
        assert!(files.iter().any(|f| f.starts_with(&prefix) && f.ends_with(".wasm")), "{page} is not split out");
    }
}

#[tokio::test]
async fn the_portal_is_sent_gzipped_and_revalidated() {
    let portal = start_portal(|_| {}).await;
    let main = dist_files().into_iter().find(|f| f.ends_with("_bg.wasm")).expect("the main module");
    let size = std::fs::metadata(dist().join(&main)).unwrap().len();
    let http = reqwest::Client::new();
    let get = |path: String, encoding: &'static str| {
        http.get(format!("{}/{path}", portal.url)).header("accept-encoding", encoding).send()
    };

    let gzipped = get(main.clone(), "gzip, br").await.unwrap();
    assert_eq!(gzipped.status(), 200);
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert_eq!(gzipped.headers()["content-type"], "application/wasm");
    assert_eq!(gzipped.headers()["cache-control"], "no-cache");
    let sent = gzipped.bytes().await.unwrap().len() as u64;
    assert!(sent < size / 2, "{sent} bytes sent for a {size}-byte module");

    let plain = get(main, "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.unwrap().len() as u64, size);

    let loader = get("__wasm_split.js".into(), "gzip").await.unwrap();
    assert_eq!(loader.status(), 200);
    assert_eq!(loader.headers()["cache-control"], "no-cache");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_list_fetches_the_editor_before_it_is_opened() {
    run("the_users_list_fetches_the_editor_before_it_is_opened", |client, url| async move {
        let fetched = "return performance.getEntriesByType('resource').map(e => e.name).join(' ')";
        sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
        cell(&client, "admin@acme.example").await?;
        let editor_fetched = || async {
            let names = client.execute(fetched, vec![]).await.ok().and_then(|v| v.as_str().map(str::to_owned));
            names.unwrap_or_default().contains("split___user_editor_route_view")
        };
        if !eventually(editor_fetched).await {
            return Err("the editor's module was not fetched while the list was shown".into());
        }
        if !client.current_url().await?.path().ends_with("/users") {
            return Err("the list was left".into());
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_module_cannot_be_fetched_asks_for_a_reload() {
    // The built portal with the Devices page's module gone, as if the
    // network failed when it was fetched.
    let broken = tempfile::tempdir().unwrap();
    for name in dist_files() {
        let from = dist().join(&name);
        if from.is_file() && !name.starts_with("split___devices_route_view_") {
            std::fs::copy(&from, broken.path().join(&name)).unwrap();
        }
    }
    let dist_dir = broken.path().to_owned();
    run_with(
        "a_page_whose_module_cannot_be_fetched_asks_for_a_reload",
        |c| c.dist_dir = dist_dir,
        |client, url| async move {
            sign_in(&client, &url, "admin@acme.example", DEMO_PASSWORD).await?;
            cell(&client, "admin@acme.example").await?;
            link(&client, "Devices").await?.click().await?;
            let banner = Locator::XPath("//*[@role='alert' and contains(., 'the portal stopped')]");
            client.wait().for_element(banner).await?;
            link(&client, "Reload").await?;
            // The one failure this test expects: the loader's panic (and
            // the trap that ends the module). The guard sees what follows.
            let failures = page_errors(&client).await?;
            let expected = |f: &String| f.contains("SplitLoaderError") || f.contains("RuntimeError: unreachable");
            if failures.is_empty() || !failures.iter().all(expected) {
                return Err(format!("other failures than the missing module's: {failures:#?}").into());
            }
            // Loaded afresh, a page whose module is there works again.
            client.goto(&url).await?;
            cell(&client, "admin@acme.example").await?;
            Ok(())
        },
    )
    .await;
}
