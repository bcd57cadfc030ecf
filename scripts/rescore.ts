// Rescores every organization (or one) under its current settings and scorer version.
//   npm run rescore [-- --organization ID] [--workers N] [--now ISO-8601]
// DATABASE_URL chooses the database (default data/followthrough.db); it is migrated first. Scoring
// runs on N worker threads (default: one per CPU; 0 scores on the main thread).
import os from "node:os";
import cliProgress from "cli-progress";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { rescoreAll, rescoreOrganization } from "../app/data/scoring.server";
import { commandLine, fail, whole } from "./cli";

const USAGE = "usage: npm run rescore [-- --organization ID] [--workers N] [--now ISO-8601]";

const { values: args } = commandLine("rescore", USAGE, {
  organization: { type: "string" },
  workers: { type: "string" },
  now: { type: "string" },
});
const organizationId = args.organization === undefined ? undefined : whole("organization", args.organization);
const now = args.now === undefined ? new Date() : new Date(args.now);
if (Number.isNaN(now.getTime())) fail(`--now must be an ISO-8601 date and time, got "${args.now}"`);
const workers = whole("workers", args.workers, { min: 0, fallback: os.availableParallelism() });

const db = openDatabase();
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.log(`migrated: ${migrated.join(", ")}`);
  const bar = new cliProgress.SingleBar(
    {
      format: "rescoring [{bar}] {percentage}% | {value}/{total} interviews | {duration_formatted}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (done: number, total: number) => {
    if (!started) {
      bar.start(total, done);
      started = true;
    } else bar.update(done);
  };
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  const options = { now, workers };
  const result =
    organizationId !== undefined
      ? { organizations: 1, ...(await rescoreOrganization(db, organizationId, onProgress, options)) }
      : await rescoreAll(db, onProgress, options);
  if (started) bar.stop();
  const seconds = (performance.now() - began) / 1000;
  // Wall time waits for a busy machine too; CPU time (all threads) is the work itself.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `rescored ${result.followUps.toLocaleString("en")} follow-ups and ${result.interviews.toLocaleString("en")} interviews ` +
      `(${result.rowsWritten.toLocaleString("en")} rows changed) ` +
      `in ${result.organizations} organization${result.organizations === 1 ? "" : "s"} in ${seconds.toFixed(1)} s ` +
      `(${cpuSeconds.toFixed(1)} s of CPU; ${workers === 0 ? "scored on the main thread" : `${workers} worker thread${workers === 1 ? "" : "s"}`})`,
  );
} catch (error) {
  console.error(`rescore: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
