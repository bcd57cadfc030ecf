// Imports candidates, applications, interviews and follow-ups from a CSV file (format: README.md,
// "Import format"; common ATS layouts are recognized from their headers).
//   npm run import -- FILE --organization ID --client ID [--user ID] [--time-zone ZONE]
//     [--date-order mdy|dmy] [--duration MINUTES] [--skip-bad-rows] [--map field=Header ...]
//     [--map-value field:Value=ours ...]
// --map-value reads a stage, outcome, format or follow-up channel value the word tables do not know
// ("stage:Bar Raiser=final"; "outcome:On ice=" leaves it unset); values still unknown are listed.
// Nothing is imported, and the exit code is 1, when any row is bad, unless --skip-bad-rows is given.
// DATABASE_URL chooses the database (default data/followthrough.db); it is migrated first.
import cliProgress from "cli-progress";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { FIELD_LABELS, IMPORT_FIELDS, mappingProblems, type ImportField } from "../app/core/import/fields";
import { isTimeZone } from "../app/core/time";
import { parseValueMapping, withValueMapping, type ValueMap } from "../app/core/import/ats-words";
import { ImportHasBadRows, importCsv, previewCsv, type CheckResult } from "../app/intake/csv.server";
import { commandLine, fail, whole } from "./cli";

const USAGE =
  "usage: npm run import -- FILE --organization ID --client ID [--user ID] [--time-zone ZONE] [--date-order mdy|dmy] [--duration MINUTES] [--skip-bad-rows] [--map field=Header ...] [--map-value field:Value=ours ...]";

const { values: args, positionals } = commandLine(
  "import",
  USAGE,
  {
    organization: { type: "string" },
    client: { type: "string" },
    user: { type: "string" },
    "time-zone": { type: "string", default: "UTC" },
    "date-order": { type: "string", default: "mdy" },
    duration: { type: "string", default: "60" },
    "skip-bad-rows": { type: "boolean", default: false },
    map: { type: "string", multiple: true },
    "map-value": { type: "string", multiple: true },
  },
  true,
);
const file = positionals[0];
if (!file || positionals.length > 1) fail("give exactly one CSV file");
const id = (name: string, value: string | undefined) =>
  value === undefined ? undefined : whole(name, value);
const timeZone = args["time-zone"]!;
if (!isTimeZone(timeZone)) fail(`--time-zone must be an IANA zone like America/New_York, got "${timeZone}"`);
const dateOrder = args["date-order"];
if (dateOrder !== "mdy" && dateOrder !== "dmy") fail(`--date-order must be mdy or dmy, got "${dateOrder}"`);
const duration = whole("duration", args.duration);
let valueMap: ValueMap = {};
for (const text of args["map-value"] ?? []) {
  const parsed = parseValueMapping(text);
  if (!parsed.ok) fail(`--map-value: ${parsed.message}`);
  valueMap = withValueMapping(valueMap, parsed.field, parsed.value, parsed.ours);
}

const db = openDatabase();
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.log(`migrated: ${migrated.join(", ")}`);
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
  const userId = id("user", args.user);
  let userQuery = db
    .selectFrom("users")
    .select(["id", "organization_id", "role", "client_id"])
    .where("organization_id", "=", organizationId)
    .where("role", "in", ["admin", "recruiter"]);
  if (userId !== undefined) userQuery = userQuery.where("id", "=", userId);
  const user = await userQuery.orderBy("id").executeTakeFirst();
  if (!user) fail("no admin or recruiter of that organization to record the import under; give --user ID");

  const preview = await previewCsv({ path: file });
  if (preview.encoding !== "UTF-8") console.log(`read as ${preview.encoding}`);
  const mapping = { ...preview.suggested };
  for (const pair of args.map ?? []) {
    const [field, header] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      fail(`--map: unknown field "${field}" (fields: ${IMPORT_FIELDS.join(", ")})`);
    const index = header === "" ? null : preview.headers.indexOf(header);
    if (index === -1) fail(`--map: the file has no column "${header}"`);
    mapping[field as ImportField] = index;
  }
  console.log("columns:");
  for (const field of IMPORT_FIELDS)
    if (mapping[field] != null)
      console.log(`  ${FIELD_LABELS[field].padEnd(36)} ← ${preview.headers[mapping[field]!]}`);
  const problems = mappingProblems(mapping);
  if (problems.length) fail(problems.join(" "));
  /** The values no table or --map-value read, once each: left unset (or the default format and channel). */
  const notRead = (check: CheckResult) => {
    for (const u of check.unknownValues)
      console.warn(
        `not read: ${u.field} “${u.value}” (${u.rows} row${u.rows === 1 ? "" : "s"}, first row ${u.firstRow}) was left unset; ` +
          `read it with --map-value '${u.field}:${u.value}=…'`,
      );
    if (check.moreUnknown) console.warn(`…and ${check.moreUnknown} more rows with other values not read.`);
  };

  const bar = new cliProgress.SingleBar(
    { format: "{phase} [{bar}] {value} {unit} | {duration_formatted}", hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  let phase = "";
  const began = performance.now();
  try {
    const { summary, check } = await importCsv(db, user, { path: file }, mapping, {
      timeZone,
      dateOrder,
      defaultDurationMinutes: duration,
      clientId,
      skipBadRows: args["skip-bad-rows"],
      valueMap,
      onProgress: (p, done, total) => {
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
    notRead(check);
    const c = summary.created;
    console.log(
      `imported ${summary.rows - summary.skippedBadRows} of ${summary.rows} rows in ${((performance.now() - began) / 1000).toFixed(1)} s: ` +
        `${c.candidates} candidates, ${c.applications} applications, ${c.interviews} interviews, ${c.followUps} follow-ups, ` +
        `${c.positions} positions and ${c.clients} clients created` +
        (summary.skippedBadRows ? `; ${summary.skippedBadRows} bad rows skipped` : "") +
        (summary.unchangedRows ? `; ${summary.unchangedRows} rows were already there` : ""),
    );
  } catch (error) {
    if (phase) bar.stop();
    if (!(error instanceof ImportHasBadRows)) throw error;
    notRead(error.check);
    for (const e of error.check.errors) console.error(`row ${e.row}, column "${e.column}": ${e.message}`);
    if (error.check.moreErrors) console.error(`…and ${error.check.moreErrors} more problems.`);
    console.error(
      `${error.message} Fix the rows, or run again with --skip-bad-rows to import the ${error.check.goodRows} good ones.`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`import: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
