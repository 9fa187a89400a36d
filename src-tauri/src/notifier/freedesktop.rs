//! Notifications on Linux and the BSDs through the freedesktop interface, on one session-bus
//! connection for the life of the app: every Notify call goes out on it, and one task listens
//! on it for `ActionInvoked` and `NotificationClosed`. Servers such as GNOME Shell send those
//! signals only to the connection that asked for the notification, so sending and listening
//! must share it. Nothing waits per notification: ten unanswered reminders cost ten entries
//! in a table, not ten threads and ten connections.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use futures_lite::StreamExt;
use zbus::zvariant::Value;

use super::{Action, OnAction, Target};

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// How many shown notifications keep their buttons working. GNOME keeps banners it never
/// reports closed for days; beyond this many, the oldest one's buttons do nothing.
const REMEMBERED: usize = 256;

/// What one notification shows.
pub(super) struct Shown<'a> {
    pub app_name: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    /// Key and label of each button; "default" is a click on the notification itself.
    pub actions: &'a [(&'static str, String)],
}

/// The notifications whose buttons still act, oldest first.
#[derive(Default)]
struct Pending {
    order: VecDeque<u32>,
    targets: HashMap<u32, Target>,
}

impl Pending {
    fn remember(&mut self, id: u32, target: Target) {
        if self.targets.insert(id, target).is_none() {
            self.order.push_back(id);
        }
        while self.order.len() > REMEMBERED {
            if let Some(oldest) = self.order.pop_front() {
                self.targets.remove(&oldest);
            }
        }
    }

    /// The target of notification `id`, once: a notification acts at most once.
    fn take(&mut self, id: u32) -> Option<Target> {
        let target = self.targets.remove(&id)?;
        self.order.retain(|known| *known != id);
        Some(target)
    }

    fn len(&self) -> usize {
        self.targets.len()
    }
}

/// The connection and what the server said it can do.
#[derive(Clone)]
struct Live {
    connection: zbus::Connection,
    /// Whether the server shows buttons (GetCapabilities lists "actions").
    actions: bool,
}

pub(super) struct Bus {
    live: Mutex<Option<Live>>,
    pending: Arc<Mutex<Pending>>,
    on_action: OnAction,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every change under these locks is a single insert or remove: a panic elsewhere cannot
    // leave them half-done.
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Bus {
    pub fn new(on_action: OnAction) -> Bus {
        Bus {
            live: Mutex::new(None),
            pending: Arc::default(),
            on_action,
        }
    }

    /// Shows a notification; its buttons call `on_action` with `target`. Blocks on the bus
    /// call: call it from a blocking thread, never from inside the async runtime.
    pub fn show(&self, shown: &Shown<'_>, target: Target) -> zbus::Result<()> {
        let live = self.live()?;
        let mut actions = Vec::with_capacity(shown.actions.len() * 2);
        for (key, label) in shown.actions {
            // Only the click on the notification itself where the server shows no buttons.
            if live.actions || *key == "default" {
                actions.push(*key);
                actions.push(label.as_str());
            }
        }
        let hints: HashMap<&str, Value<'_>> = HashMap::new();
        let arguments = (
            shown.app_name,
            0u32,
            "",
            shown.summary,
            shown.body,
            actions,
            hints,
            -1i32,
        );
        let call = live
            .connection
            .call_method(Some(NAME), PATH, Some(NAME), "Notify", &arguments);
        match tauri::async_runtime::block_on(call) {
            Ok(reply) => {
                let id: u32 = reply.body().deserialize()?;
                lock(&self.pending).remember(id, target);
                Ok(())
            }
            Err(error) => {
                // The next notification connects afresh: the session bus may have restarted.
                *lock(&self.live) = None;
                Err(error)
            }
        }
    }

    /// How many notifications still have working buttons.
    pub fn waiting(&self) -> usize {
        lock(&self.pending).len()
    }

    fn live(&self) -> zbus::Result<Live> {
        let mut live = lock(&self.live);
        if let Some(known) = live.as_ref() {
            return Ok(known.clone());
        }
        let connected = tauri::async_runtime::block_on(self.connect())?;
        *live = Some(connected.clone());
        Ok(connected)
    }

    /// Connects, starts listening for the server's signals (before the first Notify, so no
    /// press is missed) and asks what the server can show.
    async fn connect(&self) -> zbus::Result<Live> {
        let connection = zbus::Connection::session().await?;
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(NAME)?
            .path(PATH)?
            .build();
        let mut signals = zbus::MessageStream::for_match_rule(rule, &connection, Some(64)).await?;
        let pending = Arc::clone(&self.pending);
        let on_action = Arc::clone(&self.on_action);
        // Ends when the connection does (the stream then ends).
        tauri::async_runtime::spawn(async move {
            while let Some(message) = signals.next().await {
                let Ok(message) = message else { continue };
                if let Some((action, target)) = answer(&pending, &message) {
                    on_action(action, target);
                }
            }
        });
        let actions = connection
            .call_method(Some(NAME), PATH, Some(NAME), "GetCapabilities", &())
            .await
            .and_then(|reply| reply.body().deserialize::<Vec<String>>())
            .is_ok_and(|caps| caps.iter().any(|c| c == "actions"));
        Ok(Live {
            connection,
            actions,
        })
    }
}

/// What a signal from the server asks of the app: a press acts on its notification once; a
/// closed notification is forgotten.
fn answer(pending: &Mutex<Pending>, message: &zbus::Message) -> Option<(Action, Target)> {
    let header = message.header();
    match header.member()?.as_str() {
        "ActionInvoked" => {
            let (id, key): (u32, String) = message.body().deserialize().ok()?;
            let action = Action::from_id(&key)?;
            let target = lock(pending).take(id)?;
            Some((action, target))
        }
        "NotificationClosed" => {
            let (id, _reason): (u32, u32) = message.body().deserialize().ok()?;
            lock(pending).take(id);
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use narvaro_core::schedule::reminders::ReminderKey;

    fn target(person: i64) -> Target {
        Target {
            keys: vec![ReminderKey::CheckIn {
                person_id: person,
                due_on: chrono::NaiveDate::MIN,
            }],
            person_id: Some(person),
            meeting_link: None,
        }
    }

    #[test]
    fn a_notification_acts_once_and_the_oldest_are_forgotten_beyond_the_limit() {
        let mut pending = Pending::default();
        pending.remember(1, target(1));
        assert_eq!(pending.take(1), Some(target(1)));
        assert_eq!(pending.take(1), None, "a second press does nothing");

        for id in 0..(REMEMBERED as u32 + 10) {
            pending.remember(id, target(i64::from(id)));
        }
        assert_eq!(pending.len(), REMEMBERED);
        assert_eq!(pending.take(0), None, "the oldest were forgotten");
        assert!(pending.take(REMEMBERED as u32 + 9).is_some());
        assert_eq!(pending.order.len(), pending.targets.len());
    }
}
