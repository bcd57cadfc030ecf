import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3107);
// One folder per port, so that two runs side by side never share (or delete) each other's database.
const DATA_DIR = `e2e/.data/${PORT}`;
process.env.E2E_DATABASE = `${DATA_DIR}/e2e.db`;
// The server signs its session cookie with it; e2e/utils.ts's login fixture signs with it too.
process.env.E2E_SESSION_SECRET = "e2e-session-secret-not-for-production";

// The server's outgoing mail goes to an SMTP sink that e2e/mail.spec.ts starts on this free port (asked
// of the system once, in the runner; workers inherit it) and reads.
process.env.E2E_SMTP_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
])
  .toString()
  .trim();

// Debian's Chromium when present (Playwright cannot download its own browser here), Playwright's otherwise.
// Its headless shell first (Debian's chromium-headless-shell): what Playwright itself runs for headless
// tests, without the full browser's own interface, it took 43 % less CPU than /usr/bin/chromium for the
// same two specs here (41 s against 72 s, with --trace off).
const chromiumPath =
  process.env.CHROMIUM_PATH ??
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  outputDir: `test-results/${PORT}`,
  // Generous limits: the tests check what the pages do, not how fast a busy 2-core machine serves them.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: chromiumPath
      ? {
          executablePath: chromiumPath,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        }
      : undefined,
  },
  webServer: {
    // The production build on loopback with a database file of its own, made fresh each run.
    command: `rm -rf ${DATA_DIR} && node --import tsx server.ts`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      SKIP_BUILD: "1",
      SESSION_SECRET: process.env.E2E_SESSION_SECRET,
      SMTP_PORT: "0",
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}?ignoreTLS=true`,
      NODE_ENV: "production",
      // One process, as the tests' fixtures and one Playwright worker expect (several: test/integration/web-processes.test.ts).
      WEB_CONCURRENCY: "1",
      // e2e/webhooks.spec.ts delivers to a receiver of its own on loopback, which production refuses.
      WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  },
});
