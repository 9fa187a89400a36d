/**
 * Settings' Reminders card: the planning time, working days and hours, hiding names in
 * notifications (one form, saved together), pausing and resuming (at once), and starting
 * Närvaro at login (at once, where this computer lets it be set). Rust judges every value
 * and names the field an error belongs to.
 */
import * as api from '../../api';
import type { ReminderPreferences, ReminderSettings, Weekday } from '../../api';
import { button, h, icon, on } from '../../dom';
import { capitalise, t } from '../../i18n';
import { checkRow, InlineForm, timeInput } from '../../lib/form';
import type { Ctx, Refresh } from '../../lib/frame';
import { WEEKDAY_KEY, WEEKDAYS } from '../../lib/labels';
import { focusFirst } from '../../lib/focus';
import { loader } from '../../lib/reload';
import { pausedText, pausedUntil } from '../../parts/reminders';

/** "09:00:00" (as Rust stores it) → "09:00" (as the field takes it). */
function hhmm(time: string): string {
  return time.slice(0, 5);
}

export function remindersCard(ctx: Ctx): { card: HTMLElement; refresh: Refresh } {
  const titleId = 'settings-reminders-title';
  const body = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const card = h(
    'section',
    { class: 'card', id: 'settings-reminders', 'aria-labelledby': titleId },
    h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('bell'), h('span', {}, t('settings.reminders')))),
    h('p', { class: 'hint' }, t('settings.reminders_help')),
    body,
  );

  // ---------- The form: saved with Save ----------

  const planning = timeInput('');
  const days = WEEKDAYS.map((day) =>
    h('input', { type: 'checkbox', id: `reminders-day-${day}`, value: day, name: 'workDays' }),
  );
  const workStart = timeInput('');
  const workEnd = timeInput('');
  const hideNames = h('input', {
    type: 'checkbox',
    id: 'reminders-hideNames',
    name: 'hideNames',
    'aria-describedby': 'reminders-hideNames-help',
  });

  const form = new InlineForm({
    id: 'reminders',
    submitLabel: t('common.save'),
    async submit() {
      const saved = await api.setReminderSettings({
        planningTime: planning.value,
        workDays: days.filter((box) => box.checked).map((box) => box.value as Weekday),
        workStart: workStart.value,
        workEnd: workEnd.value,
        hideNames: hideNames.checked,
      });
      return () => {
        fill(saved); // as Rust keeps them: "9:00" comes back as "09:00"
        ctx.announce(t('settings.saved'));
      };
    },
  });
  form.append(
    form.field('planningTime', t('settings.planning_time'), planning, { hint: t('settings.planning_time_help') }),
    form.fieldset('workDays', t('settings.work_days'), [
      h('div', { class: 'checks checks-days' }, ...days.map((box, i) => checkRow(box, capitalise(t(WEEKDAY_KEY[WEEKDAYS[i] ?? 'mon']))))),
    ]),
    h(
      'div',
      { class: 'field-pair' },
      form.field('workStart', t('settings.work_start'), workStart),
      form.field('workEnd', t('settings.work_end'), workEnd),
    ),
    h(
      'div',
      { class: 'field' },
      checkRow(hideNames, t('settings.hide_names')),
      h(
        'p',
        { class: 'hint hint-check', id: 'reminders-hideNames-help' },
        t('settings.hide_names_help', { example: t('reminder.checkin_anonymous') }),
      ),
    ),
  );

  function fill(settings: ReminderSettings): void {
    const set = (input: HTMLInputElement, value: string) => {
      if (input.value !== value) input.value = value;
    };
    set(planning, hhmm(settings.planningTime));
    set(workStart, hhmm(settings.workStart));
    set(workEnd, hhmm(settings.workEnd));
    for (const box of days) box.checked = settings.workDays.includes(box.value as Weekday);
    hideNames.checked = settings.hideNames;
    form.dirty = false;
  }

  // ---------- Pause: applies at once ----------

  const pauseTitleId = 'settings-pause-title';
  const pauseBody = h('div', { class: 'pause-body' });
  const pauseSection = h(
    'div',
    { class: 'card-section', id: 'settings-pause', 'aria-labelledby': pauseTitleId, role: 'group' },
    h('h3', { id: pauseTitleId, class: 'section-title' }, icon('pause'), h('span', {}, t('settings.pause'))),
    h('p', { class: 'hint' }, t('settings.pause_help')),
    pauseBody,
  );
  /** The pause end now shown (null: not paused), so a refresh redraws only on a change. */
  let shownPause: string | null | undefined;

  function drawPause(settings: ReminderSettings): void {
    const until = pausedUntil(settings);
    if (until === shownPause) return;
    shownPause = until;
    const hadFocus = pauseBody.contains(document.activeElement);
    if (until === null) {
      pauseBody.removeAttribute('data-paused-until');
      pauseBody.replaceChildren(
        h(
          'div',
          { class: 'actions' },
          pauseButton('hour', t('pause.hour')),
          pauseButton('tomorrow', t('pause.tomorrow')),
        ),
      );
    } else {
      pauseBody.setAttribute('data-paused-until', until);
      const resume = button(t('pause.resume'), () => void resumeNow(resume), {
        icon: 'resume',
        attrs: { 'data-action': 'resume' },
      });
      pauseBody.replaceChildren(
        h('div', { class: 'actions' }, h('p', { class: 'paused-text' }, pausedText(until)), resume),
      );
    }
    // The button pressed is gone; the one that undoes it takes the focus.
    if (hadFocus) focusFirst(pauseBody, 'button', () => null);
  }

  function pauseButton(length: 'hour' | 'tomorrow', label: string): HTMLButtonElement {
    const el = button(label, () => void pause(length, el), { icon: 'pause', attrs: { 'data-action': `pause-${length}` } });
    return el;
  }

  async function pause(length: 'hour' | 'tomorrow', trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    try {
      const saved = await api.pauseReminders(length);
      drawPause(saved);
      const until = pausedUntil(saved);
      if (until) ctx.announce(pausedText(until));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    } finally {
      trigger.disabled = false;
    }
  }

  async function resumeNow(trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    try {
      drawPause(await api.resumeReminders());
      ctx.announce(t('pause.resumed'));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    } finally {
      trigger.disabled = false;
    }
  }

  // ---------- Start at login: applies at once; hidden where it cannot be set ----------

  const autostart = h('input', {
    type: 'checkbox',
    id: 'settings-autostart',
    name: 'autostart',
    'aria-describedby': 'settings-autostart-help',
  });
  const autostartError = h('p', { class: 'field-error', id: 'settings-autostart-error', hidden: true });
  const autostartSection = h(
    'div',
    { class: 'card-section', id: 'settings-autostart-section', hidden: true },
    h(
      'div',
      { class: 'field' },
      checkRow(autostart, t('settings.autostart')),
      h('p', { class: 'hint hint-check', id: 'settings-autostart-help' }, t('settings.autostart_help')),
      autostartError,
    ),
  );

  function drawAutostart(value: boolean | null): void {
    autostartSection.hidden = value === null;
    if (value !== null && !autostart.disabled) autostart.checked = value;
  }

  on(autostart, 'change', () => {
    const wanted = autostart.checked;
    autostart.disabled = true;
    autostartError.hidden = true;
    autostart.removeAttribute('aria-invalid');
    autostart.setAttribute('aria-describedby', 'settings-autostart-help');
    api
      .setAutostart(wanted)
      .then(
        (now) => {
          autostart.disabled = false;
          drawAutostart(now);
          if (now !== null) ctx.announce(t('settings.saved'));
        },
        (error: unknown) => {
          autostart.disabled = false;
          autostart.checked = !wanted;
          autostartError.replaceChildren(api.asApiError(error).message);
          autostartError.hidden = false;
          autostart.setAttribute('aria-invalid', 'true');
          autostart.setAttribute('aria-describedby', 'settings-autostart-error settings-autostart-help');
          autostart.focus();
        },
      );
  });

  // ---------- Loading and refreshing ----------

  function apply(prefs: ReminderPreferences): void {
    // What the manager is typing stays; a clean form shows what is stored.
    if (!form.dirty) fill(prefs.settings);
    drawPause(prefs.settings);
    drawAutostart(prefs.autostart);
  }

  let loaded = false;
  const prefs = loader<ReminderPreferences>({
    root: card,
    // The form is filled in, not drawn anew: focus in it stays where it is.
    fallback: () => null,
    fetch: () => api.reminderPreferences(),
    // A pause whose end has passed has ended: that is a change too.
    compare: (p) => [p, pausedUntil(p.settings)],
    draw(p) {
      apply(p);
      if (!loaded) {
        loaded = true;
        body.replaceChildren(form.form, pauseSection, autostartSection);
        body.removeAttribute('aria-busy');
      }
    },
    failed(message, quiet) {
      if (quiet) return;
      body.replaceChildren(h('p', { class: 'field-error' }, message));
      body.removeAttribute('aria-busy');
    },
  });

  void prefs.reload();
  return { card, refresh: prefs.refresh };
}
