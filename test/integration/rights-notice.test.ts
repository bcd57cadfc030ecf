// The candidate notice (issue 21, item 5) goes with every CSV a client or candidate may receive: the
// pipeline, the dashboard's breakdown, one candidate's record (a last column, in the first row) and
// the client report, signed in or shared (a row of its own). Each file still reads as a rectangle
// with its header first, by the import's own CSV reader.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { breakdownCsv, candidateCsv, pipelineCsv } from "../../app/data/exports.server";
import { clientReportCsv } from "../../app/data/report-csv.server";
import { getReportClient, loadClientReport } from "../../app/data/reports.server";
import { saveCandidateNotice } from "../../app/data/rights-settings.server";
import { rowStream } from "../../app/intake/csv-rows.server";
import { createApplication, createInterview, createShareLink, createWorkspace } from "../factories";
import { freshDatabase, routeArgs } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

// Line breaks, a comma, quotes and a leading "=" (kept from running as a spreadsheet formula).
const NOTICE =
  '=Acme Recruiting scores follow-up notes to help, never to decide.\nAsk for a person\'s review, or "erase me", at privacy@acme.example.';

async function records(csv: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const row of rowStream(csv)) out.push(row);
  return out;
}

describe("the candidate notice in CSV exports", () => {
  it("is a last column of the tables and a row of the report, and every file still parses", async () => {
    const ws = await createWorkspace(db, { role: "admin" });
    const viewer = { ...ws.user, client_id: null };
    const application = await createApplication(db, {
      position_id: ws.positionId,
      candidate: { name: "Nina Notice", email: "nina@example.test", source: null },
    });
    await createInterview(db, { application_id: application.id });
    await createApplication(db, { position_id: ws.positionId });

    const files = async () => {
      const client = (await getReportClient(db, viewer, ws.clientId))!;
      return {
        pipeline: (await pipelineCsv(db, viewer, ws.positionId, new URLSearchParams()))!.csv,
        breakdown: (await breakdownCsv(db, viewer, new URLSearchParams()))!.csv,
        candidate: (await candidateCsv(db, viewer, application.candidate_id))!.csv,
        report: clientReportCsv(await loadClientReport(db, viewer, client, { from: null, to: null })),
      };
    };
    const before = await files();
    for (const csv of Object.values(before)) expect(csv).not.toContain("Acme Recruiting");

    await saveCandidateNotice(db, viewer, NOTICE);
    const after = await files();
    for (const name of ["pipeline", "breakdown", "candidate"] as const) {
      const [header, ...rows] = await records(after[name]);
      const [oldHeader, ...oldRows] = await records(before[name]);
      expect(header, name).toEqual([...oldHeader, "candidate_notice"]);
      expect(rows.length, name).toBe(Math.max(oldRows.length, 1));
      for (const row of rows) expect(row.length, name).toBe(header.length);
      // In the first row only, as text (the leading "=" quoted away as every cell is).
      expect(rows[0].at(-1), name).toBe(`'${NOTICE}`);
      for (const row of rows.slice(1)) expect(row.at(-1), name).toBe("");
      expect(
        rows.map((r) => r.slice(0, -1)),
        name,
      ).toEqual(oldRows.length ? oldRows : [Array(oldHeader.length).fill("")]);
    }
    const report = await records(after.report);
    expect(report.find((r) => r[0] === "Notice to candidates")).toEqual([
      "Notice to candidates",
      `'${NOTICE}`,
    ]);
    expect(report.filter((r) => r[0] !== "Notice to candidates")).toEqual(await records(before.report));

    // The shared report's CSV, as a client opens it from the link.
    const { token } = await createShareLink(db, {
      organization_id: ws.organizationId,
      client_id: ws.clientId,
    });
    const route = await import("../../app/routes/share.$token.export[.csv]");
    const response = await route.loader(routeArgs(`/share/${token}/export.csv`, null, { token }));
    const shared = await records(await response.text());
    expect(shared.find((r) => r[0] === "Notice to candidates")?.[1]).toBe(`'${NOTICE}`);
  });
});
