//! Reading and changing the manager's settings.

use crate::error::{Invalid, Result};
use crate::model::{LanguageChoice, Settings};
use crate::store::{settings as table, Store};

const LANGUAGE: &str = "language";

pub fn get(store: &Store) -> Result<Settings> {
    let language = table::get(store.conn(), LANGUAGE)?
        .as_deref()
        .and_then(LanguageChoice::from_code)
        .unwrap_or(LanguageChoice::System);
    Ok(Settings { language })
}

/// Sets the language from a code sent by a form or a command: "system", "sv" or "en".
pub fn set_language(store: &mut Store, code: &str) -> Result<Settings> {
    let choice = LanguageChoice::from_code(code).ok_or_else(|| {
        Invalid::new("language", "error.invalid.language").with("value", truncate(code, 20))
    })?;
    store.write(|tx| table::set(tx, LANGUAGE, choice.code()))?;
    get(store)
}

/// Keeps echoed input short: an error message is no place for a megabyte of junk.
fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn language_defaults_to_the_system_and_persists_a_choice() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(get(&store).unwrap().language, LanguageChoice::System);
        set_language(&mut store, "sv").unwrap();
        assert_eq!(get(&store).unwrap().language, LanguageChoice::Sv);
    }

    #[test]
    fn an_unknown_language_is_refused_and_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        set_language(&mut store, "en").unwrap();
        let err = set_language(&mut store, "fr").unwrap_err();
        assert!(matches!(err, Error::Invalid(ref i) if i.field == "language"));
        assert_eq!(err.message(crate::i18n::Lang::Sv), "Okänt språk: fr.");
        assert_eq!(get(&store).unwrap().language, LanguageChoice::En);
    }
}
