/**
 * End-to-end tests of browser mode (tests/e2e): the real renderer served by the real web host,
 * fed by the exchange simulator, driven in Debian's Chromium (/usr/bin/chromium, installed with
 * apt-get; Playwright never downloads a browser here). Electron is not involved.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  // Each test starts its own simulator, core worker and page; two CPUs here, so one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.BST_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  outputDir: 'node_modules/.cache/playwright-results',
});
