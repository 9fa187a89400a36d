//! One test's app: the private desktop, tauri-driver, the WebDriver session with the app, its
//! data folder, restarts with the same data, screenshots, and the teardown that ends it all.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

use crate::desktop::{SessionBus, Shell, Xvfb};
use crate::driver::Driver;
use crate::notifications::NotificationServer;
use crate::paths;
use crate::process::{self, Proc};

/// From "new session" to a connected window. A debug build on a busy 2-core machine with
/// other tests starting in parallel can take several seconds.
const SESSION_LIMIT: Duration = Duration::from_secs(60);
/// How long the app gets to leave after its session ended, before it is made to.
const EXIT_GRACE: Duration = Duration::from_secs(3);

/// What to start and how WebDriver recognises it.
#[derive(Debug, Clone)]
pub struct AppSpec {
    pub binary: PathBuf,
    /// WebKitWebDriver matches this against the name the browser reports: "wry" for Tauri.
    pub browser_name: String,
    pub args: Vec<String>,
    /// Append `--data-dir <the test's data folder>` to the arguments.
    pub pass_data_dir: bool,
    /// A real tray and notification server (`desktop::Shell`) instead of the fake server
    /// that records notifications: for tests that look at what the desktop shows.
    pub shell: bool,
    /// The desktop's locale (`LANG`): the app's first language, the webview's
    /// `navigator.languages` and the region Rust writes times for.
    pub lang: String,
}

impl AppSpec {
    /// The Närvaro binary under test, with the test's own data folder.
    pub fn narvaro() -> Result<AppSpec> {
        Ok(AppSpec {
            binary: paths::app_binary()?,
            browser_name: "wry".to_owned(),
            args: Vec::new(),
            pass_data_dir: true,
            shell: false,
            lang: ENGLISH_US.to_owned(),
        })
    }

    /// This spec on a desktop with a real tray and notification server.
    pub fn with_shell(mut self) -> AppSpec {
        self.shell = true;
        self
    }

    /// This spec on a desktop in locale `lang` ("en_GB.UTF-8") instead of US English.
    pub fn with_lang(mut self, lang: &str) -> AppSpec {
        lang.clone_into(&mut self.lang);
        self
    }
}

/// The desktop's locale unless a test asks for another: the tests read English labels, and
/// US English writes the 12-hour clock.
pub const ENGLISH_US: &str = "en_US.UTF-8";

/// A running app under WebDriver control, with everything it needs; see [`crate::run`].
///
/// Fields drop in order: the session, then the driver (and the app with it), the notification
/// server, the bus, the X server, and last the temporary folders the app was using.
#[derive(Debug)]
pub struct App {
    client: Option<Client>,
    driver: Driver,
    notifications: Option<NotificationServer>,
    shell: Option<Shell>,
    bus: SessionBus,
    xvfb: Xvfb,
    root: Option<TempDir>,
    name: String,
    spec: AppSpec,
    data_dir: PathBuf,
    dialog_dir: PathBuf,
    log: PathBuf,
    artifacts: PathBuf,
}

impl App {
    /// Starts Xvfb, a session bus with a fake notification server on it, tauri-driver and
    /// the app. `name` names the artifacts.
    pub async fn start(name: &str, spec: AppSpec) -> Result<App> {
        let artifacts = paths::artifacts_dir()?;
        let root = tempfile::Builder::new()
            .prefix(&format!("narvaro-e2e-{name}-"))
            .tempdir()
            .context("could not create a temporary folder")?;
        let data_dir = root.path().join("data");
        // A debug build answers its file dialogs from this folder (WebDriver cannot reach a
        // native dialog): an open dialog picks the file named there, a save dialog writes
        // under its suggested name. See src-tauri/src/dialog.rs (`scripted`).
        let dialog_dir = root.path().join("dialogs");
        fs::create_dir_all(&dialog_dir)
            .with_context(|| format!("could not create {}", dialog_dir.display()))?;
        let xdg = XdgDirs::create(root.path())?;
        let log = artifacts.join(format!("{name}.app.log"));
        // A failure screenshot from an earlier run would suggest this run failed too.
        let _ = fs::remove_file(artifacts.join(format!("{name}-failure.png")));

        let xvfb = Xvfb::start(&artifacts.join(format!("{name}.xvfb.log")))?;
        let bus = SessionBus::start(&xvfb.display(), &artifacts.join(format!("{name}.dbus.log")))?;
        // On the bus before the app: its session bus has a notification server from the start,
        // as a desktop's does, and every notification it shows is recorded (or, with a real
        // shell, drawn).
        let (notifications, shell) = if spec.shell {
            let logs = artifacts.join(name);
            let shell = Shell::start(&xvfb.display(), bus.address(), root.path(), &logs)?;
            (None, Some(shell))
        } else {
            (Some(NotificationServer::start(bus.address())?), None)
        };
        let mut vars: Vec<(&str, OsString)> = vec![
            ("DISPLAY", xvfb.display().into()),
            ("DBUS_SESSION_BUS_ADDRESS", bus.address().into()),
            // English, whatever the machine's language (US English unless the test chose
            // another): the tests read English labels.
            ("LANG", spec.lang.clone().into()),
            ("GDK_BACKEND", "x11".into()),
            // No accessibility bus in a private session; this silences the warning about it.
            ("NO_AT_BRIDGE", "1".into()),
            ("NARVARO_TEST_DIALOG_DIR", dialog_dir.clone().into()),
        ];
        vars.extend(xdg.vars());
        let driver = Driver::start(&vars, &log)?;
        let mut app = App {
            client: None,
            driver,
            notifications,
            shell,
            bus,
            xvfb,
            root: Some(root),
            name: name.to_owned(),
            spec,
            data_dir,
            dialog_dir,
            log,
            artifacts,
        };
        let client = app.open_session().await?;
        app.client = Some(client);
        Ok(app)
    }

    /// The WebDriver client of the current session.
    pub fn client(&self) -> Result<&Client> {
        self.client
            .as_ref()
            .context("the app has no WebDriver session (it was ended or failed to restart)")
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Where the app's file dialogs are answered: put the file an open dialog should pick
    /// here, and find what a save dialog wrote.
    pub fn dialog_dir(&self) -> &Path {
        &self.dialog_dir
    }

    /// The combined log of tauri-driver, WebKitWebDriver and the app.
    /// The app's log lines about notifications, for a message that says why a press did
    /// nothing.
    pub fn notification_log(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("notification") || l.contains("notifier"))
            .collect();
        if lines.is_empty() {
            "nothing about notifications in the app's log".to_owned()
        } else {
            format!("the app's log says: {}", lines.join(" / "))
        }
    }

    pub fn log_path(&self) -> &Path {
        &self.log
    }

    pub fn driver(&mut self) -> &mut Driver {
        &mut self.driver
    }

    /// The fake notification server on the app's session bus: what the app showed, and its
    /// buttons to press.
    ///
    /// Panics in a test started `with_shell`, where dunst shows them instead.
    pub fn notifications(&self) -> &NotificationServer {
        self.notifications
            .as_ref()
            .expect("a test with a real shell has no fake notification server")
    }

    /// The real tray and notification server of a test started `with_shell`.
    pub fn shell(&self) -> Result<&Shell> {
        self.shell
            .as_ref()
            .context("this test was not started with a real shell (AppSpec::with_shell)")
    }

    /// Saves the whole screen of a test started `with_shell` as
    /// `<artifacts>/<test name>-<label>.png`: the window, the tray, menus and notifications.
    pub async fn screen_as(&self, label: &str) -> Result<PathBuf> {
        let path = self.artifacts.join(format!("{}-{label}.png", self.name));
        self.painted(&path.display().to_string()).await;
        // From the painted frame to the X window the whole screen is read from.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.shell()?.screenshot(&path)?;
        Ok(path)
    }

    /// The value for `DBUS_SESSION_BUS_ADDRESS` of the app's private session.
    pub fn bus_address(&self) -> String {
        self.bus.address().to_owned()
    }

    /// The value for `DISPLAY` of the app's private X server.
    pub fn display(&self) -> String {
        self.xvfb.display()
    }

    pub fn bus(&mut self) -> &mut SessionBus {
        &mut self.bus
    }

    pub fn xvfb(&mut self) -> &mut Xvfb {
        &mut self.xvfb
    }

    /// Quits the app as the window's session ends, makes sure the process is gone (the app
    /// may stay in the tray when its window closes), and starts it again with the same data.
    pub async fn restart(&mut self) -> Result<()> {
        self.end_session()
            .await
            .context("while stopping the app to restart it")?;
        let client = self
            .open_session()
            .await
            .context("while starting the app again")?;
        self.client = Some(client);
        Ok(())
    }

    /// Quits the app as `restart` does, runs `between` on its data folder while it is not
    /// running (to damage a file, say), then starts it again.
    pub async fn restart_after(&mut self, between: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
        self.end_session()
            .await
            .context("while stopping the app to restart it")?;
        between(&self.data_dir)?;
        let client = self
            .open_session()
            .await
            .context("while starting the app again")?;
        self.client = Some(client);
        Ok(())
    }

    /// Kills the app with SIGKILL, as `kill -9` or a crash would: no window closes, no quit
    /// handler runs, nothing is saved on the way out. Then starts it again with the same data.
    /// Returns the pids it killed.
    pub async fn kill_and_restart(&mut self) -> Result<Vec<i32>> {
        let pids = self.live_app_pids();
        if pids.is_empty() {
            bail!("found no running app process to kill");
        }
        for &pid in &pids {
            process::signal(pid, libc::SIGKILL);
        }
        for &pid in &pids {
            if !wait_gone(pid, Duration::from_secs(5)).await {
                bail!("the app (pid {pid}) is still running 5 s after SIGKILL");
            }
        }
        // Only now, with the app gone, end the session: ending it first would close the
        // window, which is the graceful way out this is not. WebKitWebDriver may answer with
        // an error for a browser that vanished; the session is over either way.
        if let Some(client) = self.client.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
        }
        let client = self
            .open_session()
            .await
            .context("while starting the app again after SIGKILL")?;
        self.client = Some(client);
        Ok(pids)
    }

    /// Saves a screenshot of the window as `<artifacts>/<test name>.png`.
    pub async fn screenshot(&self) -> Result<PathBuf> {
        self.save_screenshot(&format!("{}.png", self.name)).await
    }

    /// Saves a screenshot as `<artifacts>/<test name>-<label>.png`.
    pub async fn screenshot_as(&self, label: &str) -> Result<PathBuf> {
        self.save_screenshot(&format!("{}-{label}.png", self.name))
            .await
    }

    /// Waits until what the test just checked is painted: a screenshot shows the last
    /// painted frame, and painting runs behind the DOM (measured: up to 2 s on a busy 2-core
    /// machine, showing a dialog already gone). Two animation frames after now, it is.
    async fn painted(&self, file: &str) {
        let Ok(client) = self.client() else { return };
        let painted = client.execute_async(
            "const done = arguments[arguments.length - 1];\n\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        );
        if tokio::time::timeout(Duration::from_secs(10), painted)
            .await
            .is_err()
        {
            eprintln!("e2e: no frame was painted within 10 s; {file} may show an older state");
        }
    }

    async fn save_screenshot(&self, file: &str) -> Result<PathBuf> {
        self.painted(file).await;
        let png = tokio::time::timeout(Duration::from_secs(15), self.client()?.screenshot())
            .await
            .context("the screenshot took longer than 15 s")?
            .context("WebDriver could not take a screenshot")?;
        let path = self.artifacts.join(file);
        fs::write(&path, png).with_context(|| format!("could not write {}", path.display()))?;
        Ok(path)
    }

    /// Ends the session and stops every process, reporting anything that outlived its stop.
    /// Dropping an `App` does the same, quietly.
    pub async fn finish(mut self) -> Result<()> {
        let mut problems = Vec::new();
        if let Err(e) = self.end_session().await {
            problems.push(format!("{e:#}"));
        }
        let shell = self
            .shell
            .as_mut()
            .map(|s| s.groups().into_iter().try_for_each(|g| g.stop()))
            .unwrap_or(Ok(()));
        for result in [
            self.driver.stop(),
            shell,
            self.bus.group().stop(),
            self.xvfb.group().stop(),
        ] {
            if let Err(e) = result {
                problems.push(format!("{e:#}"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(anyhow!("teardown: {}", problems.join("; ")))
        }
    }

    /// Ends the WebDriver session, then waits for the app process to leave and stops it if it
    /// does not.
    async fn end_session(&mut self) -> Result<()> {
        let before = self.live_app_pids();
        let closed = match self.client.take() {
            Some(client) => {
                match tokio::time::timeout(Duration::from_secs(10), client.close()).await {
                    Ok(Ok(())) => Ok(()),
                    Ok(Err(e)) => Err(anyhow!(e).context("ending the WebDriver session failed")),
                    Err(_) => Err(anyhow!(
                        "ending the WebDriver session took longer than 10 s"
                    )),
                }
            }
            None => Ok(()),
        };
        let mut pids = before;
        pids.extend(self.live_app_pids());
        pids.sort_unstable();
        pids.dedup();
        // Wait for the whole process, not just a zombie main thread: only then are its files
        // closed and its single-instance name on the bus free. A new start that still sees
        // the name hands over to the dying instance and fails (seen in about 1 of 5 restarts).
        for pid in pids {
            if !wait_gone(pid, EXIT_GRACE).await {
                process::signal(pid, libc::SIGTERM);
                if !wait_gone(pid, Duration::from_secs(2)).await {
                    process::signal(pid, libc::SIGKILL);
                    if !wait_gone(pid, Duration::from_secs(2)).await {
                        bail!("the app (pid {pid}) is still running after SIGKILL");
                    }
                }
            }
        }
        closed
    }

    /// Pids of the live app: children of our WebKitWebDriver and, should one have moved away
    /// from it, any process started with our data folder.
    fn live_app_pids(&self) -> Vec<i32> {
        let mut pids: Vec<i32> = self
            .driver
            .app_processes()
            .into_iter()
            .filter(|p| !process::has_exited(p.pid))
            .map(|p| p.pid)
            .collect();
        if self.spec.pass_data_dir {
            let dir = self.data_dir.to_string_lossy().into_owned();
            pids.extend(
                process::processes()
                    .into_iter()
                    .filter(|p| !process::has_exited(p.pid) && has_arg_pair(p, "--data-dir", &dir))
                    .map(|p| p.pid),
            );
        }
        pids.sort_unstable();
        pids.dedup();
        pids
    }

    /// Asks tauri-driver for a session, which starts the app. Fails fast, with the log's
    /// path, when the app ends before WebDriver could connect to it: WebKitWebDriver itself
    /// would wait forever (a rejected argument, or a second instance that handed over to a
    /// first one on the same bus and quit).
    async fn open_session(&mut self) -> Result<Client> {
        let mut args = self.spec.args.clone();
        if self.spec.pass_data_dir {
            args.push("--data-dir".to_owned());
            args.push(self.data_dir.to_string_lossy().into_owned());
        }
        let capabilities = json!({
            "browserName": self.spec.browser_name,
            "tauri:options": { "application": self.spec.binary, "args": args },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            bail!("capabilities must be a JSON object");
        };
        let url = self.driver.url();
        let connect = async {
            ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities)
                .connect(&url)
                .await
        };
        let driver = &self.driver;
        let log = self.log.display().to_string();
        let watch = async {
            let mut seen: Option<i32> = None;
            loop {
                tokio::time::sleep(Duration::from_millis(100)).await;
                let procs = driver.app_processes();
                match seen {
                    None => seen = procs.iter().find(|p| !p.is_zombie()).map(|p| p.pid),
                    Some(pid) => {
                        if !procs.iter().any(|p| p.pid == pid && !p.is_zombie()) {
                            return anyhow!(
                                "the app exited before WebDriver could connect to it (a rejected \
                                 argument, a crash, or another instance on the same D-Bus session?); \
                                 its output is in {log}"
                            );
                        }
                    }
                }
            }
        };
        let started = Instant::now();
        let client = tokio::select! {
            result = connect => result.with_context(|| format!(
                "WebDriver could not start {} (log: {log})",
                self.spec.binary.display()
            ))?,
            error = watch => return Err(error),
            () = tokio::time::sleep(SESSION_LIMIT) => bail!(
                "the app window did not connect to WebDriver within {} s (log: {log})",
                SESSION_LIMIT.as_secs()
            ),
        };
        // The session exists once the window does; its page may still be loading.
        let deadline = started + SESSION_LIMIT;
        loop {
            let state = client
                .execute("return document.readyState", vec![])
                .await
                .context("could not read the page's load state")?;
            if state == "complete" {
                return Ok(client);
            }
            if Instant::now() >= deadline {
                bail!(
                    "the page did not finish loading within {} s",
                    SESSION_LIMIT.as_secs()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Keeps the temporary folders (data, XDG dirs) for a look after a failure.
    pub fn keep_temp_dir(&mut self) -> Option<PathBuf> {
        self.root.take().map(TempDir::keep)
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Some(path) = self.keep_temp_dir() {
                eprintln!(
                    "e2e: {} failed; its data is kept in {}",
                    self.name,
                    path.display()
                );
            }
        }
        // The session, driver, bus and X server stop through their own Drops, in field order.
    }
}

async fn wait_gone(pid: i32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if process::has_exited(pid) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn has_arg_pair(p: &Proc, flag: &str, value: &str) -> bool {
    let args = p.cmdline();
    args.windows(2).any(|w| w[0] == flag && w[1] == value)
        || args
            .iter()
            .any(|a| a.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) == Some(value))
}

/// Per-test XDG folders: WebKit keeps local storage, caches and cookies there, and parallel
/// tests must not share them (nor touch the developer's own).
struct XdgDirs {
    dirs: Vec<(&'static str, PathBuf)>,
}

impl XdgDirs {
    fn create(root: &Path) -> Result<XdgDirs> {
        use std::os::unix::fs::PermissionsExt;
        let dirs: Vec<(&'static str, PathBuf)> = [
            ("XDG_DATA_HOME", "xdg/data"),
            ("XDG_CONFIG_HOME", "xdg/config"),
            ("XDG_CACHE_HOME", "xdg/cache"),
            ("XDG_STATE_HOME", "xdg/state"),
            ("XDG_RUNTIME_DIR", "xdg/runtime"),
        ]
        .into_iter()
        .map(|(var, sub)| (var, root.join(sub)))
        .collect();
        for (_, dir) in &dirs {
            fs::create_dir_all(dir)
                .with_context(|| format!("could not create {}", dir.display()))?;
            // XDG_RUNTIME_DIR must be private; the others do not mind.
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .with_context(|| format!("could not restrict {}", dir.display()))?;
        }
        Ok(XdgDirs { dirs })
    }

    fn vars(&self) -> Vec<(&'static str, OsString)> {
        self.dirs
            .iter()
            .map(|(var, dir)| (*var, dir.as_os_str().to_owned()))
            .collect()
    }
}
