//! Commands for reminder settings, pausing, the notification actions and start at login.

use chrono::Utc;
use narvaro_core::schedule::reminders::{ReminderKey, ReminderSettings};
use narvaro_core::service::reminders::{self, MissedReminder, ReminderSettingsDraft, Trouble};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_autostart::AutoLaunchManager;
use ts_rs::TS;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// The Settings view's reminder section.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderPreferences {
    pub settings: ReminderSettings,
    /// Whether Närvaro starts at login; none where that cannot be set (tests).
    pub autostart: Option<bool>,
}

fn autostart<R: Runtime>(app: &AppHandle<R>) -> Option<bool> {
    let manager = app.try_state::<AutoLaunchManager>()?;
    manager
        .is_enabled()
        .map_err(|e| log::warn!("autostart: {e}"))
        .ok()
}

#[tauri::command]
pub async fn reminder_preferences<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<ReminderPreferences, CommandError> {
    let settings = state.run(|store| reminders::settings(store)).await?;
    Ok(ReminderPreferences {
        settings,
        autostart: autostart(&app),
    })
}

#[tauri::command]
pub async fn set_reminder_settings(
    state: State<'_, AppState>,
    draft: Arg<ReminderSettingsDraft>,
) -> Result<ReminderSettings, CommandError> {
    state
        .mutate(move |store| reminders::set_settings(store, &draft.parse("draft")?))
        .await
}

/// "hour" or "tomorrow".
#[tauri::command]
pub async fn pause_reminders(
    state: State<'_, AppState>,
    length: Arg<String>,
) -> Result<ReminderSettings, CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| reminders::pause_for(store, &length.parse("length")?, Utc::now(), tz))
        .await
}

#[tauri::command]
pub async fn resume_reminders(
    state: State<'_, AppState>,
) -> Result<ReminderSettings, CommandError> {
    state.mutate(reminders::resume).await
}

/// The key as a notification carried it: text, so a malformed one gets the reminder's own
/// `invalid` message rather than the general one for a malformed payload.
fn reminder_key(key: Arg<String>) -> Result<ReminderKey, narvaro_core::Error> {
    Ok(key.parse("key")?.parse::<ReminderKey>()?)
}

#[tauri::command]
pub async fn snooze_reminder(
    state: State<'_, AppState>,
    key: Arg<String>,
) -> Result<(), CommandError> {
    state
        .mutate(move |store| reminders::snooze(store, &reminder_key(key)?, Utc::now()))
        .await
}

#[tauri::command]
pub async fn reminder_done(
    state: State<'_, AppState>,
    key: Arg<String>,
) -> Result<(), CommandError> {
    let tz = state.local_tz();
    state
        .mutate(move |store| reminders::done(store, &reminder_key(key)?, Utc::now(), tz))
        .await
}

/// Reminders missed because their event ended while the app was away, or not delivered
/// because the desktop could not show them — until the manager dismisses them.
#[tauri::command]
pub async fn missed_reminders(
    state: State<'_, AppState>,
) -> Result<Vec<MissedReminder>, CommandError> {
    state.run(|store| reminders::missed(store)).await
}

/// Why reminders are not being recorded just now (disk full, file busy …); `None` while
/// the scheduler's ticks record.
#[tauri::command]
pub fn reminder_trouble(state: State<'_, AppState>) -> Option<Trouble> {
    state.failing().map(|failing| failing.trouble(state.lang()))
}

/// "Dismiss": the manager has seen the missed list.
#[tauri::command]
pub async fn dismiss_missed_reminders(state: State<'_, AppState>) -> Result<(), CommandError> {
    state
        .mutate(move |store| reminders::dismiss_missed(store, Utc::now()).map(|_| ()))
        .await
}

/// Turns start at login on or off; returns the state the OS reports afterwards.
#[tauri::command]
pub async fn set_autostart<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    enabled: Arg<bool>,
) -> Result<Option<bool>, CommandError> {
    let lang = state.lang();
    let enabled = enabled
        .parse("enabled")
        .map_err(|e| CommandError::from_core(&e.into(), lang))?;
    let Some(manager) = app.try_state::<AutoLaunchManager>() else {
        return Ok(None);
    };
    let changed = if enabled {
        manager.enable()
    } else {
        manager.disable()
    };
    if let Err(error) = changed {
        return Err(CommandError::internal(&format!("autostart: {error}"), lang));
    }
    Ok(autostart(&app))
}
