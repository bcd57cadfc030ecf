// CSV import against a real migrated SQLite file: fixture files in our format, with bad rows, and in
// Greenhouse- and Lever-like layouts; re-imports add nothing; a failure part-way leaves nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ImportOptions } from "../../app/core/import/rows";
import { freshDatabase, makeOrganization } from "../helpers";

let db: Kysely<Database>;
let csv: typeof import("../../app/intake/csv.server");
let fields: typeof import("../../app/core/import/fields");
beforeAll(async () => {
  db = await freshDatabase();
  csv = await import("../../app/intake/csv.server");
  fields = await import("../../app/core/import/fields");
});

const FIXTURES = path.resolve("app/intake/fixtures/csv");
const fixture = (name: string) => ({ path: path.join(FIXTURES, name) });
const OPTIONS: ImportOptions = { timeZone: "America/New_York", dateOrder: "mdy", defaultDurationMinutes: 60 };

async function suggested(name: string) {
  return (await csv.previewCsv(fixture(name))).suggested;
}

async function counts(organizationId: number) {
  const count = async (table: "candidates" | "applications" | "interviews" | "follow_ups" | "positions") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("organization_id", "=", organizationId).executeTakeFirstOrThrow()).n);
  return {
    candidates: await count("candidates"),
    applications: await count("applications"),
    interviews: await count("interviews"),
    followUps: await count("follow_ups"),
    positions: await count("positions"),
  };
}

describe("CSV import", () => {
  it("imports our own format, scores it, and a second import adds nothing", async () => {
    const org = await makeOrganization(db, "recruiter");
    const mapping = await suggested("clean.csv");
    expect(fields.mappingProblems(mapping)).toEqual([]);
    const { summary } = await csv.importCsv(db, org.user, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: org.clientId });
    expect(summary.created).toMatchObject({ candidates: 3, applications: 3, interviews: 3, followUps: 1, positions: 2 });

    const followUp = await db.selectFrom("follow_ups").selectAll().where("organization_id", "=", org.organizationId).executeTakeFirstOrThrow();
    expect(followUp.score).toBeGreaterThan(0);
    expect(followUp.window).toBe("best");
    expect(followUp.received_at).toBe("2026-11-02T19:30:00.000Z");
    const interview = await db.selectFrom("interviews").selectAll().where("id", "=", followUp.interview_id).executeTakeFirstOrThrow();
    expect(interview.first_follow_up_id).toBe(followUp.id);
    expect(interview.latency_minutes).toBe(210);
    expect(interview.mail_token).toBeTruthy();
    const london = await db.selectFrom("interviews").select(["starts_at", "ends_at", "time_zone"]).where("time_zone", "=", "Europe/London").executeTakeFirstOrThrow();
    expect(london).toEqual({ starts_at: "2026-11-03T09:00:00.000Z", ends_at: "2026-11-03T10:00:00.000Z", time_zone: "Europe/London" });
    const ada = await db.selectFrom("applications as a").innerJoin("candidates as c", "c.id", "a.candidate_id").selectAll("a").where("c.email", "=", "ada@example.test").executeTakeFirstOrThrow();
    expect(ada.interview_count).toBe(2);
    expect(ada.best_score).toBe(followUp.score);

    const before = await counts(org.organizationId);
    const again = await csv.importCsv(db, org.user, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: org.clientId });
    expect(again.summary.created).toEqual({ clients: 0, positions: 0, candidates: 0, applications: 0, interviews: 0, followUps: 0 });
    expect(await counts(org.organizationId)).toEqual(before);
  });

  it("reports every bad row with its row, column and reason, and imports nothing unless told to skip them", async () => {
    const org = await makeOrganization(db, "recruiter");
    const mapping = await suggested("bad.csv");
    const check = await csv.checkCsv(fixture("bad.csv"), mapping, OPTIONS);
    expect(check).toMatchObject({ rows: 17, goodRows: 1, badRows: 16 });
    const byRow = new Map(check.errors.map((e) => [e.row, e]));
    expect(byRow.get(3)).toMatchObject({ column: "name", message: expect.stringContaining("name is empty") });
    expect(byRow.get(4)).toMatchObject({ column: "email" });
    expect(byRow.get(5)).toMatchObject({ column: "email", message: expect.stringContaining("not an email") });
    expect(byRow.get(6)).toMatchObject({ column: "position" });
    expect(byRow.get(7)).toMatchObject({ column: "stage" });
    expect(byRow.get(8)).toMatchObject({ column: "interview_start" });
    expect(byRow.get(9)).toMatchObject({ column: "interview_start", message: expect.stringContaining("not a real date") });
    expect(byRow.get(10)).toMatchObject({ column: "interview_start", message: expect.stringContaining("no time of day") });
    expect(byRow.get(11)).toMatchObject({ column: "time_zone" });
    expect(byRow.get(12)).toMatchObject({ column: "interview_end" });
    expect(byRow.get(13)).toMatchObject({ column: "interviewer" });
    expect(byRow.get(14)).toMatchObject({ column: "format" });
    expect(byRow.get(15)).toMatchObject({ column: "round" });
    expect(byRow.get(16)).toMatchObject({ column: "follow_up_at", message: expect.stringContaining("before the interview ended") });
    expect(byRow.get(17)).toMatchObject({ column: "follow_up_body", message: expect.stringContaining("automatic reply") });
    expect(byRow.get(18)).toMatchObject({ column: "follow_up_body" });

    await expect(csv.importCsv(db, org.user, fixture("bad.csv"), mapping, { ...OPTIONS, clientId: org.clientId })).rejects.toBeInstanceOf(csv.ImportHasBadRows);
    expect((await counts(org.organizationId)).candidates).toBe(0);

    const { summary } = await csv.importCsv(db, org.user, fixture("bad.csv"), mapping, { ...OPTIONS, clientId: org.clientId, skipBadRows: true });
    expect(summary).toMatchObject({ skippedBadRows: 16, created: { candidates: 1, interviews: 1 } });
  });

  it("reads a Greenhouse-like export with separate date and time columns and AM/PM times", async () => {
    const org = await makeOrganization(db, "recruiter");
    const { summary } = await csv.importCsv(db, org.user, fixture("greenhouse.csv"), await suggested("greenhouse.csv"), { ...OPTIONS, clientId: org.clientId });
    expect(summary.created).toMatchObject({ candidates: 3, applications: 3, interviews: 2, positions: 1 });
    const katherine = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["i.starts_at", "i.format", "a.stage", "c.name", "c.phone"])
      .where("c.email", "=", "katherine@example.test")
      .executeTakeFirstOrThrow();
    expect(katherine).toEqual({ starts_at: "2026-11-04T19:00:00.000Z", format: "video", stage: "interview", name: "Katherine Johnson", phone: "555-0111" });
  });

  it("reads a Lever-like export whose date column carries the time", async () => {
    const org = await makeOrganization(db, "recruiter");
    const { summary } = await csv.importCsv(db, org.user, fixture("lever.csv"), await suggested("lever.csv"), { ...OPTIONS, timeZone: "Europe/Berlin", clientId: org.clientId });
    expect(summary.created).toMatchObject({ candidates: 1, interviews: 1 });
    const interview = await db.selectFrom("interviews").select(["starts_at", "notes"]).where("organization_id", "=", org.organizationId).executeTakeFirstOrThrow();
    expect(interview).toEqual({ starts_at: "2026-11-06T14:00:00.000Z", notes: "Frequency hopping and the partner channel." });
  });

  it("leaves the database as it was when a write fails part-way", async () => {
    const org = await makeOrganization(db, "recruiter");
    const mapping = await suggested("clean.csv");
    // A client from another organization is refused before anything is written…
    const other = await makeOrganization(db, "recruiter");
    await expect(csv.importCsv(db, org.user, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: other.clientId })).rejects.toThrow(/client/);
    // …and a failure inside the transaction (a trigger-free way: a viewer whose user row does not exist
    // breaks the logged_by foreign key on the first interview) rolls back the candidates already inserted.
    const ghost = { ...org.user, id: 999_999 };
    await expect(csv.importCsv(db, ghost, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: org.clientId })).rejects.toThrow();
    expect(await counts(org.organizationId)).toEqual({ candidates: 0, applications: 0, interviews: 0, followUps: 0, positions: 1 });
  });

  it("writes a CSV of many rows within the parameter limits", async () => {
    const org = await makeOrganization(db, "recruiter");
    const lines = ["name,email,position,interview_start,interviewer,follow_up_at,follow_up_body"];
    for (let i = 0; i < 2_500; i++) {
      lines.push(`Person ${i},p${i}@example.test,Role ${i % 7},2026-11-0${1 + (i % 5)} 10:00,Priya Shah,2026-11-0${1 + (i % 5)} 15:00,Thanks for the talk about role ${i % 7}.`);
    }
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "import-")), "many.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const { summary } = await csv.importCsv(db, org.user, { path: file }, await csv.previewCsv({ path: file }).then((p) => p.suggested), { ...OPTIONS, clientId: org.clientId });
    expect(summary.created).toMatchObject({ candidates: 2_500, interviews: 2_500, followUps: 2_500, positions: 7 });
    const unscored = await db.selectFrom("follow_ups").select("id").where("organization_id", "=", org.organizationId).where("score", "is", null).execute();
    expect(unscored).toEqual([]);
  });
});
