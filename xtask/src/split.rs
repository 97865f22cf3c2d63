//! After `trunk build`: splits the portal's lazy pages (Leptos
//! `#[lazy_route]`) out of the wasm module, so the first page downloads only
//! what sign-in and the users list need and each other page is fetched when
//! first opened. Trunk 0.21 runs wasm-bindgen straight after cargo, with no
//! step between, so this redoes its last step: cargo's module (linked with
//! `--emit-relocs`, `.cargo/config.toml`) goes through `wasm-split-cli` (the
//! splitter cargo-leptos uses), then wasm-bindgen, and the result replaces
//! Trunk's files under the same names; the chunks and their loader
//! (`__wasm_split.js`) go beside them.

use std::path::{Path, PathBuf};

use crate::{output_all, sh, Result};

/// The splitter's crate and version: it must read what the `wasm_split_helpers`
/// Leptos links (0.2) writes.
pub const SPLITTER: (&str, &str) = ("wasm_split_cli_support", "0.2.4");

pub fn split_lazy_pages(dist: &Path) -> Result {
    let stem = trunk_stem(dist)?;
    let work = dist.join(".split");
    let _ = std::fs::remove_dir_all(&work);
    let input = cargo_wasm()?;
    sh("wasm-split-cli", &[path_str(&input)?, path_str(&work)?, "--target", "web", "--out-name", &stem], &[])?;
    let main = work.join(format!("{stem}.wasm"));
    // Written straight over Trunk's `{stem}.js` and `{stem}_bg.wasm`; the
    // chunks call into the main module through its linker exports.
    let (main_str, dist_str) = (path_str(&main)?, path_str(dist)?);
    sh(
        "wasm-bindgen",
        &[
            main_str,
            "--target",
            "web",
            "--out-dir",
            dist_str,
            "--out-name",
            &stem,
            "--no-typescript",
            "--keep-lld-exports",
        ],
        &[],
    )?;
    std::fs::remove_file(&main).map_err(|e| e.to_string())?;
    // The chunks and their loader, beside the main module (the loader fetches them relative to itself).
    for entry in std::fs::read_dir(&work).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        std::fs::rename(entry.path(), dist.join(entry.file_name())).map_err(|e| e.to_string())?;
    }
    std::fs::remove_dir(&work).map_err(|e| e.to_string())
}

/// Trunk's `switchboard-frontend-{hash}`, the name of its `.js` and `_bg.wasm`.
fn trunk_stem(dist: &Path) -> Result<String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find_map(|name| name.strip_suffix("_bg.wasm").map(str::to_owned))
        .ok_or_else(|| format!("{} holds no wasm module: did Trunk's output change?", dist.display()))
}

/// The module cargo linked for Trunk (the `wasm-release` profile of `frontend/index.html`).
fn cargo_wasm() -> Result<PathBuf> {
    let metadata =
        output_all("cargo", &["metadata", "--format-version", "1", "--no-deps"]).ok_or("`cargo metadata` failed")?;
    let key = "\"target_directory\":\"";
    let start = metadata.find(key).ok_or("`cargo metadata` names no target directory")? + key.len();
    let end = start + metadata[start..].find('"').ok_or("unreadable `cargo metadata`")?;
    let path = Path::new(&metadata[start..end]).join("wasm32-unknown-unknown/wasm-release/switchboard-frontend.wasm");
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{} is missing: did Trunk's build change?", path.display()))
    }
}

fn path_str(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| format!("{} is not UTF-8", path.display()))
}
