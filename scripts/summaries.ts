// The summaries kept on write (issue 19): rebuilt from scratch, or checked against a recount.
//   npm run summaries -- rebuild [--organization ID]
//   npm run summaries -- check [--organization ID]
// DATABASE_URL chooses the database (default data/followthrough.db); it is migrated first. Nothing
// needs a rebuild in normal operation (triggers keep them in every write's transaction, migration 0024
// built them): this is for a database restored from elsewhere, or to prove them right. `check` exits
// with 1 when a stored summary differs from the recount.
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import {
  candidateCountDifferences,
  candidateSummaryDifferences,
  dashboardApplicationDifferences,
  dashboardCellDifferences,
  dashboardInterviewDifferences,
  dashboardInterviewerDifferences,
  dashboardSliceDifferences,
  dashboardSuffixDifferences,
  rebuildSummaries,
} from "../app/data/summaries.server";
import { commandLine, fail, whole } from "./cli";

const USAGE = "usage: npm run summaries -- rebuild|check [--organization ID]";

const { values: args, positionals } = commandLine(
  "summaries",
  USAGE,
  { organization: { type: "string" } },
  true,
);
const command = positionals[0];
if (command !== "rebuild" && command !== "check") fail(`say rebuild or check, got "${command ?? ""}"`);
const organizationId = args.organization === undefined ? undefined : whole("organization", args.organization);

const db = openDatabase();
let status = 0;
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.log(`migrated: ${migrated.join(", ")}`);
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  if (command === "rebuild") {
    const { candidates, options, applications, interviews, slices, suffixes } = await rebuildSummaries(
      db,
      organizationId,
    );
    console.log(
      `rebuilt the summaries of ${candidates.toLocaleString("en")} candidates, ${options.toLocaleString("en")} interviewer and round options, ${applications.toLocaleString("en")} dashboard applications, ${slices.toLocaleString("en")} dashboard rows per application and round or interviewer (with their cells), ${suffixes.toLocaleString("en")} dashboard rows per application and interview day (with their cells), ${interviews.toLocaleString("en")} dashboard interviews with their cells in ${seconds()} s`,
    );
  } else {
    const differences = await candidateSummaryDifferences(db, organizationId);
    for (const d of differences.slice(0, 20))
      console.log(
        `candidate ${d.candidateId}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    const counts = await candidateCountDifferences(db, organizationId);
    for (const d of counts.slice(0, 20))
      console.log(`organization ${d.organizationId}: ${d.stored} candidates stored, ${d.counted} counted`);
    const options = await dashboardInterviewerDifferences(db, organizationId);
    for (const d of options.slice(0, 20))
      console.log(
        `interviewer and round ${JSON.stringify(d.key)}: stored ${d.stored}, recounted ${d.recounted}`,
      );
    const applications = await dashboardApplicationDifferences(db, organizationId);
    for (const d of applications.slice(0, 20))
      console.log(
        `dashboard application ${d.applicationId}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    const cells = await dashboardCellDifferences(db, organizationId);
    for (const d of cells.slice(0, 20))
      console.log(
        `dashboard cell ${d.key}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    const interviews = await dashboardInterviewDifferences(db, organizationId);
    for (const d of interviews.slice(0, 20))
      console.log(
        `dashboard interview row or cell ${d.key}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    const slices = await dashboardSliceDifferences(db, organizationId);
    for (const d of slices.slice(0, 20))
      console.log(
        `dashboard slice row or cell ${d.key}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    const suffixes = await dashboardSuffixDifferences(db, organizationId);
    for (const d of suffixes.slice(0, 20))
      console.log(
        `dashboard suffix row or cell ${d.key}: stored ${JSON.stringify(d.stored)}, recounted ${JSON.stringify(d.recounted)}`,
      );
    console.log(
      `${differences.length} candidates' summaries, ${counts.length} organizations' candidate counts, ${options.length} interviewer and round options, ${applications.length} dashboard applications, ${cells.length} dashboard cells, ${interviews.length} dashboard interview rows and cells, ${slices.length} dashboard slice rows and cells (per application and round or interviewer) and ${suffixes.length} suffix rows and cells (per application and interview day) differ from a recount (${seconds()} s)`,
    );
    if (
      [differences, counts, options, applications, cells, interviews, slices, suffixes].some(
        (d) => d.length > 0,
      )
    )
      status = 1;
  }
} finally {
  await db.destroy();
}
process.exit(status);
