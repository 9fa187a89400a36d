//! `cargo xtask run|test|bundle`: the commands of the README. They install what is missing
//! (Debian/Ubuntu system packages, tauri-driver, the UI's npm packages), build, and then run
//! the app, every test, or make the installers.

mod package;

mod modgraph;

use std::env;
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// Debian packages the app needs to build and run (the tray loads appindicator at run time).
const RUN_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "libayatana-appindicator3-1",
];
/// More for the tests: a headless X server, a private D-Bus, WebKit's WebDriver, Python's
/// venv for the second iCalendar implementation the export is checked against, xdotool,
/// with which an end-to-end test types a path into the native save dialog, and a real tray
/// (trayer), notification server (dunst) and screen grabber (ImageMagick's import) for the
/// test that photographs the tray menu and a notification in both languages.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus-daemon",
    "python3-venv",
    "xdotool",
    "trayer",
    "dunst",
    "imagemagick",
];

type Result<T = ()> = std::result::Result<T, String>;

/// The year-long reminder simulations (core/src/service/reminders/simulation.rs): two tests
/// with their own seeds, run side by side.
const SIMULATION: &str = "random_days_keeps_every_reminder_promise";
/// Cases per simulation test in `cargo xtask test`: 2 × 150 simulated years.
const SIMULATION_CASES_EACH: u32 = 150;

fn main() -> ExitCode {
    let mut args = env::args_os().skip(1);
    let task = args.next().map(|a| a.to_string_lossy().into_owned());
    let rest: Vec<OsString> = args.collect();
    let outcome = match task.as_deref() {
        Some("run") => run(&rest),
        Some("test") => test(),
        Some("bundle") => package::bundle(),
        // Single steps of `test`, to rerun one on its own.
        Some("windows") => step("Windows build", package::windows_build).map(drop),
        Some("deb") => step(".deb: build, validate, install", package::deb_test).map(drop),
        Some("soak") => soak(&rest),
        Some("fixture") => fixture(&rest),
        Some("ui-bench") => ui_bench(),
        _ => {
            eprintln!(
                "usage: cargo xtask run [-- APP ARGS]   build and start Närvaro\n       \
                 cargo xtask test                 run every check and test\n       \
                 cargo xtask bundle               build the installers for this OS\n       \
                 cargo xtask soak [CASES]         simulate CASES years of reminders (10000)\n       \
                 cargo xtask fixture --people N --dir D   write a team of N people into D\n       \
                 cargo xtask ui-bench             time the views on 10, 60 and 500 people"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn cargo() -> Command {
    let mut cmd = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

fn status(mut cmd: Command, what: &str) -> Result {
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn step(name: &str, f: impl FnOnce() -> Result) -> Result<f64> {
    println!("\n==> {name}");
    let started = Instant::now();
    f()?;
    let secs = started.elapsed().as_secs_f64();
    println!("==> {name}: done in {secs:.1} s");
    Ok(secs)
}

fn run(app_args: &[OsString]) -> Result {
    step("system packages", || system_packages(RUN_PACKAGES))?;
    step("UI", build_ui)?;
    step("build", || {
        let mut cmd = cargo();
        // The tests' feature set for Tauri (its mock runtime): one compiled Tauri for
        // `run` and `test`. Release builds (`bundle`) leave the mock runtime out.
        cmd.args(["build", "-p", "narvaro", "--features", "tauri/test"]);
        status(cmd, "cargo build")
    })?;
    let app_args: Vec<&OsString> = app_args
        .iter()
        .skip_while(|a| a.as_os_str() == "--")
        .collect();
    let bin = root()
        .join("target")
        .join("debug")
        .join(format!("narvaro{}", env::consts::EXE_SUFFIX));
    let mut cmd = Command::new(bin);
    cmd.args(app_args);
    status(cmd, "narvaro")
}

fn test() -> Result {
    let started = Instant::now();
    let mut times = Vec::new();
    let mut all = RUN_PACKAGES.to_vec();
    if cfg!(target_os = "linux") {
        all.extend_from_slice(TEST_PACKAGES);
        all.extend_from_slice(package::WINDOWS_PACKAGES);
        all.extend_from_slice(package::DEB_PACKAGES);
    }
    times.push((
        "system packages",
        step("system packages", || system_packages(&all))?,
    ));
    if cfg!(target_os = "linux") {
        times.push(("tauri-driver", step("tauri-driver", tauri_driver)?));
    }
    times.push(("UI", step("UI: install, type-check, build", build_ui)?));
    times.push((
        "python",
        step(
            "python: icalendar for the calendar interop test",
            python_venv,
        )?,
    ));
    times.push((
        "fmt",
        step("rustfmt", || {
            let mut cmd = cargo();
            cmd.args(["fmt", "--all", "--check"]);
            status(cmd, "cargo fmt --check (run `cargo fmt --all`)")
        })?,
    ));
    times.push((
        "clippy",
        step("clippy", || {
            let mut cmd = cargo();
            cmd.args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            status(cmd, "cargo clippy")
        })?,
    ));
    times.push(("core deps", step("core stays GUI-free", core_dependencies)?));
    times.push((
        "modules",
        step("core modules", || modgraph::check(&root()))?,
    ));
    let mut counts = (0u64, 0u64, 0u64);
    let tests = step(
        "tests (core, shell, end-to-end, year-long simulation)",
        || {
            let mut cmd = cargo();
            // The year-long simulations run below, optimised and with many more cases.
            cmd.args([
                "test",
                "--workspace",
                "--no-fail-fast",
                "--",
                "--skip",
                SIMULATION,
            ]);
            cmd.env("NARVARO_PYTHON", venv_python());
            counts = run_counting(cmd)?;
            // Each case drives a year of ticks (about 730): optimised, a case takes under a
            // second where a debug build needs four.
            let (p, f, i) = run_counting(simulation(SIMULATION_CASES_EACH))?;
            counts = (counts.0 + p, counts.1 + f, counts.2 + i);
            Ok(())
        },
    );
    let (passed, failed, ignored) = counts;
    match tests {
        Ok(secs) => times.push(("tests", secs)),
        Err(e) => {
            println!("{passed} passed, {failed} failed, {ignored} skipped");
            return Err(e);
        }
    }
    // After the tests: the .deb packages the binary they built.
    times.push((
        ".deb",
        step(
            ".deb: build, validate, install and start",
            package::deb_test,
        )?,
    ));
    times.push((
        "Windows build",
        step(
            "Windows: build and link narvaro.exe",
            package::windows_build,
        )?,
    ));
    println!("\nTimes:");
    for (name, secs) in &times {
        println!("  {name:<16} {secs:>7.1} s");
    }
    println!(
        "  {:<16} {:>7.1} s",
        "total",
        started.elapsed().as_secs_f64()
    );
    println!("{passed} passed, {failed} failed, {ignored} skipped");
    Ok(())
}

/// The two year-long simulation tests, optimised, with `cases_each` simulated years each.
fn simulation(cases_each: u32) -> Command {
    let mut cmd = cargo();
    // The `sim` profile: optimised, without the release profile's size work (Cargo.toml).
    cmd.args([
        "test",
        "--profile",
        "sim",
        "-p",
        "narvaro-core",
        "--lib",
        SIMULATION,
    ]);
    cmd.args(["--", "--nocapture"]);
    cmd.env("NARVARO_SIM_CASES", cases_each.to_string());
    cmd
}

/// The long soak of the reminder engine: `cases` simulated years (default 10 000) in
/// release, split over the two simulation tests; prints years per second (BENCHMARKS.md).
fn soak(args: &[OsString]) -> Result {
    let cases: u32 = match args.first() {
        Some(n) => n
            .to_str()
            .and_then(|n| n.parse().ok())
            .filter(|n| *n >= 2)
            .ok_or("soak: CASES must be a whole number of at least 2")?,
        None => 10_000,
    };
    step("year-long reminder simulation (release)", || {
        run_counting(simulation(cases / 2)).map(drop)
    })
    .map(drop)
}

/// Writes a team of the benchmarks' kind (core/benches/fixture) into a data folder:
/// `--people N --dir D`, passed on to `core/examples/fixture.rs`, built optimised.
fn fixture(args: &[OsString]) -> Result {
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "narvaro-core",
        "--example",
        "fixture",
        "--",
    ]);
    cmd.args(args);
    status(cmd, "the fixture")
}

/// Team sizes the UI benchmark times the views on (BENCHMARKS.md, "Views at scale").
const UI_BENCH_SIZES: [u32; 3] = [10, 60, 500];

/// Times the views as the UI itself records them (ui/src/lib/perf.ts) on teams of 10, 60 and
/// 500 people, through the ignored end-to-end test `views_at_scale`, with the release app
/// (`NARVARO_BIN` for another build; `NARVARO_UI_BENCH_ROUNDS`, 7 by default). The teams
/// are made once a day in `<target>/ui-bench/people-N`: their dates are relative to today.
fn ui_bench() -> Result {
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        root().join(target)
    };
    let data = target.join("ui-bench");
    for size in UI_BENCH_SIZES {
        let dir = data.join(format!("people-{size}"));
        let fresh = std::fs::metadata(dir.join("narvaro.db"))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() < 12 * 3600);
        if !fresh {
            step(&format!("a team of {size}"), || {
                fixture(&[
                    "--people".into(),
                    size.to_string().into(),
                    "--dir".into(),
                    dir.clone().into(),
                ])
            })?;
        }
    }
    let bin = match env::var_os("NARVARO_BIN").filter(|b| !b.is_empty()) {
        Some(bin) => PathBuf::from(bin),
        None => {
            step("UI", build_ui)?;
            step("release build", || {
                let mut cmd = cargo();
                cmd.args([
                    "build",
                    "--release",
                    "-p",
                    "narvaro",
                    "--features",
                    "custom-protocol",
                ]);
                status(cmd, "cargo build --release")
            })?;
            target
                .join("release")
                .join(format!("narvaro{}", env::consts::EXE_SUFFIX))
        }
    };
    step("views at scale", || {
        let mut cmd = cargo();
        cmd.args([
            "test",
            "-p",
            "narvaro-e2e",
            "--test",
            "e2e",
            "views_at_scale",
            "--",
            "--ignored",
            "--nocapture",
        ]);
        cmd.env("NARVARO_BIN", &bin);
        cmd.env("NARVARO_UI_BENCH_DATA", &data);
        status(cmd, "the views-at-scale benchmark")
    })
    .map(drop)
}

/// Runs `cargo test`, passing its output through and adding up its "test result" lines.
fn run_counting(mut cmd: Command) -> Result<(u64, u64, u64)> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cargo test: could not start: {e}"))?;
    let mut totals = (0, 0, 0);
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            if let Some(summary) = line.strip_prefix("test result: ") {
                let number = |label: &str| -> u64 {
                    summary
                        .split(';')
                        .find_map(|part| part.trim().strip_suffix(label))
                        .and_then(|n| n.trim().rsplit(' ').next()?.parse().ok())
                        .unwrap_or(0)
                };
                totals.0 += number(" passed");
                totals.1 += number(" failed");
                totals.2 += number(" ignored");
            }
        }
    }
    let status = child.wait().map_err(|e| format!("cargo test: {e}"))?;
    if status.success() {
        Ok(totals)
    } else {
        Err(format!("cargo test failed ({status})"))
    }
}

/// narvaro-core must stay free of the GUI, the async runtime and notifications.
fn core_dependencies() -> Result {
    let out = cargo()
        .args([
            "tree",
            "-p",
            "narvaro-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .map_err(|e| format!("cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let forbidden: Vec<&str> = tree
        .lines()
        .filter(|line| {
            let name = line.split_whitespace().next().unwrap_or_default();
            ["tauri", "tokio", "notify-rust", "wry", "tao", "zbus"]
                .iter()
                .any(|bad| name == *bad || name.starts_with(&format!("{bad}-")))
        })
        .collect();
    if forbidden.is_empty() {
        println!("narvaro-core depends on no tauri, tokio, notify-rust, wry, tao or zbus");
        Ok(())
    } else {
        Err(format!("narvaro-core must not depend on: {forbidden:?}"))
    }
}

/// Installs missing Debian/Ubuntu packages: directly as root, through `sudo -n` when that
/// works without a password, else prints the exact command and stops.
fn system_packages(packages: &[&str]) -> Result {
    if !cfg!(target_os = "linux") {
        println!("nothing to install on this OS (Rust and Node are enough)");
        return Ok(());
    }
    if Command::new("dpkg-query")
        .arg("--version")
        .output()
        .is_err()
    {
        println!(
            "not a Debian-like system: make sure the equivalents of {} are installed",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        println!("all {} system packages are installed", packages.len());
        return Ok(());
    }
    let install = format!(
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {}",
        missing.join(" ")
    );
    println!("installing: {}", missing.join(" "));
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut cmd = if is_root {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", &install]);
        cmd
    } else if Command::new("sudo")
        .args(["-n", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        let mut cmd = Command::new("sudo");
        cmd.args(["-n", "sh", "-c", &install]);
        cmd
    } else {
        return Err(format!(
            "missing system packages. Install them, then run this again:\n  sudo sh -c '{install}'"
        ));
    };
    cmd.env("DEBIAN_FRONTEND", "noninteractive");
    status(cmd, "apt-get install")
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn tauri_driver() -> Result {
    let home_bin = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|h| h.join("bin").join("tauri-driver"));
    let on_path = Command::new("tauri-driver")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if on_path || home_bin.as_deref().is_some_and(Path::exists) {
        println!("tauri-driver is installed");
        return Ok(());
    }
    let mut cmd = cargo();
    cmd.args(["install", "tauri-driver", "--version", "^2", "--locked"]);
    status(cmd, "cargo install tauri-driver")
}

fn npm() -> Command {
    let mut cmd = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    cmd.current_dir(root().join("ui"));
    cmd
}

/// `npm ci` when node_modules is missing or older than the lock file, then the production
/// build (which type-checks first).
fn build_ui() -> Result {
    let ui = root().join("ui");
    let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
    let lock = modified(&ui.join("package-lock.json"));
    let installed = modified(&ui.join("node_modules").join(".package-lock.json"));
    if installed.is_none() || lock > installed {
        let mut cmd = npm();
        cmd.args(["ci", "--no-audit", "--no-fund"]);
        status(cmd, "npm ci (is Node.js 20 or newer installed?)")?;
    }
    let mut cmd = npm();
    cmd.args(["run", "build"]);
    status(cmd, "npm run build")
}

/// The interpreter of target/py, the virtualenv with a second, independent iCalendar
/// implementation that the calendar export is checked against.
fn venv_python() -> PathBuf {
    let venv = root().join("target").join("py");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

const PYTHON_PACKAGES: &[&str] = &["icalendar>=6,<8", "recurring-ical-events>=3,<4"];

fn python_venv() -> Result {
    let python = venv_python();
    if !python.exists() {
        let mut cmd = Command::new(if cfg!(windows) { "python" } else { "python3" });
        cmd.args(["-m", "venv"])
            .arg(root().join("target").join("py"));
        status(cmd, "python3 -m venv (is Python 3 with venv installed?)")?;
    }
    let ready = Command::new(&python)
        .args(["-c", "import icalendar, recurring_ical_events"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ready {
        println!("icalendar and recurring-ical-events are installed");
        return Ok(());
    }
    let mut cmd = Command::new(&python);
    cmd.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ])
    .args(PYTHON_PACKAGES);
    status(cmd, "pip install icalendar recurring-ical-events")
}
