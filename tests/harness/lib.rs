//! The end-to-end harness: starts the real Närvaro window in a private headless desktop,
//! drives it through WebDriver as a person would, and stops every process it started, also
//! when a test fails or panics.
//!
//! A test is one call to [`run`]:
//!
//! ```no_run
//! # async fn example() -> anyhow::Result<()> {
//! narvaro_e2e::run("adds_a_person", async |app| {
//!     app.click_button("Add person").await?;
//!     app.fill("Name", "Anna Lind").await?;
//!     app.click_button("Save").await?;
//!     app.wait_for_rows("Active", "shows Anna", |rows| rows.iter().any(|r| r.shows("Anna Lind")))
//!         .await?;
//!     Ok(())
//! })
//! .await
//! # }
//! ```
//!
//! Linux only: Xvfb, dbus-daemon and WebKitWebDriver are what the harness drives.
#![cfg(target_os = "linux")]

pub mod app;
pub mod clock;
pub mod desktop;
pub mod dom;
pub mod driver;
pub mod notifications;
pub mod paths;
pub mod process;

use std::time::{Duration, Instant};

use anyhow::{bail, Result};

pub use app::{App, AppSpec, ENGLISH_US};
pub use dom::{Row, Scope};
pub use notifications::{NotificationServer, Notified};

/// How long a step waits for the UI before it fails. Generous: a debug build with several
/// WebKit windows on a 2-core machine is slow, and a passing wait returns at once anyway.
pub const WAIT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(75);

/// The answer of one look in [`wait_until`].
#[derive(Debug)]
pub enum Check<T> {
    /// The condition holds; here is what it found.
    Done(T),
    /// Not yet; says what was seen instead, for the message on timeout.
    Waiting(String),
}

/// Looks again and again (every 75 ms) until `probe` is done, or fails after `limit` with
/// `what` and what the last look saw. An error from `probe` ends the wait at once.
pub async fn wait_until<T>(
    what: &str,
    limit: Duration,
    mut probe: impl AsyncFnMut() -> Result<Check<T>>,
) -> Result<T> {
    let deadline = Instant::now() + limit;
    loop {
        match probe().await? {
            Check::Done(value) => return Ok(value),
            Check::Waiting(seen) => {
                if Instant::now() >= deadline {
                    bail!(
                        "waited {:.1} s until {what}, in vain; last seen: {seen}",
                        limit.as_secs_f64()
                    );
                }
            }
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Runs one end-to-end test named `name` against the Närvaro binary: starts everything,
/// runs `body`, saves `<name>.failure.png` when it fails, and stops everything.
pub async fn run(name: &str, body: impl AsyncFnOnce(&mut App) -> Result<()>) -> Result<()> {
    run_with(name, AppSpec::narvaro()?, body).await
}

/// Like [`run`] with another application (the harness's own smoke test uses WebKit's
/// MiniBrowser).
pub async fn run_with(
    name: &str,
    spec: AppSpec,
    body: impl AsyncFnOnce(&mut App) -> Result<()>,
) -> Result<()> {
    let started = Instant::now();
    let mut app = App::start(name, spec).await?;
    let outcome = body(&mut app).await;
    let outcome = match outcome {
        Ok(()) => Ok(()),
        Err(error) => {
            let shot = match app.screenshot_as("failure").await {
                Ok(path) => format!("screenshot: {}", path.display()),
                Err(e) => format!("no screenshot: {e:#}"),
            };
            let kept = app
                .keep_temp_dir()
                .map(|p| format!("; data kept in {}", p.display()))
                .unwrap_or_default();
            Err(error.context(format!(
                "{name} failed ({shot}; app log: {}{kept})",
                app.log_path().display()
            )))
        }
    };
    let teardown = app.finish().await;
    eprintln!("e2e: {name} took {:.1} s", started.elapsed().as_secs_f64());
    match (outcome, teardown) {
        (Err(e), _) => Err(e),
        (Ok(()), Err(e)) => Err(e),
        (Ok(()), Ok(())) => Ok(()),
    }
}
