#!/usr/bin/env node
// Checks the UI's layers (run by `npm run build`; see README "Layout"). Exits 1 on a breach.
//
//   views/<page>/  one folder per page; it imports its own files and the layers below, never
//                  another page: pages lead to each other by their #/ addresses (lib/nav.ts).
//   parts/         what several pages show (agenda rows, follow-ups, pulse …): lib and below.
//   lib/           helpers by purpose (dates, lists, forms, focus, reload …): only the base.
//   base           api/ (the only place that calls invoke), bindings/, dom.ts, i18n.ts.
//   shell.ts, main.ts  the frame: a page only through its entry point, views/<page>/<page>.ts.
//
// Imports are read from the source text (import/export … from, import '…', import('…')).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ui = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(ui, 'src');

/** Pages allowed to import another page's entry point, as "from → to" (none needed today). */
const PAGE_TO_PAGE = new Set([]);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|css)$/.test(name) ? [path] : [];
  });
}

/** "views/today/today.ts" → its layer and, for a page, the page's name. */
function place(file) {
  const parts = relative(src, file).split(sep);
  if (parts[0] === 'views' && parts.length >= 3) return { layer: 'view', page: parts[1] };
  if (parts[0] === 'views') return { layer: 'stray view' };
  if (parts[0] === 'lib' || parts[0] === 'parts') return { layer: parts[0] };
  if (parts[0] === 'api' || parts[0] === 'bindings') return { layer: 'base' };
  if (parts.length === 1 && ['dom.ts', 'i18n.ts', 'style.css'].includes(parts[0])) return { layer: 'base' };
  if (parts.length === 1 && ['shell.ts', 'main.ts'].includes(parts[0])) return { layer: 'frame' };
  return { layer: 'unknown' };
}

/** A page's entry point: views/<page>/<page>.ts. */
function isEntry(file) {
  const parts = relative(src, file).split(sep);
  return parts.length === 3 && parts[0] === 'views' && parts[2] === `${parts[1]}.ts`;
}

function specifiers(text) {
  // Comments out first, so that an example in a comment is not taken for an import.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1]);
  return found;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Why `from` may not import `to`, or null when it may. */
function breach(from, to) {
  const a = place(from);
  const b = place(to);
  if (!to.startsWith(src + sep)) return null; // outside src: the shared catalogues in core/i18n
  switch (a.layer) {
    case 'view':
      if (b.layer === 'view' && b.page === a.page) return null;
      if (b.layer === 'view') {
        return isEntry(to) && PAGE_TO_PAGE.has(`${a.page} → ${b.page}`)
          ? null
          : `a page imports another page (${b.page}); share it through lib/ or parts/, or link to its #/ address`;
      }
      return ['lib', 'parts', 'base'].includes(b.layer) ? null : `a page imports ${b.layer} code`;
    case 'parts':
      return ['lib', 'parts', 'base'].includes(b.layer) ? null : `parts/ imports ${b.layer} code`;
    case 'lib':
      return ['lib', 'base'].includes(b.layer) ? null : `lib/ imports ${b.layer} code`;
    case 'base':
      return b.layer === 'base' ? null : `api/, bindings/, dom.ts and i18n.ts import only each other, not ${b.layer} code`;
    case 'frame':
      if (b.layer === 'view') return isEntry(to) ? null : 'the frame imports a page other than through its entry point';
      return null;
    default:
      return `${relative(src, from)} is outside the layers (views/<page>/, parts/, lib/, api/ …)`;
  }
}

const problems = [];
for (const file of files(src)) {
  if (place(file).layer === 'unknown' || place(file).layer === 'stray view') {
    problems.push(`${relative(ui, file)}: outside the layers (views/<page>/, parts/, lib/, api/, bindings/)`);
    continue;
  }
  for (const spec of specifiers(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) {
      // Only api/ talks to Tauri: every invoke has one home.
      if (spec.startsWith('@tauri-apps/') && place(file).layer !== 'base') {
        problems.push(`${relative(ui, file)}: imports ${spec}; only src/api/ calls Tauri`);
      }
      continue;
    }
    const target = resolveImport(file, spec);
    if (target === null) {
      if (resolve(dirname(file), spec).startsWith(src + sep)) problems.push(`${relative(ui, file)}: cannot find '${spec}'`);
      continue;
    }
    const why = breach(file, target);
    if (why) problems.push(`${relative(ui, file)} → ${relative(ui, target)}: ${why}`);
  }
}

if (problems.length) {
  console.error(`check-layers: ${problems.length} import(s) break the UI's layers:`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`check-layers: ${files(src).length} files, every import within its layers`);
