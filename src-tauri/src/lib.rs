//! The desktop shell: command line, window, tray and IPC around narvaro-core.
//! `run()` starts the real app; `build()` is runtime-generic so tests can drive the same
//! commands and state through `tauri::test`'s mock runtime.

pub mod cli;
pub mod commands;
pub mod data_dir;
mod dialog;
pub mod error;
pub mod notifier;
mod opener;
pub mod platform;
pub mod scheduler;
pub mod state;
pub mod tray;

use std::process::ExitCode;
use std::sync::Arc;

use narvaro_core::i18n::t;
use narvaro_core::Lang;
use tauri::{AppHandle, Manager, Runtime, Url, WebviewUrl, WebviewWindowBuilder};

use crate::state::AppState;

// `pub const COMMANDS`, written by build.rs from its list.
include!(concat!(env!("OUT_DIR"), "/commands.rs"));

/// The label of the one window; capabilities/main.json grants commands to it alone.
pub const MAIN_WINDOW: &str = "main";
/// Also the name of the data folder under the OS app-data directory.
pub const IDENTIFIER: &str = "se.narvaro.desktop";

/// The clock of the OS region (`LC_TIME` wins where it is set, as it does for other
/// programs), for the times Rust writes: tray, notifications, the command line.
pub fn system_clock() -> narvaro_core::i18n::Clock {
    let locale = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LC_TIME").ok().filter(|v| !v.is_empty()))
        .or_else(sys_locale::get_locale)
        .unwrap_or_default();
    narvaro_core::i18n::Clock::of_locale(&locale)
}

pub fn system_lang() -> Lang {
    sys_locale::get_locale()
        .map(|locale| Lang::from_locale(&locale))
        .unwrap_or(Lang::En)
}

/// The OS's zone (IANA name), UTC when it cannot be told. `TZ` wins when it names a zone,
/// as it does for the webview, so the app and its window agree on what day it is.
pub fn system_tz() -> chrono_tz::Tz {
    zone_from_env(std::env::var("TZ").ok().as_deref())
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| name.parse().ok())
        })
        .unwrap_or_else(|| {
            log::warn!("the system's time zone is unknown; using UTC");
            chrono_tz::UTC
        })
}

/// The zone a `TZ` value names ("Europe/Stockholm" or ":Europe/Stockholm"); None for unset,
/// empty or POSIX rule strings like "CET-1CEST", which the OS's zone then covers.
fn zone_from_env(tz: Option<&str>) -> Option<chrono_tz::Tz> {
    tz.map(|v| v.trim_start_matches(':'))
        .filter(|v| !v.is_empty())?
        .parse()
        .ok()
}

/// The app's commands and state on any runtime: the real one, or the mock one in tests.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    commands(builder).manage(state)
}

/// The app's commands. The real app manages its state in setup, after the single-instance
/// check: a second start must not open (let alone migrate) the database under the first.
fn commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app::app_info,
        commands::app::set_language,
        commands::app::quit_app,
        commands::app::close_window,
        commands::app::ui_ready,
        commands::people::list_people,
        commands::people::add_person,
        commands::people::update_person,
        commands::people::archive_person,
        commands::people::restore_person,
        commands::people::erase_person,
        commands::people::export_person,
        commands::away::list_away,
        commands::away::current_away,
        commands::away::add_away,
        commands::away::remove_away,
        commands::import::preview_import,
        commands::import::confirm_import,
        commands::people::set_person_link,
        commands::booking::suggest_booking,
        commands::booking::book_checkin,
        commands::booking::cancel_booking,
        commands::settings::manager_settings,
        commands::settings::set_manager_settings,
        commands::rhythms::set_rhythm_link,
        commands::app::open_link,
        commands::agenda::agenda,
        commands::agenda::week_agenda,
        commands::checkins::log_checkin,
        commands::checkins::list_checkins,
        commands::checkins::delete_checkin,
        commands::sample::load_sample_team,
        commands::sample::sample_team_loaded,
        commands::sample::remove_sample_team,
        commands::export::export_calendar,
        commands::app::recover,
        commands::backup::list_backups,
        commands::backup::back_up_now,
        commands::backup::restore_backup,
        commands::backup::restore_from_file,
        commands::rhythms::list_rhythms,
        commands::rhythms::create_rhythm,
        commands::rhythms::update_rhythm,
        commands::rhythms::update_rhythm_from,
        commands::rhythms::delete_rhythm,
        commands::rhythms::mark_occurrence_held,
        commands::rhythms::skip_occurrence,
        commands::rhythms::move_occurrence,
        commands::rhythms::reset_occurrence,
        commands::groups::list_groups,
        commands::groups::create_group,
        commands::groups::rename_group,
        commands::groups::delete_group,
        commands::groups::add_group_member,
        commands::groups::remove_group_member,
        commands::reminders::reminder_preferences,
        commands::reminders::set_reminder_settings,
        commands::reminders::pause_reminders,
        commands::reminders::resume_reminders,
        commands::reminders::snooze_reminder,
        commands::reminders::reminder_done,
        commands::reminders::missed_reminders,
        commands::reminders::dismiss_missed_reminders,
        commands::reminders::reminder_trouble,
        commands::reminders::set_autostart,
        commands::assignments::list_assignments,
        commands::assignments::division_of_work,
        commands::assignments::create_assignment,
        commands::assignments::update_assignment,
        commands::assignments::set_assignment_status,
        commands::assignments::mark_assignment_discussed,
        commands::assignments::delete_assignment,
        commands::assignments::suggest_sounding_board,
        commands::assignments::accept_suggestion,
        commands::pairing::list_rounds,
        commands::pairing::create_round,
        commands::pairing::regenerate_round,
        commands::pairing::confirm_round,
        commands::pairing::delete_round,
        commands::pairing::round_text,
        commands::ideas::list_ideas,
        commands::ideas::add_idea,
        commands::ideas::update_idea,
        commands::ideas::set_idea_status,
        commands::ideas::respond_to_idea,
        commands::ideas::delete_idea,
        commands::ideas::report_back_due,
        commands::insights::insights,
        commands::insights::export_insights_csv,
        commands::settings::teamwork_settings,
        commands::settings::set_teamwork_settings,
        commands::settings::calendar_settings,
        commands::settings::set_calendar_settings,
        commands::settings::retention,
        commands::settings::set_retention,
        commands::checkins::checkin_context,
        commands::checkins::save_checkin_draft,
        commands::checkins::discard_checkin_draft,
        commands::checkins::finish_checkin,
        commands::checkins::edit_checkin,
        commands::checkins::person_timeline,
        commands::checkins::add_followup,
        commands::checkins::edit_followup,
        commands::checkins::set_followup_done,
        commands::checkins::delete_followup,
        commands::checkins::followups_due,
        commands::checkins::list_prompts,
        commands::checkins::add_prompt,
        commands::checkins::edit_prompt,
        commands::checkins::retire_prompt,
    ])
}

/// The generated context: config, embedded UI, icons, capabilities. Generic so that tests
/// get the real ACL on the mock runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Only the app's own pages may load in the window: a link that slipped into the UI
/// cannot take it to the web.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Shows and focuses the main window, creating it when it was closed. The webview is
/// destroyed on close, so a hidden Närvaro costs no webview memory.
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    show_main_window_at(app, None);
}

/// As `show_main_window`, on a route of the UI such as "#/checkin/12". Routes are built
/// here from ids, never from text, so the script below carries no user input.
pub fn show_main_window_at<R: Runtime>(app: &AppHandle<R>, route: Option<&str>) {
    let go = route.map(|r| format!("window.location.hash = {r:?};"));
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let shown = window
            .unminimize()
            .and_then(|()| window.show())
            .and_then(|()| window.set_focus())
            .and_then(|()| go.as_deref().map_or(Ok(()), |script| window.eval(script)));
        if let Err(error) = shown {
            log::warn!("could not focus the window: {error}");
        }
        return;
    }
    let lang = app.state::<AppState>().lang();
    let mut builder =
        WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
            .title(t(lang, "app.name", &[]))
            .inner_size(1100.0, 720.0)
            .min_inner_size(640.0, 480.0)
            .on_navigation(|url| {
                let allowed = is_app_url(url);
                if !allowed {
                    log::warn!("blocked navigation away from the app");
                }
                allowed
            });
    if let Some(script) = &go {
        builder = builder.initialization_script(script);
    }
    if let Err(error) = builder.build() {
        log::error!("could not open the window: {error}");
    }
}

/// What a click on a notification does: open the app (a check-in reminder at that person's
/// check-in screen), start the check-in, join the meeting (its link in the browser), or
/// snooze or mark done every reminder it stands for; the scheduler re-plans after either.
fn on_notification<R: Runtime>(app: &AppHandle<R>) -> notifier::OnAction {
    let app = app.clone();
    Arc::new(move |action, target| match action {
        notifier::Action::Open | notifier::Action::StartCheckIn => {
            show_main_window_at(&app, checkin_route(&target).as_deref());
        }
        notifier::Action::Join => {
            // Starting the browser may block a moment: never on the bus's listener.
            tauri::async_runtime::spawn_blocking(move || {
                if let Err(e) = notifier::join(&target) {
                    log::warn!("could not join the meeting: {e}");
                }
            });
        }
        notifier::Action::Snooze | notifier::Action::Done => {
            let state = app.state::<AppState>().inner().clone();
            tauri::async_runtime::spawn(async move {
                let now = chrono::Utc::now();
                if let Err(e) = notifier::apply(&state, action, target.keys, now).await {
                    log::warn!("notification action failed: {}", e.message);
                }
            });
        }
    })
}

/// Where opening a notification leads: the check-in screen of the person it names first,
/// else the start view.
fn checkin_route(target: &notifier::Target) -> Option<String> {
    target.person_id.map(|id| format!("#/checkin/{id}"))
}

/// What start at login passes: the data folder the manager chose, so that the app started
/// at login opens the same data as the one that turned it on.
fn autostart_args(chosen: Option<&std::path::Path>) -> Vec<String> {
    chosen
        .map(|dir| vec!["--data-dir".to_owned(), dir.display().to_string()])
        .unwrap_or_default()
}

fn init_logging() {
    let env = env_logger::Env::default().default_filter_or("warn,narvaro=info,narvaro_lib=info");
    env_logger::Builder::from_env(env).init();
}

/// When `run` began: start-up is timed from here (see the first agenda's log line).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The real app: parses the command line, opens the store, shows the window and the tray,
/// and keeps running in the tray when the window is closed.
pub fn run() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    platform::one_malloc_arena();
    cli::attach_to_terminal(std::env::args_os().len() > 1);
    init_logging();
    let system_lang = system_lang();
    narvaro_core::i18n::set_region_clock(system_clock());
    let action = cli::parse(
        std::env::args_os().skip(1),
        std::env::var_os("NARVARO_DATA_DIR"),
        system_lang,
    );
    // Only a start that uses the default folder may move an old one's database into it.
    let default_dir = match &action {
        Ok(action) if action.uses_default_dir() => data_dir::settled_default_dir(),
        _ => data_dir::default_data_dir(),
    };
    // The folder the manager chose (--data-dir or NARVARO_DATA_DIR), if any.
    let chosen_dir;
    let data_dir = match action {
        Ok(cli::Action::Version) => {
            println!("narvaro {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Ok(cli::Action::Help) => {
            let shown = default_dir
                .as_deref()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            println!("{}", cli::help(system_lang, &shown));
            return ExitCode::SUCCESS;
        }
        Ok(cli::Action::Run { data_dir }) => {
            chosen_dir = data_dir.clone();
            data_dir.or(default_dir)
        }
        Ok(action) => return cli::run_headless(action, default_dir, system_lang),
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let Some(data_dir) = data_dir else {
        eprintln!(
            "{}",
            t(
                system_lang,
                "cli.missing_value",
                &[("option", "--data-dir")]
            )
        );
        return ExitCode::from(2);
    };

    #[cfg(target_os = "linux")]
    if platform::paint_on_cpu_without_gpu() {
        log::info!("no GPU found: WebKit paints on the CPU");
    }
    let autostart =
        tauri_plugin_autostart::Builder::new().args(autostart_args(chosen_dir.as_deref()));
    #[cfg(target_os = "macos")]
    let autostart = autostart.macos_launcher(tauri_plugin_autostart::MacosLauncher::LaunchAgent);
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            show_main_window(app)
        }))
        // Used from Rust only (the save dialog); the window has no dialog permissions.
        .plugin(tauri_plugin_dialog::init())
        .plugin(autostart.build());
    let app = commands(builder)
        .setup(move |app| {
            // Plugins set up first: a second instance has handed its arguments to the
            // running one and exited before this line, without touching the store.
            app.manage(AppState::open(&data_dir, system_lang));
            // The window first: WebKit starts its processes and loads the page on its own
            // while the tray and the scheduler are set up (the tray's 40 ms here came before
            // the page could begin; BENCHMARKS.md). The page's first call waits for this
            // closure to return, so everything below is in place before any command runs.
            show_main_window(app.handle());
            platform::prepare_interface_font();
            let state = app.state::<AppState>();
            state.set_tray_available(tray::create(app.handle(), state.lang()));
            let notifier =
                notifier::DesktopNotifier::new(IDENTIFIER, on_notification(app.handle()));
            scheduler::spawn(
                app.handle().clone(),
                state.inner().clone(),
                Arc::new(notifier),
            );
            Ok(())
        })
        .build(context());
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            log::error!("Närvaro could not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    app.run(|app, event| match event {
        // Closing the last window keeps Närvaro in the tray (the menu bar on macOS); Quit,
        // from the tray, the sidebar or the keyboard, sets a code and really exits.
        tauri::RunEvent::ExitRequested {
            code: None, api, ..
        } if app.state::<AppState>().tray_available() => api.prevent_exit(),
        // The webview is gone and Närvaro stays in the tray: return what it freed.
        tauri::RunEvent::WindowEvent {
            label,
            event: tauri::WindowEvent::Destroyed,
            ..
        } if label == MAIN_WINDOW => platform::release_freed_memory(),
        // A click on the Dock icon while only the menu-bar item is left.
        #[cfg(target_os = "macos")]
        tauri::RunEvent::Reopen {
            has_visible_windows: false,
            ..
        } => show_main_window(app),
        _ => {}
    });
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_names_a_zone_or_is_ignored() {
        assert_eq!(
            zone_from_env(Some("Europe/Stockholm")),
            Some(chrono_tz::Europe::Stockholm)
        );
        assert_eq!(
            zone_from_env(Some(":Asia/Kolkata")),
            Some(chrono_tz::Asia::Kolkata)
        );
        for ignored in [None, Some(""), Some("CET-1CEST"), Some(":")] {
            assert_eq!(zone_from_env(ignored), None, "{ignored:?}");
        }
    }

    #[test]
    fn start_at_login_keeps_the_chosen_data_folder() {
        assert_eq!(
            autostart_args(Some(std::path::Path::new("/home/anna/Närvaro data"))),
            ["--data-dir", "/home/anna/Närvaro data"]
        );
        assert!(autostart_args(None).is_empty());
    }

    #[test]
    fn a_check_in_reminder_opens_that_check_in() {
        let target = |person_id| notifier::Target {
            keys: vec!["checkin:12:2026-11-26".parse().unwrap()],
            person_id,
            meeting_link: None,
        };
        assert_eq!(
            checkin_route(&target(Some(12))).as_deref(),
            Some("#/checkin/12")
        );
        assert_eq!(checkin_route(&target(None)), None);
    }

    #[test]
    fn only_app_urls_may_load() {
        for ok in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ] {
            assert!(is_app_url(&ok.parse().unwrap()), "{ok}");
        }
        for bad in [
            "https://example.com/",
            "http://tauri.localhost.evil.com/",
            "file:///etc/passwd",
            "tauri://evil/",
            "javascript:alert(1)",
        ] {
            assert!(!is_app_url(&bad.parse().unwrap()), "{bad}");
        }
    }
}
