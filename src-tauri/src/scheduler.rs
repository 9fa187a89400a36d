//! The background thread that delivers reminders. It never trusts one long timer (monotonic
//! clocks stop while the computer sleeps): it sleeps until the next reminder or 60 s,
//! whichever is sooner, reads the wall clock again on every wake, and wakes at once when data
//! or settings change. Core decides everything; this only keeps time and shows the result.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use narvaro_core::service::reminders::{self, Failing, TrayState};
use narvaro_core::service::{backup, retention};
use tauri::{AppHandle, Runtime};

use crate::notifier::Notifier;
use crate::state::AppState;

/// The longest sleep: a wall-clock jump (suspend, a clock change) is noticed within this.
pub const MAX_SLEEP: Duration = Duration::from_secs(60);

pub fn spawn<R: Runtime>(app: AppHandle<R>, state: AppState, notifier: Arc<dyn Notifier>) {
    // Its own thread, not a task on the async runtime: asleep, it waits on one condition
    // variable with a timeout, so an idle minute costs one wake-up, not the runtime's
    // timer, worker and blocking-pool hand-offs (9 a minute, measured).
    let spawned = std::thread::Builder::new()
        .name("reminders".into())
        .spawn(move || {
            let mut shown: Option<TrayState> = None;
            let mut next_upkeep = None;
            loop {
                let now = Utc::now();
                // On start, then hourly: what is due once a day (retention, the backup).
                if next_upkeep.is_none_or(|at| now >= at) {
                    clean_if_due(&state, now);
                    back_up_if_due(&state, now);
                    next_upkeep = Some(now + UPKEEP_EVERY);
                }
                let wait = step(&state, &notifier, now);
                refresh_tray(&app, &state, &mut shown);
                state.wait_for_change(wait);
            }
        });
    if let Err(error) = spawned {
        log::error!("cannot start the reminder scheduler: {error}");
    }
}

/// Applies the retention rules once a day (on the first check of a new local day).
pub fn clean_if_due(state: &AppState, now: DateTime<Utc>) {
    let today = now.with_timezone(&state.local_tz()).date_naive();
    let cleaned = state.run_here(|store| {
        if retention::due(store, today)? {
            retention::apply(store, today, now).map(Some)
        } else {
            Ok(None)
        }
    });
    match cleaned {
        Ok(Ok(Some(c))) if c.notes + c.pulses + c.people > 0 => log::info!(
            "retention: cleared {} notes, {} pulses, erased {} archived people",
            c.notes,
            c.pulses,
            c.people
        ),
        Ok(Err(error)) => log::warn!("retention failed: {error}"),
        _ => {}
    }
}

/// How often the daily upkeep looks whether it is due.
const UPKEEP_EVERY: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// Takes the automatic backup when one is due (on start, then daily; see `backup::due`).
/// Runs on the scheduler's thread: a backup is a read of the live file, and reminders wait
/// for it at most that long.
pub fn back_up_if_due(state: &AppState, now: DateTime<Utc>) {
    let dir = state.data_dir().to_owned();
    let taken = state.run_here(|store| {
        if backup::due(&dir, now)? {
            backup::back_up(store, &dir, now).map(Some)
        } else {
            Ok(None)
        }
    });
    match taken {
        Ok(Ok(Some(file))) => log::info!("backed up the data ({} bytes)", file.bytes),
        Ok(Err(error)) => log::warn!("automatic backup failed: {error}"),
        // Not due, or the data could not be opened: nothing to back up.
        _ => {}
    }
}

/// One tick at `now` (the wall clock, read fresh by the caller): deliver what is due;
/// returns how long to sleep. Blocks on the store and the notification server: call it
/// from the scheduler's thread (or a test's), never from an async task.
pub fn step(state: &AppState, notifier: &Arc<dyn Notifier>, now: DateTime<Utc>) -> Duration {
    let (tz, lang) = (state.local_tz(), state.lang());
    // The tick records and decides in one transaction: when it cannot record (a full disk,
    // a file held by another program), it shows nothing, and Today and the tray say why
    // until a tick succeeds. Nothing is lost: the next tick finds the same reminders due.
    let tick = match state.run_here(|store| reminders::tick(store, now, tz, lang)) {
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
    let failed: Vec<_> = tick
        .notifications
        .iter()
        .filter(|n| !notifier.notify(n, lang))
        .flat_map(|n| n.keys.iter().copied())
        .collect();
    // Not shown is not lost: listed in Today and the tray as not delivered.
    if !failed.is_empty() {
        match state.mutate_here(|store| reminders::undelivered(store, &failed)) {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => log::warn!("could not record undelivered reminders: {error}"),
            Err(error) => log::warn!("could not record undelivered reminders: {}", error.message),
        }
    }
    tick.next_wake
        .and_then(|at| (at - now).to_std().ok())
        .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
        .max(Duration::from_millis(100))
}

fn refresh_tray<R: Runtime>(app: &AppHandle<R>, state: &AppState, shown: &mut Option<TrayState>) {
    let (tz, lang, now, failing) = (state.local_tz(), state.lang(), Utc::now(), state.failing());
    match state.run_here(|store| reminders::tray_state(store, now, tz, lang, failing)) {
        Ok(Ok(tray)) if shown.as_ref() != Some(&tray) => {
            crate::tray::update(app, lang, &tray);
            *shown = Some(tray);
        }
        Ok(Ok(_)) => {}
        Ok(Err(error)) => log::warn!("tray state failed: {error}"),
        Err(error) => log::warn!("tray state failed: {}", error.message),
    }
}
