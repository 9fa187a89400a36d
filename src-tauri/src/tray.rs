//! The tray icon and its menu. Building a tray can fail or even panic where the desktop has
//! no tray support; the app then runs without one and says so in the log.

use std::panic::{catch_unwind, AssertUnwindSafe};

use narvaro_core::i18n::t;
use narvaro_core::Lang;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Runtime};

const TRAY_ID: &str = "main";
const OPEN: &str = "open";
const QUIT: &str = "quit";

fn menu<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<Menu<R>> {
    let open = MenuItem::with_id(app, OPEN, t(lang, "tray.open", &[]), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, t(lang, "tray.quit", &[]), true, None::<&str>)?;
    let separator = PredefinedMenuItem::separator(app)?;
    Menu::with_items(app, &[&open, &separator, &quit])
}

fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<()> {
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(t(lang, "tray.tooltip", &[]))
        .menu(&menu(app, lang)?)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            OPEN => crate::show_main_window(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let tauri::tray::TrayIconEvent::Click {
                button: tauri::tray::MouseButton::Left,
                button_state: tauri::tray::MouseButtonState::Up,
                ..
            } = event
            {
                crate::show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app).map(drop)
}

/// Creates the tray; returns whether there is one.
pub fn create<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> bool {
    match catch_unwind(AssertUnwindSafe(|| build(app, lang))) {
        Ok(Ok(())) => {
            log::info!("tray icon created");
            true
        }
        Ok(Err(error)) => {
            log::warn!("no tray icon ({error}); closing the window will quit Närvaro");
            false
        }
        Err(_) => {
            log::warn!(
                "no tray icon: the desktop offers no tray support (is libayatana-appindicator3 \
                 installed?); closing the window will quit Närvaro"
            );
            false
        }
    }
}

/// Rebuilds the tray menu in `lang` after the language changed.
pub fn relabel<R: Runtime>(app: &AppHandle<R>, lang: Lang) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let result = menu(app, lang).and_then(|menu| tray.set_menu(Some(menu)));
    if let Err(error) = result.and_then(|()| tray.set_tooltip(Some(t(lang, "tray.tooltip", &[])))) {
        log::warn!("could not relabel the tray: {error}");
    }
}
