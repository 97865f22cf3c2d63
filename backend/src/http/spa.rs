//! The built SPA: static files from Trunk's `dist/`, and `index.html` for any
//! other path so that client-side routes survive a reload.

use std::path::Path;

use axum::{
    http::{header, HeaderValue},
    response::Html,
    routing::get_service,
    Router,
};
use tower_http::{
    compression::CompressionLayer,
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

pub fn service<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let index = dist.join("index.html");
    if !index.exists() {
        tracing::warn!(dist = %dist.display(), "the SPA is not built; `cargo xtask run` builds it");
        return Router::new().fallback(|| async {
            Html("<!doctype html><title>Switchboard</title><p>The portal is not built. Run <code>cargo xtask run</code>.</p>")
        });
    }
    // Revalidated on every use (a 304 when unchanged): the lazy pages' wasm
    // chunks and their loader keep their names from one build to the next,
    // unlike Trunk's hashed files, and must never be mixed across builds.
    // Gzipped for browsers that ask: the wasm is a third of its size so.
    Router::new()
        .fallback_service(get_service(ServeDir::new(dist).fallback(ServeFile::new(index))))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
}
