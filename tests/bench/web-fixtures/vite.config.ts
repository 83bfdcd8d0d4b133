import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** The bare MapLibre pages, built like the app (same MapLibre, same font files) and served by its server under /bench/. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/bench/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: { naive: resolve(import.meta.dirname, 'naive.html'), floor: resolve(import.meta.dirname, 'floor.html') } },
  },
})
