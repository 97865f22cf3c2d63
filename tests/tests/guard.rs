//! The harness's panic guard can fail a test: chromedriver's log reaches it
//! with the page's uncaught errors and panics, from every page the browser
//! went through.

use switchboard_e2e::{browser, page_errors, start_portal};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_guard_sees_uncaught_errors_and_panics_of_earlier_pages() {
    let portal = start_portal(|_| {}).await;
    let b = browser().await;
    let client = &b.client;
    client.goto(&format!("{}/login", portal.url)).await.expect("the sign-in page");
    client
        .execute("setTimeout(() => { throw new Error('thrown by the guard test') }, 0)", vec![])
        .await
        .expect("a script");
    // What the panic hook writes.
    client.execute("console.error('panicked at src/guard.rs:1:1: on purpose')", vec![]).await.expect("a script");
    // Another page: what the first one logged is still counted.
    client.goto(&format!("{}/forgot-password", portal.url)).await.expect("another page");
    let errors = page_errors(client).await.expect("the browser's log");
    let _ = client.clone().close().await;
    assert!(errors.iter().any(|e| e.contains("Uncaught Error: thrown by the guard test")), "{errors:#?}");
    assert!(errors.iter().any(|e| e.contains("panicked at src/guard.rs")), "{errors:#?}");
}
