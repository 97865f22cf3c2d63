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
    let (input, work_str) = (path_str(&input)?, path_str(&work)?);
    sh("wasm-split-cli", &[input, work_str, "--target", "web", "--out-name", &stem], &[])?;
    let main = work.join(format!("{stem}.wasm"));
    let bindgen_out = work.join("bindgen");
    sh(
        "wasm-bindgen",
        &[
            path_str(&main)?,
            "--target",
            "web",
            "--out-dir",
            path_str(&bindgen_out)?,
            "--out-name",
            &stem,
            "--no-typescript",
            // The chunks call into the main module through its linker exports.
            "--keep-lld-exports",
        ],
        &[],
    )?;
    std::fs::remove_file(&main).map_err(|e| e.to_string())?;
    copy_dir(&bindgen_out, dist)?;
    std::fs::remove_dir_all(&bindgen_out).map_err(|e| e.to_string())?;
    copy_dir(&work, dist)?;
    std::fs::remove_dir_all(&work).map_err(|e| e.to_string())
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

fn copy_dir(from: &Path, to: &Path) -> Result {
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn path_str(path: &Path) -> Result<&str> {
    path.to_str().ok_or_else(|| format!("{} is not UTF-8", path.display()))
}
