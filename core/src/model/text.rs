//! Shared checks for the short texts people type into forms.

use crate::error::Invalid;

/// Trims `raw` and checks it is at most `max` characters without control characters.
/// Returns `None` for empty (after trimming) text.
pub(crate) fn optional_line(
    raw: Option<&str>,
    field: &'static str,
    max: usize,
    too_long_key: &'static str,
) -> Result<Option<String>, Invalid> {
    let Some(text) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > max {
        return Err(Invalid::new(field, too_long_key).with("max", max));
    }
    if text.chars().any(char::is_control) {
        return Err(Invalid::new(field, "error.invalid.control_chars"));
    }
    Ok(Some(text.to_owned()))
}
