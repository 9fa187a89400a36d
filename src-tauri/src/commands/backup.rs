//! Commands for backups: the list, *Back up now*, and restoring one (from the list or a file
//! chosen in the native open dialog). The webview never names a path outside `backups/`.

use chrono::Utc;
use narvaro_core::error::Invalid;
use narvaro_core::service::backup::{self, BackupFile, Restored};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// What Settings shows about backups.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Backups {
    /// The folder they are in.
    pub dir: String,
    /// Newest first.
    pub files: Vec<BackupFile>,
}

fn overview(state: &AppState) -> narvaro_core::Result<Backups> {
    Ok(Backups {
        dir: backup::backup_dir(state.data_dir()).display().to_string(),
        files: backup::list(state.data_dir())?,
    })
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Backups, CommandError> {
    let worker = state.inner().clone();
    state.run(move |_| overview(&worker)).await
}

#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Result<Backups, CommandError> {
    let worker = state.inner().clone();
    state
        .run(move |store| {
            backup::back_up(store, worker.data_dir(), Utc::now())?;
            overview(&worker)
        })
        .await
}

/// Restores the backup named `file` (a file name from `list_backups`); the current data is
/// backed up first. The UI reloads afterwards.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file: Arg<String>,
) -> Result<Restored, CommandError> {
    let worker = state.inner().clone();
    state
        .mutate(move |store| {
            let file = file.parse("file")?;
            let path = backup::list(worker.data_dir())?
                .into_iter()
                .map(|b| b.path)
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == file))
                .ok_or(Invalid::new("file", "error.backup.unknown"))?;
            backup::restore(store, worker.data_dir(), &path, Utc::now())
        })
        .await
}

/// Asks for a backup file in the native open dialog and restores it; nothing when the
/// manager cancels. A file that is not a Närvaro backup, or from a newer version, is
/// refused and nothing changes.
#[tauri::command]
pub async fn restore_from_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Restored>, CommandError> {
    let lang = state.lang();
    let start = backup::backup_dir(state.data_dir());
    let Some(path) = crate::dialog::open_backup(&app, &start, lang).await else {
        return Ok(None);
    };
    let worker = state.inner().clone();
    state
        .mutate(move |store| backup::restore(store, worker.data_dir(), &path, Utc::now()))
        .await
        .map(Some)
}
