/**
 * Builds the import bench page (bench/import/page) into out/bench/page: the
 * renderer's real import runner, worker and database code, without React or
 * the app around them, resolved and bundled as vite.web.config.ts does. The driver
 * serves it with pool.json next to it.
 */
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import web from '../vite.web.config.ts'

export default defineConfig({
  root: resolve(import.meta.dirname, 'import/page'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../out/bench/page'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // One page and one worker, loaded from 127.0.0.1: their size is not what is measured.
    chunkSizeWarningLimit: 10_000,
    sourcemap: true,
  },
  // Module resolution and worker bundling exactly as in the app's browser build, so the
  // bench measures the worker users get.
  resolve: web.resolve,
  define: web.define,
  worker: { ...web.worker, format: 'es' },
})
