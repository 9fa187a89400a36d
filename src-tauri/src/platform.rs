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

/// Gives memory that is no longer used back to the OS: once the first Today is drawn (what
/// only start-up needed), once the window is closed (what only the window needed; then
/// Närvaro may sit in the tray for hours), and after each pass of the scheduler that read
/// the store while no window is open (hourly, or at a reminder; the idle minutes between
/// touch neither the store nor that code). glibc keeps freed memory in its arenas for reuse;
/// that is returned (about 2 MB of the app process: BENCHMARKS.md, "Memory"). And on Linux
/// the pages of Närvaro's own binary are let go: start-up and the window's commands touch
/// almost all of its code, the tray and an idle window little of it, and those pages are
/// clean copies of the file that the kernel reads back from it on the next use
/// (BENCHMARKS.md, "The binary's pages, let go").
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only walks glibc's own arenas, under their
    // locks; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
    #[cfg(target_os = "linux")]
    page_out_own_code();
}

/// One glibc malloc arena for the whole app process (Linux). By default every thread that
/// allocates gets an arena of its own, up to eight per core, and each keeps its own freed
/// pages: with the window closed, six arenas held 1.8 MB against the bare app's three with
/// 0.65 MB (BENCHMARKS.md, "The binary's pages, let go"). Närvaro's threads allocate little
/// and seldom at the same moment, so sharing one costs no waiting worth measuring. Called
/// first in `run`, before any other thread exists.
pub fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt takes no pointers; set before other threads start, so no arena is
    // being chosen at the same moment.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Asks the kernel to reclaim the resident pages of the binary's read-only mappings that
/// hold nothing but the file: its code, constants, unwinding tables and the relocations
/// read once at start. The relocated constants (RELRO), copied into private memory at
/// start, are kept: without swap the kernel could not reclaim them, with it they would go
/// to swap.
#[cfg(target_os = "linux")]
fn page_out_own_code() {
    let (Ok(exe), Ok(smaps)) = (
        std::fs::read_link("/proc/self/exe"),
        std::fs::read_to_string("/proc/self/smaps"),
    ) else {
        return;
    };
    let mut released = 0;
    for (start, end) in own_file_ranges(&smaps, &exe) {
        // SAFETY: MADV_PAGEOUT changes no memory and unmaps nothing: the range stays mapped
        // and only its resident pages are reclaimed. The range is one of this process's own
        // read-only mappings of its binary with no private copy in it, so every page is a
        // clean copy of the file that the next access faults back in (as at start-up); a
        // thread running code there meanwhile only takes that fault. A kernel without
        // MADV_PAGEOUT (before 5.4) returns EINVAL and nothing happens.
        let done =
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_PAGEOUT) };
        if done == 0 {
            released += end - start;
        }
    }
    log::debug!("let go of {released} bytes of the binary's mapped pages");
}

/// The address ranges, in a `/proc/PID/smaps` text, of `exe`'s mappings that are not
/// writable and hold no anonymous (private, copied) pages.
#[cfg(target_os = "linux")]
fn own_file_ranges(smaps: &str, exe: &Path) -> Vec<(usize, usize)> {
    let exe = exe.as_os_str().to_string_lossy();
    let mut ranges = Vec::new();
    // The mapping being read: its range, if it is the binary's and read-only.
    let mut candidate = None;
    for line in smaps.lines() {
        if let Some(anonymous) = line.strip_prefix("Anonymous:") {
            let none = anonymous.trim().trim_end_matches("kB").trim() == "0";
            if let (Some(range), true) = (candidate.take(), none) {
                ranges.push(range);
            }
            continue;
        }
        // A mapping's first line: "start-end perms offset dev inode   path"; a path may
        // hold spaces. Any other line is one of its "Key: value" lines.
        let mut fields = line.splitn(6, ' ');
        let (Some(range), Some(perms)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (
            usize::from_str_radix(start, 16),
            usize::from_str_radix(end, 16),
        ) else {
            continue;
        };
        let path = fields.nth(3).map(str::trim_start);
        let read_only = perms.starts_with('r') && perms.as_bytes().get(1) == Some(&b'-');
        candidate = (read_only && path == Some(&*exe) && start < end).then_some((start, end));
    }
    ranges
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

/// The family the page's text is drawn in, named for WebKitGTK (Linux and the BSDs; `None`
/// elsewhere, where the styles' `system-ui` is WebView2's Segoe UI or WKWebView's San
/// Francisco). It is the family fontconfig gives `system-ui`: the desktop's interface font
/// where one of fontconfig's interface fonts is installed, else the default sans-serif, the
/// font WebKitGTK then falls back to. The same font either way, found once here: WebKitGTK
/// looks each family of a `font-family` list up on its own, once for every weight and size
/// the page draws, and each lookup walks fontconfig's whole alias list (some 120 names) family
/// by family; with `system-ui, sans-serif` and no interface font installed every lookup was
/// made twice (BENCHMARKS.md, "The desktop's font, named once"). Looked up at most once per
/// run; `prepare_interface_font` starts it early on a thread of its own.
pub fn interface_font() -> Option<&'static str> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        static FAMILY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        FAMILY.get_or_init(fontconfig::system_ui_family).as_deref()
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        None
    }
}

/// Starts `interface_font`'s lookup on a thread of its own, so that the page's first
/// `app_info` finds it done (fontconfig is thread-safe; the window's GTK uses it too).
pub fn prepare_interface_font() {
    #[cfg(all(unix, not(target_os = "macos")))]
    if let Err(error) = std::thread::Builder::new().name("fonts".into()).spawn(|| {
        interface_font();
    }) {
        log::warn!("could not look up the interface font ahead: {error}");
    }
}

/// The few calls of fontconfig's C library (already in the process through GTK and WebKit)
/// that ask which family `system-ui` is drawn in.
#[cfg(all(unix, not(target_os = "macos")))]
mod fontconfig {
    use std::ffi::{c_char, c_int, c_void, CStr};

    #[repr(C)]
    struct FcPattern {
        _opaque: [u8; 0],
    }

    /// `FcMatchPattern`: substitute as for a pattern that is being matched.
    const MATCH_PATTERN: c_int = 0;
    /// `FcResultMatch`.
    const RESULT_MATCH: c_int = 0;

    #[link(name = "fontconfig")]
    extern "C" {
        fn FcPatternCreate() -> *mut FcPattern;
        fn FcPatternDestroy(pattern: *mut FcPattern);
        fn FcPatternAddString(
            pattern: *mut FcPattern,
            object: *const c_char,
            s: *const u8,
        ) -> c_int;
        fn FcConfigSubstitute(config: *mut c_void, pattern: *mut FcPattern, kind: c_int) -> c_int;
        fn FcDefaultSubstitute(pattern: *mut FcPattern);
        fn FcFontMatch(
            config: *mut c_void,
            pattern: *mut FcPattern,
            result: *mut c_int,
        ) -> *mut FcPattern;
        fn FcPatternGetString(
            pattern: *const FcPattern,
            object: *const c_char,
            n: c_int,
            s: *mut *mut u8,
        ) -> c_int;
    }

    /// A pattern this module created, destroyed when it goes out of scope.
    struct Pattern(*mut FcPattern);

    impl Drop for Pattern {
        fn drop(&mut self) {
            if !self.0.is_null() {
                // SAFETY: the pointer came from FcPatternCreate or FcFontMatch, is owned by
                // this value alone and is destroyed once, here.
                unsafe { FcPatternDestroy(self.0) }
            }
        }
    }

    /// fontconfig's best family for `system-ui`, as `fc-match 'system\-ui'` prints it;
    /// `None` when fontconfig has no fonts at all.
    pub(super) fn system_ui_family() -> Option<String> {
        const FAMILY: &CStr = c"family";
        // SAFETY: each call gets pointers that are valid for it: patterns created here and
        // still alive (Pattern owns them), NUL-terminated C strings, and a null config, which
        // fontconfig reads as its current configuration. The string FcPatternGetString
        // returns belongs to `best` and is copied before `best` is dropped.
        unsafe {
            let pattern = Pattern(FcPatternCreate());
            if pattern.0.is_null()
                || FcPatternAddString(pattern.0, FAMILY.as_ptr(), c"system-ui".as_ptr().cast()) == 0
                || FcConfigSubstitute(std::ptr::null_mut(), pattern.0, MATCH_PATTERN) == 0
            {
                return None;
            }
            FcDefaultSubstitute(pattern.0);
            let mut result = RESULT_MATCH;
            let best = Pattern(FcFontMatch(std::ptr::null_mut(), pattern.0, &mut result));
            if best.0.is_null() || result != RESULT_MATCH {
                return None;
            }
            let mut family: *mut u8 = std::ptr::null_mut();
            if FcPatternGetString(best.0, FAMILY.as_ptr(), 0, &mut family) != RESULT_MATCH
                || family.is_null()
            {
                return None;
            }
            let name = CStr::from_ptr(family.cast::<c_char>())
                .to_str()
                .ok()?
                .trim();
            (!name.is_empty()).then(|| name.to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn only_the_binarys_clean_read_only_pages_are_let_go() {
        let smaps = "\
5581a0c00000-5581a0d4f000 r--p 00000000 fd:01 1311 /usr/bin/narvaro
Size:               1340 kB
Rss:                1340 kB
Anonymous:             0 kB
VmFlags: rd mr mw me
5581a0d4f000-5581a1590000 r-xp 0014f000 fd:01 1311 /usr/bin/narvaro
Size:               8452 kB
Anonymous:             0 kB
5581a1590000-5581a16a0000 r--p 00990000 fd:01 1311 /usr/bin/narvaro
Size:               1088 kB
Anonymous:          1088 kB
5581a16a0000-5581a16b0000 rw-p 00aa0000 fd:01 1311 /usr/bin/narvaro
Anonymous:            64 kB
5581a2000000-5581a2400000 rw-p 00000000 00:00 0                          [heap]
Anonymous:          4096 kB
7f3b10000000-7f3b12000000 r-xp 00001000 fd:01 2222                       /usr/lib/x86_64-linux-gnu/libwebkit2gtk-4.1.so.0
Anonymous:             0 kB
7f3b20000000-7f3b20001000 r-xp 00000000 fd:01 3333                       /opt/my apps/narvaro
Anonymous:             0 kB
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]
Anonymous:           132 kB
";
        assert_eq!(
            own_file_ranges(smaps, Path::new("/usr/bin/narvaro")),
            vec![
                (0x5581_a0c0_0000, 0x5581_a0d4_f000),
                (0x5581_a0d4_f000, 0x5581_a159_0000)
            ],
            "the binary's constants and code; not its relocated constants, its data, the \
             heap or a library"
        );
        assert_eq!(
            own_file_ranges(smaps, Path::new("/opt/my apps/narvaro")),
            vec![(0x7f3b_2000_0000, 0x7f3b_2000_1000)],
            "a path with a space"
        );
        assert!(own_file_ranges(
            "garbage\n\n1-2 r-x\nAnonymous: 0 kB",
            Path::new("/usr/bin/narvaro")
        )
        .is_empty());
    }

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

    /// The family the page is told to use is the one fontconfig itself gives `system-ui`
    /// (what `fc-match` prints, the tool of the same library), so the text looks as it would
    /// with `system-ui`, without WebKitGTK's second lookup per weight and size.
    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn the_interface_font_is_fontconfigs_own_choice_for_system_ui() {
        let printed = std::process::Command::new("fc-match")
            // The hyphen escaped: in fontconfig's name syntax it starts a point size.
            .args(["--format=%{family[0]}", r"system\-ui"])
            .output()
            .expect("fc-match, from fontconfig, is installed with WebKitGTK");
        let expected = String::from_utf8(printed.stdout).expect("UTF-8");
        assert!(
            !expected.is_empty(),
            "fontconfig knows at least one font here"
        );
        assert_eq!(interface_font(), Some(expected.as_str()));
        // Asked again (the app asks at every app_info): the same answer, looked up once.
        assert!(std::ptr::eq(
            interface_font().expect("found"),
            interface_font().expect("found")
        ));
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
