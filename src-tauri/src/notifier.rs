//! Desktop notifications behind a trait: notify-rust for real, a recording fake for tests.
//! A missing notification server is logged, never fatal — the reminder still shows in the
//! tray and in Today.

use std::sync::{Arc, Mutex};

use narvaro_core::i18n::t;
use narvaro_core::schedule::reminders::ReminderKey;
use narvaro_core::service::reminders::Notification;
use narvaro_core::Lang;

/// What the manager did with a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Open,
    Snooze,
    Done,
}

impl Action {
    fn from_id(id: &str) -> Option<Action> {
        match id {
            "open" | "default" => Some(Action::Open),
            "snooze" => Some(Action::Snooze),
            "done" => Some(Action::Done),
            _ => None,
        }
    }
}

/// Carries out Snooze or Done on the reminder `key` (Open is the window's business).
pub async fn apply(
    state: &crate::state::AppState,
    action: Action,
    key: ReminderKey,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), crate::error::CommandError> {
    use narvaro_core::service::reminders;
    let tz = state.local_tz();
    match action {
        Action::Open => Ok(()),
        Action::Snooze => state.mutate(move |s| reminders::snooze(s, &key, now)).await,
        Action::Done => {
            state
                .mutate(move |s| reminders::done(s, &key, now, tz))
                .await
        }
    }
}

/// Called with the action and the reminder's key (none for a summary).
pub type OnAction = Arc<dyn Fn(Action, Option<ReminderKey>) + Send + Sync>;

pub trait Notifier: Send + Sync {
    /// Shows the notification; returns false when it could not be shown.
    fn notify(&self, notification: &Notification, lang: Lang) -> bool;
}

/// The OS's notifications through notify-rust.
pub struct DesktopNotifier {
    on_action: OnAction,
}

impl DesktopNotifier {
    pub fn new(bundle_id: &str, on_action: OnAction) -> DesktopNotifier {
        #[cfg(target_os = "macos")]
        if let Err(error) = notify_rust::set_application(bundle_id) {
            // Without it, macOS attributes notifications to another app or drops them.
            log::warn!("could not set the notification bundle id: {error}");
        }
        let _ = bundle_id;
        DesktopNotifier { on_action }
    }

    /// Whether the notification server shows action buttons. Only the freedesktop servers
    /// can say; elsewhere the platform decides and a click opens the app.
    fn supports_actions() -> bool {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            notify_rust::get_capabilities()
                .map(|caps| caps.iter().any(|c| c == "actions"))
                .unwrap_or(false)
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            true
        }
    }
}

impl Notifier for DesktopNotifier {
    fn notify(&self, notification: &Notification, lang: Lang) -> bool {
        let mut n = notify_rust::Notification::new();
        n.appname(&t(lang, "app.name", &[]))
            .summary(&notification.title)
            .body(&notification.body);
        #[cfg(windows)]
        if let Some(id) = std::env::current_exe()
            .ok()
            .and_then(|exe| crate::platform::notification_app_id(&exe))
        {
            n.app_id(id);
        }
        // "default" is a click on the notification itself.
        n.action("default", &t(lang, "notification.open", &[]));
        if notification.key.is_some() && Self::supports_actions() {
            n.action("snooze", &t(lang, "notification.snooze", &[]));
            n.action("done", &t(lang, "notification.done", &[]));
        }
        match n.show() {
            Ok(handle) => {
                let on_action = Arc::clone(&self.on_action);
                let key = notification.key;
                // Waiting for a click blocks; a thread per shown notification is cheap, and
                // it ends when the notification is closed.
                let spawned = std::thread::Builder::new()
                    .name("notification".into())
                    .spawn(move || {
                        handle.wait_for_action(|id| {
                            if let Some(action) = Action::from_id(id) {
                                on_action(action, key);
                            }
                        })
                    });
                if let Err(error) = spawned {
                    log::warn!("cannot wait for notification actions: {error}");
                }
                true
            }
            Err(error) => {
                log::warn!("no notification shown (is a notification server running?): {error}");
                false
            }
        }
    }
}

/// Remembers what would have been shown: for tests.
#[derive(Default, Clone)]
pub struct RecordingNotifier {
    pub shown: Arc<Mutex<Vec<Notification>>>,
}

impl Notifier for RecordingNotifier {
    fn notify(&self, notification: &Notification, _lang: Lang) -> bool {
        if let Ok(mut shown) = self.shown.lock() {
            shown.push(notification.clone());
        }
        true
    }
}
