// Bundles the pages the server and the tests serve (the API explorer, the example front end) from
// npm packages into dist/browser/, so that nothing they load comes from anywhere but their server.
// Run by `npm run build` and before the tests; the output is build output and is not committed.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'dist', 'browser');
const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
};

await rm(out, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: { explorer: join(here, 'explorer', 'explorer.tsx') }, outdir: join(out, 'explorer'), format: 'iife', jsx: 'automatic' }),
  // Monaco's language services run in workers, each a bundle of its own.
  build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir: join(out, 'explorer'),
    format: 'iife',
  }),
  build({ ...common, entryPoints: { example: join(here, 'example', 'example.ts') }, outdir: join(out, 'example'), format: 'iife' }),
]);
await mkdir(join(out, 'example'), { recursive: true });
await copyFile(join(here, 'explorer', 'index.html'), join(out, 'explorer', 'index.html'));
await copyFile(join(here, 'example', 'index.html'), join(out, 'example', 'index.html'));
