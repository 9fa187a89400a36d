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
    /// Opens the check-in screen of the person the notification names first.
    StartCheckIn,
    Snooze,
    Done,
}

impl Action {
    fn from_id(id: &str) -> Option<Action> {
        match id {
            "open" | "default" => Some(Action::Open),
            "start" => Some(Action::StartCheckIn),
            "snooze" => Some(Action::Snooze),
            "done" => Some(Action::Done),
            _ => None,
        }
    }
}

/// What a notification's buttons act on: every reminder it stands for, and the person whose
/// check-in *Start check-in* opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub keys: Vec<ReminderKey>,
    pub person_id: Option<i64>,
}

impl Target {
    pub fn of(notification: &Notification) -> Target {
        Target {
            keys: notification.keys.clone(),
            person_id: notification.person_id,
        }
    }
}

/// Carries out Snooze (every reminder of the notification) or Done; opening is the window's
/// business. Neither ever records a check-in: that happens only in the check-in screen.
pub async fn apply(
    state: &crate::state::AppState,
    action: Action,
    keys: Vec<ReminderKey>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), crate::error::CommandError> {
    use narvaro_core::service::reminders;
    let tz = state.local_tz();
    match action {
        Action::Open | Action::StartCheckIn => Ok(()),
        Action::Snooze => {
            state
                .mutate(move |s| keys.iter().try_for_each(|k| reminders::snooze(s, k, now)))
                .await
        }
        Action::Done => {
            state
                .mutate(move |s| keys.iter().try_for_each(|k| reminders::done(s, k, now, tz)))
                .await
        }
    }
}

/// Called with the action and what the notification stands for.
pub type OnAction = Arc<dyn Fn(Action, Target) + Send + Sync>;

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
        if Self::supports_actions() {
            // A check-in reminder offers to start the conversation, never to mark it held:
            // only the check-in screen records one. Done stays for a single meeting.
            if notification.person_id.is_some() {
                n.action("start", &t(lang, "notification.start_checkin", &[]));
            }
            if !notification.keys.is_empty() {
                n.action("snooze", &t(lang, "notification.snooze", &[]));
            }
            if let [ReminderKey::Occurrence { .. }] = notification.keys.as_slice() {
                n.action("done", &t(lang, "notification.done", &[]));
            }
        }
        match n.show() {
            Ok(handle) => {
                let on_action = Arc::clone(&self.on_action);
                let target = Target::of(notification);
                // Waiting for a click blocks; a thread per shown notification is cheap, and
                // it ends when the notification is closed.
                let spawned = std::thread::Builder::new()
                    .name("notification".into())
                    .spawn(move || {
                        handle.wait_for_action(|id| {
                            if let Some(action) = Action::from_id(id) {
                                on_action(action, target.clone());
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
