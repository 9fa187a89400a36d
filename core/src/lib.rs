//! Närvaro's core: the whole domain, free of GUI, async runtime and notifications, so that
//! every capability is a plain function tested against an in-memory store.

pub mod error;
pub mod i18n;
pub mod model;
pub mod schedule;
pub mod service;
pub mod store;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use error::{Error, ErrorKind, Result};
pub use i18n::Lang;
pub use store::Store;
