//! Commands for importing people from a CSV file: the native open dialog and a preview, then
//! the import of exactly the previewed bytes. The webview never names a path.

use chrono::Utc;
use narvaro_core::error::Invalid;
use narvaro_core::service::import::{self, ImportPreview, ImportSummary};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// A previewed file: what it holds and the token that imports it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreviewed {
    pub token: u32,
    /// The file's name without its folder, to show.
    pub file_name: String,
    pub preview: ImportPreview,
}

/// Asks for a CSV file in the native open dialog and previews it; nothing when the manager
/// cancels. A file that is no table of people is refused with why.
#[tauri::command]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<ImportPreviewed>, CommandError> {
    let Some(path) = crate::dialog::open_csv(&app, state.lang()).await else {
        return Ok(None);
    };
    let worker = state.inner().clone();
    state
        .run(move |store| {
            let bytes = import::read_file(&path)?;
            let preview = import::preview(store, &bytes)?;
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let token = worker.hold_import(bytes);
            Ok(Some(ImportPreviewed {
                token,
                file_name,
                preview,
            }))
        })
        .await
}

/// Imports the file previewed under `token`, all rows or none.
#[tauri::command]
pub async fn confirm_import(
    state: State<'_, AppState>,
    token: Arg<u32>,
) -> Result<ImportSummary, CommandError> {
    let worker = state.inner().clone();
    state
        .mutate(move |store| {
            let token = token.parse("token")?;
            let bytes = worker
                .held_import(token)
                .ok_or(Invalid::new("token", "error.import.expired"))?;
            let summary = import::import(store, &bytes, Utc::now())?;
            worker.release_import(token);
            Ok(summary)
        })
        .await
}
