//! The native file dialogs (saving exports, opening a backup or a CSV to import), run from
//! Rust so the webview needs no file system access at all.

use std::path::{Path, PathBuf};

use narvaro_core::i18n::t;
use narvaro_core::Lang;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, ErrorKind};

/// One native file dialog: where to save (with a suggested name) or which file to open.
struct Ask {
    title: String,
    filter: String,
    extensions: &'static [&'static str],
    save: bool,
    file_name: Option<String>,
    dir: Option<PathBuf>,
}

/// Shows the dialog on a blocking thread (GTK's runs its own loop); None when the manager
/// cancels or the dialog fails (which is logged).
async fn ask<R: Runtime>(app: &AppHandle<R>, ask: Ask) -> Option<PathBuf> {
    let app = app.clone();
    let save = ask.save;
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app
            .dialog()
            .file()
            .set_title(ask.title)
            .add_filter(ask.filter, ask.extensions);
        if let Some(name) = ask.file_name {
            dialog = dialog.set_file_name(name);
        }
        if let Some(dir) = ask.dir {
            dialog = dialog.set_directory(dir);
        }
        if ask.save {
            dialog.blocking_save_file()
        } else {
            dialog.blocking_pick_file()
        }
    })
    .await;
    match chosen {
        Ok(Some(path)) => path.into_path().ok(),
        Ok(None) => None,
        Err(error) => {
            let what = if save { "save" } else { "open" };
            log::error!("{what} dialog failed: {error}");
            None
        }
    }
}

/// Asks where to save the .ics file; None when the manager cancels.
pub async fn save_ics<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> Option<PathBuf> {
    let spec = Ask {
        title: t(lang, "export.dialog_title", &[]),
        filter: t(lang, "export.filter", &[]),
        extensions: &["ics"],
        save: true,
        file_name: Some("narvaro.ics".to_owned()),
        dir: None,
    };
    ask(app, spec).await
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

/// Asks where to save a booked check-in's invitation, suggesting `file_name`; None when the
/// manager cancels. Answered by `NARVARO_TEST_DIALOG_DIR` in a debug build under test.
pub async fn save_invitation<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    lang: Lang,
) -> Option<PathBuf> {
    if let Some(path) = scripted(file_name) {
        return Some(path);
    }
    let spec = Ask {
        title: t(lang, "booking.dialog_title", &[]),
        filter: t(lang, "export.filter", &[]),
        extensions: &["ics"],
        save: true,
        file_name: Some(file_name.to_owned()),
        dir: None,
    };
    ask(app, spec).await
}

/// Asks for a backup to restore, starting in `dir`; None when the manager cancels.
pub async fn open_backup<R: Runtime>(
    app: &AppHandle<R>,
    dir: &Path,
    lang: Lang,
) -> Option<PathBuf> {
    let spec = Ask {
        title: t(lang, "backup.dialog_title", &[]),
        filter: t(lang, "backup.filter", &[]),
        extensions: &["db"],
        save: false,
        file_name: None,
        dir: Some(dir.to_owned()),
    };
    ask(app, spec).await
}

/// Asks where to save the Insights attention table as CSV; None when the manager cancels.
pub async fn save_csv<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> Option<PathBuf> {
    let spec = Ask {
        title: t(lang, "insights.export_dialog_title", &[]),
        filter: t(lang, "insights.export_filter", &[]),
        extensions: &["csv"],
        save: true,
        file_name: Some("narvaro-insights.csv".to_owned()),
        dir: None,
    };
    ask(app, spec).await
}

/// Asks where to save everything about a person; the page goes where the manager says and
/// the JSON beside it. None when the manager cancels.
pub async fn save_person_export<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    lang: Lang,
) -> Option<PathBuf> {
    let spec = Ask {
        title: t(lang, "privacy.export_dialog_title", &[("name", name)]),
        filter: t(lang, "privacy.export_filter", &[]),
        extensions: &["html"],
        save: true,
        file_name: Some(format!("{}.html", file_stem(name))),
        dir: None,
    };
    ask(app, spec).await
}

/// Asks for a CSV file of people to import; None when the manager cancels.
pub async fn open_csv<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> Option<PathBuf> {
    if let Some(path) = scripted("import.csv") {
        return Some(path);
    }
    let spec = Ask {
        title: t(lang, "import.dialog_title", &[]),
        filter: t(lang, "import.filter", &[]),
        extensions: &["csv", "txt"],
        save: false,
        file_name: None,
        dir: None,
    };
    ask(app, spec).await
}

/// The test variable that answers the dialogs in a debug build: WebDriver cannot drive a
/// native dialog. A release build never reads it.
pub const TEST_DIALOG_DIR: &str = "NARVARO_TEST_DIALOG_DIR";

/// In a debug build with `NARVARO_TEST_DIALOG_DIR` set: the dialog's answer without showing
/// it, `file_name` in that folder (the file an open dialog picks, or the name a save dialog
/// suggests). None otherwise, and always in a release build.
pub fn scripted(file_name: &str) -> Option<PathBuf> {
    if !cfg!(debug_assertions) {
        return None;
    }
    let dir = std::env::var_os(TEST_DIALOG_DIR).filter(|d| !d.is_empty())?;
    log::warn!("{TEST_DIALOG_DIR} answers the dialog for {file_name}");
    Some(PathBuf::from(dir).join(file_name))
}

/// A name as a file name on every OS: characters Windows or a shell would trip over become
/// "_", and an empty result becomes "person".
fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let stem = stem.trim_matches(['.', ' ']);
    if stem.is_empty() {
        "person".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_becomes_a_safe_file_stem() {
        assert_eq!(super::file_stem("Anna Lind"), "Anna Lind");
        assert_eq!(super::file_stem("Åsa <Ö>/x"), "Åsa _Ö__x");
        assert_eq!(super::file_stem(" .. "), "person");
        assert_eq!(super::file_stem("a\nb"), "a_b");
    }
}
