//! Commands about the app itself: what the UI needs to start, the language, quitting.

use narvaro_core::model::LanguageChoice;
use narvaro_core::service::backup::BackupFile;
use narvaro_core::service::settings;
use narvaro_core::Lang;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

use super::Arg;
use crate::error::CommandError;
use crate::state::AppState;

/// Everything the UI needs before it renders its first view.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The language in force: the choice, or the system's.
    pub language: Lang,
    pub language_choice: LanguageChoice,
    pub system_language: Lang,
    pub data_dir: String,
    /// Why the data could not be opened, when it could not; the UI shows only this then.
    pub startup_error: Option<CommandError>,
    /// When the data file was damaged: where it was set aside and the backup offered.
    pub recovery: Option<RecoveryOffer>,
    /// How to quit from the keyboard, as this platform writes it.
    pub quit_shortcut: String,
    /// The manager's IANA zone: new rhythms default to it.
    pub timezone: String,
    /// The family to draw the interface in, where the page's `system-ui` would cost a font
    /// lookup per family (WebKitGTK): `platform::interface_font`. `None`: `system-ui`.
    pub interface_font: Option<String>,
}

/// A damaged data file was moved, unchanged, to `set_aside`; `backup` can replace it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryOffer {
    pub set_aside: String,
    pub backup: Option<BackupFile>,
}

async fn info(state: &AppState) -> AppInfo {
    let choice = state
        .run(|store| settings::get(store))
        .await
        .map(|s| s.language)
        .unwrap_or(LanguageChoice::System);
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        language: state.lang(),
        language_choice: choice,
        system_language: state.system_lang(),
        data_dir: state.data_dir().display().to_string(),
        startup_error: state.startup_error(),
        recovery: state.recovery().map(|r| RecoveryOffer {
            set_aside: r.set_aside.display().to_string(),
            backup: r.backup,
        }),
        quit_shortcut: if cfg!(target_os = "macos") {
            "⌘Q"
        } else {
            "Ctrl+Q"
        }
        .to_owned(),
        timezone: state.local_tz().name().to_owned(),
        interface_font: crate::platform::interface_font().map(str::to_owned),
    }
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    Ok(info(&state).await)
}

/// Sets the language ("system", "sv" or "en") — the scheduler then retitles the tray — and
/// returns the new `AppInfo` so the UI re-renders in one step.
#[tauri::command]
pub async fn set_language(
    state: State<'_, AppState>,
    code: Arg<String>,
) -> Result<AppInfo, CommandError> {
    let saved = state
        .mutate(move |store| settings::set_language(store, &code.parse("code")?))
        .await?;
    state.set_lang(saved.language.resolve(state.system_lang()));
    Ok(info(&state).await)
}

/// After a damaged data file was set aside: open the offered backup (`restore`) or start
/// with empty data; returns the new `AppInfo` and the UI starts as usual.
#[tauri::command]
pub async fn recover(
    state: State<'_, AppState>,
    restore: Arg<bool>,
) -> Result<AppInfo, CommandError> {
    let lang = state.lang();
    let restore = restore
        .parse("restore")
        .map_err(|e| CommandError::from_core(&e.into(), lang))?;
    let worker = state.inner().clone();
    tauri::async_runtime::spawn_blocking(move || worker.recover(restore))
        .await
        .map_err(|join| CommandError::internal(&format!("worker failed: {join}"), lang))?
        .map_err(|error| CommandError::from_core(&error, lang))?;
    Ok(info(&state).await)
}

#[tauri::command]
pub fn quit_app<R: Runtime>(app: AppHandle<R>) {
    app.exit(0);
}

/// Where the page's time to its first Today went, in milliseconds from the page's start: the
/// UI's own marks, logged beside "first Today rendered" so that a slow start is attributed.
#[derive(Debug, Clone, Copy, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartSteps {
    /// The UI's script began to run (its bundle loaded and parsed).
    pub script: f64,
    /// `app_info` answered.
    pub info: f64,
    /// The shell drew Today's frame and its loads began.
    pub shown: f64,
    /// The longest of Today's own loads: IPC, Rust and JSON both ways.
    pub fetch: f64,
    /// Building and inserting the DOM.
    pub dom: f64,
    /// From the last draw to the frame after it: style, layout and paint.
    pub frame: f64,
}

/// The UI drew its first Today (its data arrived, its DOM is in place, a frame has passed):
/// logged once with the time since `run` began, the mark scripts/bench-app.sh times start-up
/// by, beside "first agenda answered". `since_load_ms` is the UI's own figure, from the page's
/// start, and `steps` what it was made of. The memory only start-up used is then given back
/// (`let_memory_go`). A second call (the window reopened from the tray) does nothing.
#[tauri::command]
pub async fn ui_ready(
    state: State<'_, AppState>,
    since_load_ms: Arg<f64>,
    steps: Arg<StartSteps>,
) -> Result<(), CommandError> {
    let lang = state.lang();
    let ms = since_load_ms
        .parse("sinceLoadMs")
        .map_err(|e| CommandError::from_core(&e.into(), lang))?;
    let steps = steps
        .parse("steps")
        .map_err(|e| CommandError::from_core(&e.into(), lang))?;
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        if let Some(started) = crate::STARTED.get() {
            let finite = |v: f64| if v.is_finite() { v } else { -1.0 };
            log::info!(
                "first Today rendered {:.3} s after start ({:.0} ms after the page began: \
                 script {:.0}, app_info {:.0}, shown {:.0}, fetch {:.0}, DOM {:.0}, frame {:.0})",
                started.elapsed().as_secs_f64(),
                finite(ms),
                finite(steps.script),
                finite(steps.info),
                finite(steps.shown),
                finite(steps.fetch),
                finite(steps.dom),
                finite(steps.frame),
            );
        }
        // What only start-up needed (opening the store, building the tray, the first
        // window's code) can go now that the first Today is drawn.
        crate::platform::release_freed_memory();
    });
    Ok(())
}

/// Closes the window (Ctrl+W). The webview is destroyed; Närvaro stays in the tray.
#[tauri::command]
pub fn close_window<R: Runtime>(window: tauri::WebviewWindow<R>) {
    if let Err(error) = window.close() {
        log::warn!("could not close the window: {error}");
    }
}

/// Opens a meeting link (*Join*) in the default browser; only an https link with a host is
/// opened, anything else is refused with why.
#[tauri::command]
pub async fn open_link(state: State<'_, AppState>, link: Arg<String>) -> Result<(), CommandError> {
    state
        .run(move |_| crate::opener::open_link(&link.parse("link")?))
        .await
}
