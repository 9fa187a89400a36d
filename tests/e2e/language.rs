//! Choosing the app's language in Settings, and that the choice survives a restart.
