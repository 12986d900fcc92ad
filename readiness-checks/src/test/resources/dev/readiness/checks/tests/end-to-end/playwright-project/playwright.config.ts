import { defineConfig } from '@playwright/test';
export default defineConfig({
  testDir: 'e2e',
  retries: 1,
  reporter: [['list'], ['junit', { outputFile: process.env.JUNIT_FILE ?? 'e2e-results/junit.xml' }]],
});
