import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file in its own process: a native crash would fail one file loudly, not hang the run.
    pool: 'forks',
    // One file at a time: the event-loop tests measure timer gaps, which other
    // files training on the same 2 cores would distort.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests import 'shallownet' itself (the built package, as users get it): let Node load dist/ natively.
    server: { deps: { external: [/\/dist\//] } },
  },
});
