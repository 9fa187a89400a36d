//! A bare Tauri 2 app for `scripts/bench-app.sh` to measure Närvaro against in the same run:
//! a tray icon, one window whose page makes one IPC call, and it stays in the tray when the
//! window closes, as Närvaro does. It logs when it answers the first call, as Närvaro logs its
//! first agenda, and when the page has drawn that answer and a frame has passed, as Närvaro
//! logs its first rendered Today.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use tauri::tray::TrayIconBuilder;
use tauri::RunEvent;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn ping() -> &'static str {
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        let since = STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64());
        eprintln!("first IPC answered {since:.3} s after start");
    });
    "pong"
}

/// The page drew the first answer and a frame passed: logged once, as Närvaro's `ui_ready`.
#[tauri::command]
fn rendered(since_load_ms: f64) {
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        let since = STARTED.get().map_or(0.0, |s| s.elapsed().as_secs_f64());
        eprintln!("first frame rendered {since:.3} s after start ({since_load_ms:.0} ms after the page began)");
    });
}

/// Ctrl+W, as in Närvaro: the window closes, the app stays in the tray.
#[tauri::command]
fn close_window(window: tauri::WebviewWindow) {
    if let Err(error) = window.close() {
        eprintln!("could not close the window: {error}");
    }
}

fn main() -> ExitCode {
    STARTED.get_or_init(Instant::now);
    let app = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping, rendered, close_window])
        .setup(|app| {
            let mut tray = TrayIconBuilder::with_id("bare");
            if let Some(icon) = app.default_window_icon() {
                tray = tray.icon(icon.clone());
            }
            tray.build(app)?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|_, event| {
                // Closing the window leaves the app in the tray.
                if let RunEvent::ExitRequested {
                    code: None, api, ..
                } = event
                {
                    api.prevent_exit();
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bare-tauri could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
