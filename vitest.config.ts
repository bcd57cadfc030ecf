import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    environment: "node",
    pool: "forks",
    // Generous: these tests assert results, not speed, and a loaded 2-core machine can be slow.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["test/temp-dir.ts"],
    // The tiers of `npm test`: app/core's pure logic first (no database, no server), then everything
    // that opens a database or starts a server (`vitest run --project unit|integration`).
    projects: [
      {
        extends: true,
        // Pure functions with no module state between files, so files share processes: a fresh one per
        // file loaded the modules again each time (37 s → 9 s for the 49 files here).
        test: { name: "unit", include: ["app/core/**/*.test.ts"], isolate: false },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["app/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["app/core/**"],
          // The files run one after another in one process that loads the app once: a process per file
          // spent 4 s of each file's time loading it again (the SQLite run took 427 s, 257 s without).
          // Each file still opens a database of its own (freshDatabase closes the one before).
          isolate: false,
        },
      },
    ],
  },
});
