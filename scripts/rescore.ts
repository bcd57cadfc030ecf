// Rescores every organization (or one) under its current settings and scorer version.
//   npm run rescore [-- --organization ID]
// DATABASE_URL chooses the database (default data/followthrough.db); it is migrated first.
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { rescoreAll, rescoreOrganization } from "../app/data/scoring.server";

const USAGE = "usage: npm run rescore [-- --organization ID]";

function fail(message: string): never {
  console.error(`rescore: ${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { organization: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.organization !== undefined && !/^\d+$/.test(args.organization)) fail(`--organization must be a number, got "${args.organization}"`);

const db = openDatabase();
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.log(`migrated: ${migrated.join(", ")}`);
  const bar = new cliProgress.SingleBar(
    { format: "rescoring [{bar}] {percentage}% | {value}/{total} interviews | {duration_formatted}", hideCursor: true },
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
  const result =
    args.organization !== undefined
      ? { organizations: 1, ...(await rescoreOrganization(db, Number(args.organization), onProgress)) }
      : await rescoreAll(db, onProgress);
  if (started) bar.stop();
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `rescored ${result.followUps.toLocaleString("en")} follow-ups and ${result.interviews.toLocaleString("en")} interviews ` +
      `in ${result.organizations} organization${result.organizations === 1 ? "" : "s"} in ${seconds.toFixed(1)} s`,
  );
} catch (error) {
  console.error(`rescore: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
