// npm run seed -- --candidates N --seed S [--now ISO] [--days D] [--name "Org name"] [--skip-score]
// npm run seed -- --demo [--now ISO]
//
// Migrates the database named by DATABASE_URL (default data/followthrough.db), then writes one new
// generated organization, or replaces the demo organization, and prints what it made.
import cliProgress from "cli-progress";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { DEMO_ACCOUNTS } from "../app/demo/accounts";
import { generateWorkspace } from "../app/demo/generate-workspace.server";
import { DEMO_ORGANIZATION_NAME, loadDemoWorkspace } from "../app/demo/load-demo.server";
import { commandLine, fail, whole } from "./cli";

const USAGE = `usage: npm run seed -- --candidates N --seed S [--now ISO-8601] [--days D] [--name "Organization"] [--skip-score]
       npm run seed -- --demo [--now ISO-8601]`;

async function main(): Promise<void> {
  const { values: args } = commandLine("seed", USAGE, {
    candidates: { type: "string", short: "n" },
    seed: { type: "string", short: "s" },
    now: { type: "string" },
    days: { type: "string" },
    name: { type: "string" },
    demo: { type: "boolean", default: false },
    "skip-score": { type: "boolean", default: false },
  });
  let now: Date | undefined;
  if (args.now !== undefined) {
    now = new Date(args.now);
    if (Number.isNaN(now.getTime())) fail(`--now must be an ISO-8601 date, got "${args.now}"`);
  }

  // Check every argument before touching the database.
  const candidates = whole("candidates", args.candidates, { min: 0, fallback: 1_000 });
  const seed = whole("seed", args.seed, { min: 0, fallback: 1 });
  const days = whole("days", args.days, { min: 0, fallback: 120 });
  if (args.demo && (args.candidates !== undefined || args.seed !== undefined || args.name !== undefined)) {
    fail("--demo always loads the same demo workspace; it takes only --now");
  }

  const db = openDatabase();
  const started = performance.now();
  try {
    const migrated = await migrateToLatest(db);
    if (migrated.length > 0) console.log(`migrated: ${migrated.join(", ")}`);

    if (args.demo) {
      await loadDemoWorkspace(db, { now });
      const org = await db
        .selectFrom("organizations")
        .select("id")
        .where("is_demo", "=", 1)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      console.log(`${DEMO_ORGANIZATION_NAME} (organization ${org.id})`);
      for (const table of [
        "clients",
        "users",
        "positions",
        "candidates",
        "applications",
        "interviews",
        "follow_ups",
      ] as const) {
        const { n } = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organization_id", "=", org.id)
          .executeTakeFirstOrThrow();
        console.log(`  ${table.padEnd(13)} ${Number(n).toLocaleString("en-US")}`);
      }
      console.log("accounts:");
      for (const a of DEMO_ACCOUNTS)
        console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(36)} ${a.password}`);
    } else {
      const bar = new cliProgress.SingleBar(
        {
          format: "{phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}",
          hideCursor: true,
          // Without a terminal (CI, logs), print a line every few seconds instead of redrawing.
          noTTYOutput: true,
          notTTYSchedule: 5_000,
        },
        cliProgress.Presets.shades_classic,
      );
      let phase: string | null = null;
      let generatedAt = 0;
      const summary = await generateWorkspace(db, {
        candidates,
        seed,
        now,
        days,
        organizationName: args.name,
        score: !args["skip-score"],
        onProgress: (done, total, which) => {
          if (which === "generate" && done === total && generatedAt === 0) {
            generatedAt = performance.now();
            bar.update(done);
            bar.stop();
            phase = null;
            console.log(
              `generated ${candidates.toLocaleString("en-US")} candidates in ${((generatedAt - started) / 1000).toFixed(1)} s`,
            );
            return;
          }
          const label = which === "generate" ? "candidates" : "scoring   ";
          if (phase !== label) {
            if (phase !== null) bar.stop();
            phase = label;
            bar.start(total, done, { phase: label });
          } else bar.update(done);
        },
      });
      if (phase !== null) bar.stop();
      const finished = performance.now();
      console.log(`organization ${summary.organizationId} (seed ${seed}, ${candidates} candidates)`);
      const rows: [string, number][] = [
        ["clients", summary.clients],
        ["users", summary.users],
        ["positions", summary.positions],
        ["candidates", summary.candidates],
        ["applications", summary.applications],
        ["interviews", summary.interviews],
        ["follow_ups", summary.followUps],
        ["rescored interviews", summary.rescored.interviews],
        ["rescored follow-ups", summary.rescored.followUps],
      ];
      for (const [label, n] of rows) console.log(`  ${label.padEnd(20)} ${n.toLocaleString("en-US")}`);
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `elapsed ${seconds(finished - started)} (migrate + generate ${seconds(generatedAt - started)}, rescore ${seconds(finished - generatedAt)})`,
      );
      return;
    }
    console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
