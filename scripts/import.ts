// Imports files of every kind: spreadsheets (.csv, format: docs/import.md), messages (.eml, and .mbox
// mailboxes) and calendars (.ics), and folders of them (walked recursively, sorted by path), through
// the same code as the Import page (app/intake/import-files.server.ts).
//   npm run import -- PATH... [--dry-run] [--json] [--organization ID] [--client ID] [--user ID]
//     [CSV: --time-zone ZONE --date-order mdy|dmy --duration MINUTES --skip-bad-rows --map field=Header ...
//      --map-value field:Value=ours ...]
// --map-value reads a stage, outcome, format or follow-up channel value the word tables do not know
// ("stage:Bar Raiser=final"; "outcome:On ice=" leaves it unset); values still unknown are listed.
// --dry-run writes nothing and says what would happen; --json prints one JSON object on stdout
// (progress goes to stderr; `npm run -s import` keeps npm's own banner off stdout). Exit code 1 when a file could not be read or a CSV had bad rows that were
// not skipped (such a CSV imports nothing). DATABASE_URL chooses the database (default
// data/followthrough.db); it is migrated first.
import cliProgress from "cli-progress";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { isTimeZone } from "../app/core/time";
import { parseValueMapping, withValueMapping, type ValueMap } from "../app/core/import/ats-words";
import {
  collectFiles,
  filesJson,
  importFiles,
  reportFailed,
  reportLines,
  type CsvRunOptions,
} from "../app/intake/import-files.server";
import { commandLine, fail, whole } from "./cli";

const USAGE = `usage: npm run import -- PATH... [--dry-run] [--json] [--organization ID] [--client ID] [--user ID]
         [--time-zone ZONE] [--date-order mdy|dmy] [--duration MINUTES] [--skip-bad-rows] [--map field=Header ...]
         [--map-value field:Value=ours ...]
  PATH: .csv, .eml, .mbox and .ics files, or folders of them (walked recursively).
  The --time-zone ... --map-value flags are for spreadsheets.`;

const { values: args, positionals } = commandLine(
  "import",
  USAGE,
  {
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    organization: { type: "string" },
    client: { type: "string" },
    user: { type: "string" },
    ...CSV_FLAGS(),
  },
  true,
);
if (positionals.length === 0) fail("give one or more files or folders to import");
const id = (name: string, value: string | undefined) =>
  value === undefined ? undefined : whole(name, value);

// ---------------------------------------------------------------------------------------------------
// The CSV flags: declared and read here only, into the options every spreadsheet of the run gets.

function CSV_FLAGS() {
  return {
    "time-zone": { type: "string", default: "UTC" },
    "date-order": { type: "string", default: "mdy" },
    duration: { type: "string", default: "60" },
    "skip-bad-rows": { type: "boolean", default: false },
    map: { type: "string", multiple: true },
    "map-value": { type: "string", multiple: true },
  } as const;
}

function csvOptions(clientId: number): CsvRunOptions {
  const timeZone = args["time-zone"]!;
  if (!isTimeZone(timeZone))
    fail(`--time-zone must be an IANA zone like America/New_York, got "${timeZone}"`);
  const dateOrder = args["date-order"];
  if (dateOrder !== "mdy" && dateOrder !== "dmy") fail(`--date-order must be mdy or dmy, got "${dateOrder}"`);
  const map = (args.map ?? []).map((pair): [string, string] => {
    if (!pair.includes("=")) fail(`--map takes field=Header, got "${pair}"`);
    return [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
  });
  let valueMap: ValueMap = {};
  for (const text of args["map-value"] ?? []) {
    const parsed = parseValueMapping(text);
    if (!parsed.ok) fail(`--map-value: ${parsed.message}`);
    valueMap = withValueMapping(valueMap, parsed.field, parsed.value, parsed.ours);
  }
  return {
    timeZone,
    dateOrder,
    defaultDurationMinutes: whole("duration", args.duration),
    clientId,
    skipBadRows: args["skip-bad-rows"]!,
    map,
    valueMap,
  };
}

// ---------------------------------------------------------------------------------------------------

const json = args.json!;
const dryRun = args["dry-run"]!;
// With --json, stdout holds the JSON only.
const say = json ? (line: string) => console.error(line) : (line: string) => console.log(line);

const db = openDatabase();
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.error(`migrated: ${migrated.join(", ")}`);
  const organizationId =
    id("organization", args.organization) ??
    (await db.selectFrom("organizations").select("id").orderBy("id").executeTakeFirst())?.id;
  if (organizationId === undefined) fail("there is no organization; give --organization ID");
  const clientId =
    id("client", args.client) ??
    (
      await db
        .selectFrom("clients")
        .select("id")
        .where("organization_id", "=", organizationId)
        .orderBy("id")
        .executeTakeFirst()
    )?.id;
  if (clientId === undefined) fail("the organization has no client; give --client ID");
  const csv = csvOptions(clientId);
  const userId = id("user", args.user);
  let userQuery = db
    .selectFrom("users")
    .select(["id", "organization_id", "role", "client_id"])
    .where("organization_id", "=", organizationId)
    .where("role", "in", ["admin", "recruiter"]);
  if (userId !== undefined) userQuery = userQuery.where("id", "=", userId);
  const user = await userQuery.orderBy("id").executeTakeFirst();
  if (!user) fail("no admin or recruiter of that organization to record the import under; give --user ID");

  const { files, unreadable, skipped } = await collectFiles(positionals);
  if (skipped.length)
    console.error(`skipped ${skipped.length} file${skipped.length === 1 ? "" : "s"} of other kinds`);
  if (files.length === 0 && unreadable.length === 0) {
    console.error("import: no .csv, .eml, .mbox or .ics file found");
    process.exitCode = 1;
  }

  const bar = new cliProgress.SingleBar(
    { format: "{phase} [{bar}] {value} {unit} | {duration_formatted}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phase = "";
  const began = performance.now();
  const report = await importFiles(db, user, files, {
    dryRun,
    csv,
    clientId,
    onProgress: (line) => console.error(line),
    onCsvProgress: (_file, p, done, total) => {
      if (p !== phase) {
        if (phase) bar.stop();
        phase = p;
        bar.start(total ?? Math.max(done, 1), done, {
          phase: p === "writing" ? "reading and checking" : "scoring and saving",
          unit: "rows",
        });
      }
      if (total == null && done > bar.getTotal()) bar.setTotal(done * 2);
      if (total != null) bar.setTotal(total);
      bar.update(done);
    },
  });
  if (phase) bar.stop();
  report.unreadable.push(...unreadable);

  if (json) console.log(JSON.stringify(filesJson(report), null, 2));
  else for (const line of reportLines(report, dryRun)) say(line);
  console.error(
    `${dryRun ? "dry run: nothing written; " : ""}${files.length} file${files.length === 1 ? "" : "s"} in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
  if (dryRun && report.kinds.includes("csv") && report.kinds.some((k) => k !== "csv"))
    console.error(
      "note: in a dry run, messages and events are matched to the candidates already stored, not to those the CSV would add.",
    );
  if (reportFailed(report, csv.skipBadRows)) process.exitCode = 1;
} catch (error) {
  console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
