// CSV import against a real migrated database (SQLite, or PostgreSQL under npm run test:postgres):
// fixture files in our format, with bad rows, and in Greenhouse- and Lever-like layouts; re-imports
// add nothing; a failure part-way leaves nothing. Then the two-pass writer: rows added to positions
// that already hold scored rows, follow-ups to an interview stored under another position, progress,
// a large file read on a worker thread, and the temporary staging table after a rollback.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ImportOptions } from "../../app/core/import/rows";
import { similarity } from "../../app/core/rubric/similarity";
import { rowStream, type CsvSource } from "../../app/intake/csv-rows.server";
import {
  createApplication,
  createWorkspace,
  createInterview,
  createPosition,
  createFollowUp,
} from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let csv: typeof import("../../app/intake/csv.server");
let fields: typeof import("../../app/core/import/fields");
let scoring: typeof import("../../app/data/scoring.server");
beforeAll(async () => {
  db = await freshDatabase();
  csv = await import("../../app/intake/csv.server");
  fields = await import("../../app/core/import/fields");
  scoring = await import("../../app/data/scoring.server");
});

const FIXTURES = path.resolve("app/intake/fixtures/csv");
const fixture = (name: string) => ({ path: path.join(FIXTURES, name) });
const OPTIONS: ImportOptions = { timeZone: "America/New_York", dateOrder: "mdy", defaultDurationMinutes: 60 };

async function suggested(name: string) {
  return (await csv.previewCsv(fixture(name))).suggested;
}

async function counts(organizationId: number) {
  const count = async (table: "candidates" | "applications" | "interviews" | "follow_ups" | "positions") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("organization_id", "=", organizationId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    candidates: await count("candidates"),
    applications: await count("applications"),
    interviews: await count("interviews"),
    followUps: await count("follow_ups"),
    positions: await count("positions"),
  };
}

/** The writer's page cache setting (null on PostgreSQL): inside a transaction a pragma runs on the writer. */
async function writerCacheSize(): Promise<number | null> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return null;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
    return Number(rows[0].cache_size);
  });
}

describe("CSV import", () => {
  it("imports our own format, scores it, and a second import adds nothing", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const mapping = await suggested("clean.csv");
    expect(fields.mappingProblems(mapping)).toEqual([]);
    const { summary } = await csv.importCsv(db, org.user, fixture("clean.csv"), mapping, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created).toMatchObject({
      candidates: 3,
      applications: 3,
      interviews: 3,
      followUps: 1,
      positions: 2,
    });

    const followUp = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    expect(followUp.score).toBeGreaterThan(0);
    expect(followUp.window).toBe("best");
    expect(followUp.received_at).toBe("2026-11-02T19:30:00.000Z");
    const interview = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", followUp.interview_id)
      .executeTakeFirstOrThrow();
    expect(interview.first_follow_up_id).toBe(followUp.id);
    expect(interview.latency_minutes).toBe(210);
    expect(interview.mail_token).toBeTruthy();
    const london = await db
      .selectFrom("interviews")
      .select(["starts_at", "ends_at", "time_zone"])
      .where("time_zone", "=", "Europe/London")
      .executeTakeFirstOrThrow();
    expect(london).toEqual({
      starts_at: "2026-11-03T09:00:00.000Z",
      ends_at: "2026-11-03T10:00:00.000Z",
      time_zone: "Europe/London",
    });
    const ada = await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .selectAll("a")
      .where("c.email", "=", "ada@example.test")
      .executeTakeFirstOrThrow();
    expect(ada.interview_count).toBe(2);
    expect(ada.best_score).toBe(followUp.score);

    const before = await counts(org.organizationId);
    const again = await csv.importCsv(db, org.user, fixture("clean.csv"), mapping, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(again.summary.created).toEqual({
      clients: 0,
      positions: 0,
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
    });
    expect(await counts(org.organizationId)).toEqual(before);
  });

  it("reports every bad row with its row, column and reason, and imports nothing unless told to skip them", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const mapping = await suggested("bad.csv");
    const check = await csv.checkCsv(fixture("bad.csv"), mapping, OPTIONS);
    // A stage or format no table reads is not a bad row: it is listed once, and left unset on import.
    expect(check).toMatchObject({ rows: 17, goodRows: 3, badRows: 14 });
    expect(check.unknownValues).toEqual([
      { field: "stage", value: "dreaming", rows: 1, firstRow: 7 },
      { field: "format", value: "carrier pigeon", rows: 1, firstRow: 14 },
    ]);
    const byRow = new Map(check.errors.map((e) => [e.row, e]));
    expect(byRow.get(3)).toMatchObject({ column: "name", message: expect.stringContaining("name is empty") });
    expect(byRow.get(4)).toMatchObject({ column: "email" });
    expect(byRow.get(5)).toMatchObject({ column: "email", message: expect.stringContaining("not an email") });
    expect(byRow.get(6)).toMatchObject({ column: "position" });
    expect(byRow.get(7)).toBeUndefined();
    expect(byRow.get(8)).toMatchObject({ column: "interview_start" });
    expect(byRow.get(9)).toMatchObject({
      column: "interview_start",
      message: expect.stringContaining("not a real date"),
    });
    expect(byRow.get(10)).toMatchObject({
      column: "interview_start",
      message: expect.stringContaining("no time of day"),
    });
    expect(byRow.get(11)).toMatchObject({ column: "time_zone" });
    expect(byRow.get(12)).toMatchObject({ column: "interview_end" });
    expect(byRow.get(13)).toMatchObject({ column: "interviewer" });
    expect(byRow.get(14)).toBeUndefined();
    expect(byRow.get(15)).toMatchObject({ column: "round" });
    expect(byRow.get(16)).toMatchObject({
      column: "follow_up_at",
      message: expect.stringContaining("before the interview ended"),
    });
    expect(byRow.get(17)).toMatchObject({
      column: "follow_up_body",
      message: expect.stringContaining("automatic reply"),
    });
    expect(byRow.get(18)).toMatchObject({ column: "follow_up_body" });

    await expect(
      csv.importCsv(db, org.user, fixture("bad.csv"), mapping, { ...OPTIONS, clientId: org.clientId }),
    ).rejects.toBeInstanceOf(csv.ImportHasBadRows);
    expect((await counts(org.organizationId)).candidates).toBe(0);

    const { summary } = await csv.importCsv(db, org.user, fixture("bad.csv"), mapping, {
      ...OPTIONS,
      clientId: org.clientId,
      skipBadRows: true,
    });
    expect(summary).toMatchObject({ skippedBadRows: 14, created: { candidates: 3, interviews: 2 } });
  });

  it("reads a Greenhouse-like export with separate date and time columns and AM/PM times", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { summary } = await csv.importCsv(
      db,
      org.user,
      fixture("greenhouse.csv"),
      await suggested("greenhouse.csv"),
      { ...OPTIONS, clientId: org.clientId },
    );
    expect(summary.created).toMatchObject({ candidates: 3, applications: 3, interviews: 2, positions: 1 });
    const katherine = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["i.starts_at", "i.format", "a.stage", "c.name", "c.phone"])
      .where("c.email", "=", "katherine@example.test")
      .executeTakeFirstOrThrow();
    expect(katherine).toEqual({
      starts_at: "2026-11-04T19:00:00.000Z",
      format: "video",
      stage: "interview",
      name: "Katherine Johnson",
      phone: "555-0111",
    });
  });

  it("reads a Lever-like export whose date column carries the time", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { summary } = await csv.importCsv(
      db,
      org.user,
      fixture("lever.csv"),
      await suggested("lever.csv"),
      { ...OPTIONS, timeZone: "Europe/Berlin", clientId: org.clientId },
    );
    expect(summary.created).toMatchObject({ candidates: 1, interviews: 1 });
    const interview = await db
      .selectFrom("interviews")
      .select(["starts_at", "notes"])
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    expect(interview).toEqual({
      starts_at: "2026-11-06T14:00:00.000Z",
      notes: "Frequency hopping and the partner channel.",
    });
  });

  it("leaves the database as it was when a write fails part-way", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const mapping = await suggested("clean.csv");
    // A client from another organization is refused before anything is written…
    const other = await createWorkspace(db, { role: "recruiter" });
    await expect(
      csv.importCsv(db, org.user, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: other.clientId }),
    ).rejects.toThrow(/client/);
    // …and a failure inside the transaction (a trigger-free way: a viewer whose user row does not exist
    // breaks the logged_by foreign key on the first interview) rolls back the candidates already inserted.
    const ghost = { ...org.user, id: 999_999 };
    await expect(
      csv.importCsv(db, ghost, fixture("clean.csv"), mapping, { ...OPTIONS, clientId: org.clientId }),
    ).rejects.toThrow();
    expect(await counts(org.organizationId)).toEqual({
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
      positions: 1,
    });
  });

  // Enough rows that one multi-row insert would pass PostgreSQL's 65,535 parameters. On PostgreSQL, with
  // the summary triggers, this took 21-25 s on a busy 2-core machine: the timeout leaves room for that.
  it("writes a CSV of many rows within the parameter limits", { timeout: 120_000 }, async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const lines = ["name,email,position,interview_start,interviewer,follow_up_at,follow_up_body"];
    for (let i = 0; i < 2_500; i++) {
      lines.push(
        `Person ${i},p${i}@example.test,Role ${i % 7},2026-11-0${1 + (i % 5)} 10:00,Priya Shah,2026-11-0${1 + (i % 5)} 15:00,Thanks for the talk about role ${i % 7}.`,
      );
    }
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "import-")), "many.csv");
    fs.writeFileSync(file, lines.join("\n"));
    const { summary } = await csv.importCsv(
      db,
      org.user,
      { path: file },
      await csv.previewCsv({ path: file }).then((p) => p.suggested),
      { ...OPTIONS, clientId: org.clientId },
    );
    expect(summary.created).toMatchObject({
      candidates: 2_500,
      interviews: 2_500,
      followUps: 2_500,
      positions: 7,
    });
    const unscored = await db
      .selectFrom("follow_ups")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .where("score", "is", null)
      .execute();
    expect(unscored).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The two-pass writer: staged rows matched against, and scored with, the rows their positions hold.

const HEADERS = [
  "name",
  "email",
  "position",
  "interview_start",
  "interview_end",
  "time_zone",
  "interviewer",
  "notes",
  "follow_up_at",
  "follow_up_subject",
  "follow_up_body",
] as const;
type CsvRow = Partial<Record<(typeof HEADERS)[number], string>>;

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A CSV in our own format (times without an offset are New York's, as the rows' time_zone says). */
const csvText = (rows: CsvRow[]) =>
  [HEADERS.join(","), ...rows.map((r) => HEADERS.map((h) => quote(r[h] ?? "")).join(","))].join("\n");
const MAPPING = () => fields.suggestMapping([...HEADERS]);

async function emailOf(candidateId: number) {
  return (
    await db.selectFrom("candidates").select("email").where("id", "=", candidateId).executeTakeFirstOrThrow()
  ).email!;
}

async function titleOf(positionId: number) {
  return (
    await db.selectFrom("positions").select("title").where("id", "=", positionId).executeTakeFirstOrThrow()
  ).title;
}

// About sixty words: well over MIN_SHINGLES (20) three-word shingles, so that near-duplicates are looked for.
const STORED_BODY =
  "Hi Priya, thank you for walking me through the third quarter pipeline and the Salesforce migration this morning. " +
  "At Initech I ran a similar migration for a sales team of forty reps and we cut manual data entry in half within two months. " +
  "I am very interested in this role; could we set up a call with the hiring manager next week to talk about territory planning? Best regards, Dana";
// Another candidate's copy: only the signature differs.
const COPIED_BODY = STORED_BODY.replace("Best regards, Dana", "Best regards, Grace");
// The stored candidate's second follow-up, in their own words.
const SECOND_BODY =
  "Hello Marco, thanks for introducing me to the team and for the long conversation about how enterprise accounts are split. " +
  "I enjoyed hearing how the onsite team plans each quarter, and I would like to keep talking about it. Is there a good time next week? Kind regards, Dana";

const NY_ROW = {
  time_zone: "America/New_York",
  interviewer: "Marco Diaz",
  follow_up_subject: "Thank you",
} as const;

describe("reading a CSV file", () => {
  const readAll = async (source: CsvSource) => {
    const rows: string[][] = [];
    for await (const cells of rowStream(source)) rows.push(cells);
    return rows;
  };

  it("drops a byte-order mark, finds a semicolon delimiter, and keeps quoted delimiters, line breaks and doubled quotes", async () => {
    const text = '\uFEFFname;notes\r\nAda;"Said ""hi""; then left"\r\n\r\nGrace;"two\r\nlines"\r\n';
    expect(await readAll(text)).toEqual([
      ["name", "notes"],
      ["Ada", 'Said "hi"; then left'],
      ["Grace", "two\r\nlines"],
    ]);
    expect(await readAll(Buffer.from(text))).toEqual(await readAll(text));
    const preview = await csv.previewCsv(text);
    expect(preview.headers).toEqual(["name", "notes"]);
  });

  it("reads a large file whose accented names straddle the reader's chunks, a chunk's worth of rows at a time", async () => {
    // Two-byte characters at every offset: some fall across the 64 KiB boundaries of the file stream.
    const lines = ["name,email"];
    for (let i = 0; i < 20_000; i++) lines.push(`Zoë Brontë-Ångström ${i},z${i}@example.test`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "read-utf8-")), "names.csv");
    fs.writeFileSync(file, `\uFEFF${lines.join("\n")}`);
    const rows = await readAll({ path: file });
    expect(rows.length).toBe(20_001);
    expect(rows[0]).toEqual(["name", "email"]);
    expect(rows.every((r, i) => i === 0 || r[0] === `Zoë Brontë-Ångström ${i - 1}`)).toBe(true);
  });

  it("reads text given whole, however many rows it holds", async () => {
    const text = ["n", ...Array.from({ length: 150_000 }, (_, i) => String(i))].join("\n");
    const rows = await readAll(text);
    expect(rows.length).toBe(150_001);
    expect(rows.at(-1)).toEqual(["149999"]);
  });

  it("stops at a quoted cell that is never closed, naming its row", async () => {
    const text =
      'name,email,notes\nAda,ada@example.test,fine\nGrace,grace@example.test,"never closed\nHedy,hedy@example.test,x\n';
    await expect(readAll(text)).rejects.toThrow(/^Row 3: a quoted cell is not closed properly/);
    const org = await createWorkspace(db, { role: "recruiter" });
    await expect(csv.previewCsv(text)).rejects.toThrow(/Row 3: a quoted cell/);
    const mapping = fields.suggestMapping(["name", "email", "notes"]);
    await expect(
      csv.importCsv(db, org.user, text, mapping, { ...OPTIONS, clientId: org.clientId }),
    ).rejects.toThrow(/Row 3: a quoted cell/);
    expect(await counts(org.organizationId)).toEqual({
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
      positions: 1,
    });
  });

  it(
    "reports such a cell from the worker thread that reads a large file, as the same kind of error",
    { timeout: 60_000 },
    async () => {
      const lines = ["name,email,position,notes"];
      for (let i = 0; i < 12_000; i++)
        lines.push(
          `Person ${i},p${i}@example.test,Role ${i % 5},"Walked through the territory plan, the pipeline and the quota ramp."`,
        );
      lines.push('Open,open@example.test,Role 1,"never closed', "After,after@example.test,Role 1,x");
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "read-open-quote-")), "large.csv");
      fs.writeFileSync(file, lines.join("\n"));
      expect(fs.statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);
      const org = await createWorkspace(db, { role: "recruiter" });
      const failure = await csv
        .importCsv(
          db,
          org.user,
          { path: file },
          fields.suggestMapping(["name", "email", "position", "notes"]),
          { ...OPTIONS, clientId: org.clientId, workers: 1 },
        )
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(csv.CsvReadError);
      expect((failure as Error).message).toMatch(/^Row 12002: a quoted cell is not closed properly/);
      expect(await counts(org.organizationId)).toEqual({
        candidates: 0,
        applications: 0,
        interviews: 0,
        followUps: 0,
        positions: 1,
      });
    },
  );
});

describe("CSV import into positions that already hold data", () => {
  it("scores the added rows together with the stored ones: application summaries and near-duplicates on both sides", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { candidate_id: candidateId, id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Dana Example" },
    });
    // 2026-11-02 is after the end of daylight saving time in New York: 10:00 there is 15:00Z.
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-02T16:00:00.000Z",
      notes: "Q3 pipeline, Salesforce migration.",
    });
    // Stored the way logFollowUp stores one, then scored.
    const stored = await createFollowUp(db, {
      interview_id: interview.id,
      received_at: "2026-11-02T19:30:00.000Z",
      body: STORED_BODY,
      created_at: "2026-11-02T19:30:00.000Z",
    });
    await scoring.recomputeInterview(db, interview.id);

    const storedBefore = await db
      .selectFrom("follow_ups")
      .select(["score", "near_duplicate_of"])
      .where("id", "=", stored.id)
      .executeTakeFirstOrThrow();
    expect(storedBefore.score).not.toBeNull();
    expect(storedBefore.near_duplicate_of).toBeNull();
    const applicationBefore = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(applicationBefore).toMatchObject({
      interview_count: 1,
      followed_up_count: 1,
      best_score: storedBefore.score,
      mean_score: storedBefore.score,
    });
    // The copy is near enough to be found (threshold 0.8), and the second message is not a copy.
    expect(similarity(STORED_BODY, COPIED_BODY)).toBeGreaterThanOrEqual(0.8);
    expect(similarity(STORED_BODY, SECOND_BODY)).toBeLessThan(0.5);

    const position = await titleOf(org.positionId);
    const text = csvText([
      // (a) A second interview, with a follow-up, for the stored candidate in the same position.
      {
        ...NY_ROW,
        name: "Dana Example",
        email: await emailOf(candidateId),
        position,
        interview_start: "2026-11-09 10:00",
        interview_end: "2026-11-09 11:00",
        follow_up_at: "2026-11-09 15:00",
        follow_up_body: SECOND_BODY,
      },
      // (b) Another candidate for the position, whose follow-up copies the stored one.
      {
        ...NY_ROW,
        name: "Grace Copy",
        email: "grace.copy@example.test",
        position,
        interview_start: "2026-11-03 10:00",
        interview_end: "2026-11-03 11:00",
        follow_up_at: "2026-11-03 15:00",
        follow_up_body: COPIED_BODY,
      },
    ]);
    const { summary } = await csv.importCsv(db, org.user, text, MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created).toMatchObject({
      candidates: 1,
      applications: 1,
      interviews: 2,
      followUps: 2,
      positions: 0,
    });

    const followUps = await db
      .selectFrom("follow_ups as f")
      .innerJoin("interviews as i", "i.id", "f.interview_id")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select([
        "f.id",
        "f.body",
        "f.score",
        "f.score_parts",
        "f.near_duplicate_of",
        "f.interview_id",
        "a.id as application_id",
      ])
      .where("a.position_id", "=", org.positionId)
      .orderBy("f.id")
      .execute();
    expect(followUps).toHaveLength(3);
    const byBody = (body: string) => followUps.find((f) => f.body === body)!;
    const [storedAfter, second, copy] = [byBody(STORED_BODY), byBody(SECOND_BODY), byBody(COPIED_BODY)];
    expect(storedAfter.id).toBe(stored.id);
    for (const f of followUps) expect(f.score).not.toBeNull();

    // (a) The stored application now counts both interviews and both follow-ups.
    expect(second.application_id).toBe(applicationId);
    expect(second.interview_id).not.toBe(interview.id);
    const application = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(application.interview_count).toBe(2);
    expect(application.decided_interview_count).toBe(2);
    expect(application.followed_up_count).toBe(2);
    expect(application.behaviour).toBe("always");
    expect(application.best_score).toBe(Math.max(storedAfter.score!, second.score!));
    expect(application.mean_score).toBeCloseTo((storedAfter.score! + second.score!) / 2, 9);
    expect(application.last_interview_end).toBe("2026-11-09T16:00:00.000Z");
    const secondInterview = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", second.interview_id)
      .executeTakeFirstOrThrow();
    expect(secondInterview).toMatchObject({
      first_follow_up_id: second.id,
      latency_minutes: 240,
      window: "best",
    });

    // (b) Copying is a property of both messages: the stored one (updated) names the new one, and back.
    expect(storedAfter.near_duplicate_of).toBe(copy.id);
    expect(copy.near_duplicate_of).toBe(stored.id);
    expect(second.near_duplicate_of).toBeNull();
    expect(storedAfter.score!).toBeLessThanOrEqual(storedBefore.score!);
    const copier = await db
      .selectFrom("applications")
      .select(["interview_count", "followed_up_count", "best_score"])
      .where("id", "=", copy.application_id)
      .executeTakeFirstOrThrow();
    expect(copier).toEqual({ interview_count: 1, followed_up_count: 1, best_score: copy.score });

    // The same file again adds nothing and leaves the scores as they are.
    const again = await csv.importCsv(db, org.user, text, MAPPING(), { ...OPTIONS, clientId: org.clientId });
    expect(again.summary.created).toEqual({
      clients: 0,
      positions: 0,
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
    });
    expect(again.summary.unchangedRows).toBe(2);
    const scoresAgain = await db
      .selectFrom("follow_ups")
      .select(["id", "score", "score_parts"])
      .where(
        "id",
        "in",
        followUps.map((f) => f.id),
      )
      .orderBy("id")
      .execute();
    expect(scoresAgain).toEqual(
      followUps.map((f) => ({ id: f.id, score: f.score, score_parts: f.score_parts })),
    );
  });

  it("attaches a follow-up to the candidate's interview at the same start under another position, and rescores that interview", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { candidate_id: candidateId, id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Dana Example" },
    });
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-02T16:00:00.000Z",
    });
    await scoring.recomputeInterview(db, interview.id);
    const positionB = await createPosition(db, { client_id: org.clientId, title: "Solutions Engineer" });

    // The same instant as the stored interview's start (10:00 in New York = 15:00Z), but position B.
    const text = csvText([
      {
        ...NY_ROW,
        name: "Dana Example",
        email: await emailOf(candidateId),
        position: "Solutions Engineer",
        interview_start: "2026-11-02 10:00",
        interview_end: "2026-11-02 11:00",
        follow_up_at: "2026-11-02 14:30",
        follow_up_body: SECOND_BODY,
      },
    ]);
    const { summary } = await csv.importCsv(db, org.user, text, MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created).toMatchObject({ interviews: 0, followUps: 1 });

    const interviews = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select(["i.id", "i.starts_at", "a.position_id"])
      .where("a.candidate_id", "=", candidateId)
      .execute();
    expect(interviews).toEqual([
      { id: interview.id, starts_at: "2026-11-02T15:00:00.000Z", position_id: org.positionId },
    ]);
    const followUps = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(followUps).toHaveLength(1);
    const [followUp] = followUps;
    expect(followUp.interview_id).toBe(interview.id);
    expect(followUp.score).not.toBeNull();
    expect(followUp).toMatchObject({ latency_minutes: 210, window: "best" });
    const after = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", interview.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      first_follow_up_id: followUp.id,
      first_follow_up_at: "2026-11-02T19:30:00.000Z",
      latency_minutes: 210,
    });
    const application = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(application).toMatchObject({
      interview_count: 1,
      followed_up_count: 1,
      best_score: followUp.score,
    });
    // Nothing of the interview went to position B.
    const inB = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select("i.id")
      .where("a.position_id", "=", positionB.id)
      .execute();
    expect(inB).toEqual([]);

    // Importing the row again adds nothing.
    const again = await csv.importCsv(db, org.user, text, MAPPING(), { ...OPTIONS, clientId: org.clientId });
    expect(again.summary.created).toEqual({
      clients: 0,
      positions: 0,
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
    });
    expect(
      await db
        .selectFrom("follow_ups")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .execute(),
    ).toHaveLength(1);
  });

  it("attaches such a follow-up, scored with its interview's position, when that position is in the same import", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { candidate_id: candidateId, id: applicationId } = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "Dana Example" },
    });
    const interview = await createInterview(db, {
      application_id: applicationId,
      ends_at: "2026-11-02T16:00:00.000Z",
    });
    await scoring.recomputeInterview(db, interview.id);
    // Another candidate's row for position A puts A in the import (and in the same scoring batch as B).
    const text = csvText([
      {
        ...NY_ROW,
        name: "Dana Example",
        email: await emailOf(candidateId),
        position: "Solutions Engineer",
        interview_start: "2026-11-02 10:00",
        interview_end: "2026-11-02 11:00",
        follow_up_at: "2026-11-02 14:30",
        follow_up_body: SECOND_BODY,
      },
      {
        ...NY_ROW,
        name: "Other Person",
        email: "other.person@example.test",
        position: await titleOf(org.positionId),
        interview_start: "2026-11-03 10:00",
        interview_end: "2026-11-03 11:00",
      },
    ]);
    const { summary } = await csv.importCsv(db, org.user, text, MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created).toMatchObject({
      positions: 1,
      candidates: 1,
      applications: 2,
      interviews: 1,
      followUps: 1,
    });

    const interviews = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .select("i.id")
      .where("a.candidate_id", "=", candidateId)
      .execute();
    expect(interviews).toEqual([{ id: interview.id }]);
    const [followUp, ...others] = await db
      .selectFrom("follow_ups")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(others).toEqual([]);
    expect(followUp).toMatchObject({ interview_id: interview.id, latency_minutes: 210, window: "best" });
    expect(followUp.score).not.toBeNull();
    const after = await db
      .selectFrom("interviews")
      .selectAll()
      .where("id", "=", interview.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ first_follow_up_id: followUp.id, latency_minutes: 210 });
    const application = await db
      .selectFrom("applications")
      .selectAll()
      .where("id", "=", applicationId)
      .executeTakeFirstOrThrow();
    expect(application).toMatchObject({
      interview_count: 1,
      followed_up_count: 1,
      best_score: followUp.score,
    });
  });

  it("reports progress: writing (rows read) first, then scoring (rows staged), each ending complete", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const position = await titleOf(org.positionId);
    const row = (i: number, email = `progress${i}@example.test`): CsvRow => ({
      ...NY_ROW,
      name: `Person ${i}`,
      email,
      position: i % 2 ? position : "Another Role",
      interview_start: "2026-11-04 10:00",
      interview_end: "2026-11-04 11:00",
      follow_up_at: "2026-11-04 15:00",
      follow_up_body: `Thanks for the talk about role ${i}.`,
    });
    // A stored interview in one of the positions: scoring progress counts the rows added, not interviews.
    const stored = await createApplication(db, { position_id: org.positionId });
    await createInterview(db, { application_id: stored.id, ends_at: "2026-11-02T16:00:00.000Z" });
    // Five rows, one of them bad and skipped: four are staged.
    const text = csvText([row(1), row(2), row(3, "not an email"), row(4), row(5)]);
    const calls: { phase: "writing" | "scoring"; done: number; total: number | null }[] = [];
    const { check, summary } = await csv.importCsv(db, org.user, text, MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
      skipBadRows: true,
      onProgress: (phase, done, total) => calls.push({ phase, done, total }),
    });
    expect(check).toMatchObject({ rows: 5, goodRows: 4, badRows: 1 });
    expect(summary.skippedBadRows).toBe(1);

    const writing = calls.filter((c) => c.phase === "writing");
    const scoring = calls.filter((c) => c.phase === "scoring");
    expect(writing.length).toBeGreaterThan(0);
    expect(scoring.length).toBeGreaterThan(0);
    const lastWriting = calls.map((c) => c.phase).lastIndexOf("writing");
    const firstScoring = calls.findIndex((c) => c.phase === "scoring");
    expect(lastWriting).toBeLessThan(firstScoring);
    expect(writing.at(-1)).toEqual({ phase: "writing", done: 5, total: 5 });
    expect(scoring.at(-1)).toEqual({ phase: "scoring", done: 4, total: 4 });
    for (const c of scoring) {
      expect(c.total).toBe(4);
      expect(c.done).toBeLessThanOrEqual(4);
    }
    expect(scoring.map((c) => c.done)).toEqual([...scoring.map((c) => c.done)].sort((a, b) => a - b));
  });

  it(
    "reads a large file on a worker thread: one bad row near the end stops it all, and skipped it imports the rest, scored",
    // A safety net, not a speed check: each write now also keeps the dashboard summaries and updated_at
    // by trigger, and on PostgreSQL beside other work this took over a minute.
    { timeout: 240_000 },
    async () => {
      const org = await createWorkspace(db, { role: "recruiter" });
      // Two batches of staged rows before the bad one; long notes make the file the 1 MB a worker reads.
      const ROWS = 2_000;
      const BAD = 1_990;
      const notes = [
        "Walked through the territory plan, the enterprise pipeline, the quota ramp, the CRM migration and the onboarding programme for new account executives.",
        "Compared the mid-market and enterprise motions, the partner channel, forecasting cadence and the hand-off from sales development to account executives.",
        "Discussed the first ninety days: shadowing two senior reps, owning twenty named accounts, and the quarterly business review with the regional director.",
      ].join(" ");
      const lines = ["name,email,position,interview_start,interviewer,notes,follow_up_at,follow_up_body"];
      for (let i = 0; i < ROWS; i++) {
        const day = `2026-11-0${1 + (i % 5)}`;
        const email = i === BAD ? `p${i}-at-example.test` : `big${i}@example.test`;
        lines.push(
          `Person ${i},${email},Role ${i % 7},${day} 10:00,Priya Shah,"${notes} Candidate ${i}.",${day} 15:00,Thanks for the talk about role ${i % 7}.`,
        );
      }
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "import-large-")), "large.csv");
      fs.writeFileSync(file, lines.join("\n"));
      // At least 1 MB: the size from which a path source is read and checked on a worker thread.
      expect(fs.statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);
      const mapping = (await csv.previewCsv({ path: file })).suggested;
      const options = { ...OPTIONS, clientId: org.clientId, workers: 1 };

      const failure = await csv.importCsv(db, org.user, { path: file }, mapping, options).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(csv.ImportHasBadRows);
      const { check } = failure as InstanceType<typeof csv.ImportHasBadRows>;
      expect(check).toMatchObject({ rows: ROWS, goodRows: ROWS - 1, badRows: 1 });
      // The header is line 1, so row i of the loop is line i + 2.
      expect(check.errors).toEqual([
        expect.objectContaining({
          row: BAD + 2,
          column: "email",
          message: expect.stringContaining("not an email"),
        }),
      ]);
      expect(await counts(org.organizationId)).toEqual({
        candidates: 0,
        applications: 0,
        interviews: 0,
        followUps: 0,
        positions: 1,
      });

      const { summary } = await csv.importCsv(db, org.user, { path: file }, mapping, {
        ...options,
        skipBadRows: true,
      });
      expect(summary.skippedBadRows).toBe(1);
      expect(summary.rows).toBe(ROWS);
      expect(summary.created).toMatchObject({
        candidates: ROWS - 1,
        applications: ROWS - 1,
        interviews: ROWS - 1,
        followUps: ROWS - 1,
        positions: 7,
      });
      expect(await counts(org.organizationId)).toEqual({
        candidates: ROWS - 1,
        applications: ROWS - 1,
        interviews: ROWS - 1,
        followUps: ROWS - 1,
        positions: 8,
      });
      const unscored = await db
        .selectFrom("follow_ups")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .where("score", "is", null)
        .execute();
      expect(unscored).toEqual([]);
      const unlinked = await db
        .selectFrom("interviews")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .where("first_follow_up_id", "is", null)
        .execute();
      expect(unlinked).toEqual([]);
      const bad = await db
        .selectFrom("candidates")
        .select("id")
        .where("organization_id", "=", org.organizationId)
        .where("name", "=", `Person ${BAD}`)
        .execute();
      expect(bad).toEqual([]);
    },
  );

  it("imports again after an import rolled back with its staging table in use, and after a successful one", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const position = await titleOf(org.positionId);
    // 1,200 rows: the first 1,000 are staged (the temporary table made and filled) before row 1,150,
    // which is bad, is read.
    const rows: CsvRow[] = Array.from({ length: 1_200 }, (_, i) => ({
      ...NY_ROW,
      name: `Again ${i}`,
      email: i === 1_150 ? "again-1150" : `again${i}@example.test`,
      position,
      interview_start: "2026-11-05 10:00",
      interview_end: "2026-11-05 11:00",
      follow_up_at: "2026-11-05 16:00",
      follow_up_body: `Thanks for the talk, from candidate ${i}.`,
    }));
    const options = { ...OPTIONS, clientId: org.clientId };
    // An import shrinks the writer's page cache while it runs (memory), and sets it back either way.
    const cacheSize = await writerCacheSize();
    await expect(csv.importCsv(db, org.user, csvText(rows), MAPPING(), options)).rejects.toBeInstanceOf(
      csv.ImportHasBadRows,
    );
    expect(await writerCacheSize()).toBe(cacheSize);
    expect(await counts(org.organizationId)).toEqual({
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
      positions: 1,
    });

    rows[1_150] = { ...rows[1_150], email: "again1150@example.test" };
    const first = await csv.importCsv(db, org.user, csvText(rows), MAPPING(), options);
    expect(first.summary.created).toMatchObject({ candidates: 1_200, interviews: 1_200, followUps: 1_200 });
    expect(await writerCacheSize()).toBe(cacheSize);

    const more = csvText([{ ...rows[0], name: "One More", email: "one.more@example.test" }]);
    const second = await csv.importCsv(db, org.user, more, MAPPING(), options);
    expect(second.summary.created).toMatchObject({ candidates: 1, interviews: 1, followUps: 1 });
    const again = await csv.importCsv(db, org.user, csvText(rows), MAPPING(), options);
    expect(again.summary.created).toEqual({
      clients: 0,
      positions: 0,
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
    });
    expect(again.summary.unchangedRows).toBe(1_200);
    expect(await counts(org.organizationId)).toEqual({
      candidates: 1_201,
      applications: 1_201,
      interviews: 1_201,
      followUps: 1_201,
      positions: 1,
    });
  });

  it("finds a candidate again in a later batch: rows of one person 1,000 rows apart make one candidate and one application", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const position = await titleOf(org.positionId);
    const row = (i: number, email: string, day: string): CsvRow => ({
      ...NY_ROW,
      name: `Apart ${i}`,
      email,
      position,
      interview_start: `2026-11-${day} 10:00`,
      interview_end: `2026-11-${day} 11:00`,
      follow_up_at: `2026-11-${day} 16:00`,
      follow_up_body: `Thanks for the talk, from candidate ${i}.`,
    });
    // Ada's first row is in the first batch of 1,000 and her second in the next.
    const rows = [
      row(0, "ada.apart@example.test", "03"),
      ...Array.from({ length: 1_100 }, (_, i) => row(i + 1, `apart${i}@example.test`, "03")),
      row(0, "ada.apart@example.test", "10"),
    ];
    const { summary } = await csv.importCsv(db, org.user, csvText(rows), MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created).toMatchObject({
      candidates: 1_101,
      applications: 1_101,
      interviews: 1_102,
      followUps: 1_102,
    });
    const ada = await db
      .selectFrom("applications as a")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["a.interview_count", "a.followed_up_count"])
      .where("c.email", "=", "ada.apart@example.test")
      .execute();
    expect(ada).toEqual([{ interview_count: 2, followed_up_count: 2 }]);
    const again = await csv.importCsv(db, org.user, csvText(rows), MAPPING(), {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(again.summary.unchangedRows).toBe(rows.length);
  });
});
