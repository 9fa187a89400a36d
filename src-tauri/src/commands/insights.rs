//! Commands for Insights: the figures of a period, and its attention table saved as CSV.

use narvaro_core::model::insights::Insights;
use narvaro_core::service::insights;
use tauri::{AppHandle, Runtime, State};

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// The insights for the `days` days ending today (1 to 3650).
#[tauri::command]
pub async fn insights(
    state: State<'_, AppState>,
    days: Arg<i64>,
) -> Result<Insights, CommandError> {
    let (today, tz) = (state.today(), state.local_tz());
    state
        .run(move |store| insights::insights(store, today, tz, days.parse("days")?))
        .await
}

/// Asks where to save, then writes the period's attention table as CSV. Returns the path,
/// or nothing when the manager cancelled; a bad period is refused before any dialog.
#[tauri::command]
pub async fn export_insights_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    days: Arg<i64>,
) -> Result<Option<String>, CommandError> {
    let (today, tz, lang) = (state.today(), state.local_tz(), state.lang());
    let csv = state
        .run(move |store| {
            let figures = insights::insights(store, today, tz, days.parse("days")?)?;
            Ok(insights::csv(&figures, lang))
        })
        .await?;
    let Some(path) = crate::dialog::save_csv(&app, lang).await else {
        return Ok(None);
    };
    crate::dialog::write(&path, &csv, lang)?;
    Ok(Some(path.display().to_string()))
}
