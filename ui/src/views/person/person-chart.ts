/**
 * The person page's pulse chart: mood, workload and work–life balance over time as a small
 * inline SVG line chart (1–5 up the side, dates along the bottom), with a legend. Each series
 * differs by colour, line style and marker, so none relies on colour alone. For screen
 * readers the SVG is one image with a summary, and a visually hidden table holds every value.
 */
import type { PulsePoint } from '../../api';
import { h } from '../../dom';
import { formatCalendarDate, locale, t, tp } from '../../i18n';
import { localToday } from '../../lib/dates';
import { dayNumber, marker, MARKERS, seriesLine, svg } from '../../parts/charts';
import { pulseTexts, SCALES, type Scale } from '../../parts/pulse';

const W = 640;
const H = 200;
const PAD = { left: 30, right: 16, top: 12, bottom: 30 };
/** A 12px label's width per character, generously (viewBox units), and the space between labels. */
const LABEL_CHAR = 7.2;
const LABEL_SPACE = 12;
/** Equal values would hide one series under another: each sits a hair off the line. */
const NUDGE: Record<Scale, number> = { mood: -2.5, workload: 0, balance: 2.5 };

/**
 * The axis's dates: "12 Nov", "12 nov."; with the year ("12 Nov 2025") when the chart's dates
 * are not all of this year, so that a chart across New Year does not read out of order.
 */
function axisFormat(first: string, latest: string): (iso: string) => string {
  const year = (iso: string) => iso.slice(0, 4);
  const withYear = year(first) !== year(latest) || year(latest) !== year(localToday());
  const format = new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    year: withYear ? 'numeric' : undefined,
    timeZone: 'UTC',
  });
  return (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return format.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)));
  };
}

/** Up to `max` indices spread evenly over 0..n-1, first and last included. */
function spread(n: number, max: number): number[] {
  if (n <= max) return [...Array(n).keys()];
  const out = new Set<number>();
  for (let i = 0; i < max; i += 1) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out];
}

/**
 * The chart, its legend and its table; `points` oldest first, each with some pulse, and
 * `before` the pulses older than those, which core leaves out of the chart.
 */
export function pulseChart(points: PulsePoint[], before: number): HTMLElement {
  const first = points[0];
  const latest = points[points.length - 1];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const d0 = first ? dayNumber(first.date) : 0;
  const d1 = latest ? dayNumber(latest.date) : 0;
  const x = (date: string) => (d1 === d0 ? PAD.left + plotW / 2 : PAD.left + ((dayNumber(date) - d0) / (d1 - d0)) * plotW);
  const y = (value: number) => PAD.top + ((5 - value) / 4) * plotH;

  const summary =
    first && latest
      ? t('person.chart_summary', {
          from: formatCalendarDate(first.date),
          to: formatCalendarDate(latest.date),
          date: formatCalendarDate(latest.date),
          values: pulseTexts(latest.pulse).join(', '),
        })
      : t('person.pulse_empty');

  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'pulse-chart',
    role: 'img',
    'aria-label': summary,
    'data-chart': 'pulse',
    focusable: 'false',
  });

  // The scale: a line and a label for each of 1–5.
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let v = 1; v <= 5; v += 1) {
    grid.append(
      svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }),
      svg('text', { x: PAD.left - 10, y: y(v), 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(v)),
    );
  }
  // Dates along the bottom: each day once, as many as fit without touching, the last always.
  // A label near an edge is anchored at its start or end, so its extent depends on where it is.
  const dates = [...new Set(points.map((p) => p.date))];
  const axisDate = axisFormat(first?.date ?? '', latest?.date ?? '');
  const label = (date: string) => {
    const px = x(date);
    const text = axisDate(date);
    const width = text.length * LABEL_CHAR;
    const anchor = dates.length === 1 ? 'middle' : px < PAD.left + 40 ? 'start' : px > W - PAD.right - 40 ? 'end' : 'middle';
    const left = anchor === 'start' ? px : anchor === 'end' ? px - width : px - width / 2;
    return { px, text, anchor, left, right: left + width };
  };
  const placed: ReturnType<typeof label>[] = [];
  for (const i of spread(dates.length, 6)) {
    const date = dates[i];
    if (date === undefined) continue;
    const next = label(date);
    const previous = placed[placed.length - 1];
    if (previous !== undefined && next.left - previous.right < LABEL_SPACE) {
      if (i !== dates.length - 1) continue;
      placed.pop(); // the latest date matters more than the one before it
    }
    placed.push(next);
  }
  for (const { px, text, anchor } of placed) {
    grid.append(svg('text', { x: px, y: H - 8, 'text-anchor': anchor, class: 'axis-date' }, text));
  }
  chart.append(grid);

  for (const [scale] of SCALES) {
    const series = svg('g', { class: `series series-${scale}`, 'aria-hidden': 'true' });
    const drawn = seriesLine(series, points, scale, (date, value) => [x(date), y(value) + NUDGE[scale]]);
    for (const [px, py] of drawn) series.append(marker(MARKERS[scale], px, py));
    chart.append(series);
  }

  const legend = h(
    'ul',
    { class: 'chart-legend', role: 'list' },
    ...SCALES.map(([scale, label]) => {
      const swatch = svg(
        'svg',
        { viewBox: '0 0 28 12', class: `legend-swatch series series-${scale}`, 'aria-hidden': 'true', focusable: 'false' },
        svg('line', { x1: 1, x2: 27, y1: 6, y2: 6, class: 'line' }),
        marker(MARKERS[scale], 14, 6, 3.5),
      );
      return h('li', {}, swatch, h('span', {}, t(label)));
    }),
  );

  const none = t('pulse.none');
  const cell = (value: number | null) => h('td', {}, value === null ? none : String(value));
  const table = h(
    'table',
    { class: 'visually-hidden', 'aria-label': t('person.chart_table') },
    h('caption', {}, t('person.chart_table')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('field.date')),
        ...SCALES.map(([, label]) => h('th', { scope: 'col' }, t(label))),
        h('th', { scope: 'col' }, t('pulse.moves')),
      ),
    ),
    h(
      'tbody',
      {},
      ...points.map((p) =>
        h(
          'tr',
          { 'data-date': p.date },
          h('th', { scope: 'row' }, formatCalendarDate(p.date)),
          cell(p.pulse.mood),
          cell(p.pulse.workload),
          cell(p.pulse.balance),
          h('td', {}, p.pulse.moves === null ? none : t(p.pulse.moves ? 'pulse.yes' : 'pulse.no')),
        ),
      ),
    ),
  );

  const earlier = before > 0 ? h('p', { class: 'hint', 'data-earlier': String(before) }, tp('person.chart_earlier', before)) : null;
  return h('div', { class: 'chart' }, chart, legend, earlier, table);
}
