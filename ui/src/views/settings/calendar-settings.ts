/**
 * Settings' Calendar card: whose public holidays close days (Sweden, none), the manager's own
 * days off (one date a line), and "at most N check-ins a day". No check-in falls due and no
 * check-in reminder arrives on a closed day; Rust moves due dates and names a bad field.
 */
import * as api from '../../api';
import type { CalendarSettings, HolidayCalendar } from '../../api';
import { h, icon } from '../../dom';
import { t } from '../../i18n';
import { InlineForm, showWhenLoaded, numberInput, readRequiredNumber, select } from '../../lib/form';
import type { Ctx } from '../../lib/frame';

const BAD = -1;
const CAP = 100_000;

function calendarLabel(c: HolidayCalendar): string {
  return t(`calendar.holidays.${c}`);
}

export function calendarCard(ctx: Ctx): HTMLElement {
  const titleId = 'settings-calendar-title';
  const holidays = select(api.HOLIDAY_CALENDARS.map((c): [string, string] => [c, calendarLabel(c)]), 'sweden');
  const daysOff = h('textarea', { rows: '3', spellcheck: 'false', autocomplete: 'off', placeholder: t('form.date_placeholder') });
  const maxPerDay = numberInput(null);
  const body = h('div', { class: 'card-body', 'aria-busy': 'true' });
  const card = h(
    'section',
    { class: 'card', id: 'settings-calendar', 'aria-labelledby': titleId },
    h('div', { class: 'card-head' }, h('h2', { id: titleId }, icon('today'), h('span', {}, t('calendar.title')))),
    h('p', { class: 'hint' }, t('calendar.intro')),
    body,
  );

  function fill(settings: CalendarSettings): void {
    holidays.value = settings.holidays;
    daysOff.value = settings.daysOff.join('\n');
    maxPerDay.value = String(settings.maxPerDay);
    form.dirty = false;
  }

  const form = new InlineForm({
    id: 'calendar',
    submitLabel: t('calendar.save'),
    async submit() {
      const saved = await api.setCalendarSettings({
        holidays: holidays.value,
        daysOff: daysOff.value.split(/[\s,;]+/).filter((d) => d !== ''),
        maxPerDay: readRequiredNumber(maxPerDay, BAD, CAP),
      });
      return () => {
        fill(saved);
        ctx.announce(t('calendar.saved'));
      };
    },
  });
  form.append(
    form.field('holidays', t('calendar.holidays'), holidays),
    form.field('daysOff', t('calendar.days_off'), daysOff, { optional: true, hint: t('calendar.days_off_hint') }),
    form.field('maxPerDay', t('calendar.max_per_day'), maxPerDay),
  );

  showWhenLoaded(body, form, api.calendarSettings(), fill);
  return card;
}
