//! A private desktop for one test: its own X server (Xvfb) and its own D-Bus session bus, so
//! tests run side by side without sharing a screen or a single-instance lock.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::paths;
use crate::process::Group;

/// Long enough for a loaded 2-core machine; both normally answer in well under a second.
const START_LIMIT: Duration = Duration::from_secs(20);

/// Xvfb on a display number it picked itself (`-displayfd`), so parallel tests never race
/// for a number.
#[derive(Debug)]
pub struct Xvfb {
    // Field order is drop order: stop the server, then close our end of its pipe.
    group: Group,
    number: u32,
    _display_fd: std::io::PipeReader,
}

impl Xvfb {
    pub fn start(log: &Path) -> Result<Xvfb> {
        let program = paths::system_program("Xvfb", "xvfb")?;
        let (reader, writer) = std::io::pipe().context("could not create a pipe for Xvfb")?;
        let mut cmd = Command::new(program);
        // fd 1 is the pipe: Xvfb writes the display number there once it accepts clients,
        // and writes nothing else to stdout.
        cmd.args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(log_file(log)?);
        let mut group = Group::spawn("Xvfb", cmd)?;
        // `cmd` (and with it our copy of the pipe's write end) is gone: an Xvfb that dies
        // early gives us end-of-file instead of a hang.
        let (line, reader) = first_line(reader, &mut group, "Xvfb", log)?;
        let number = line
            .trim()
            .parse()
            .with_context(|| format!("Xvfb wrote {line:?} instead of a display number"))?;
        Ok(Xvfb {
            group,
            number,
            _display_fd: reader,
        })
    }

    /// The value for `DISPLAY`, like ":3".
    pub fn display(&self) -> String {
        format!(":{}", self.number)
    }

    pub fn group(&mut self) -> &mut Group {
        &mut self.group
    }
}

/// `dbus-daemon --session` private to one test.
#[derive(Debug)]
pub struct SessionBus {
    group: Group,
    address: String,
    _stdout: std::process::ChildStdout,
}

impl SessionBus {
    /// Starts the bus with `display` set: services it activates (a notification daemon, for
    /// one) may need an X display and crash without one.
    pub fn start(display: &str, log: &Path) -> Result<SessionBus> {
        let program = paths::system_program("dbus-daemon", "dbus-daemon")?;
        let mut cmd = Command::new(program);
        cmd.args(["--session", "--nofork", "--print-address=1"])
            .env("DISPLAY", display)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file(log)?);
        let mut group = Group::spawn("dbus-daemon", cmd)?;
        let stdout = group
            .take_stdout()
            .context("dbus-daemon was started without a stdout pipe")?;
        let (line, stdout) = first_line(stdout, &mut group, "dbus-daemon", log)?;
        let address = line.trim().to_owned();
        if !address.contains(':') {
            bail!("dbus-daemon printed {line:?} instead of a bus address");
        }
        Ok(SessionBus {
            group,
            address,
            _stdout: stdout,
        })
    }

    /// The value for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn group(&mut self) -> &mut Group {
        &mut self.group
    }
}

/// A log file for a child's stderr, truncated so that it shows this run only.
pub fn log_file(path: &Path) -> Result<File> {
    File::create(path).with_context(|| format!("could not create {}", path.display()))
}

/// A log that a program started again writes after what the first one wrote.
pub fn log_file_append(path: &Path) -> Result<File> {
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("could not open {}", path.display()))
}

/// Reads the first line a just-started program writes, without hanging when it dies or
/// stays silent. Returns the reader too: closing it early would break the program's pipe.
fn first_line<R: Read + Send + 'static>(
    reader: R,
    group: &mut Group,
    what: &str,
    log: &Path,
) -> Result<(String, R)> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(reader);
        let mut line = String::new();
        let outcome = reader.read_line(&mut line).map(|_| line);
        let _ = tx.send((outcome, reader));
    });
    let deadline = Instant::now() + START_LIMIT;
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok((Ok(line), reader)) if !line.is_empty() => {
                return Ok((line, reader.into_inner()));
            }
            Ok((Ok(_), _)) => bail!(
                "{what} ended before it was ready ({}); its log: {}",
                describe_exit(group),
                log.display()
            ),
            Ok((Err(e), _)) => {
                return Err(e).with_context(|| format!("could not read from {what}"));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => bail!("the reader of {what} vanished"),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(status) = group.exited() {
                    bail!(
                        "{what} exited ({status}) before it was ready; its log: {}",
                        log.display()
                    );
                }
                if Instant::now() >= deadline {
                    bail!(
                        "{what} was not ready after {} s; its log: {}",
                        START_LIMIT.as_secs(),
                        log.display()
                    );
                }
            }
        }
    }
}

fn describe_exit(group: &mut Group) -> String {
    // Give the exit status a moment to arrive after the pipe closed.
    for _ in 0..20 {
        if let Some(status) = group.exited() {
            return format!("exit {status}");
        }
        thread::sleep(Duration::from_millis(25));
    }
    "still running, but it closed its output".to_owned()
}

/// A desktop's own shell on the private display and bus, for the tests that look at what the
/// app shows outside its window: `trayer` as the tray (an XEmbed system tray, into which the
/// app's indicator falls back without a StatusNotifier host) and `dunst` as the notification
/// server, which draws every notification until it is closed.
#[derive(Debug)]
pub struct Shell {
    tray: Group,
    notifications: Group,
    display: String,
}

impl Shell {
    /// Starts both on `display` and `bus`, with dunst's settings in `dir`; returns once the
    /// tray window is mapped and dunst answers on the bus.
    pub fn start(display: &str, bus: &str, dir: &Path, logs: &Path) -> Result<Shell> {
        let config = dir.join("dunstrc");
        // Never time out (the screenshot is taken when the test is ready), top right under
        // the tray, wide enough for a burst's lines.
        std::fs::write(
            &config,
            "[global]\nfont = DejaVu Sans 10\nwidth = 420\norigin = top-right\noffset = 8x40\n\
             frame_width = 1\nframe_color = \"#8a8f98\"\nformat = \"<b>%a</b>\\n<b>%s</b>\\n%b\"\n\
             [urgency_low]\ntimeout = 0\n[urgency_normal]\ntimeout = 0\nbackground = \"#ffffff\"\n\
             foreground = \"#1f2328\"\n[urgency_critical]\ntimeout = 0\n",
        )
        .with_context(|| format!("could not write {}", config.display()))?;
        let env = |cmd: &mut Command| {
            cmd.env("DISPLAY", display)
                .env("DBUS_SESSION_BUS_ADDRESS", bus)
                .stdin(Stdio::null())
                .stdout(Stdio::null());
        };
        let tray_log = logs.with_extension("trayer.log");
        let dunst_log = logs.with_extension("dunst.log");
        // This run's logs start empty; a program started again appends to its own.
        log_file(&tray_log)?;
        log_file(&dunst_log)?;
        let tray_cmd = || -> Result<Command> {
            let mut tray = Command::new(paths::system_program("trayer", "trayer")?);
            tray.args([
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "28",
                "--transparent",
                "false",
                "--SetDockType",
                "true",
            ]);
            env(&mut tray);
            tray.stderr(log_file_append(&tray_log)?);
            Ok(tray)
        };
        let dunst_cmd = || -> Result<Command> {
            let mut notify = Command::new(paths::system_program("dunst", "dunst")?);
            notify.arg("-config").arg(&config);
            env(&mut notify);
            notify.stderr(log_file_append(&dunst_log)?);
            Ok(notify)
        };
        let mut shell = Shell {
            tray: Group::spawn("trayer", tray_cmd()?)?,
            notifications: Group::spawn("dunst", dunst_cmd()?)?,
            display: display.to_owned(),
        };
        let deadline = Instant::now() + START_LIMIT;
        while shell.window("trayer")?.is_none() || !dunst_answers(bus) {
            if Instant::now() >= deadline {
                bail!(
                    "the tray or the notification server did not start within {} s (logs beside {})",
                    START_LIMIT.as_secs(),
                    logs.display()
                );
            }
            // One that gave up at once (trayer once found the new display not yet taking
            // clients: "cannot open display") is started again until the deadline.
            if shell.tray.exited().is_some() {
                shell.tray = Group::spawn("trayer", tray_cmd()?)?;
            }
            if shell.notifications.exited().is_some() {
                shell.notifications = Group::spawn("dunst", dunst_cmd()?)?;
            }
            thread::sleep(Duration::from_millis(100));
        }
        Ok(shell)
    }

    /// The first visible window of class `class`, as xdotool finds it.
    pub fn window(&self, class: &str) -> Result<Option<String>> {
        Ok(self.windows(class)?.into_iter().next())
    }

    /// Every visible window of class `class` (a GTK popup menu has its program's class).
    pub fn windows(&self, class: &str) -> Result<Vec<String>> {
        let out = self
            .xdotool(&["search", "--onlyvisible", "--class", class])
            .output()
            .context("could not run xdotool")?;
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect())
    }

    /// How many notifications dunst has on the screen now.
    pub fn displayed(&self, bus: &str) -> Result<usize> {
        let out = Command::new(paths::system_program("dunstctl", "dunst")?)
            .args(["count", "displayed"])
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .output()
            .context("could not run dunstctl")?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim()
            .parse()
            .with_context(|| format!("dunstctl count displayed wrote {text:?}"))
    }

    /// Clicks the icon at the right end of the tray (the only one: the app's).
    pub fn click_tray_icon(&self) -> Result<()> {
        let tray = self
            .window("trayer")?
            .context("the tray is not on the screen")?;
        let out = self
            .xdotool(&["getwindowgeometry", "--shell", &tray])
            .output()
            .context("could not run xdotool")?;
        let geometry = String::from_utf8_lossy(&out.stdout).into_owned();
        let value = |key: &str| -> Result<i64> {
            geometry
                .lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .and_then(|v| v.trim().parse().ok())
                .with_context(|| format!("no {key} in xdotool's answer {geometry:?}"))
        };
        let (x, y, w, h) = (value("X")?, value("Y")?, value("WIDTH")?, value("HEIGHT")?);
        let (cx, cy) = ((x + w - h / 2).to_string(), (y + h / 2).to_string());
        let status = self
            .xdotool(&["mousemove", &cx, &cy, "click", "1"])
            .status()
            .context("could not run xdotool")?;
        if !status.success() {
            bail!("xdotool could not click the tray icon at {cx},{cy}");
        }
        Ok(())
    }

    /// Presses `key` (an X keysym such as "Escape") on the focused window.
    pub fn key(&self, key: &str) -> Result<()> {
        let status = self
            .xdotool(&["key", key])
            .status()
            .context("could not run xdotool")?;
        if !status.success() {
            bail!("xdotool could not press {key}");
        }
        Ok(())
    }

    /// What dunst has shown and closed so far, newest first: (summary, body) pairs, from
    /// `dunstctl history` (what is still on the screen joins it on `close_all`).
    pub fn shown(&self, bus: &str) -> Result<Vec<(String, String)>> {
        let out = Command::new(paths::system_program("dunstctl", "dunst")?)
            .arg("history")
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .output()
            .context("could not run dunstctl")?;
        let history: serde_json::Value =
            serde_json::from_slice(&out.stdout).with_context(|| {
                format!(
                    "dunstctl history wrote {:?}",
                    String::from_utf8_lossy(&out.stdout)
                )
            })?;
        let text = |n: &serde_json::Value, key: &str| {
            n[key]["data"].as_str().unwrap_or_default().to_owned()
        };
        Ok(history["data"]
            .as_array()
            .and_then(|a| a.first())
            .and_then(|a| a.as_array())
            .map(|all| {
                all.iter()
                    .map(|n| (text(n, "summary"), text(n, "body")))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Closes every notification dunst shows (they stay in its history).
    pub fn close_all(&self, bus: &str) -> Result<()> {
        let status = Command::new(paths::system_program("dunstctl", "dunst")?)
            .arg("close-all")
            .env("DBUS_SESSION_BUS_ADDRESS", bus)
            .status()
            .context("could not run dunstctl")?;
        if !status.success() {
            bail!("dunstctl close-all failed");
        }
        Ok(())
    }

    /// Saves the whole screen (window, tray, notifications, menus) as a PNG.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let status = Command::new(paths::system_program("import", "imagemagick")?)
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.display)
            .status()
            .context("could not run ImageMagick's import")?;
        if !status.success() {
            bail!("import could not save the screen to {}", path.display());
        }
        Ok(())
    }

    pub fn groups(&mut self) -> [&mut Group; 2] {
        [&mut self.notifications, &mut self.tray]
    }

    fn xdotool(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("xdotool");
        cmd.args(args).env("DISPLAY", &self.display);
        cmd
    }
}

/// Whether a notification server answers on `bus` (dunst takes its name once ready).
fn dunst_answers(bus: &str) -> bool {
    let owned = || -> Result<bool> {
        let connection = zbus::blocking::connection::Builder::address(bus)?.build()?;
        let proxy = zbus::blocking::fdo::DBusProxy::new(&connection)?;
        Ok(proxy.name_has_owner("org.freedesktop.Notifications".try_into()?)?)
    };
    owned().unwrap_or(false)
}
