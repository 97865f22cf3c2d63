//! What a browser downloads: the pages after sign-in and the users list are
//! split out of the main wasm module (each fetched when first opened, which
//! the browser tests of those pages exercise), and the server sends the
//! files gzipped and has them revalidated.

use std::path::PathBuf;

use switchboard_e2e::start_portal;

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
