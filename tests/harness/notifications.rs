//! A fake desktop notification server on the test's private session bus: it owns the name
//! `org.freedesktop.Notifications`, says it supports action buttons, records every Notify
//! call, and presses a notification's buttons by emitting `ActionInvoked`, as a person's
//! click on a real server would. It is on the bus before the app starts, so the app talks to
//! it from its first notification on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result};
use zbus::zvariant::OwnedValue;

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// One Notify call as the server received it.
#[derive(Debug, Clone)]
pub struct Notified {
    /// The id the server answered with: what `ActionInvoked` names.
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Flat, as on the wire: key, label, key, label …
    pub actions: Vec<String>,
    /// When it arrived, on the wall clock (to compare with a local time the test chose) …
    pub at: SystemTime,
    /// … and on the monotonic clock (to measure how long since).
    pub arrived: Instant,
}

impl Notified {
    /// The action keys offered ("default", "snooze", "done"), without their labels.
    pub fn action_keys(&self) -> Vec<&str> {
        self.actions.iter().step_by(2).map(String::as_str).collect()
    }

    /// The label shown for the action `key`, if it is offered.
    pub fn action_label(&self, key: &str) -> Option<&str> {
        self.actions
            .chunks(2)
            .find(|pair| pair.first().map(String::as_str) == Some(key))
            .and_then(|pair| pair.get(1))
            .map(String::as_str)
    }
}

/// What the server has seen; shared between the bus's thread and the test.
#[derive(Debug, Default)]
struct Record {
    notified: Vec<Notified>,
    closed: Vec<u32>,
}

#[derive(Clone, Default)]
struct Server {
    record: Arc<Mutex<Record>>,
}

fn lock(record: &Mutex<Record>) -> MutexGuard<'_, Record> {
    // A panic elsewhere cannot leave the record half-written: each change is one push.
    record.lock().unwrap_or_else(|e| e.into_inner())
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Server {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut record = lock(&self.record);
        let id = u32::try_from(record.notified.len()).unwrap_or(u32::MAX - 1) + 1;
        record.notified.push(Notified {
            id,
            app_name,
            summary,
            body,
            actions,
            at: SystemTime::now(),
            arrived: Instant::now(),
        });
        id
    }

    fn close_notification(&self, id: u32) {
        lock(&self.record).closed.push(id);
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "narvaro-e2e".into(),
            "narvaro".into(),
            "1".into(),
            "1.2".into(),
        )
    }
}

/// The running fake server; it leaves the bus when dropped (or when the bus stops).
pub struct NotificationServer {
    connection: zbus::blocking::Connection,
    record: Arc<Mutex<Record>>,
}

impl std::fmt::Debug for NotificationServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotificationServer")
            .field("calls", &lock(&self.record).notified.len())
            .finish_non_exhaustive()
    }
}

impl NotificationServer {
    /// Connects to the bus at `address`, serves the interface and takes the well-known name.
    /// When this returns, a client asking for the name finds the server.
    pub fn start(address: &str) -> Result<NotificationServer> {
        let server = Server::default();
        let record = Arc::clone(&server.record);
        let connection = zbus::blocking::connection::Builder::address(address)
            .with_context(|| format!("{address:?} is not a D-Bus address"))?
            .serve_at(PATH, server)
            .context("could not serve the notification interface")?
            .name(NAME)
            .context("could not ask for the notification server's name")?
            .build()
            .with_context(|| {
                format!("the fake notification server could not join the bus at {address}")
            })?;
        Ok(NotificationServer { connection, record })
    }

    /// Every Notify call so far, in order.
    pub fn notified(&self) -> Vec<Notified> {
        lock(&self.record).notified.clone()
    }

    /// The ids the app asked to close (CloseNotification).
    pub fn closed(&self) -> Vec<u32> {
        lock(&self.record).closed.clone()
    }

    /// Presses the button `action` of notification `id` (or, with "default", clicks the
    /// notification itself): emits `ActionInvoked(id, action)` to everyone listening.
    ///
    /// A client starts listening only after its Notify call returned, and may hear just the
    /// first press: press until the press shows, and expect no more than one to count.
    pub fn invoke_action(&self, id: u32, action: &str) -> Result<()> {
        self.connection
            .emit_signal(None::<&str>, PATH, NAME, "ActionInvoked", &(id, action))
            .with_context(|| format!("could not emit ActionInvoked({id}, {action:?})"))
    }

    /// Closes notification `id` as a person dismissing it would: emits
    /// `NotificationClosed(id, 2)` (2: dismissed by the user).
    pub fn close(&self, id: u32) -> Result<()> {
        self.connection
            .emit_signal(None::<&str>, PATH, NAME, "NotificationClosed", &(id, 2u32))
            .with_context(|| format!("could not emit NotificationClosed({id})"))
    }
}
