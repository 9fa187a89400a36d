//! tauri-driver and the WebKitWebDriver it starts: free ports, the environment the app will
//! inherit, readiness of both ports, and finding the app process among their children.

use std::collections::HashSet;
use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::desktop::{log_file, log_file_append};
use crate::paths;
use crate::process::{Group, Proc};

const READY_LIMIT: Duration = Duration::from_secs(20);
const ATTEMPTS: usize = 3;

/// Variables that would leak the developer's session into the test: another display
/// (Wayland would put the window on the real screen), another locale, another data folder.
const REMOVED_VARS: &[&str] = &[
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "LC_ALL",
    "LC_MESSAGES",
    "LANGUAGE",
    "NARVARO_DATA_DIR",
    "DBUS_SYSTEM_BUS_ADDRESS_OVERRIDE",
];

/// A running tauri-driver (port) with its WebKitWebDriver (native port), one process group.
#[derive(Debug)]
pub struct Driver {
    group: Group,
    port: u16,
    native_port: u16,
}

impl Driver {
    /// Starts tauri-driver with `vars` set (on top of the cleaned inherited environment) and
    /// waits until both ports accept connections. Retries with new ports when another
    /// program took one of them in the meantime.
    pub fn start(vars: &[(&str, OsString)], log: &Path) -> Result<Driver> {
        let program = paths::tauri_driver()?;
        paths::system_program("WebKitWebDriver", "webkit2gtk-driver")?;
        log_file(log)?; // start this run's log empty; attempts append to it
        let mut last_error = None;
        for _ in 0..ATTEMPTS {
            let (port, native_port) = free_port_pair()?;
            let mut cmd = Command::new(&program);
            cmd.arg("--port")
                .arg(port.to_string())
                .arg("--native-port")
                .arg(native_port.to_string())
                .stdin(Stdio::null())
                .stdout(log_file_append(log)?)
                .stderr(log_file_append(log)?);
            for var in REMOVED_VARS {
                cmd.env_remove(var);
            }
            for (key, value) in vars {
                cmd.env(key, value);
            }
            let group = Group::spawn("tauri-driver", cmd)?;
            let mut driver = Driver {
                group,
                port,
                native_port,
            };
            match driver.wait_ready(log) {
                Ok(()) => return Ok(driver),
                Err(e) => {
                    let _ = driver.group.stop();
                    last_error = Some(e);
                }
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow::anyhow!("tauri-driver did not start")))
    }

    fn wait_ready(&mut self, log: &Path) -> Result<()> {
        let deadline = Instant::now() + READY_LIMIT;
        loop {
            if let Some(status) = self.group.exited() {
                bail!(
                    "tauri-driver exited ({status}) while starting on ports {}/{}; its log: {}",
                    self.port,
                    self.native_port,
                    log.display()
                );
            }
            if accepts(self.port) && accepts(self.native_port) {
                // Both answer, but is the native port ours? A stale WebKitWebDriver from
                // another run would answer too, and serve its old session.
                if self.webkit_driver().is_some() {
                    return Ok(());
                }
                bail!(
                    "port {} answers, but not from our WebKitWebDriver (did it fail to bind?); log: {}",
                    self.native_port,
                    log.display()
                );
            }
            if Instant::now() >= deadline {
                bail!(
                    "tauri-driver did not accept connections on ports {} and {} within {} s; its log: {}",
                    self.port,
                    self.native_port,
                    READY_LIMIT.as_secs(),
                    log.display()
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn ports(&self) -> (u16, u16) {
        (self.port, self.native_port)
    }

    pub fn group(&mut self) -> &mut Group {
        &mut self.group
    }

    /// Our WebKitWebDriver: in our group, listening on our native port.
    pub fn webkit_driver(&self) -> Option<Proc> {
        let flag = format!("--port={}", self.native_port);
        self.group.members().into_iter().find(|p| {
            !p.is_zombie() && p.comm.starts_with("WebKitWebDrive") && p.cmdline().contains(&flag)
        })
    }

    /// The app processes WebKitWebDriver started (its children), zombies included so that a
    /// caller can tell "started and died" from "not started yet".
    pub fn app_processes(&self) -> Vec<Proc> {
        let Some(webkit) = self.webkit_driver() else {
            return Vec::new();
        };
        self.group
            .members()
            .into_iter()
            .filter(|p| p.ppid == webkit.pid)
            .collect()
    }

    /// Stops tauri-driver, WebKitWebDriver and whatever they started.
    pub fn stop(&mut self) -> Result<()> {
        self.group.stop()
    }
}

fn accepts(port: u16) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
}

/// Two free neighbouring ports, P and P+1 (tauri-driver's convention). The OS picks P; ports
/// handed out earlier in this process are never handed out again, so parallel tests in one
/// run cannot collide even in the moment between our probe and the driver's bind.
fn free_port_pair() -> Result<(u16, u16)> {
    static HANDED_OUT: Mutex<Option<HashSet<u16>>> = Mutex::new(None);
    let mut guard = HANDED_OUT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let handed_out = guard.get_or_insert_with(HashSet::new);
    for _ in 0..50 {
        let probe = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("could not bind a port")?;
        let port = probe
            .local_addr()
            .context("a bound socket without an address")?
            .port();
        let Some(next) = port.checked_add(1) else {
            continue;
        };
        if handed_out.contains(&port) || handed_out.contains(&next) {
            continue;
        }
        if TcpListener::bind((Ipv4Addr::LOCALHOST, next)).is_err() {
            continue;
        }
        handed_out.insert(port);
        handed_out.insert(next);
        return Ok((port, next));
    }
    bail!("found no two free neighbouring ports on 127.0.0.1")
}
