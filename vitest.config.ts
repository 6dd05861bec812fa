import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node: the engines (shell, fs, runtime, grader) are DOM-free on purpose.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
});
