//! The Team view as a manager uses it: adding people through the dialog, archiving, what
//! survives a restart, markup typed as a name, and refused input that changes nothing.
