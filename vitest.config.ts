import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file in its own process: a native crash would fail one file loudly, not hang the run.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests import 'shallownet' itself (the built package, as users get it): let Node load dist/ natively.
    server: { deps: { external: [/\/dist\//] } },
  },
});
