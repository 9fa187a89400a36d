/**
 * What the inline SVG charts share: building SVG elements, the marker of each pulse series,
 * dates as day numbers, and a small sparkline of a person's pulse. Used by the person
 * page's pulse chart and by Insights. Charts are drawn here, in the app: no chart library.
 */
import './charts.css';
import type { PulsePoint } from '../api';
import type { Scale } from './pulse';

const SVG_NS = 'http://www.w3.org/2000/svg';

export type SvgAttrs = Record<string, string | number>;
export type MarkerKind = 'circle' | 'square' | 'triangle';

/** Each series differs by colour, line style and marker, so none relies on colour alone. */
export const MARKERS: Record<Scale, MarkerKind> = {
  mood: 'circle',
  workload: 'square',
  balance: 'triangle',
};

/** An SVG element with attributes and children; text goes in as text. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: SvgAttrs = {}, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return el;
}

export function marker(kind: MarkerKind, x: number, y: number, size = 4): SVGElement {
  if (kind === 'circle') return svg('circle', { cx: x, cy: y, r: size, class: 'marker' });
  if (kind === 'square') return svg('rect', { x: x - size, y: y - size, width: size * 2, height: size * 2, class: 'marker' });
  const s = size + 1;
  return svg('path', { d: `M${x} ${y - s}L${x + s} ${y + s * 0.8}L${x - s} ${y + s * 0.8}Z`, class: 'marker' });
}

/** Days since the epoch of a "YYYY-MM-DD" date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/**
 * One scale's line through `points`, as polylines into `series`: a missing value breaks the
 * line rather than bridging a gap nobody measured. `at` places a value; returns where the
 * points were drawn, oldest first.
 */
export function seriesLine(
  series: SVGGElement,
  points: PulsePoint[],
  scale: Scale,
  at: (date: string, value: number) => [number, number],
): [number, number][] {
  const drawn: [number, number][] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) series.append(svg('polyline', { points: run.join(' '), class: 'line' }));
    run = [];
  };
  for (const p of points) {
    const value = p.pulse[scale];
    if (value === null) {
      flush();
      continue;
    }
    const point = at(p.date, value);
    drawn.push(point);
    run.push(`${point[0].toFixed(1)},${point[1].toFixed(1)}`);
  }
  flush();
  return drawn;
}

const SPARK_W = 160;
const SPARK_H = 36;
const SPARK_PAD = 4;
const SCALES: Scale[] = ['mood', 'workload', 'balance'];

/**
 * A person's mood, workload and balance over [from, to] as three thin lines on one small
 * chart (1 at the bottom, 5 at the top), the latest point of each marked. `label` names it
 * for a screen reader; the caller puts the values in text next to it.
 */
export function sparkline(points: PulsePoint[], from: string, to: string, label: string): SVGSVGElement {
  const d0 = dayNumber(from);
  const d1 = Math.max(dayNumber(to), d0 + 1);
  const x = (date: string) => SPARK_PAD + ((dayNumber(date) - d0) / (d1 - d0)) * (SPARK_W - 2 * SPARK_PAD);
  const y = (value: number) => SPARK_PAD + ((5 - value) / 4) * (SPARK_H - 2 * SPARK_PAD);
  const chart = svg('svg', {
    viewBox: `0 0 ${SPARK_W} ${SPARK_H}`,
    class: 'sparkline',
    role: 'img',
    'aria-label': label,
    focusable: 'false',
    preserveAspectRatio: 'none',
  });
  chart.append(svg('line', { x1: SPARK_PAD, x2: SPARK_W - SPARK_PAD, y1: y(3), y2: y(3), class: 'spark-mid' }));
  for (const scale of SCALES) {
    const series = svg('g', { class: `series series-${scale}` });
    const drawn = seriesLine(series, points, scale, (date, value) => [x(date), y(value)]);
    const lastPoint = drawn[drawn.length - 1];
    if (lastPoint) series.append(marker(MARKERS[scale], lastPoint[0], lastPoint[1], 2.5));
    chart.append(series);
  }
  return chart;
}
