//! The background task that delivers reminders. It never trusts one long timer (monotonic
//! clocks stop while the computer sleeps): it sleeps until the next reminder or 60 s,
//! whichever is sooner, reads the wall clock again on every wake, and wakes at once when data
//! or settings change. Core decides everything; this only keeps time and shows the result.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use narvaro_core::service::reminders::{self, Failing, TrayState};
use tauri::{AppHandle, Runtime};

use crate::notifier::Notifier;
use crate::state::AppState;

/// The longest sleep: a wall-clock jump (suspend, a clock change) is noticed within this.
pub const MAX_SLEEP: Duration = Duration::from_secs(60);

pub fn spawn<R: Runtime>(app: AppHandle<R>, state: AppState, notifier: Arc<dyn Notifier>) {
    tauri::async_runtime::spawn(async move {
        let mut shown: Option<TrayState> = None;
        loop {
            let wait = step(&state, &notifier, Utc::now()).await;
            refresh_tray(&app, &state, &mut shown).await;
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = state.changed() => {}
            }
        }
    });
}

/// One tick at `now` (the wall clock, read fresh by the caller): deliver what is due;
/// returns how long to sleep.
pub async fn step(state: &AppState, notifier: &Arc<dyn Notifier>, now: DateTime<Utc>) -> Duration {
    let (tz, lang) = (state.local_tz(), state.lang());
    // The tick records and decides in one transaction: when it cannot record (a full disk,
    // a file held by another program), it shows nothing, and Today and the tray say why
    // until a tick succeeds. Nothing is lost: the next tick finds the same reminders due.
    let tick = match state
        .run_core(move |store| reminders::tick(store, now, tz, lang))
        .await
    {
        Ok(Ok(tick)) => {
            state.set_failing(None);
            tick
        }
        Ok(Err(error)) => {
            log::warn!("reminder tick failed: {error}");
            state.set_failing(Some(Failing::of(&error)));
            return MAX_SLEEP;
        }
        Err(error) => {
            log::warn!("reminder tick failed: {}", error.message);
            state.set_failing(Some(Failing(None)));
            return MAX_SLEEP;
        }
    };
    if !tick.notifications.is_empty() {
        log::info!("showing {} notification(s)", tick.notifications.len());
    }
    let next_wake = tick.next_wake;
    // Showing a notification is a blocking D-Bus (or OS) call.
    let notifier = Arc::clone(notifier);
    let notifications = tick.notifications;
    let shown = tauri::async_runtime::spawn_blocking(move || {
        notifications
            .iter()
            .filter(|n| !notifier.notify(n, lang))
            .flat_map(|n| n.keys.iter().copied())
            .collect::<Vec<_>>()
    })
    .await;
    match shown {
        // Not shown is not lost: listed in Today and the tray as not delivered.
        Ok(failed) if !failed.is_empty() => {
            if let Err(error) = state
                .mutate(move |store| reminders::undelivered(store, &failed).map(|_| ()))
                .await
            {
                log::warn!("could not record undelivered reminders: {}", error.message);
            }
        }
        Ok(_) => {}
        Err(error) => log::warn!("notifier failed: {error}"),
    }
    next_wake
        .and_then(|at| (at - now).to_std().ok())
        .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
        .max(Duration::from_millis(100))
}

async fn refresh_tray<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    shown: &mut Option<TrayState>,
) {
    let (tz, lang, now, failing) = (state.local_tz(), state.lang(), Utc::now(), state.failing());
    match state
        .run(move |store| reminders::tray_state(store, now, tz, lang, failing))
        .await
    {
        Ok(tray) if shown.as_ref() != Some(&tray) => {
            crate::tray::update(app, lang, &tray);
            *shown = Some(tray);
        }
        Ok(_) => {}
        Err(error) => log::warn!("tray state failed: {}", error.message),
    }
}
