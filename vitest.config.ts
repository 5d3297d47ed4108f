import { defineConfig } from 'vitest/config'

// Two projects so that the e2e tests' bundle is built only when an e2e test runs
// (vitest calls a project's globalSetup only when that project has tests queued).
const shared = { testTimeout: 60_000, hookTimeout: 60_000 }

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['__tests__/**/*.test.ts'],
          exclude: ['__tests__/e2e/**']
        }
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['__tests__/e2e/**/*.test.ts'],
          globalSetup: ['__tests__/e2e/bundle.setup.ts'],
          hookTimeout: 200_000
        }
      }
    ]
  }
})
