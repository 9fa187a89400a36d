/**
 * Small DOM builders. Text always goes in as text nodes and attributes through
 * setAttribute, so nothing a user typed can ever become markup.
 */

type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | null | undefined | false;

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A view's header: its heading, an optional lead sentence, and its main actions. */
export function pageHead(heading: HTMLElement, lead?: string, ...actions: HTMLElement[]): HTMLElement {
  return h(
    'header',
    { class: 'page-head' },
    h('div', {}, heading, lead === undefined ? null : h('p', { class: 'lead' }, lead)),
    actions.length > 0 ? h('div', { class: 'head-actions' }, ...actions) : null,
  );
}

export function on<K extends keyof HTMLElementEventMap>(
  el: HTMLElement,
  type: K,
  handler: (event: HTMLElementEventMap[K]) => void,
): void {
  el.addEventListener(type, handler);
}

let nextId = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Stroke paths on a 24×24 grid; drawn for this app, kept deliberately plain. */
const ICONS = {
  team: [
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z',
    'M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6',
    'M16 4.3a3.5 3.5 0 0 1 0 6.4',
    'M18 14.3c2.1.7 3.5 2.8 3.5 5.7',
  ],
  settings: [
    'M4 6h9', 'M17 6h3', 'M15 4v4',
    'M4 12h3', 'M11 12h9', 'M9 10v4',
    'M4 18h11', 'M19 18h1', 'M17 16v4',
  ],
  quit: ['M12 3v8', 'M7.1 6.2a7.5 7.5 0 1 0 9.8 0'],
  plus: ['M12 5v14', 'M5 12h14'],
  today: [
    'M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
    'M12 2.5v2', 'M12 19.5v2', 'M2.5 12h2', 'M19.5 12h2',
    'M5.3 5.3l1.4 1.4', 'M17.3 17.3l1.4 1.4', 'M5.3 18.7l1.4-1.4', 'M17.3 6.7l1.4-1.4',
  ],
  week: ['M4 5.5h16v14H4z', 'M4 9.5h16', 'M8.5 3.5v4', 'M15.5 3.5v4', 'M8 13.5h.01', 'M12 13.5h.01', 'M16 13.5h.01', 'M8 16.5h.01', 'M12 16.5h.01'],
  rhythms: ['M4 12a8 8 0 0 1 13.7-5.6L20 8.5', 'M20 4v4.5h-4.5', 'M20 12a8 8 0 0 1-13.7 5.6L4 15.5', 'M4 20v-4.5h4.5'],
  check: ['M5 12.5l4.5 4.5L19 7.5'],
  skip: ['M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z', 'M6 6l12 12'],
  move: ['M4 12h14', 'M13 7l5 5-5 5'],
  undo: ['M9 14L4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  download: ['M12 4v11', 'M7.5 10.5L12 15l4.5-4.5', 'M5 19.5h14'],
  trash: ['M4.5 6.5h15', 'M9.5 6.5V4h5v2.5', 'M6.5 6.5l1 13h9l1-13', 'M10.5 10.5v5.5', 'M13.5 10.5v5.5'],
  group: [
    'M12 10.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
    'M6 20c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5',
    'M5 11.5a2.3 2.3 0 1 1 .5-4.5', 'M2.5 17.5c0-2 1-3.5 2.8-4.2',
    'M19 11.5a2.3 2.3 0 1 0-.5-4.5', 'M21.5 17.5c0-2-1-3.5-2.8-4.2',
  ],
  chat: ['M4.5 5.5h15v10h-8l-4.5 4v-4H4.5z'],
  chart: ['M4 19.5h16', 'M6.5 16v-5', 'M11 16V7', 'M15.5 16v-3', 'M20 16V9.5'],
  edit: ['M4 20h4L19 9l-4-4L4 16z', 'M13 7l4 4'],
  archive: ['M3.5 4.5h17v4h-17z', 'M5 8.5V19.5h14V8.5', 'M10 12.5h4'],
  restore: ['M4 4.5v5h5', 'M4.6 9.5A8 8 0 1 1 4 13'],
  alert: ['M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z', 'M12 8v5', 'M12 16.2v.3'],
  folder: ['M3.5 6.5a1 1 0 0 1 1-1h5l2 2.5h8a1 1 0 0 1 1 1V18a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1z'],
  keyboard: [
    'M3 6.5h18v11H3z',
    'M6.5 10h.01', 'M10 10h.01', 'M13.5 10h.01', 'M17 10h.01',
    'M8 14h8',
  ],
  bell: ['M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15z', 'M10 21a2.2 2.2 0 0 0 4 0'],
  pause: ['M9 5.5v13', 'M15 5.5v13'],
  resume: ['M8 5.5v13l10.5-6.5z'],
  clock: ['M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z', 'M12 7.5V12l3 2'],
  language: [
    'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
    'M3 12h18',
    'M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3z',
  ],
} as const;

export type IconName = keyof typeof ICONS;

/** Each icon built once; rows of a long list get copies, which are much cheaper to make. */
const builtIcons = new Map<IconName, SVGSVGElement>();

/** A decorative icon: hidden from assistive technology, the adjacent text names the action. */
export function icon(name: IconName): SVGSVGElement {
  let svg = builtIcons.get(name);
  if (!svg) {
    svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    for (const d of ICONS[name]) {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', d);
      svg.append(path);
    }
    builtIcons.set(name, svg);
  }
  return svg.cloneNode(true) as SVGSVGElement;
}

/** A button with a visible label and an optional leading icon. */
export function button(
  label: string,
  onClick: (event: MouseEvent) => void,
  options: { icon?: IconName; variant?: 'primary' | 'quiet' | 'plain'; attrs?: Attrs } = {},
): HTMLButtonElement {
  const variant = options.variant ?? 'plain';
  const el = h(
    'button',
    { type: 'button', class: `btn btn-${variant}`, ...options.attrs },
    options.icon ? icon(options.icon) : null,
    h('span', {}, label),
  );
  on(el, 'click', onClick);
  return el;
}
