//! The tray icon and its menu: what is due and next, pause and resume, open and quit.
//! Building a tray can fail or even panic where the desktop has no tray support; the app
//! then runs without one and says so in the log.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::Utc;
use narvaro_core::i18n::{t, tn};
use narvaro_core::service::reminders::TrayState;
use narvaro_core::Lang;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

const TRAY_ID: &str = "main";
const OPEN: &str = "open";
const QUIT: &str = "quit";
const PAUSE_HOUR: &str = "pause_hour";
const PAUSE_TOMORROW: &str = "pause_tomorrow";
const RESUME: &str = "resume";
const CHECKIN: &str = "checkin:";

/// The icon with a dot: something is due.
const DUE_ICON: &[u8] = include_bytes!("../../icons/tray-due.png");
/// macOS draws menu-bar icons as templates (black with alpha, tinted for light, dark and
/// highlighted bars); a coloured icon there looks foreign.
const TEMPLATE_ICON: &[u8] = include_bytes!("../../icons/tray-template.png");
const TEMPLATE_DUE_ICON: &[u8] = include_bytes!("../../icons/tray-template-due.png");
/// macOS's menu bar: template icons, and a click shows the menu as every menu-bar item does.
const MENU_BAR: bool = cfg!(target_os = "macos");

/// The tray's icon, with a dot when something is due.
fn icon<R: Runtime>(app: &AppHandle<R>, due: bool) -> Option<Image<'static>> {
    match (MENU_BAR, due) {
        (true, false) => Image::from_bytes(TEMPLATE_ICON).ok(),
        (true, true) => Image::from_bytes(TEMPLATE_DUE_ICON).ok(),
        (false, false) => app
            .default_window_icon()
            .map(|i| Image::new_owned(i.rgba().to_vec(), i.width(), i.height())),
        (false, true) => Image::from_bytes(DUE_ICON).ok(),
    }
}

fn menu<R: Runtime>(
    app: &AppHandle<R>,
    lang: Lang,
    state: Option<&TrayState>,
) -> tauri::Result<Menu<R>> {
    let item =
        |id: &str, key: &str| MenuItem::with_id(app, id, t(lang, key, &[]), true, None::<&str>);
    let info = |text: String| MenuItem::new(app, text, false, None::<&str>);
    let menu = Menu::new(app)?;
    menu.append(&item(OPEN, "tray.open")?)?;
    if let Some(state) = state {
        menu.append(&PredefinedMenuItem::separator(app)?)?;
        if let Some(trouble) = &state.trouble {
            menu.append(&info(format!("⚠ {trouble}"))?)?;
        }
        if state.due > 0 {
            menu.append(&info(tn(
                lang,
                "tray.due_count",
                i64::from(state.due),
                &[],
            ))?)?;
        }
        if state.next.is_empty() {
            menu.append(&info(t(lang, "tray.nothing_next", &[]))?)?;
        }
        for line in &state.next {
            match line.person_id {
                // A due check-in: choosing it opens the check-in screen for that person.
                Some(person) => menu.append(&MenuItem::with_id(
                    app,
                    format!("{CHECKIN}{person}"),
                    &line.label,
                    true,
                    None::<&str>,
                )?)?,
                None => menu.append(&info(line.label.clone())?)?,
            }
        }
        menu.append(&PredefinedMenuItem::separator(app)?)?;
        if let Some(until) = state.paused_until {
            let time = narvaro_core::i18n::time_text(
                lang,
                until.with_timezone(&crate::system_tz()).time(),
            );
            menu.append(&info(t(lang, "tray.paused_until", &[("time", &time)]))?)?;
            menu.append(&item(RESUME, "tray.resume")?)?;
        } else {
            menu.append(&item(PAUSE_HOUR, "tray.pause_hour")?)?;
            menu.append(&item(PAUSE_TOMORROW, "tray.pause_tomorrow")?)?;
        }
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&item(QUIT, "tray.quit")?)?;
    Ok(menu)
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let state = app.state::<AppState>().inner().clone();
    let now = Utc::now();
    let tz = state.local_tz();
    if let Some(person) = id.strip_prefix(CHECKIN).and_then(|p| p.parse::<i64>().ok()) {
        crate::show_main_window_at(app, Some(&format!("#/checkin/{person}")));
        return;
    }
    match id {
        OPEN => crate::show_main_window(app),
        QUIT => app.exit(0),
        PAUSE_HOUR | PAUSE_TOMORROW | RESUME => {
            let id = id.to_owned();
            tauri::async_runtime::spawn(async move {
                let result = state
                    .mutate(move |store| {
                        use narvaro_core::service::reminders;
                        match id.as_str() {
                            PAUSE_HOUR => reminders::pause_for(store, "hour", now, tz),
                            PAUSE_TOMORROW => reminders::pause_for(store, "tomorrow", now, tz),
                            _ => reminders::resume(store),
                        }
                    })
                    .await;
                if let Err(error) = result {
                    log::warn!("pause from the tray failed: {}", error.message);
                }
            });
        }
        _ => {}
    }
}

fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<()> {
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(t(lang, "tray.tooltip", &[]))
        .menu(&menu(app, lang, None)?)
        // A left click opens the window on Windows and Linux; on macOS a menu-bar item
        // shows its menu, as every other one there does.
        .show_menu_on_left_click(MENU_BAR)
        .icon_as_template(MENU_BAR)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()))
        .on_tray_icon_event(|tray, event| {
            if MENU_BAR {
                return;
            }
            if let tauri::tray::TrayIconEvent::Click {
                button: tauri::tray::MouseButton::Left,
                button_state: tauri::tray::MouseButtonState::Up,
                ..
            } = event
            {
                crate::show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = icon(app, false) {
        builder = builder.icon(icon);
    }
    builder.build(app).map(drop)
}

/// Whether a StatusNotifier host (the tray of KDE, GNOME with the AppIndicator extension,
/// Xfce, …) is on the session bus. Without one the icon exists but nobody shows it.
#[cfg(all(unix, not(target_os = "macos")))]
fn tray_host_present() -> Option<bool> {
    let conn = zbus::blocking::Connection::session().ok()?;
    let bus = zbus::blocking::fdo::DBusProxy::new(&conn).ok()?;
    let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher").ok()?;
    bus.name_has_owner(name).ok()
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn tray_host_present() -> Option<bool> {
    Some(true)
}

/// Creates the tray; returns whether there is one.
pub fn create<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> bool {
    match catch_unwind(AssertUnwindSafe(|| build(app, lang))) {
        Ok(Ok(())) => {
            match tray_host_present() {
                Some(false) => log::warn!(
                    "tray icon created, but no tray host is running (no StatusNotifierWatcher \
                     on the session bus): it may stay invisible. Starting Närvaro again brings \
                     its window back."
                ),
                _ => log::info!("tray icon created"),
            }
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

/// Shows `state` in the tray: menu, tooltip, and the icon with a dot when something is due.
pub fn update<R: Runtime>(app: &AppHandle<R>, lang: Lang, state: &TrayState) {
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    let tooltip = if let Some(trouble) = &state.trouble {
        format!("{} — {trouble}", t(lang, "tray.tooltip", &[]))
    } else if state.due > 0 {
        format!(
            "{} — {}",
            t(lang, "tray.tooltip", &[]),
            tn(lang, "tray.due_count", i64::from(state.due), &[])
        )
    } else {
        t(lang, "tray.tooltip", &[])
    };
    let result = menu(app, lang, Some(state))
        .and_then(|menu| tray.set_menu(Some(menu)))
        .and_then(|()| tray.set_tooltip(Some(tooltip)))
        .and_then(|()| tray.set_icon(icon(app, state.due > 0)))
        .and_then(|()| tray.set_icon_as_template(MENU_BAR));
    if let Err(error) = result {
        log::warn!("could not update the tray: {error}");
    }
}
