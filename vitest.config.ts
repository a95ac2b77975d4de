import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The lint-rule test starts ESLint with the TypeScript parser; give it room on a 2-core machine.
    testTimeout: 30_000,
  },
})
