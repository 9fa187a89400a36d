/**
 * The Insights view (Överblick): for the last 30, 90 or 365 days, whom the manager has heard
 * (least heard first, with the share of check-in time against an equal share), how the
 * team's rhythm is kept, and the pulse: a small trend per person, gentle signals that link
 * to the person page, and how many stand where at their latest pulse. Core computes every
 * figure (service/insights.rs); this draws them. Each chart is inline SVG with its numbers
 * in a table beside or under it, and the attention table can be saved as CSV.
 */
import './insights.css';
import * as api from '../../api';
import type { Attention, Insights, KindKept, PersonPulse, PulsePoint, RhythmKind, ScaleCounts, Signal, TrendPoint } from '../../api';
import { button, h, icon, pageHead } from '../../dom';
import { formatCalendarDate, locale, t, tp, type Key } from '../../i18n';
import { choiceSwitch } from '../../lib/choice';
import type { Ctx, Refresh } from '../../lib/frame';
import { personHref } from '../../lib/nav';
import { RowQueue } from '../../lib/lists';
import { alertFailure, loader } from '../../lib/reload';
import { tag } from '../../lib/tags';
import { sparkline, svg } from '../../parts/charts';
import { pulseTexts, SCALES, type Scale } from '../../parts/pulse';

const PERIODS = [30, 90, 365] as const;

/** The kinds as the Rhythms view heads them, as `narvaro insights` names them too. */
const KIND_LABEL: Record<RhythmKind, Key> = {
  group_meeting: 'rhythms.kind.group_meeting',
  office_hours: 'rhythms.kind.office_hours',
  social_break: 'rhythms.kind.social_break',
  one_on_one: 'rhythms.kind.one_on_one',
};
type Period = (typeof PERIODS)[number];

/** The period chosen last, kept while the app runs. */
let period: Period = 90;

/** One formatter per language: making one per number cost more than the table's rows. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function number(value: number): string {
  const loc = locale();
  let format = numberFormats.get(loc);
  if (!format) {
    format = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
    numberFormats.set(loc, format);
  }
  return format.format(value);
}

function percent(share: number): string {
  return number(share * 100);
}

export function renderInsights(container: HTMLElement, ctx: Ctx): Refresh {
  const heading = h('h1', { tabindex: '-1' }, t('nav.insights'));
  const exportButton = button(t('insights.export_csv'), () => void exportCsv(), {
    icon: 'download',
    attrs: { 'data-action': 'export-csv' },
  });
  const periods = periodSwitch((chosen) => {
    period = chosen;
    void page.reload(`input[name="insights-period"][value="${chosen}"]`);
  });
  const body = h('div', { class: 'stack insights' });
  container.append(pageHead(heading, t('insights.intro'), periods, exportButton), body);

  const page = loader({
    root: body,
    focusRoot: container,
    fallback: () => heading,
    fetch: () => api.insightsFor(period),
    draw(data) {
      exportButton.disabled = data.teamSize === 0;
      body.replaceChildren(...draw(data));
    },
    failed: alertFailure(ctx),
  });

  async function exportCsv(): Promise<void> {
    exportButton.disabled = true;
    try {
      const path = await api.exportInsightsCsv(period);
      if (path) ctx.announce(t('insights.exported', { path }));
    } catch (error) {
      ctx.alert(api.asApiError(error).message);
    } finally {
      exportButton.disabled = false;
    }
  }

  void page.reload();
  return page.refresh;
}

/** 30 / 90 / 365 days as a segmented switch: arrow keys move between them. */
function periodSwitch(onChange: (period: Period) => void): HTMLElement {
  return choiceSwitch({
    name: 'insights-period',
    legend: t('insights.period'),
    choices: PERIODS.map((days) => [days, tp('insights.period_days', days)] as const),
    value: period,
    onChange,
  });
}

/** `list` (a table body, a list) with the rows `queue` puts in, the first at once. */
function queued(queue: RowQueue, list: HTMLElement, rows: (() => HTMLElement)[]): HTMLElement {
  queue.add(list, rows);
  return list;
}

function card(id: string, title: string, iconName: 'team' | 'rhythms' | 'chat', ...children: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'card', id, 'aria-labelledby': `${id}-title` },
    h('div', { class: 'card-head' }, h('h2', { id: `${id}-title` }, icon(iconName), h('span', {}, title))),
    ...children,
  );
}

function draw(data: Insights): HTMLElement[] {
  if (data.teamSize === 0) {
    return [
      h(
        'section',
        { class: 'card empty', 'data-empty': 'team' },
        h('p', {}, t('insights.empty_team')),
        h('a', { class: 'btn btn-plain', href: '#/team' }, h('span', {}, t('nav.team'))),
      ),
    ];
  }
  // 500 people: each table's first rows at once, the rest once Insights is on the screen.
  const queue = new RowQueue();
  return [attentionCard(data, queue), rhythmCard(data), pulseCard(data, queue)];
}

// ---- Attention per person ----

/** "Karin Nilsson: 1 check-in in 90 days, team median 5". */
function wellBelowText(row: Attention, data: Insights): string {
  return t('insights.well_below', {
    name: row.name,
    checkins: tp('insights.checkins', row.held),
    in_days: tp('insights.in_days', data.days),
    median: number(data.medianHeld),
  });
}

function attentionCard(data: Insights, queue: RowQueue): HTMLElement {
  const held = data.attention.reduce((sum, a) => sum + a.held, 0);
  const flagged = data.attention.filter((a) => a.wellBelow);
  const maxShare = Math.max(0.01, ...data.attention.map((a) => Math.max(a.share, a.equalShare)));
  const title = t('insights.attention');
  const cols: Key[] = ['insights.col.name', 'insights.col.held', 'insights.col.minutes', 'insights.col.last', 'insights.col.share'];
  return card(
    'insights-attention',
    title,
    'team',
    h('p', { class: 'hint' }, t('insights.attention_lead')),
    held === 0 ? h('p', { class: 'empty-line', 'data-empty': 'checkins' }, t('insights.empty')) : null,
    flagged.length
      ? h(
          'ul',
          { class: 'ins-flagged', role: 'list', 'aria-label': t('insights.col.well_below') },
          ...flagged.map((row) =>
            h(
              'li',
              { 'data-person-id': String(row.personId) },
              icon('alert'),
              h('a', { href: personHref(row.personId) }, wellBelowText(row, data)),
            ),
          ),
        )
      : null,
    held > 0 ? h('p', { class: 'hint ins-median' }, t('insights.median', { median: number(data.medianHeld) })) : null,
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'ins-table ins-attention', 'data-table': 'attention', 'aria-label': title },
        h('caption', { class: 'visually-hidden' }, title),
        h('thead', {}, h('tr', {}, ...cols.map((key) => h('th', { scope: 'col' }, t(key))))),
        queued(queue, h('tbody', {}), data.attention.map((row) => () => attentionRow(row, maxShare))),
      ),
    ),
  );
}

function attentionRow(row: Attention, maxShare: number): HTMLElement {
  const since = row.lastHeld
    ? h(
        'span',
        {},
        h('time', { datetime: row.lastHeld }, formatCalendarDate(row.lastHeld)),
        h('span', { class: 'ins-sub' }, tp('due.since', row.daysSince)),
      )
    : h('span', {}, t('insights.never'));
  return h(
    'tr',
    {
      'data-person-id': String(row.personId),
      'data-held': String(row.held),
      'data-well-below': row.wellBelow ? 'true' : null,
      class: row.wellBelow ? 'is-flagged' : null,
    },
    h(
      'th',
      { scope: 'row' },
      h('a', { href: personHref(row.personId) }, row.name),
      row.wellBelow ? tag(t('insights.col.well_below'), 'warn', { 'data-flag': 'well-below' }) : null,
    ),
    h('td', { class: 'num' }, String(row.held)),
    h('td', { class: 'num' }, String(row.minutes)),
    h(
      'td',
      {},
      since,
      h('span', { class: 'ins-sub' }, tp('cadence.every', row.cadenceDays)),
      row.overdue ? tag(t('insights.overdue'), 'warn', { 'data-flag': 'overdue' }) : null,
    ),
    h('td', { class: 'ins-share' }, shareBar(row, maxShare), h('span', {}, t('insights.share_text', { share: percent(row.share), equal: percent(row.equalShare) }))),
  );
}

/** The share as a bar, the equal share as a tick across it; the cell's text says both. */
function shareBar(row: Attention, maxShare: number): SVGSVGElement {
  const w = 120;
  const x = (share: number) => Math.min(w, (share / maxShare) * w);
  return svg(
    'svg',
    { viewBox: `0 0 ${w} 12`, class: 'share-bar', 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'none' },
    svg('rect', { x: 0, y: 2, width: w, height: 8, rx: 2, class: 'bar-track' }),
    svg('rect', { x: 0, y: 2, width: Math.max(row.share > 0 ? 1.5 : 0, x(row.share)), height: 8, rx: 2, class: 'bar-fill' }),
    svg('line', { x1: x(row.equalShare), x2: x(row.equalShare), y1: 0, y2: 12, class: 'bar-equal' }),
  );
}

// ---- Rhythm kept ----

function rhythmCard(data: Insights): HTMLElement {
  const title = t('insights.rhythm');
  const { followups, ideas } = data.rhythm;
  const followupText =
    t('insights.followups', { done: followups.done, agreed: followups.agreed }) +
    (followups.medianDaysToDone === null ? '' : `, ${t('insights.followups_median', { median: number(followups.medianDaysToDone) })}`);
  const ideaText =
    t('insights.ideas', { answered: ideas.answered, suggested: ideas.suggested }) +
    (ideas.medianDaysToAnswer === null ? '' : `, ${t('insights.ideas_median', { median: number(ideas.medianDaysToAnswer) })}`);
  const cols: Key[] = ['insights.col.kind', 'insights.col.planned', 'insights.col.held_occurrences', 'insights.col.skipped', 'insights.col.unmarked'];
  return card(
    'insights-rhythm',
    title,
    'rhythms',
    h('p', { class: 'hint' }, t('insights.rhythm_lead')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'ins-table', 'data-table': 'rhythm', 'aria-label': title },
        h('caption', { class: 'visually-hidden' }, title),
        h('thead', {}, h('tr', {}, ...cols.map((key) => h('th', { scope: 'col' }, t(key))), h('td', { 'aria-hidden': 'true' }))),
        h('tbody', {}, ...data.rhythm.kinds.map(kindRow)),
      ),
    ),
    h('p', { 'data-figure': 'followups' }, followupText),
    h('p', { 'data-figure': 'ideas' }, ideaText),
  );
}

function kindRow(kind: KindKept): HTMLElement {
  return h(
    'tr',
    { 'data-kind': kind.kind },
    h('th', { scope: 'row' }, t(KIND_LABEL[kind.kind])),
    h('td', { class: 'num' }, String(kind.planned)),
    h('td', { class: 'num' }, String(kind.held)),
    h('td', { class: 'num' }, String(kind.skipped)),
    h('td', { class: 'num' }, String(kind.unmarked)),
    h('td', { class: 'ins-kept' }, keptBar(kind)),
  );
}

/** Held, skipped and not marked side by side as parts of one bar. */
function keptBar(kind: KindKept): SVGSVGElement {
  const w = 120;
  const total = Math.max(1, kind.planned);
  const held = (kind.held / total) * w;
  const skipped = (kind.skipped / total) * w;
  return svg(
    'svg',
    { viewBox: `0 0 ${w} 12`, class: 'kept-bar', 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'none' },
    svg('rect', { x: 0, y: 2, width: w, height: 8, rx: 2, class: 'bar-track' }),
    svg('rect', { x: 0, y: 2, width: held, height: 8, class: 'bar-fill' }),
    svg('rect', { x: held, y: 2, width: skipped, height: 8, class: 'bar-skipped' }),
  );
}

// ---- Pulse ----

function signalText(signal: Signal): string {
  switch (signal.kind) {
    case 'low_mood':
      return t('insights.signal.low_mood', { name: signal.name });
    case 'heavy_workload':
      return t('insights.signal.heavy_workload', { name: signal.name });
    case 'not_moving':
      return t('insights.signal.not_moving', { name: signal.name });
    case 'no_pulse':
      return tp('insights.signal.no_pulse', signal.days, { name: signal.name });
  }
}

function pulseCard(data: Insights, queue: RowQueue): HTMLElement {
  const { people, signals, distribution } = data.pulse;
  const anyPoints = people.some((p) => p.points.length > 0);
  const signalTitle = t('insights.signals');
  return card(
    'insights-pulse',
    t('insights.pulse'),
    'chat',
    h('h3', {}, signalTitle),
    h('p', { class: 'hint' }, t('insights.signals_note')),
    signals.length
      ? queued(
          queue,
          h('ul', { class: 'ins-signals', role: 'list', 'aria-label': signalTitle }),
          signals.map((s) => () =>
            h(
              'li',
              { 'data-signal': s.kind, 'data-person-id': String(s.personId) },
              icon('alert'),
              h('a', { href: personHref(s.personId) }, signalText(s)),
            ),
          ),
        )
      : h('p', { class: 'empty-line', 'data-empty': 'signals' }, t('insights.no_signals')),
    h('h3', {}, t('insights.distribution')),
    h('p', { class: 'hint' }, t('insights.distribution_lead')),
    h(
      'div',
      { class: 'ins-distribution' },
      ...SCALES.map(([scale, label]) => distributionChart(scale, t(label), distribution[scale])),
    ),
    h(
      'p',
      { 'data-figure': 'moves' },
      t('insights.moves_line', { yes: distribution.movesYes, no: distribution.movesNo, without: distribution.movesWithout }),
    ),
    h('h3', {}, t('insights.trends')),
    h('p', { class: 'hint' }, t('insights.pulse_lead')),
    anyPoints ? null : h('p', { class: 'empty-line', 'data-empty': 'pulse' }, t('insights.empty_pulse')),
    anyPoints ? trendTable(people, data, queue) : null,
  );
}

/** How many are at 1–5 on one scale: five bars, and the same counts in a table. */
function distributionChart(scale: Scale, label: string, counts: ScaleCounts): HTMLElement {
  const w = 150;
  const hgt = 70;
  /** Room above the tallest bar for its count. */
  const top = 14;
  const barW = 22;
  const gap = (w - 5 * barW) / 6;
  // The tallest bar fills the height: with a few people, bars of a fifth would be slivers.
  const max = Math.max(1, ...counts.counts);
  const summary = `${label}: ${counts.counts.map((n, i) => `${i + 1}: ${n}`).join(', ')}; ${t('insights.without')}: ${counts.without}`;
  const chart = svg('svg', {
    viewBox: `0 0 ${w} ${top + hgt + 16}`,
    class: `dist-chart series-${scale}`,
    role: 'img',
    'aria-label': summary,
    focusable: 'false',
  });
  counts.counts.forEach((n, i) => {
    const bh = (n / max) * hgt;
    const x = gap + i * (barW + gap);
    chart.append(
      svg('rect', { x, y: top + hgt - bh, width: barW, height: Math.max(bh, n > 0 ? 1 : 0), rx: 2, class: 'dist-bar' }),
      svg('line', { x1: x, x2: x + barW, y1: top + hgt, y2: top + hgt, class: 'dist-base' }),
      svg('text', { x: x + barW / 2, y: top + hgt + 13, 'text-anchor': 'middle', class: 'dist-label' }, String(i + 1)),
    );
    if (n > 0) chart.append(svg('text', { x: x + barW / 2, y: top + hgt - bh - 3, 'text-anchor': 'middle', class: 'dist-count' }, String(n)));
  });
  const table = h(
    'table',
    { class: 'visually-hidden', 'data-table': `distribution-${scale}` },
    h('caption', {}, label),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('insights.col.value')), h('th', { scope: 'col' }, t('nav.team')))),
    h(
      'tbody',
      {},
      ...counts.counts.map((n, i) => h('tr', {}, h('th', { scope: 'row' }, String(i + 1)), h('td', {}, String(n)))),
      h('tr', {}, h('th', { scope: 'row' }, t('insights.without')), h('td', {}, String(counts.without))),
    ),
  );
  return h(
    'figure',
    { class: 'ins-dist', 'data-scale': scale },
    h('figcaption', {}, label),
    chart,
    h('span', { class: 'ins-sub', 'aria-hidden': 'true' }, `${t('insights.without')}: ${counts.without}`),
    table,
  );
}

/** Each person's trend over the period, the latest values in words beside it. */
/** A trend's point as Insights sends it (a tuple, to keep the answer small) as the charts read it. */
function pulsePoint([date, mood, workload, balance, moves]: TrendPoint): PulsePoint {
  return { date, pulse: { mood, workload, balance, moves } };
}

function trendTable(people: PersonPulse[], data: Insights, queue: RowQueue): HTMLElement {
  const title = t('insights.trends');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'ins-table ins-trends', 'data-table': 'pulse', 'aria-label': t('insights.trends') },
      h('caption', { class: 'visually-hidden' }, title),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('insights.col.name')),
          h('th', { scope: 'col' }, t('insights.pulse')),
          h('th', { scope: 'col' }, t('checkin.last_pulse')),
        ),
      ),
      queued(
        queue,
        h('tbody', {}),
        people.map((p) => () => {
          const points = p.points.map(pulsePoint);
          const latest = points[points.length - 1];
          return h(
            'tr',
            { 'data-person-id': String(p.personId) },
            h('th', { scope: 'row' }, h('a', { href: personHref(p.personId) }, p.name)),
            h(
              'td',
              { class: 'ins-spark' },
              points.length ? sparkline(points, data.from, data.today, t('insights.trend_label', { name: p.name })) : null,
            ),
            h(
              'td',
              {},
              latest
                ? h(
                    'span',
                    {},
                    h('time', { datetime: latest.date }, formatCalendarDate(latest.date)),
                    h('span', { class: 'ins-sub' }, pulseTexts(latest.pulse).join(', ')),
                  )
                : h('span', { class: 'ins-sub' }, t('insights.no_points')),
            ),
          );
        }),
      ),
    ),
  );
}
