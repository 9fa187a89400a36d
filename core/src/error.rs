//! The one error type of the core, with the context a user needs and its translation.

use std::path::PathBuf;

use crate::i18n::{t, Lang};

/// What a caller can do about an error; the shell maps it to `CommandError.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    Invalid,
    Conflict,
    Internal,
}

/// Input that was refused: which field, and the catalogue key that says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Invalid {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Invalid {
            field,
            key,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid {}: {}", .0.field, .0.key)]
    Invalid(Invalid),

    #[error("{what} {id} not found")]
    NotFound { what: &'static str, id: i64 },

    /// The request makes no sense in the current state (e.g. archiving an archived person).
    #[error("conflict: {key}")]
    Conflict {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },

    #[error("database schema {found} is newer than this version knows ({known})")]
    NewerSchema { found: i64, known: i64 },

    #[error("{} is not a Närvaro database", .path.display())]
    ForeignDatabase { path: PathBuf },

    #[error("{} failed its integrity check: {detail}", .path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),

    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Why the data file cannot be written just now: the failures a manager can do something
/// about, named instead of "something went wrong".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Storage {
    /// SQLITE_FULL or ENOSPC: no room on the disk.
    DiskFull,
    /// SQLITE_BUSY / SQLITE_LOCKED: another program holds the file past the busy timeout.
    Busy,
    /// SQLITE_READONLY or a permission refusal.
    ReadOnly,
}

impl Storage {
    fn of_sqlite(error: &rusqlite::Error) -> Option<Storage> {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code()? {
            ErrorCode::DiskFull => Some(Storage::DiskFull),
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Some(Storage::Busy),
            ErrorCode::ReadOnly | ErrorCode::PermissionDenied => Some(Storage::ReadOnly),
            _ => None,
        }
    }

    fn of_io(error: &std::io::Error) -> Option<Storage> {
        match error.kind() {
            std::io::ErrorKind::StorageFull => Some(Storage::DiskFull),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Some(Storage::ReadOnly)
            }
            _ => None,
        }
    }

    /// The catalogue key of the sentence that names it.
    pub fn key(self) -> &'static str {
        match self {
            Storage::DiskFull => "error.disk_full",
            Storage::Busy => "error.busy",
            Storage::ReadOnly => "error.read_only",
        }
    }
}

impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        Error::Invalid(invalid)
    }
}

impl Error {
    /// For a delete by id: `Ok` when a row went, else `NotFound` for `what` `id`.
    pub(crate) fn unless_removed(removed: bool, what: &'static str, id: i64) -> Result<()> {
        if removed {
            Ok(())
        } else {
            Err(Error::NotFound { what, id })
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NewerSchema { .. }
            | Error::ForeignDatabase { .. }
            | Error::Corrupt { .. }
            | Error::Io { .. }
            | Error::Db(_)
            | Error::Migration(_) => ErrorKind::Internal,
        }
    }

    /// Whether this is a write the disk or another program refused (full, busy, read-only).
    pub fn storage(&self) -> Option<Storage> {
        match self {
            Error::Db(error) => Storage::of_sqlite(error),
            Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                Storage::of_sqlite(err)
            }
            Error::Io { source, .. } => Storage::of_io(source),
            _ => None,
        }
    }

    /// The field of a form the error belongs to, so the UI can show it next to that field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid(invalid) => Some(invalid.field),
            _ => None,
        }
    }

    /// The message for the user in their language. Database and migration failures get a
    /// generic text: their details are for the log, not the screen.
    pub fn message(&self, lang: Lang) -> String {
        fn with_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t(lang, key, &args)
        }
        match self {
            Error::Invalid(invalid) => with_args(lang, invalid.key, &invalid.args),
            Error::NotFound { what, .. } => t(lang, &format!("error.not_found.{what}"), &[]),
            Error::Conflict { key, args } => with_args(lang, key, args),
            Error::NewerSchema { found, known } => t(
                lang,
                "error.newer_schema",
                &[("found", &found.to_string()), ("known", &known.to_string())],
            ),
            Error::ForeignDatabase { path } => t(
                lang,
                "error.foreign_database",
                &[("path", &path.display().to_string())],
            ),
            Error::Corrupt { path, .. } => t(
                lang,
                "error.corrupt",
                &[("path", &path.display().to_string())],
            ),
            Error::Io { path, source } => t(
                lang,
                "error.io",
                &[
                    ("path", &path.display().to_string()),
                    ("detail", &source.to_string()),
                ],
            ),
            Error::Db(_) | Error::Migration(_) => match self.storage() {
                Some(storage) => t(lang, storage.key(), &[]),
                None => t(lang, "error.internal", &[]),
            },
        }
    }
}
