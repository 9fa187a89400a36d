// Vite builds the UI into ui/dist, which the Tauri shell serves at its root.
import { defineConfig } from 'vite';
import { earlyScript } from './src/api/early.ts';

export default defineConfig({
  // Tauri prints its own output; keep Vite's visible alongside it.
  clearScreen: false,
  plugins: [
    {
      // The start's first calls, sent by an inline script before the app's script has
      // loaded (src/api/early.ts). It stands before the stylesheet's <link>, after which a
      // script would wait for the stylesheet. Tauri adds its hash to the page's CSP.
      name: 'narvaro-early-calls',
      transformIndexHtml(html) {
        const marker = /<!-- early-calls:[^>]*-->/;
        if (!marker.test(html)) throw new Error('index.html has lost its early-calls marker');
        return html.replace(marker, () => `<script>${earlyScript()}</script>`);
      },
    },
  ],
  server: {
    // Tauri's conventional dev port; a fixed port so the shell's devUrl can rely on it.
    port: 1420,
    strictPort: true,
    // The language catalogues live in core/i18n, shared with Rust, outside this folder.
    fs: { allow: ['.', '../core/i18n'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The webviews Tauri 2 runs on: WebView2 (Chromium) and WebKit (macOS, WebKitGTK).
    target: ['es2021', 'chrome105', 'safari15'],
    // The styles only for those two engines: 'es2021' alone would bring in Firefox 90, and the
    // minifier would then spell `system-ui` out as a nine-family list that WebKitGTK looks
    // up family by family, weight by weight (0.2 s of a start on a desktop without them).
    cssTarget: ['chrome105', 'safari15'],
    sourcemap: false,
  },
});
