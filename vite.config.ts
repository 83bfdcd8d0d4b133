import { availableParallelism } from 'node:os'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'
import { phonePwa } from './web/phone/sw-build'

/**
 * Test files at once. Vitest's default leaves a core to its own process (one worker on 2 cores),
 * which here only waits; the unit files are CPU-bound, so one each core. A browser test file
 * runs a server and a Chromium, mostly waiting on each other: two at a time, whatever the cores
 * (more would trade memory, ≈ 0.5 GB a file, for little).
 */
const cores = availableParallelism()

export default defineConfig({
  root: 'web',
  publicDir: false,
  // The phone app's manifest, icons and service worker (web/phone/sw-build.ts); the desk gets none.
  // Every component is <script setup>: Vue's Options API is left out of the bundles (≈ 10 KB of
  // runtime-core before the phone's form; issue 15's cold start on a slow network).
  plugins: [vue({ features: { optionsAPI: false } }), phonePwa()],
  // vue-i18n: the Composition API only, no devtools, so the bundle carries neither legacy mode nor tooling.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // Two pages: the desk/wall app, and the grid worker's phone app at /phone/ (its own, lighter bundle).
    rollupOptions: { input: { main: 'web/index.html', phone: 'web/phone/index.html' } },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/server/**/*.test.ts', 'tests/web/**/*.test.ts'],
          environment: 'node',
          maxWorkers: Math.max(2, cores),
          // Seeding a town in beforeAll takes seconds; generous limits keep a busy machine from failing the suite.
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // The store's contract and the API suite again, on PostgreSQL + PostGIS (a throw-away cluster).
          name: 'postgres',
          include: [
            'tests/server/store/**/*.test.ts',
            'tests/server/api/**/*.test.ts',
            'tests/server/cli/store-commands.test.ts',
            'tests/server/cli/copy-store.test.ts',
            'tests/server/phone/{idempotent-report,idempotent-actions,photo-resume,location}.test.ts',
            'tests/server/warnings/{api,engine,lifecycle,run}.test.ts',
            'tests/server/follow/**/*.test.ts',
            'tests/server/photos/**/*.test.ts',
            'tests/failover/**/*.test.ts',
          ],
          exclude: ['tests/server/store/sqlite*.test.ts'],
          environment: 'node',
          env: { PINGAN_TEST_STORE: 'postgres' },
          globalSetup: ['tests/postgres/global-setup.ts'],
          maxWorkers: Math.max(2, cores),
          testTimeout: 60_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file has its own server, port, database and browser profile (tests/e2e/harness.ts).
          maxWorkers: 2,
          // After the unit files when both projects run: vitest runs a group with one maxWorkers.
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
