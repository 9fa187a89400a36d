//! The native save dialog for calendar exports, run from Rust so the webview needs no file
//! system access at all.

use std::path::{Path, PathBuf};

use narvaro_core::i18n::t;
use narvaro_core::Lang;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, ErrorKind};

/// Asks where to save the .ics file; None when the manager cancels.
pub async fn save_ics<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> Option<PathBuf> {
    let app = app.clone();
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title(t(lang, "export.dialog_title", &[]))
            .set_file_name("narvaro.ics")
            .add_filter(t(lang, "export.filter", &[]), &["ics"])
            .blocking_save_file()
    })
    .await;
    match chosen {
        Ok(Some(path)) => path.into_path().ok(),
        Ok(None) => None,
        Err(error) => {
            log::error!("save dialog failed: {error}");
            None
        }
    }
}

pub fn write(path: &Path, content: &str, lang: Lang) -> Result<(), CommandError> {
    std::fs::write(path, content).map_err(|error| {
        log::error!("could not write the calendar export: {error}");
        CommandError {
            kind: ErrorKind::Internal,
            message: t(
                lang,
                "error.export_write",
                &[
                    ("path", &path.display().to_string()),
                    ("detail", &error.to_string()),
                ],
            ),
            field: None,
        }
    })
}
