//! Commands that write the manager's data to a file: the calendar export.

use chrono::Utc;
use narvaro_core::model::RhythmId;
use narvaro_core::service::export::ics;
use tauri::{AppHandle, Runtime, State};

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// Asks where to save, then writes one rhythm (or all, the 1:1 series only when asked for)
/// as an .ics file. Returns the path,
/// or nothing when the manager cancelled. The webview never touches the file system.
#[tauri::command]
pub async fn export_calendar<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    rhythm_id: Arg<Option<RhythmId>>,
    with_one_on_ones: Arg<bool>,
) -> Result<Option<String>, CommandError> {
    let lang = state.lang();
    let ics = state
        .run(move |store| {
            let scope = ics::Scope::of(
                rhythm_id.parse("rhythmId")?,
                with_one_on_ones.parse("withOneOnOnes")?,
            );
            ics::export_in(store, scope, Utc::now(), lang)
        })
        .await?;
    let Some(path) = crate::dialog::save_ics(&app, lang).await else {
        return Ok(None);
    };
    crate::dialog::write(&path, &ics, lang)?;
    Ok(Some(path.display().to_string()))
}
