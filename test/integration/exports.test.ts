// Exports: the pipeline with the page's filters, a candidate's record (which imports again), the
// breakdown, and the organization archive with raw messages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createUser, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let exports: typeof import("../../app/data/exports.server");
let csv: typeof import("../../app/intake/csv.server");
beforeAll(async () => {
  db = await freshDatabase();
  exports = await import("../../app/data/exports.server");
  csv = await import("../../app/intake/csv.server");
});

const OPTIONS = { timeZone: "America/New_York", dateOrder: "mdy" as const, defaultDurationMinutes: 60 };
const fixture = { path: path.resolve("app/intake/fixtures/csv/clean.csv") };

describe("exports", () => {
  it("exports the pipeline with the page's filters, unpaged, and guards cells against formulas", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    await csv.importCsv(db, org.user, fixture, (await csv.previewCsv(fixture)).suggested, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    const position = await db
      .selectFrom("positions")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .where("title", "=", "Account Executive")
      .executeTakeFirstOrThrow();
    const all = await exports.pipelineCsv(db, org.user, position.id, new URLSearchParams("pageSize=25"));
    expect(all!.csv.split("\r\n").filter(Boolean)).toHaveLength(3);
    expect(all!.csv).toContain("Ada Lovelace");
    const screens = await exports.pipelineCsv(db, org.user, position.id, new URLSearchParams("stage=screen"));
    expect(screens!.csv).toContain("Grace Hopper");
    expect(screens!.csv).not.toContain("Ada Lovelace");
    expect(exports.toCsv(["a"], [["=HYPERLINK(1)"]])).toContain("'=HYPERLINK(1)");
    const other = await createWorkspace(db, { role: "recruiter" });
    expect(await exports.pipelineCsv(db, other.user, position.id, new URLSearchParams())).toBeNull();
  });

  it("exports a candidate's record in the import format, which imports again elsewhere", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    await csv.importCsv(db, org.user, fixture, (await csv.previewCsv(fixture)).suggested, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    const ada = await db
      .selectFrom("candidates")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .where("email", "=", "ada@example.test")
      .executeTakeFirstOrThrow();
    const record = await exports.candidateCsv(db, org.user, ada.id);
    expect(record!.fileName).toBe("candidate-ada-lovelace.csv");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), record!.fileName);
    fs.writeFileSync(file, record!.csv);

    const elsewhere = await createWorkspace(db, { role: "recruiter" });
    const preview = await csv.previewCsv({ path: file });
    const { summary } = await csv.importCsv(db, elsewhere.user, { path: file }, preview.suggested, {
      ...OPTIONS,
      clientId: elsewhere.clientId,
    });
    expect(summary.created).toMatchObject({ candidates: 1, interviews: 2, followUps: 1 });
    const scores = await db
      .selectFrom("follow_ups")
      .select(["organization_id", "score"])
      .where("sender", "=", "ada@example.test")
      .orderBy("organization_id")
      .execute();
    expect(scores[0].score).toBe(scores[1].score);
  });

  it("exports every breakdown row and the organization archive with raw messages", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const admin = await createUser(db, { organization_id: org.organizationId, role: "admin" });
    await csv.importCsv(db, org.user, fixture, (await csv.previewCsv(fixture)).suggested, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    const breakdown = await exports.breakdownCsv(db, org.user, new URLSearchParams("by=interviewer"));
    expect(breakdown.csv).toContain("Priya Shah");
    const { receiveUpload } = await import("../../app/intake/inbound.server");
    await receiveUpload(db, org.user, fs.readFileSync("app/intake/fixtures/eml/plain.eml"));
    const { body, fileName } = await exports.organizationArchive(db, admin);
    expect(fileName).toMatch(/^followthrough-.+-\d{4}-\d{2}-\d{2}\.json$/);
    const archive = JSON.parse(await new Response(body).text()) as {
      format: string;
      organization: { id: number };
      candidates: unknown[];
      interviews: unknown[];
      follow_ups: { score_parts: unknown }[];
      inbound_messages: { raw: string }[];
      users: unknown[];
    };
    expect(archive.format).toBe("followthrough-organization-export");
    expect(archive.organization.id).toBe(org.organizationId);
    expect(archive.candidates).toHaveLength(3);
    expect(archive.interviews.length).toBeGreaterThan(0);
    expect(Array.isArray(archive.follow_ups[0].score_parts)).toBe(true);
    // Read in batches of two rows (every table's end on a batch's edge or inside one), the same document.
    const small = await exports.organizationArchive(db, admin, 2);
    const again = JSON.parse(await new Response(small.body).text()) as typeof archive & {
      exportedAt: string;
    };
    // (The audit log differs by the second export's own entry.)
    expect({ ...again, exportedAt: null, audit_log: null }).toEqual({
      ...archive,
      exportedAt: null,
      audit_log: null,
    });
    expect(archive.inbound_messages[0].raw).toContain("Daniel Okafor");
    expect(JSON.stringify(archive.users)).not.toContain("password_hash");
  });
});
