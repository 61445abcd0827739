import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const staticDir = fileURLToPath(new URL('.', import.meta.url));
const contractDir = fileURLToPath(new URL('../src/contract', import.meta.url));

/**
 * One Custom UI resource (`main` in manifest.yml) serves every Firebreak module; `src/main.tsx`
 * routes on `context.moduleKey` and each feature is its own lazily loaded chunk.
 *
 * - `base: './'`: Forge serves a resource from a per-app subpath, so every asset URL must be relative.
 * - `assetsInlineLimit: 0`: no `data:` URLs, which the Custom UI CSP does not allow by default.
 * - Vite emits no inline scripts (the module-preload polyfill lives in the entry chunk), so the page
 *   runs under Forge's default CSP without any `unsafe-*` opt-in.
 * @see https://developer.atlassian.com/platform/forge/custom-ui/#security
 */
export default defineConfig({
  root: staticDir,
  base: './',
  publicDir: 'public',
  plugins: [react()],
  resolve: { alias: { '@contract': contractDir } },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // React, the bridge and the bundler runtime change far less often than our code: one
        // `vendor` chunk whose hash survives app releases, shared by every module of the resource.
        // iframe-resizer (≈10 KB gzip) gets its own chunk: the bridge imports it lazily, for its ADF
        // renderer only, so no screen loads it at start. Splitting it out also moves the bundler
        // runtime into a small chunk of its own (≈0.5 KB, preloaded beside vendor): one more
        // request, but the initial load stays under the 100 KB budget (`npm run bench`).
        codeSplitting: {
          groups: [
            { name: 'iframe-resizer', test: /node_modules\/iframe-resizer\//, priority: 2 },
            { name: 'vendor', test: /node_modules\/|\0rolldown\/runtime/, priority: 1 },
          ],
        },
      },
    },
  },
});
