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
