import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Generous: these tests assert results, not speed, and a loaded 2-core machine can be slow.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
