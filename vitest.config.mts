import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      // `server-only` throws outside a React Server Component bundle; tests run lib/ directly.
      'server-only': path.join(import.meta.dirname, 'lib/testing/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'sandbox/**/*.test.ts', 'scripts/**/*.test.ts', 'content/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): many suites
    // mostly wait — cutover windows and leases, a silent API server, killed processes — and the
    // other file uses the CPU meanwhile (idle machine, whole suite: 244 s with one, 179 s with two).
    // Suites do not share state: each has its own temporary directories, ports and PostgreSQL schema.
    maxWorkers: 2,
  },
});
