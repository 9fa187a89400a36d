//! Where things are: the workspace, the app binary, the helper programs, and the artifacts
//! folder that keeps screenshots and logs of every run.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The workspace root: this package lives in `<workspace>/tests`.
pub fn workspace() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// `<workspace>/target/e2e-artifacts`, created when missing.
pub fn artifacts_dir() -> Result<PathBuf> {
    let dir = workspace().join("target").join("e2e-artifacts");
    fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
    Ok(dir)
}

/// The Närvaro binary under test: `NARVARO_BIN`, else `<workspace>/target/debug/narvaro`.
pub fn app_binary() -> Result<PathBuf> {
    let path = match env::var_os("NARVARO_BIN").filter(|v| !v.is_empty()) {
        Some(p) => PathBuf::from(p),
        None => workspace().join("target").join("debug").join("narvaro"),
    };
    if !path.is_file() {
        bail!(
            "the app binary {} does not exist. Build it and run every test with \
             `cargo xtask test` (or `cargo build -p narvaro` first, or point NARVARO_BIN at a build)",
            path.display()
        );
    }
    // WebKitWebDriver starts it from its own working directory: the path must be absolute.
    path.canonicalize()
        .with_context(|| format!("could not resolve {}", path.display()))
}

/// `tauri-driver`: `TAURI_DRIVER`, else on PATH, else in cargo's bin folder, where
/// `cargo install` (and `cargo xtask test`) puts it.
pub fn tauri_driver() -> Result<PathBuf> {
    if let Some(p) = env::var_os("TAURI_DRIVER").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok(p);
        }
        bail!(
            "TAURI_DRIVER points to {}, which does not exist",
            p.display()
        );
    }
    let cargo_bin = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin").join("tauri-driver"));
    on_path("tauri-driver")
        .or(cargo_bin.filter(|p| p.is_file()))
        .context(
            "tauri-driver is neither on PATH nor in ~/.cargo/bin. `cargo xtask test` installs it; \
             by hand: cargo install tauri-driver --version \"^2\" --locked",
        )
}

/// A system program the harness needs, with the Debian package that provides it.
pub fn system_program(name: &str, package: &str) -> Result<PathBuf> {
    on_path(name).with_context(|| {
        format!(
            "{name} is not on PATH. `cargo xtask test` installs it; by hand: apt-get install {package}"
        )
    })
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}
