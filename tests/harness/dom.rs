//! What a person does with the window, as test steps: find a field by its label, type, pick
//! an option, press a button by its text, read a list, wait until something shows.
//!
//! Lookups run as one small script each, so they see one consistent DOM (no stale handles
//! between "find" and "read"), and they wait: the UI answers asynchronously. While a modal
//! dialog is open, lookups stay inside it, as a person's eyes and clicks would.

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::error::{CmdError, ErrorStatus};
use serde_json::{json, Value};

use crate::app::App;
use crate::{wait_until, Check, WAIT};

/// The key under which WebDriver serialises an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Shared script prelude: whitespace-normalised text, visibility, and the search root.
const PRELUDE: &str = r#"
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const visible = (el) => {
  if (!el || !el.isConnected) return false;
  if (el.checkVisibility) return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
};
const topModal = () => {
  const open = [...document.querySelectorAll('dialog[open]')].filter((d) => {
    try { return d.matches(':modal'); } catch (_) { return true; }
  });
  return open.length ? open[open.length - 1] : null;
};
"#;

const FIND_FIELD: &str = r#"
const [wanted, scope] = arguments;
const root = scope || topModal() || document;
const controls = 'input,select,textarea,button,meter,output,progress';
let best = null, rank = -1, ties = 0;
for (const label of root.querySelectorAll('label')) {
  const own = label.cloneNode(true);
  own.querySelectorAll(controls).forEach((c) => c.remove());
  const text = norm(own.textContent);
  const exact = text === wanted;
  // "Role (optional)" is still the field a person calls "Role"; "Rolex" is not.
  const prefix = !exact && text.startsWith(wanted) && /^[^\p{L}\p{N}]/u.test(text.slice(wanted.length));
  if (!exact && !prefix) continue;
  const target = label.control || (label.htmlFor ? document.getElementById(label.htmlFor) : null);
  if (!target) continue;
  const r = (exact ? 2 : 0) + (visible(target) ? 1 : 0);
  if (r > rank) { best = target; rank = r; ties = 0; }
  else if (r === rank && target !== best) { ties += 1; }
}
if (!best) return null;
if (ties > 0) return { error: `${ties + 1} fields are labelled "${wanted}"` };
return { found: best, visible: visible(best) };
"#;

const FIND_BUTTON: &str = r#"
const [wanted, scope] = arguments;
const root = scope || topModal() || document;
const candidates = [...root.querySelectorAll(
  'button, [role=button], input[type=button], input[type=submit], input[type=reset], a[href]')];
const textOf = (el) => norm(el.tagName === 'INPUT' ? el.value : el.innerText);
const shown = candidates.filter(visible);
const byText = shown.find((el) => textOf(el) === wanted);
if (byText) return { found: byText };
const byLabel = shown.find((el) => norm(el.getAttribute('aria-label')) === wanted);
if (byLabel) return { found: byLabel };
return { seen: shown.map(textOf).filter(Boolean) };
"#;

const FIND_TEXT: &str = r#"
const [wanted, scope] = arguments;
const root = scope || topModal() || document.body;
for (const el of root.querySelectorAll('*')) {
  if (norm(el.innerText) === wanted && visible(el)) return { found: el };
}
return null;
"#;

const FIND_LIST: &str = r#"
const [label] = arguments;
const all = [...document.querySelectorAll('[aria-label]')]
  .filter((el) => el.getAttribute('aria-label') === label);
const lists = all.filter((el) => el.matches('ul, ol, [role=list], [role=listbox], table'));
const pick = lists.length ? lists : all;
if (pick.length === 0) return null;
if (pick.length > 1) return { error: `${pick.length} elements are labelled "${label}"` };
return { found: pick[0] };
"#;

const LIST_ROWS: &str = r#"
const [list] = arguments;
const rows = [...list.querySelectorAll(':scope > li, :scope > [role=listitem], :scope > tbody > tr, :scope > tr')];
return rows.filter(visible).map((row) => {
  const texts = new Set();
  for (const line of (row.innerText || '').split('\n')) { const t = norm(line); if (t) texts.add(t); }
  for (const el of row.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const t = norm(el.innerText); if (t) texts.add(t);
  }
  return { id: row.getAttribute('data-person-id'), text: norm(row.innerText), texts: [...texts] };
});
"#;

const OPEN_DIALOG: &str = r#"
const d = topModal() || [...document.querySelectorAll('dialog[open]')].pop();
return d && visible(d) ? { found: d } : null;
"#;

/// One row of a list as a person sees it.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its `data-person-id`, when it has one.
    pub id: Option<String>,
    /// All of its visible text on one line.
    pub text: String,
    /// Each visible line and each visible element's text, whitespace-normalised: what a
    /// person would read as one piece ("Anna Lind", "Archived 27 Nov 2025").
    pub texts: Vec<String>,
}

impl Row {
    /// Whether one piece of the row reads exactly `text`.
    pub fn shows(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t == text)
    }

    /// The first piece that starts with `prefix`.
    pub fn piece_starting_with(&self, prefix: &str) -> Option<&str> {
        self.texts
            .iter()
            .map(String::as_str)
            .find(|t| t.starts_with(prefix))
    }
}

/// Summarises rows for messages: "[Anna Lind | Bo Ek]".
pub fn describe(rows: &[Row]) -> String {
    let names: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
    format!("[{}]", names.join(" | "))
}

impl App {
    async fn script(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        let source = format!("{PRELUDE}\n{script}");
        self.client()?
            .execute(&source, args)
            .await
            .map_err(|e| anyhow!(e).context("a lookup script failed in the page"))
    }

    fn element(&self, value: &Value) -> Result<Element> {
        let id = value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .with_context(|| format!("the page returned {value} instead of an element"))?;
        Ok(Element::from_element_id(
            self.client()?.clone(),
            ElementRef::from(id.to_owned()),
        ))
    }

    /// Runs a lookup script until it returns `{found}`; `{error}` fails at once.
    async fn find_with(
        &self,
        what: &str,
        script: &str,
        args: Vec<Value>,
        describe_miss: impl Fn(&Value) -> String,
    ) -> Result<Element> {
        wait_until(what, WAIT, async || {
            let answer = self.script(script, args.clone()).await?;
            if let Some(error) = answer.get("error").and_then(Value::as_str) {
                bail!("{error}");
            }
            match answer.get("found") {
                Some(found) => Ok(Check::Done(self.element(found)?)),
                None => Ok(Check::Waiting(describe_miss(&answer))),
            }
        })
        .await
    }

    /// The form field whose `<label>` reads `label` (by `for`, or a label wrapping it).
    pub async fn field(&self, label: &str) -> Result<Element> {
        self.find_with(
            &format!("a field labelled {label:?} is there"),
            FIND_FIELD,
            vec![json!(label), Value::Null],
            |_| "no such label".to_owned(),
        )
        .await
    }

    /// Clears the field labelled `label` and types `text` into it.
    pub async fn fill(&self, label: &str, text: &str) -> Result<()> {
        let field = self.field(label).await?;
        field
            .clear()
            .await
            .with_context(|| format!("could not clear the field {label:?}"))?;
        if !text.is_empty() {
            field
                .send_keys(text)
                .await
                .with_context(|| format!("could not type into the field {label:?}"))?;
        }
        Ok(())
    }

    /// The current value of the field labelled `label`.
    pub async fn field_value(&self, label: &str) -> Result<String> {
        let field = self.field(label).await?;
        let value = field
            .prop("value")
            .await
            .with_context(|| format!("could not read the field {label:?}"))?;
        Ok(value.unwrap_or_default())
    }

    /// Chooses the option with `value` in the select labelled `label`.
    pub async fn select(&self, label: &str, value: &str) -> Result<()> {
        let field = self.field(label).await?;
        field
            .select_by_value(value)
            .await
            .with_context(|| format!("could not choose {value:?} in {label:?}"))
    }

    /// The visible button whose text (or, failing that, accessible label) is `text`,
    /// inside `scope` when given, else inside the open modal dialog, else anywhere.
    pub async fn button(&self, text: &str, scope: Option<&Element>) -> Result<Element> {
        let scope_arg = match scope {
            Some(el) => {
                serde_json::to_value(el).context("could not pass an element to the page")?
            }
            None => Value::Null,
        };
        self.find_with(
            &format!("a button {text:?} is shown"),
            FIND_BUTTON,
            vec![json!(text), scope_arg],
            |answer| {
                format!(
                    "buttons shown: {}",
                    answer.get("seen").unwrap_or(&Value::Null)
                )
            },
        )
        .await
    }

    /// Presses the button with visible text `text` (see [`App::button`] for where it looks).
    pub async fn click_button(&self, text: &str) -> Result<()> {
        self.click_button_in(text, None).await
    }

    /// Presses the button `text` inside `scope` (a row, a dialog), or as [`App::click_button`].
    pub async fn click_button_in(&self, text: &str, scope: Option<&Element>) -> Result<()> {
        // A click can land while the UI re-renders (the button is replaced, or a dialog is
        // still opening over it); WebDriver then refuses it and nothing happened, so it is safe
        // to find the button again and retry.
        wait_until(
            &format!("the button {text:?} takes a click"),
            WAIT,
            async || {
                let button = self.button(text, scope).await?;
                match button.click().await {
                    Ok(()) => Ok(Check::Done(())),
                    Err(e) if retryable(&e) => Ok(Check::Waiting(format!("click refused: {e}"))),
                    Err(e) => Err(anyhow!(e).context(format!("clicking {text:?} failed"))),
                }
            },
        )
        .await
    }

    /// Waits until an element showing exactly `text` is visible (inside the open modal dialog
    /// when there is one, or inside `scope`).
    pub async fn wait_for_text(&self, text: &str, scope: Option<&Element>) -> Result<Element> {
        let scope_arg = match scope {
            Some(el) => {
                serde_json::to_value(el).context("could not pass an element to the page")?
            }
            None => Value::Null,
        };
        self.find_with(
            &format!("the text {text:?} is shown"),
            FIND_TEXT,
            vec![json!(text), scope_arg],
            |_| "not shown".to_owned(),
        )
        .await
    }

    /// Whether `text` is visible right now (no waiting).
    pub async fn shows_text(&self, text: &str, scope: Option<&Element>) -> Result<bool> {
        let scope_arg = match scope {
            Some(el) => {
                serde_json::to_value(el).context("could not pass an element to the page")?
            }
            None => Value::Null,
        };
        let answer = self.script(FIND_TEXT, vec![json!(text), scope_arg]).await?;
        Ok(answer.get("found").is_some())
    }

    /// The list element labelled `label` (`aria-label`), waiting until it exists.
    pub async fn list(&self, label: &str) -> Result<Element> {
        self.find_with(
            &format!("a list labelled {label:?} is there"),
            FIND_LIST,
            vec![json!(label)],
            |_| "no such list".to_owned(),
        )
        .await
    }

    /// The visible rows of the list labelled `label`, in order.
    pub async fn rows(&self, label: &str) -> Result<Vec<Row>> {
        let list = self.list(label).await?;
        let value = serde_json::to_value(&list).context("could not pass an element to the page")?;
        let answer = self.script(LIST_ROWS, vec![value]).await?;
        let rows = answer
            .as_array()
            .with_context(|| format!("the list script returned {answer}"))?;
        rows.iter()
            .map(|row| {
                let texts = row
                    .get("texts")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Row {
                    id: row.get("id").and_then(Value::as_str).map(str::to_owned),
                    text: row
                        .get("text")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    texts,
                })
            })
            .collect()
    }

    /// Waits until the list labelled `label` satisfies `ok`; the message on timeout shows
    /// what the list held last.
    pub async fn wait_for_rows(
        &self,
        label: &str,
        what: &str,
        ok: impl Fn(&[Row]) -> bool,
    ) -> Result<Vec<Row>> {
        wait_until(&format!("the {label:?} list {what}"), WAIT, async || {
            let rows = self.rows(label).await?;
            if ok(&rows) {
                Ok(Check::Done(rows))
            } else {
                Ok(Check::Waiting(format!("it shows {}", describe(&rows))))
            }
        })
        .await
    }

    /// The row element of list `label` that shows `text` as one of its pieces.
    pub async fn row_element(&self, label: &str, text: &str) -> Result<Element> {
        let rows = self
            .wait_for_rows(label, &format!("shows {text:?}"), |rows| {
                rows.iter().any(|r| r.shows(text))
            })
            .await?;
        let row = rows
            .iter()
            .find(|r| r.shows(text))
            .context("the row vanished between two looks")?;
        let list = self.list(label).await?;
        let selector = match &row.id {
            Some(id) => format!("[data-person-id=\"{}\"]", id.replace('"', "\\\"")),
            None => bail!("the row showing {text:?} has no data-person-id to find it by"),
        };
        list.find(fantoccini::Locator::Css(&selector))
            .await
            .with_context(|| format!("could not find the row {selector}"))
    }

    /// The open dialog, if one is shown.
    pub async fn open_dialog(&self) -> Result<Option<Element>> {
        let answer = self.script(OPEN_DIALOG, vec![]).await?;
        answer
            .get("found")
            .map(|found| self.element(found))
            .transpose()
    }

    /// Waits until a dialog is open and returns it.
    pub async fn wait_for_dialog(&self) -> Result<Element> {
        wait_until("a dialog is open", WAIT, async || {
            Ok(match self.open_dialog().await? {
                Some(dialog) => Check::Done(dialog),
                None => Check::Waiting("no dialog is open".to_owned()),
            })
        })
        .await
    }

    /// Waits until no dialog is open.
    pub async fn wait_for_no_dialog(&self) -> Result<()> {
        wait_until("the dialog is closed", WAIT, async || {
            Ok(match self.open_dialog().await? {
                Some(_) => Check::Waiting("a dialog is still open".to_owned()),
                None => Check::Done(()),
            })
        })
        .await
    }

    /// The text of an alert the page raised (window.alert), if one is open.
    pub async fn alert_text(&self) -> Result<Option<String>> {
        match self.client()?.get_alert_text().await {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.is_no_such_alert() => Ok(None),
            Err(e) => Err(anyhow!(e).context("could not ask for an open alert")),
        }
    }
}

fn retryable(e: &CmdError) -> bool {
    matches!(e, CmdError::Standard(w) if matches!(
        w.error,
        ErrorStatus::ElementClickIntercepted
            | ErrorStatus::ElementNotInteractable
            | ErrorStatus::StaleElementReference
    ))
}
