//! What a person does with the window, as test steps: find a field by its label, type, pick
//! an option, press a button by its text, read a list, wait until something shows.
//!
//! Lookups run as one small script each, so they see one consistent DOM (no stale handles
//! between "find" and "read"), and they wait: the UI answers asynchronously. While a modal
//! dialog is open, lookups stay inside it, as a person's eyes and clicks would.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail, Context, Result};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::error::{CmdError, ErrorStatus};
use serde_json::{json, Value};

use crate::app::App;
use crate::{wait_until, Check, WAIT};

/// The key under which WebDriver serialises an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Shared script prelude: whitespace-normalised text, visibility, lists and their rows, and
/// the search root (see [`Scope`]).
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
// The element labelled `label`, preferring list-like ones; throws when it is ambiguous.
const findList = (label) => {
  const all = [...document.querySelectorAll('[aria-label]')]
    .filter((el) => el.getAttribute('aria-label') === label);
  const lists = all.filter((el) => el.matches('ul, ol, [role=list], [role=listbox], table'));
  const pick = lists.length ? lists : all;
  if (pick.length > 1) throw new Error(`${pick.length} elements are labelled "${label}"`);
  return pick[0] || null;
};
const rowsOf = (list) => [...list.querySelectorAll(
  ':scope > li, :scope > [role=listitem], :scope > tbody > tr, :scope > tr')].filter(visible);
// What a person reads in a row as separate pieces: each line, and each element's text.
const piecesOf = (row) => {
  const texts = new Set();
  for (const line of (row.innerText || '').split('\n')) { const t = norm(line); if (t) texts.add(t); }
  for (const el of row.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const t = norm(el.innerText); if (t) texts.add(t);
  }
  return [...texts];
};
// null: the open modal dialog, else the document. An element: itself. {list, row}: the row of
// that list showing that text, looked up afresh each time (rows are re-rendered).
const rootOf = (scope) => {
  if (scope === null || scope === undefined) return topModal() || document;
  if (scope instanceof Element) return scope;
  const list = findList(scope.list);
  if (!list) return null;
  return rowsOf(list).find((row) => piecesOf(row).includes(scope.row)) || null;
};
"#;

const FIND_FIELD: &str = r#"
const [wanted, scope] = arguments;
const root = rootOf(scope);
if (!root) return null;
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
return { found: best };
"#;

const FIND_BUTTON: &str = r#"
const [wanted, scope] = arguments;
const root = rootOf(scope);
if (!root) return { seen: 'nothing: the place to look is not there' };
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
const root = scope === null ? (topModal() || document.body) : rootOf(scope);
if (!root) return null;
for (const el of root.querySelectorAll('*')) {
  if (norm(el.innerText) === wanted && visible(el)) return { found: el };
}
return null;
"#;

const FIND_LIST: &str = r#"
const [label] = arguments;
try {
  const list = findList(label);
  return list ? { found: list } : null;
} catch (e) { return { error: e.message }; }
"#;

const LIST_ROWS: &str = r#"
const [label] = arguments;
let list;
try { list = findList(label); } catch (e) { return { error: e.message }; }
if (!list) return null;
return { rows: rowsOf(list).map((row) => ({
  id: row.getAttribute('data-person-id'),
  data: Object.fromEntries([...row.attributes]
    .filter((a) => a.name.startsWith('data-')).map((a) => [a.name.slice(5), a.value])),
  text: norm(row.innerText),
  texts: piecesOf(row),
})) };
"#;

const VISIBLE_TEXTS: &str = r#"
const [selector] = arguments;
return [...document.querySelectorAll(selector)].filter(visible).map((el) => norm(el.innerText));
"#;

const DESCRIPTION: &str = r#"
const [field] = arguments;
const ids = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
return ids.map((id) => document.getElementById(id)).filter(visible).map((el) => norm(el.innerText));
"#;

const FIND_GROUP: &str = r#"
const [wanted] = arguments;
const root = topModal() || document;
const sets = [...root.querySelectorAll('fieldset')].filter((set) => {
  const legend = set.querySelector(':scope > legend');
  return legend && norm(legend.innerText || legend.textContent) === wanted;
});
if (sets.length > 1) return { error: `${sets.length} fieldsets have the legend "${wanted}"` };
return sets.length && visible(sets[0]) ? { found: sets[0] } : null;
"#;

const VISIBLE_ATTRS: &str = r#"
const [selector, name] = arguments;
return [...document.querySelectorAll(selector)].filter(visible)
  .map((el) => el.getAttribute(name)).filter((v) => v !== null);
"#;

const LABELS_IN: &str = r#"
const [root] = arguments;
const controls = 'input,select,textarea,button,meter,output,progress';
return [...root.querySelectorAll('label')].filter(visible).map((label) => {
  const own = label.cloneNode(true);
  own.querySelectorAll(controls).forEach((c) => c.remove());
  return norm(own.textContent);
}).filter(Boolean);
"#;

const FORM_OF: &str = r#"
const [field] = arguments;
const form = field.form || field.closest('form');
return form && visible(form) ? { found: form } : null;
"#;

/// `block: 'nearest'` scrolls as little as it takes, in the page and in a scrolling dialog.
const SCROLL_INTO_VIEW: &str =
    "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' });";

/// To the middle of every scrolling box around it: clear of a sticky edge (a dialog's footer
/// with Save and Cancel) that covers what 'nearest' brought just to that edge.
const SCROLL_TO_CENTER: &str =
    "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });";

/// The option of a select that reads `wanted`; else the texts it offers.
const FIND_OPTION: &str = r#"
const [select, wanted] = arguments;
const options = [...select.options];
const option = options.find((o) => norm(o.text) === wanted);
return option ? { found: option } : { seen: options.map((o) => norm(o.text)) };
"#;

const OPEN_DIALOG: &str = r#"
const d = topModal() || [...document.querySelectorAll('dialog[open]')].pop();
return d && visible(d) ? { found: d } : null;
"#;

/// Where a lookup looks.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The open modal dialog if there is one (a person cannot reach past it), else the window.
    Window,
    /// Inside this element.
    In(&'a Element),
    /// Inside the row of the list labelled `list` that shows `row` as one of its pieces,
    /// found afresh on every look, so a re-rendered list does not leave a stale handle.
    Row { list: &'a str, row: &'a str },
}

impl Scope<'_> {
    fn arg(&self) -> Result<Value> {
        Ok(match self {
            Scope::Window => Value::Null,
            Scope::In(el) => {
                serde_json::to_value(el).context("could not pass an element to the page")?
            }
            Scope::Row { list, row } => json!({ "list": list, "row": row }),
        })
    }
}

/// One row of a list as a person sees it.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its `data-person-id`, when it has one.
    pub id: Option<String>,
    /// Its `data-*` attributes by name without the prefix: "occurrence-id", "status", …
    pub data: BTreeMap<String, String>,
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

    /// The value of its `data-<name>` attribute ("status" reads `data-status`).
    pub fn data(&self, name: &str) -> Option<&str> {
        self.data.get(name).map(String::as_str)
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

    /// The form field whose `<label>` reads `label` (by `for`, or a label wrapping it), in
    /// the open dialog if there is one.
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

    /// The visible texts that describe the field labelled `label` (its `aria-describedby`):
    /// where a form says what is wrong with this very field.
    pub async fn field_description(&self, label: &str) -> Result<Vec<String>> {
        let field = self.field(label).await?;
        let arg = serde_json::to_value(&field).context("could not pass an element to the page")?;
        let answer = self.script(DESCRIPTION, vec![arg]).await?;
        let texts = answer
            .as_array()
            .with_context(|| format!("the description script returned {answer}"))?;
        Ok(texts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// Chooses the option with `value` in the select labelled `label`.
    pub async fn select(&self, label: &str, value: &str) -> Result<()> {
        let field = self.field(label).await?;
        field
            .select_by_value(value)
            .await
            .with_context(|| format!("could not choose {value:?} in {label:?}"))
    }

    /// The form field whose `<label>` reads `label` inside `scope`: the "Status" of one row
    /// where every row has its own.
    pub async fn field_in(&self, label: &str, scope: Scope<'_>) -> Result<Element> {
        self.find_with(
            &format!("a field labelled {label:?} is there"),
            FIND_FIELD,
            vec![json!(label), scope.arg()?],
            |_| "no such label".to_owned(),
        )
        .await
    }

    /// Chooses the option that reads `text` in the select labelled `label`, as a person picks
    /// by what they read (a name, "Being tried out"), in the open dialog if there is one.
    pub async fn choose(&self, label: &str, text: &str) -> Result<()> {
        self.choose_in(label, text, Scope::Window).await
    }

    /// Chooses the option that reads `text` in the select labelled `label` inside `scope`.
    pub async fn choose_in(&self, label: &str, text: &str, scope: Scope<'_>) -> Result<()> {
        let field = self.field_in(label, scope).await?;
        let arg = serde_json::to_value(&field).context("could not pass an element to the page")?;
        let option = self
            .find_with(
                &format!("the select {label:?} offers {text:?}"),
                FIND_OPTION,
                vec![arg, json!(text)],
                |answer| format!("it offers {}", answer.get("seen").unwrap_or(&Value::Null)),
            )
            .await?;
        self.scroll_into_view(&field).await?;
        option
            .click()
            .await
            .with_context(|| format!("could not choose {text:?} in {label:?}"))
    }

    /// Scrolls `el` fully into view, in every scrolling box around it, as a person scrolls to
    /// what they are about to click. WebKitWebDriver scrolls only the page: a button at the
    /// foot of a dialog taller than the window, cut off by the dialog's own scrolling, refuses
    /// clicks (ElementNotInteractable) until the dialog is scrolled.
    pub async fn scroll_into_view(&self, el: &Element) -> Result<()> {
        let arg = serde_json::to_value(el).context("could not pass an element to the page")?;
        self.client()?
            .execute(SCROLL_INTO_VIEW, vec![arg])
            .await
            .map_err(|e| anyhow!(e).context("could not scroll to the element"))?;
        Ok(())
    }

    /// Scrolls `el` into view and clicks it. A refusal that a moment may lift (the UI is
    /// re-rendering, a dialog is still opening) is `Ok(Some(what it said))`: nothing happened,
    /// and the caller may look for the element again and retry.
    async fn click_in_view(&self, el: &Element, what: &str) -> Result<Option<String>> {
        let arg = serde_json::to_value(el).context("could not pass an element to the page")?;
        let mut clicked = match self
            .client()?
            .execute(SCROLL_INTO_VIEW, vec![arg.clone()])
            .await
        {
            Ok(_) => el.click().await,
            Err(e) => Err(e),
        };
        // Covered where it landed (WebKit names no culprit): a person scrolls it further in.
        if clicked.as_ref().is_err_and(intercepted) {
            clicked = match self.client()?.execute(SCROLL_TO_CENTER, vec![arg]).await {
                Ok(_) => el.click().await,
                Err(e) => Err(e),
            };
        }
        match clicked {
            Ok(()) => Ok(None),
            Err(e) if retryable(&e) => Ok(Some(refused(&e))),
            Err(e) => Err(anyhow!(e).context(format!("clicking {what} failed"))),
        }
    }

    /// Whether the checkbox (or radio) labelled `label` is checked.
    pub async fn is_checked(&self, label: &str) -> Result<bool> {
        let field = self.field(label).await?;
        let checked = field
            .prop("checked")
            .await
            .with_context(|| format!("could not read the checkbox {label:?}"))?;
        Ok(checked.as_deref() == Some("true"))
    }

    /// Clicks the checkbox labelled `label` if it is not already `checked`, and waits until
    /// it shows the wanted state.
    pub async fn set_checked(&self, label: &str, checked: bool) -> Result<()> {
        wait_until(
            &format!(
                "the checkbox {label:?} is {}",
                if checked { "checked" } else { "unchecked" }
            ),
            WAIT,
            async || {
                if self.is_checked(label).await? == checked {
                    return Ok(Check::Done(()));
                }
                let field = self.field(label).await?;
                let refusal = self.click_in_view(&field, &format!("{label:?}")).await?;
                Ok(Check::Waiting(
                    refusal.unwrap_or_else(|| "clicked it".to_owned()),
                ))
            },
        )
        .await
    }

    /// The checkbox or radio labelled `label` inside `scope`.
    async fn toggle_in(&self, label: &str, scope: Scope<'_>) -> Result<Element> {
        self.find_with(
            &format!("a checkbox or radio labelled {label:?} is there"),
            FIND_FIELD,
            vec![json!(label), scope.arg()?],
            |_| "no such label".to_owned(),
        )
        .await
    }

    /// Whether the checkbox or radio labelled `label` inside `scope` is checked: the "4" of
    /// the fieldset "Mood", where every scale has a "4", or the "Done" of one row.
    pub async fn is_checked_in(&self, label: &str, scope: Scope<'_>) -> Result<bool> {
        let field = self.toggle_in(label, scope).await?;
        let checked = field
            .prop("checked")
            .await
            .with_context(|| format!("could not read the checkbox {label:?}"))?;
        Ok(checked.as_deref() == Some("true"))
    }

    /// Like [`App::set_checked`] for the checkbox or radio labelled `label` inside `scope`.
    /// A radio is chosen with `true`; it is unchosen only by choosing another.
    pub async fn set_checked_in(&self, label: &str, scope: Scope<'_>, checked: bool) -> Result<()> {
        wait_until(
            &format!(
                "the checkbox {label:?} is {}",
                if checked { "checked" } else { "unchecked" }
            ),
            WAIT,
            async || {
                if self.is_checked_in(label, scope).await? == checked {
                    return Ok(Check::Done(()));
                }
                let field = self.toggle_in(label, scope).await?;
                let refusal = self.click_in_view(&field, &format!("{label:?}")).await?;
                Ok(Check::Waiting(
                    refusal.unwrap_or_else(|| "clicked it".to_owned()),
                ))
            },
        )
        .await
    }

    /// The fieldset whose legend reads `legend`, in the open dialog if there is one.
    pub async fn group(&self, legend: &str) -> Result<Element> {
        self.find_with(
            &format!("a fieldset with the legend {legend:?} is there"),
            FIND_GROUP,
            vec![json!(legend)],
            |_| "no such fieldset".to_owned(),
        )
        .await
    }

    /// The visible texts that describe the fieldset `legend` (its `aria-describedby`): where
    /// a form says what is wrong with a group of checkboxes.
    pub async fn group_description(&self, legend: &str) -> Result<Vec<String>> {
        let set = self.group(legend).await?;
        let arg = serde_json::to_value(&set).context("could not pass an element to the page")?;
        let answer = self.script(DESCRIPTION, vec![arg]).await?;
        let texts = answer
            .as_array()
            .with_context(|| format!("the description script returned {answer}"))?;
        Ok(texts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// The texts of the visible labels inside `el`, in order: the choices a fieldset of
    /// checkboxes offers, as a person reads them.
    pub async fn labels_in(&self, el: &Element) -> Result<Vec<String>> {
        let arg = serde_json::to_value(el).context("could not pass an element to the page")?;
        let answer = self.script(LABELS_IN, vec![arg]).await?;
        let texts = answer
            .as_array()
            .with_context(|| format!("the label script returned {answer}"))?;
        Ok(texts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// The form that holds the field labelled `label`: where to press "Save" on a page with
    /// several forms, as a person presses the one under the fields they changed.
    pub async fn form_of(&self, label: &str) -> Result<Element> {
        let field = self.field(label).await?;
        let arg = serde_json::to_value(&field).context("could not pass an element to the page")?;
        self.find_with(
            &format!("the form around the field {label:?} is shown"),
            FORM_OF,
            vec![arg],
            |_| "the field is in no visible form".to_owned(),
        )
        .await
    }

    /// The attribute `name` of each visible element matching the CSS `selector` that has it,
    /// in document order.
    pub async fn visible_attrs(&self, selector: &str, name: &str) -> Result<Vec<String>> {
        let answer = self
            .script(VISIBLE_ATTRS, vec![json!(selector), json!(name)])
            .await?;
        let values = answer
            .as_array()
            .with_context(|| format!("the attribute script returned {answer}"))?;
        Ok(values
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// The visible button (or link) whose text, or failing that accessible label, is `text`.
    pub async fn button(&self, text: &str, scope: Scope<'_>) -> Result<Element> {
        self.find_with(
            &format!("a button {text:?} is shown"),
            FIND_BUTTON,
            vec![json!(text), scope.arg()?],
            |answer| {
                format!(
                    "buttons shown: {}",
                    answer.get("seen").unwrap_or(&Value::Null)
                )
            },
        )
        .await
    }

    /// Presses the button with visible text `text`, in the open dialog if there is one.
    pub async fn click_button(&self, text: &str) -> Result<()> {
        self.click_button_in(text, Scope::Window).await
    }

    /// Presses the button `text` inside the row of list `list` that shows `row`.
    pub async fn click_button_in_row(&self, list: &str, row: &str, text: &str) -> Result<()> {
        self.click_button_in(text, Scope::Row { list, row }).await
    }

    /// Presses the button `text` inside `scope`.
    pub async fn click_button_in(&self, text: &str, scope: Scope<'_>) -> Result<()> {
        // A click can land while the UI re-renders (the button is replaced, or a dialog is
        // still opening over it); WebDriver then refuses it and nothing happened, so it is safe
        // to find the button again and retry.
        wait_until(
            &format!("the button {text:?} takes a click"),
            WAIT,
            async || {
                let button = self.button(text, scope).await?;
                Ok(
                    match self.click_in_view(&button, &format!("{text:?}")).await? {
                        None => Check::Done(()),
                        Some(refusal) => Check::Waiting(refusal),
                    },
                )
            },
        )
        .await
    }

    /// Waits until an element showing exactly `text` is visible in `scope`.
    pub async fn wait_for_text(&self, text: &str, scope: Scope<'_>) -> Result<Element> {
        self.find_with(
            &format!("the text {text:?} is shown"),
            FIND_TEXT,
            vec![json!(text), scope.arg()?],
            |_| "not shown".to_owned(),
        )
        .await
    }

    /// Whether `text` is visible in `scope` right now (no waiting).
    pub async fn shows_text(&self, text: &str, scope: Scope<'_>) -> Result<bool> {
        let answer = self
            .script(FIND_TEXT, vec![json!(text), scope.arg()?])
            .await?;
        Ok(answer.get("found").is_some())
    }

    /// The visible text of each element matching the CSS `selector`, in document order.
    pub async fn visible_texts(&self, selector: &str) -> Result<Vec<String>> {
        let answer = self.script(VISIBLE_TEXTS, vec![json!(selector)]).await?;
        let texts = answer
            .as_array()
            .with_context(|| format!("the text script returned {answer}"))?;
        Ok(texts
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
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

    /// The visible rows of the list labelled `label`, in order, read in one look; waits
    /// until the list exists.
    pub async fn rows(&self, label: &str) -> Result<Vec<Row>> {
        wait_until(
            &format!("a list labelled {label:?} is there"),
            WAIT,
            async || {
                let answer = self.script(LIST_ROWS, vec![json!(label)]).await?;
                if let Some(error) = answer.get("error").and_then(Value::as_str) {
                    bail!("{error}");
                }
                let Some(rows) = answer.get("rows").and_then(Value::as_array) else {
                    return Ok(Check::Waiting("no such list".to_owned()));
                };
                Ok(Check::Done(rows.iter().map(row_from_json).collect()))
            },
        )
        .await
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

fn row_from_json(row: &Value) -> Row {
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
    let data = row
        .get("data")
        .and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();
    Row {
        id: row.get("id").and_then(Value::as_str).map(str::to_owned),
        data,
        text: row
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        texts,
    }
}

/// What a refused click said: WebKit's refusals carry a status and no message.
fn refused(e: &CmdError) -> String {
    match e {
        CmdError::Standard(w) if w.message.is_empty() => format!("click refused: {:?}", w.error),
        _ => format!("click refused: {e}"),
    }
}

fn intercepted(e: &CmdError) -> bool {
    matches!(e, CmdError::Standard(w) if matches!(w.error, ErrorStatus::ElementClickIntercepted))
}

fn retryable(e: &CmdError) -> bool {
    matches!(e, CmdError::Standard(w) if matches!(
        w.error,
        ErrorStatus::ElementClickIntercepted
            | ErrorStatus::ElementNotInteractable
            | ErrorStatus::StaleElementReference
    ))
}
