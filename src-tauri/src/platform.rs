//! Small per-OS facts the shell needs to know about how it was installed.

use std::path::Path;

/// The AppUserModelID Windows shows notifications under, so they appear as Närvaro's. The
/// installer's Start-menu shortcut carries the bundle identifier as its AppUserModelID; a
/// binary run from a cargo build folder has no such shortcut and Windows silently drops
/// toasts of an unregistered id, so there notify-rust's default (PowerShell's) keeps them
/// visible. Tauri's own notification plugin makes the same choice.
pub fn notification_app_id(exe: &Path) -> Option<&'static str> {
    let dir = exe.parent()?;
    let profile = dir.file_name()?;
    let from_cargo = (profile == "debug" || profile == "release")
        && dir
            .ancestors()
            .any(|a| a.file_name().is_some_and(|n| n == "target"));
    (!from_cargo).then_some(crate::IDENTIFIER)
}

/// Gives the heap the closed window freed back to the OS. glibc keeps freed memory in its
/// arenas for reuse; once the webview is destroyed Närvaro may sit in the tray for hours, so
/// that memory is returned (about 2 MB of the app process: BENCHMARKS.md, "Memory").
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only walks glibc's own arenas, under their
    // locks; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_binary_uses_the_bundle_identifier() {
        for installed in [
            "C:/Users/anna/AppData/Local/Narvaro/narvaro.exe",
            "/usr/bin/narvaro",
            "/opt/debug-tools/narvaro",
        ] {
            assert_eq!(
                notification_app_id(Path::new(installed)),
                Some("se.narvaro.desktop"),
                "{installed}"
            );
        }
    }

    #[test]
    fn a_binary_from_a_cargo_build_uses_the_default_id() {
        for built in [
            "/work/narvaro/target/debug/narvaro",
            "/work/narvaro/target/release/narvaro",
            "/work/narvaro/target/x86_64-pc-windows-gnu/debug/narvaro.exe",
        ] {
            assert_eq!(notification_app_id(Path::new(built)), None, "{built}");
        }
    }

    /// The name every OS shows is "Närvaro"; the names that become files and packages stay
    /// ASCII where the OS's tools need it: a Debian package name allows no "ä", and macOS
    /// code signing fails on an app folder named with one (tauri-apps/tauri#6075), so there
    /// the menu bar's name is set apart from the folder's (`bundleName`).
    #[test]
    fn the_product_is_named_narvaro_with_ascii_file_names_where_tools_need_them() {
        let read = |file: &str| -> serde_json::Value {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let text = std::fs::read_to_string(&path).expect("the config file");
            serde_json::from_str(&text).expect("JSON")
        };
        let base = read("tauri.conf.json");
        assert_eq!(
            base["productName"], "Närvaro",
            "Windows shows the product name"
        );
        let linux = read("tauri.linux.conf.json");
        assert_eq!(
            linux["productName"], "Narvaro",
            "the .deb's package and file names"
        );
        let macos = read("tauri.macos.conf.json");
        assert_eq!(macos["productName"], "Narvaro", "the .app folder");
        assert_eq!(
            macos["bundle"]["macOS"]["bundleName"], "Närvaro",
            "the menu bar"
        );
    }
}
