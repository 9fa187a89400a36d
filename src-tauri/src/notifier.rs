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
    /// Opens the meeting's link (https only) in the browser: a meeting reminder's *Join*.
    Join,
}

impl Action {
    fn from_id(id: &str) -> Option<Action> {
        match id {
            "open" | "default" => Some(Action::Open),
            "start" => Some(Action::StartCheckIn),
            "join" => Some(Action::Join),
            "snooze" => Some(Action::Snooze),
            "done" => Some(Action::Done),
            _ => None,
        }
    }
}

/// What a notification's buttons act on: every reminder it stands for, the person whose
/// check-in *Start check-in* opens, and the meeting link *Join* opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub keys: Vec<ReminderKey>,
    pub person_id: Option<i64>,
    pub meeting_link: Option<String>,
}

impl Target {
    pub fn of(notification: &Notification) -> Target {
        Target {
            keys: notification.keys.clone(),
            person_id: notification.person_id,
            meeting_link: notification.meeting_link.clone(),
        }
    }
}

/// *Join*: opens the notification's meeting link through the opener, which hands only an
/// https link with a host to the OS. Blocks while the opener starts: call it off the async
/// runtime. A notification without a link opens nothing.
pub fn join(target: &Target) -> narvaro_core::Result<()> {
    match &target.meeting_link {
        Some(link) => crate::opener::open_link(link),
        None => Ok(()),
    }
}

/// Carries out Snooze (every reminder of the notification) or Done; opening is the window's
/// business, and joining the opener's (`join`). Neither ever records a check-in: that happens only in the check-in screen.
pub async fn apply(
    state: &crate::state::AppState,
    action: Action,
    keys: Vec<ReminderKey>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), crate::error::CommandError> {
    use narvaro_core::service::reminders;
    let tz = state.local_tz();
    match action {
        Action::Open | Action::StartCheckIn | Action::Join => Ok(()),
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

#[cfg(all(unix, not(target_os = "macos")))]
mod freedesktop;

/// The OS's notifications: the freedesktop D-Bus interface on Linux (one connection, one
/// listener), notify-rust on Windows and macOS.
pub struct DesktopNotifier {
    #[cfg(all(unix, not(target_os = "macos")))]
    bus: freedesktop::Bus,
    #[cfg(not(all(unix, not(target_os = "macos"))))]
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
        DesktopNotifier {
            #[cfg(all(unix, not(target_os = "macos")))]
            bus: freedesktop::Bus::new(on_action),
            #[cfg(not(all(unix, not(target_os = "macos"))))]
            on_action,
        }
    }

    /// How many shown notifications still wait for a press (on Linux; elsewhere the
    /// platform keeps them).
    pub fn waiting(&self) -> usize {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            self.bus.waiting()
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            0
        }
    }

    /// The buttons of `notification`, key and label; "default" is a click on it.
    fn buttons(notification: &Notification, lang: Lang) -> Vec<(&'static str, String)> {
        let mut buttons = vec![("default", t(lang, "notification.open", &[]))];
        // A check-in reminder offers to start the conversation, never to mark it held:
        // only the check-in screen records one. Done stays for a single meeting.
        if notification.person_id.is_some() {
            buttons.push(("start", t(lang, "notification.start_checkin", &[])));
        }
        // First after a click on it: at a meeting's start, joining is what one does next.
        if notification.meeting_link.is_some() {
            buttons.push(("join", t(lang, "notification.join", &[])));
        }
        if !notification.keys.is_empty() {
            buttons.push(("snooze", t(lang, "notification.snooze", &[])));
        }
        if let [ReminderKey::Occurrence { .. }] = notification.keys.as_slice() {
            buttons.push(("done", t(lang, "notification.done", &[])));
        }
        buttons
    }
}

impl Notifier for DesktopNotifier {
    #[cfg(all(unix, not(target_os = "macos")))]
    fn notify(&self, notification: &Notification, lang: Lang) -> bool {
        let app_name = t(lang, "app.name", &[]);
        let actions = Self::buttons(notification, lang);
        let shown = freedesktop::Shown {
            app_name: &app_name,
            summary: &notification.title,
            body: &notification.body,
            actions: &actions,
        };
        match self.bus.show(&shown, Target::of(notification)) {
            Ok(()) => true,
            Err(error) => {
                log::warn!("no notification shown (is a notification server running?): {error}");
                false
            }
        }
    }

    #[cfg(not(all(unix, not(target_os = "macos"))))]
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
        for (key, label) in Self::buttons(notification, lang) {
            n.action(key, &label);
        }
        match n.show() {
            Ok(handle) => {
                let on_action = Arc::clone(&self.on_action);
                let target = Target::of(notification);
                // The platform answers on a channel that ends when the toast is dismissed
                // or times out (seconds), so this thread is short-lived.
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
                log::warn!("no notification shown: {error}");
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
