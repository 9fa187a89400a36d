//! The app's state, built once before the window opens: the store (or why it could not be
//! opened), the data folder and the language in force.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use chrono_tz::Tz;
use narvaro_core::model::LanguageChoice;
use narvaro_core::service::backup::{self, BackupFile};
use narvaro_core::service::reminders::Failing;
use narvaro_core::{Error, Lang, Store};

use crate::error::CommandError;

#[derive(Clone)]
pub struct AppState {
    /// `Err` when the database could not be opened: the window then explains why and every
    /// command answers with that reason, while the file stays untouched. Replaced when the
    /// manager recovers from a damaged file (a backup restored, or a fresh start).
    store: Arc<Mutex<Result<Store, Arc<Error>>>>,
    /// After a damaged database was set aside: where it went and which backup to offer.
    recovery: Arc<Mutex<Option<Recovery>>>,
    data_dir: PathBuf,
    system_lang: Lang,
    lang: Arc<RwLock<Lang>>,
    tray_available: Arc<AtomicBool>,
    /// Fixed zone for tests; the real app asks the OS on every use, so a laptop that
    /// travelled shows the right "today".
    tz_override: Option<Tz>,
    /// Wakes the reminder scheduler when data or settings change.
    changes: Arc<Signal>,
    /// Set while the scheduler's last tick could not record (disk full, file busy …).
    failing: Arc<Mutex<Option<Failing>>>,
    /// The CSV file last previewed for import, so that confirming imports exactly those
    /// bytes and the webview never names a path.
    pending_import: Arc<Mutex<Option<PendingImport>>>,
}

/// A previewed import waiting for the manager's confirmation.
struct PendingImport {
    token: u32,
    bytes: Arc<Vec<u8>>,
}

impl AppState {
    /// Opens the store in `data_dir` and settles the language (the stored choice, else the
    /// OS locale's).
    /// A damaged database is set aside whole (never deleted) and the newest good backup is
    /// offered in the window; any other refusal (a newer version's file, someone else's)
    /// leaves the file untouched.
    pub fn open(data_dir: &Path, system_lang: Lang) -> AppState {
        let store = Store::open_dir(data_dir);
        let mut recovery = None;
        if let Err(error) = &store {
            log::error!("cannot open the database: {error}");
            if matches!(error, Error::Corrupt { .. }) {
                recovery = Recovery::prepare(data_dir, chrono::Utc::now());
            }
        }
        let state = AppState::with_store(store, data_dir.to_owned(), system_lang);
        *state.recovery.lock().unwrap_or_else(|e| e.into_inner()) = recovery;
        state
    }

    pub fn with_store(
        store: narvaro_core::Result<Store>,
        data_dir: PathBuf,
        system_lang: Lang,
    ) -> AppState {
        let choice = match &store {
            Ok(store) => narvaro_core::service::settings::get(store)
                .map(|s| s.language)
                .unwrap_or(LanguageChoice::System),
            Err(_) => LanguageChoice::System,
        };
        AppState {
            store: Arc::new(Mutex::new(store.map_err(Arc::new))),
            recovery: Arc::default(),
            data_dir,
            system_lang,
            lang: Arc::new(RwLock::new(choice.resolve(system_lang))),
            tray_available: Arc::new(AtomicBool::new(false)),
            tz_override: None,
            changes: Arc::default(),
            failing: Arc::default(),
            pending_import: Arc::default(),
        }
    }

    /// The same state, with the manager's zone fixed (for tests and the command line).
    pub fn with_timezone(mut self, tz: Tz) -> AppState {
        self.tz_override = Some(tz);
        self
    }

    /// The manager's local date now.
    pub fn today(&self) -> chrono::NaiveDate {
        chrono::Utc::now()
            .with_timezone(&self.local_tz())
            .date_naive()
    }

    /// The manager's zone: what "today" and new rhythms default to.
    pub fn local_tz(&self) -> Tz {
        self.tz_override.unwrap_or_else(crate::system_tz)
    }

    pub fn lang(&self) -> Lang {
        // A poisoned lock still holds a valid language: a panic cannot leave it half-written.
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
    }

    pub fn system_lang(&self) -> Lang {
        self.system_lang
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn startup_error(&self) -> Option<CommandError> {
        let store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        store
            .as_ref()
            .err()
            .map(|e| CommandError::from_core(e, self.lang()))
    }

    /// Where a damaged database was set aside, and the backup offered, until recovered.
    pub fn recovery(&self) -> Option<Recovery> {
        self.recovery
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// After a damaged database was set aside: opens the offered backup (`restore`) or an
    /// empty database in its place, and every command works from then on. Refused when
    /// there is nothing to recover from.
    pub fn recover(&self, restore: bool) -> narvaro_core::Result<()> {
        let mut recovery = self.recovery.lock().unwrap_or_else(|e| e.into_inner());
        let Some(offer) = recovery.as_ref() else {
            return Err(Error::Conflict {
                key: "error.recover.nothing",
                args: Vec::new(),
            });
        };
        let store = match (&offer.backup, restore) {
            (Some(backup), true) => backup::open_from_backup(&self.data_dir, &backup.path)?,
            (None, true) => {
                return Err(Error::Conflict {
                    key: "error.recover.no_backup",
                    args: Vec::new(),
                })
            }
            (_, false) => Store::open_dir(&self.data_dir)?,
        };
        let lang = narvaro_core::service::settings::get(&store)
            .map(|s| s.language.resolve(self.system_lang))
            .unwrap_or(self.system_lang);
        *self.store.lock().unwrap_or_else(|e| e.into_inner()) = Ok(store);
        *recovery = None;
        self.set_lang(lang);
        self.changes.raise();
        Ok(())
    }

    pub fn tray_available(&self) -> bool {
        self.tray_available.load(Ordering::Relaxed)
    }

    pub fn set_tray_available(&self, available: bool) {
        self.tray_available.store(available, Ordering::Relaxed);
    }

    /// Why reminders are not being recorded, while the last tick failed.
    pub fn failing(&self) -> Option<Failing> {
        *self.failing.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The scheduler's report after each tick: `None` when it recorded.
    pub fn set_failing(&self, failing: Option<Failing>) {
        *self.failing.lock().unwrap_or_else(|e| e.into_inner()) = failing;
    }

    /// Keeps `bytes` as the file to import on confirmation, in place of any earlier one, and
    /// returns the token that confirms it.
    pub fn hold_import(&self, bytes: Vec<u8>) -> u32 {
        let mut pending = self
            .pending_import
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let token = pending
            .as_ref()
            .map_or(1, |p| p.token.wrapping_add(1).max(1));
        *pending = Some(PendingImport {
            token,
            bytes: Arc::new(bytes),
        });
        token
    }

    /// The bytes previewed under `token`, while they are the latest preview.
    pub fn held_import(&self, token: u32) -> Option<Arc<Vec<u8>>> {
        let pending = self
            .pending_import
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        pending
            .as_ref()
            .filter(|p| p.token == token)
            .map(|p| Arc::clone(&p.bytes))
    }

    /// Forgets the previewed file once it was imported: confirming twice adds no one twice.
    pub fn release_import(&self, token: u32) {
        let mut pending = self
            .pending_import
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if pending.as_ref().is_some_and(|p| p.token == token) {
            *pending = None;
        }
    }

    /// Blocks until data or settings change or `timeout` passes, whichever is first; true
    /// for a change. A change made while nobody waited is kept, not lost. One wake-up per
    /// call: the scheduler's idle cost is one a minute.
    pub fn wait_for_change(&self, timeout: Duration) -> bool {
        self.changes.wait(timeout)
    }

    /// `run` for functions that change data: the scheduler re-plans at once afterwards.
    pub async fn mutate<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> narvaro_core::Result<T> + Send + 'static,
    {
        let result = self.run(f).await;
        if result.is_ok() {
            self.changes.raise();
        }
        result
    }

    /// Runs a core function on the store on a blocking thread (SQLite blocks) and turns its
    /// error into the translated `CommandError`.
    pub async fn run<T, F>(&self, f: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> narvaro_core::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let state = self.clone();
        tauri::async_runtime::spawn_blocking(move || state.run_here(f))
            .await
            .map_err(|join| CommandError::internal(&format!("worker failed: {join}"), lang))??
            .map_err(|error| CommandError::from_core(&error, lang))
    }

    /// Runs `f` on the store on this thread, which it blocks: for the scheduler's own
    /// thread, never for an async task.
    pub fn run_here<T>(
        &self,
        f: impl FnOnce(&mut Store) -> narvaro_core::Result<T>,
    ) -> Result<narvaro_core::Result<T>, CommandError> {
        // A panic in an earlier command poisons the lock, not the store: its write
        // transaction was rolled back when it unwound, so the next command goes on.
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match store.as_mut() {
            Ok(store) => Ok(f(store)),
            Err(error) => Err(CommandError::from_core(error, self.lang())),
        }
    }

    /// `run_here` for a change: the scheduler re-plans at once afterwards.
    pub fn mutate_here<T>(
        &self,
        f: impl FnOnce(&mut Store) -> narvaro_core::Result<T>,
    ) -> Result<narvaro_core::Result<T>, CommandError> {
        let result = self.run_here(f);
        if matches!(result, Ok(Ok(_))) {
            self.changes.raise();
        }
        result
    }
}

/// A damaged database set aside at start, and what can replace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// The folder the damaged files were moved to, unchanged.
    pub set_aside: PathBuf,
    /// The newest backup that passes its check, if any.
    pub backup: Option<BackupFile>,
}

impl Recovery {
    /// Sets the damaged files aside and finds the backup to offer; `None` when they could
    /// not be moved (then they stay where they are, untouched, and the window says so).
    fn prepare(data_dir: &Path, now: chrono::DateTime<chrono::Utc>) -> Option<Recovery> {
        let set_aside = match backup::set_aside(data_dir, now) {
            Ok(folder) => folder,
            Err(error) => {
                log::error!("could not set the damaged database aside: {error}");
                return None;
            }
        };
        log::warn!("set the damaged database aside");
        let backup = backup::newest_good(data_dir).unwrap_or_else(|error| {
            log::error!("could not look for backups: {error}");
            None
        });
        Some(Recovery { set_aside, backup })
    }
}

/// A flag with a condition variable: "something changed" for a thread that waits with a
/// timeout, costing no wake-up while nothing happens.
#[derive(Default)]
struct Signal {
    raised: Mutex<bool>,
    cvar: Condvar,
}

impl Signal {
    fn raise(&self) {
        *self.raised.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.cvar.notify_all();
    }

    fn wait(&self, timeout: Duration) -> bool {
        let raised = self.raised.lock().unwrap_or_else(|e| e.into_inner());
        let (mut raised, _) = self
            .cvar
            .wait_timeout_while(raised, timeout, |raised| !*raised)
            .unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *raised, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use narvaro_core::model::PersonDraft;
    use narvaro_core::service::people;

    #[test]
    fn a_panicking_command_leaves_the_store_usable_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), Lang::En);
        let now = chrono::Utc::now();
        let panicked: Result<(), CommandError> =
            tauri::async_runtime::block_on(state.run(move |store| {
                store.write(|tx| {
                    let draft = PersonDraft {
                        name: "Anna".into(),
                        ..PersonDraft::default()
                    };
                    narvaro_core::store::people::insert(tx, &draft.validate()?, now)?;
                    panic!("a bug halfway through a write");
                })
            }));
        assert!(panicked.is_err());
        let listed = tauri::async_runtime::block_on(state.run(|store| people::list(store)));
        assert_eq!(listed.unwrap(), [], "the half-done write was rolled back");
        let added = tauri::async_runtime::block_on(state.run(move |store| {
            let draft = PersonDraft {
                name: "Bo".into(),
                ..PersonDraft::default()
            };
            people::add(store, &draft, now)
        }));
        assert_eq!(added.unwrap().name, "Bo");
    }

    #[test]
    fn a_change_wakes_the_scheduler_once_and_is_kept_until_it_waits() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path(), Lang::En);
        assert!(!state.wait_for_change(Duration::ZERO), "nothing changed");
        let now = chrono::Utc::now();
        tauri::async_runtime::block_on(state.mutate(move |store| {
            let draft = PersonDraft {
                name: "Anna".into(),
                ..PersonDraft::default()
            };
            people::add(store, &draft, now)
        }))
        .unwrap();
        // Raised while nobody waited: the next wait returns at once, the one after does not.
        assert!(state.wait_for_change(Duration::from_secs(60)));
        assert!(!state.wait_for_change(Duration::ZERO));
        // A refused change wakes nobody.
        let refused = tauri::async_runtime::block_on(
            state.mutate(|store| people::add(store, &PersonDraft::default(), chrono::Utc::now())),
        );
        assert!(refused.is_err());
        assert!(!state.wait_for_change(Duration::ZERO));
    }
}
