//! Builds for the managers' own computers: the Windows cross build, the installers of
//! `cargo xtask bundle`, and the check that the Linux .deb installs, starts and carries a
//! valid desktop entry and AppStream file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{build_ui, cargo, root, status, system_packages, Result, RUN_PACKAGES};

/// Most managers sit at a Windows laptop: the test command links the app for it.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";
/// The MinGW-w64 linker and Windows import libraries for that target.
pub const WINDOWS_PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64"];
/// The bundler asks pkg-config for appindicator to list it among the .deb's dependencies
/// (it panics without the -dev package); the other two validate what the .deb installs.
pub const DEB_PACKAGES: &[&str] = &[
    "libayatana-appindicator3-dev",
    "desktop-file-utils",
    "appstream",
];
/// What the .deb must depend on: the webview, GTK, and the tray's appindicator (loaded at
/// run time, so nothing else would pull it in).
const DEB_DEPENDS: &[&str] = &[
    "libwebkit2gtk-4.1-0",
    "libgtk-3-0",
    "libayatana-appindicator3-1",
];
/// What the desktop entry must call the app (on Linux the bundle's productName has no "ä",
/// see src-tauri/tauri.linux.conf.json: it also names the package and the files).
const DISPLAY_NAME: &str = "Name=Närvaro";

/// `cargo xtask bundle`: the release installers this OS can make (Linux: the .deb;
/// Windows: NSIS and MSI; macOS: the .app and .dmg), checked where a check exists.
pub fn bundle() -> Result {
    let mut packages = RUN_PACKAGES.to_vec();
    packages.extend_from_slice(DEB_PACKAGES);
    crate::step("system packages", || system_packages(&packages))?;
    crate::step("UI", build_ui)?;
    crate::step("Tauri CLI", tauri_cli)?;
    crate::step("release build and installers", || {
        let mut cmd = tauri();
        cmd.arg("build");
        if cfg!(target_os = "linux") {
            // AppImage downloads its runtime from the web; rpm is not asked for.
            cmd.args(["--bundles", "deb"]);
        }
        status(cmd, "tauri build")
    })?;
    let bundles = root().join("target").join("release").join("bundle");
    if cfg!(target_os = "linux") {
        let deb = newest_deb(&bundles.join("deb"))?;
        crate::step("check the .deb", || check_deb(&deb))?;
    }
    println!("\ninstallers in {}:", bundles.display());
    for file in files_under(&bundles) {
        if let Some(kind) = file.extension().and_then(|e| e.to_str()) {
            if ["deb", "rpm", "AppImage", "exe", "msi", "dmg"].contains(&kind) {
                println!("  {} ({})", file.display(), mib(&file));
            }
        }
    }
    Ok(())
}

/// Links `narvaro.exe` for Windows with MinGW-w64: a `cargo check` would miss link errors
/// and the Windows-only code paths only fail there.
pub fn windows_build() -> Result {
    if !cfg!(target_os = "linux") {
        println!("the Windows cross build runs on Linux; skipped");
        return Ok(());
    }
    system_packages(WINDOWS_PACKAGES)?;
    rust_target(WINDOWS_TARGET)?;
    let mut cmd = cargo();
    cmd.args(["build", "-p", "narvaro", "--target", WINDOWS_TARGET]);
    status(cmd, "cargo build for Windows")?;
    let exe = root()
        .join("target")
        .join(WINDOWS_TARGET)
        .join("debug")
        .join("narvaro.exe");
    if !exe.is_file() {
        return Err(format!("no {} after the build", exe.display()));
    }
    println!("linked {} ({})", exe.display(), mib(&exe));
    check_windows_name(&exe)
}

/// Windows shows the version resource's FileDescription and ProductName (Task Manager, the
/// file's properties, the notification settings): both must read "Närvaro", stored as
/// UTF-16 by the resource compiler, not a mangled "N?rvaro".
fn check_windows_name(exe: &Path) -> Result {
    let bytes = fs::read(exe).map_err(|e| format!("{}: {e}", exe.display()))?;
    let utf16 =
        |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let name = utf16("Närvaro");
    for key in ["FileDescription", "ProductName"] {
        // In a version resource a key is followed by padding and its value. The resources
        // are the last section of the file: search from its end.
        let needle = utf16(key);
        let key_at = bytes
            .windows(needle.len())
            .rposition(|w| w == needle.as_slice())
            .ok_or_else(|| format!("{} has no {key} in its version resource", exe.display()))?;
        let after = &bytes[key_at..bytes.len().min(key_at + 96)];
        if !after.windows(name.len()).any(|w| w == name.as_slice()) {
            return Err(format!("the {key} of {} is not \"Närvaro\"", exe.display()));
        }
    }
    println!("its FileDescription and ProductName read \"Närvaro\"");
    Ok(())
}

/// The debug .deb of the binary `cargo test` built (no second compile of Tauri): validated,
/// installed with apt-get, `narvaro --version` run from PATH, removed again.
pub fn deb_test() -> Result {
    if !cfg!(target_os = "linux") || Command::new("dpkg-deb").arg("--version").output().is_err() {
        println!("not a Debian-like system; the .deb test is skipped");
        return Ok(());
    }
    system_packages(DEB_PACKAGES)?;
    let binary = root().join("target").join("debug").join("narvaro");
    if !binary.is_file() {
        let mut cmd = cargo();
        cmd.args(["build", "-p", "narvaro"]);
        status(cmd, "cargo build")?;
    }
    tauri_cli()?;
    let out = root()
        .join("target")
        .join("debug")
        .join("bundle")
        .join("deb");
    // A .deb of an older version must not be the one tested.
    let _ = fs::remove_dir_all(&out);
    let mut cmd = tauri();
    cmd.args(["bundle", "--debug", "--bundles", "deb"]);
    status(cmd, "tauri bundle --debug --bundles deb")?;
    let deb = newest_deb(&out)?;
    println!("built {} ({})", deb.display(), mib(&deb));
    check_deb(&deb)?;
    install_and_start(&deb)
}

/// The .deb's control fields and the two files for the desktop, validated from inside it.
fn check_deb(deb: &Path) -> Result {
    let depends = output(Command::new("dpkg-deb").arg("-f").arg(deb).arg("Depends"))?;
    println!("Depends: {}", depends.trim());
    let listed: Vec<&str> = depends
        .split(',')
        .filter_map(|d| d.split_whitespace().next())
        .collect();
    let missing: Vec<&&str> = DEB_DEPENDS.iter().filter(|d| !listed.contains(d)).collect();
    if !missing.is_empty() {
        return Err(format!("the .deb does not depend on {missing:?}"));
    }
    let tree = root().join("target").join("deb-check");
    let _ = fs::remove_dir_all(&tree);
    let mut cmd = Command::new("dpkg-deb");
    cmd.arg("-x").arg(deb).arg(&tree);
    status(cmd, "dpkg-deb -x")?;
    let desktop = single(&tree.join("usr/share/applications"), ".desktop")?;
    let mut cmd = Command::new("desktop-file-validate");
    cmd.arg(&desktop);
    status(cmd, "desktop-file-validate")?;
    let entry = fs::read_to_string(&desktop).map_err(|e| format!("{}: {e}", desktop.display()))?;
    if !entry.lines().any(|line| line == DISPLAY_NAME) {
        return Err(format!("{} lacks `{DISPLAY_NAME}`", desktop.display()));
    }
    let metainfo = single(&tree.join("usr/share/metainfo"), ".metainfo.xml")?;
    let launchable = desktop
        .file_name()
        .map(|n| format!(">{}<", n.to_string_lossy()))
        .unwrap_or_default();
    let text = fs::read_to_string(&metainfo).map_err(|e| format!("{}: {e}", metainfo.display()))?;
    if !text.contains(&launchable) {
        return Err(format!(
            "{} must name the desktop entry {launchable} as its launchable",
            metainfo.display()
        ));
    }
    let version = format!("version=\"{}\"", env!("CARGO_PKG_VERSION"));
    if !text.contains(&version) {
        return Err(format!(
            "{} has no <release {version}>: add the release",
            metainfo.display()
        ));
    }
    let mut cmd = Command::new("appstreamcli");
    cmd.args(["validate", "--no-net"]).arg(&metainfo);
    status(cmd, "appstreamcli validate")?;
    println!("{} and {} are valid", desktop.display(), metainfo.display());
    Ok(())
}

/// Installs the .deb with apt-get (which fetches what it depends on), starts the installed
/// `narvaro --version` from PATH, and removes the package again. Needs root: without it, or
/// when Närvaro is installed for real on this machine, the step says so and does no harm.
fn install_and_start(deb: &Path) -> Result {
    let package = output(Command::new("dpkg-deb").arg("-f").arg(deb).arg("Package"))?;
    let package = package.trim();
    if crate::installed(package) {
        println!("{package} is installed on this machine already: not touched");
        return Ok(());
    }
    if !is_root() {
        println!("not root: the .deb is checked but not installed");
        return Ok(());
    }
    // apt-get takes a local package only as a path with a slash.
    let mut cmd = Command::new("apt-get");
    cmd.args(["install", "-y", "--no-install-recommends"])
        .arg(deb)
        .env("DEBIAN_FRONTEND", "noninteractive");
    status(cmd, "apt-get install ./….deb")?;
    let started = Command::new("narvaro")
        .arg("--version")
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .output();
    let mut remove = Command::new("apt-get");
    remove
        .args(["remove", "-y", package])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null());
    let removed = status(remove, "apt-get remove");
    let started = started.map_err(|e| format!("the installed narvaro did not start: {e}"))?;
    let printed = String::from_utf8_lossy(&started.stdout);
    let expected = format!("narvaro {}", env!("CARGO_PKG_VERSION"));
    if !started.status.success() || printed.trim() != expected {
        return Err(format!(
            "the installed `narvaro --version` printed {printed:?} ({}), expected {expected:?}; \
             stderr: {}",
            started.status,
            String::from_utf8_lossy(&started.stderr)
        ));
    }
    println!("installed, `narvaro --version` from PATH: {expected}; removed");
    removed
}

/// The Tauri CLI from npm (the root package.json): 2.5 s, where `cargo install tauri-cli`
/// takes a quarter of an hour.
fn tauri_cli() -> Result {
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let lock = modified(&root().join("package-lock.json"));
    let installed = modified(&root().join("node_modules").join(".package-lock.json"));
    if installed.is_some() && lock <= installed {
        println!("the Tauri CLI is installed");
        return Ok(());
    }
    let mut cmd = npm();
    cmd.args(["ci", "--no-audit", "--no-fund"]);
    status(cmd, "npm ci (the Tauri CLI)")
}

fn npm() -> Command {
    let mut cmd = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    cmd.current_dir(root());
    cmd
}

fn tauri() -> Command {
    let mut cmd = npm();
    cmd.args(["exec", "--no", "--", "tauri"]);
    cmd.env("CI", "true");
    cmd
}

fn rust_target(target: &str) -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| format!("{e} (is rustup installed?)"))?;
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", target]);
    status(cmd, "rustup target add")
}

fn output(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{cmd:?} could not start: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn newest_deb(dir: &Path) -> Result<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "deb"))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .ok_or_else(|| format!("no .deb in {}", dir.display()))
}

/// The one file in `dir` whose name ends with `suffix`.
fn single(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = files_under(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!(
            "expected one *{suffix} in {}, found {found:?}",
            dir.display()
        )),
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn mib(path: &Path) -> String {
    let bytes = path.metadata().map(|m| m.len()).unwrap_or(0);
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}
