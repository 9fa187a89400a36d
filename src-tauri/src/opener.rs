//! Opening a meeting link in the OS's default browser, and a file the app itself wrote (an
//! invitation) in its default program, from Rust: the webview has no shell or opener
//! plugin, only an https link with a host (`model::meeting_link`) is ever handed to the OS,
//! and a file only by the path the app chose.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use narvaro_core::error::Invalid;
use narvaro_core::{Error, Result};

/// Opens `raw` in the default browser when it is an https meeting link; anything else is
/// refused with a translated reason and nothing is started.
pub fn open_link(raw: &str) -> Result<()> {
    let link = narvaro_core::model::meeting_link(Some(raw), "link")?
        .ok_or(Invalid::new("link", "error.invalid.link_https"))?;
    // A debug build under test records the link instead of starting a browser.
    if let Some(log) = crate::dialog::scripted("opened-links.txt") {
        return record(&log, &link);
    }
    launch(OsStr::new(&link))
}

/// Opens a file the app wrote itself (an invitation in the data folder) with the OS's
/// default program for its type: the calendar or mail program for an .ics. Never called
/// with a path from the webview.
pub fn open_file(path: &Path) -> Result<()> {
    // A debug build under test records the path instead of starting a program.
    if let Some(log) = crate::dialog::scripted("opened-files.txt") {
        return record(&log, &path.display().to_string());
    }
    launch(path.as_os_str())
}

/// Appends `line` to the test log `log`.
fn record(log: &Path, line: &str) -> Result<()> {
    use std::io::Write;
    let io = |source| Error::Io {
        path: log.to_owned(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(io)?;
    writeln!(file, "{line}").map_err(io)
}

/// Hands `target` to the desktop's opener and reaps it on a thread, so no zombie is left.
fn launch(target: &OsStr) -> Result<()> {
    let mut command = opener_command();
    let program = PathBuf::from(command.get_program());
    let mut child = command
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| Error::Io {
            path: program,
            source,
        })?;
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

fn opener_command() -> Command {
    #[cfg(target_os = "windows")]
    {
        // url.dll's handler takes the link as one argument: no shell parses its `&`s
        // (Teams links have several), as `cmd /c start` would.
        let mut command = Command::new("rundll32.exe");
        command.arg("url.dll,FileProtocolHandler");
        command
    }
    #[cfg(target_os = "macos")]
    {
        Command::new("open")
    }
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    {
        Command::new("xdg-open")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_https_links_are_opened() {
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://zoom.us/j/1",
            "",
            "https://evil@bank.se",
        ] {
            let err = super::open_link(bad).unwrap_err();
            assert_eq!(err.field(), Some("link"), "{bad}");
        }
    }
}
