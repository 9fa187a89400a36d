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

/// The environment variables by which a person chooses how WebKitGTK paints; if any is set,
/// Närvaro leaves the choice to them.
#[cfg(target_os = "linux")]
const WEBKIT_PAINTING_CHOICES: [&str; 3] = [
    "WEBKIT_SKIA_ENABLE_CPU_RENDERING",
    "WEBKIT_DISABLE_COMPOSITING_MODE",
    "WEBKIT_FORCE_COMPOSITING_MODE",
];

/// WebKit's number of CPU painting threads; a person's own setting is kept.
#[cfg(target_os = "linux")]
const WEBKIT_PAINTING_THREADS: &str = "WEBKIT_SKIA_CPU_PAINTING_THREADS";

/// Lets WebKitGTK paint the page on the CPU when the machine has no GPU (Linux). Since 2.46
/// WebKitGTK paints with Skia on the GPU by default, and without a GPU Mesa's software GL
/// (llvmpipe) stands in for one: every shader is compiled by LLVM on first use and every
/// texture lives in the web process's memory. Measured on a 2-core machine without a GPU
/// (BENCHMARKS.md, "How WebKit paints without a GPU"), painting on the CPU with two threads
/// draws the first Today in about half the time, each view's first visit in under a fifth
/// of it, and the open window with 28 MB less; with a GPU, WebKit's own choice stands.
/// Called before the first webview exists (its processes inherit the environment) and while
/// `run` is the only thread. Returns whether it chose.
#[cfg(target_os = "linux")]
pub fn paint_on_cpu_without_gpu() -> bool {
    let chosen = cpu_painting_wanted(|name| std::env::var_os(name), Path::new("/dev"));
    if chosen {
        // Edition 2021: `set_var` is safe to call; it is sound here because no other thread
        // exists yet to read the environment at the same time.
        std::env::set_var(WEBKIT_PAINTING_CHOICES[0], "1");
        if std::env::var_os(WEBKIT_PAINTING_THREADS).is_none() {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            std::env::set_var(WEBKIT_PAINTING_THREADS, painting_threads(cores).to_string());
        }
    }
    chosen
}

/// WebKit paints on half the cores by default: one thread on a 2-core machine, where views
/// took up to 80 % longer than with two (the painting thread and the page's own waited on
/// each other). At least two, then.
#[cfg(target_os = "linux")]
fn painting_threads(cores: usize) -> usize {
    (cores / 2).max(2)
}

/// Whether to ask for CPU painting: nobody chose in the environment and `dev` shows no GPU
/// (no DRM render node, no NVIDIA control device).
#[cfg(target_os = "linux")]
fn cpu_painting_wanted(env: impl Fn(&str) -> Option<std::ffi::OsString>, dev: &Path) -> bool {
    if WEBKIT_PAINTING_CHOICES
        .iter()
        .any(|name| env(name).is_some())
    {
        return false;
    }
    let render_node = std::fs::read_dir(dev.join("dri")).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    });
    !render_node && !dev.join("nvidiactl").exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn webkit_paints_on_the_cpu_only_without_a_gpu_and_without_a_persons_choice() {
        let nobody_chose = |_: &str| None;
        let dev = tempfile::tempdir().expect("a folder");
        assert!(
            cpu_painting_wanted(nobody_chose, dev.path()),
            "no /dev/dri at all: a virtual machine or a container"
        );
        std::fs::create_dir(dev.path().join("dri")).expect("dri");
        std::fs::write(dev.path().join("dri/card0"), "").expect("card0");
        assert!(
            cpu_painting_wanted(nobody_chose, dev.path()),
            "a display device without a render node draws nothing for WebKit"
        );
        std::fs::write(dev.path().join("dri/renderD128"), "").expect("renderD128");
        assert!(
            !cpu_painting_wanted(nobody_chose, dev.path()),
            "a GPU: WebKit's own choice"
        );

        let nvidia = tempfile::tempdir().expect("a folder");
        std::fs::write(nvidia.path().join("nvidiactl"), "").expect("nvidiactl");
        assert!(!cpu_painting_wanted(nobody_chose, nvidia.path()));

        assert_eq!(
            [1, 2, 3, 4, 8, 16].map(painting_threads),
            [2, 2, 2, 2, 4, 8],
            "two painting threads at least, else WebKit's half of the cores"
        );

        let no_gpu = tempfile::tempdir().expect("a folder");
        for name in WEBKIT_PAINTING_CHOICES {
            let chose = |asked: &str| (asked == name).then(|| "0".into());
            assert!(
                !cpu_painting_wanted(chose, no_gpu.path()),
                "{name} set by the person is left as it is"
            );
        }
    }

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
