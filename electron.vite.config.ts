import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const sharedAlias = { '@shared': resolve(__dirname, 'shared') };

export default defineConfig({
  main: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The feed import's parse thread, loaded from beside index.js (electron/main/feeds/parse-thread.ts).
          'feed-parse-worker': resolve(__dirname, 'electron/main/feeds/feed-parse-worker.ts'),
          // The feed import's writer thread, with its own SQLite connection (electron/main/feeds/write-thread.ts).
          'feed-write-worker': resolve(__dirname, 'electron/main/feeds/feed-write-worker.ts'),
          // A new desktop's snapshot load, written with its own SQLite connection (electron/main/hub-sync/snapshot-thread.ts).
          'snapshot-load-worker': resolve(__dirname, 'electron/main/hub-sync/snapshot-load-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: sharedAlias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // CommonJS keeps the preload loadable in a sandboxed renderer.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias: sharedAlias },
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
