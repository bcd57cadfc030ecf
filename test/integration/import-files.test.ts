// `npm run import -- PATH...` on a folder holding every kind of file (app/intake/fixtures/mixed/: a CSV
// in our own format, an .eml, an .mbox made of four .eml fixtures, a calendar and a truncated
// calendar): a dry run writes nothing and says what would happen; the real run imports the
// candidates, then their interviews from the calendar, then the follow-ups; the broken file is
// reported and the others imported; a second run adds nothing; the --json shapes field by field.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createInterview, createWorkspace, type Workspace } from "../factories";
import { freshDatabase, onPostgres } from "../helpers";

let db: Kysely<Database>;
let files: typeof import("../../app/intake/import-files.server");
beforeAll(async () => {
  db = await freshDatabase();
  files = await import("../../app/intake/import-files.server");
});

const FOLDER = "app/intake/fixtures/mixed";
const at = (name: string) => path.join(FOLDER, name);
const TABLES = [
  "clients",
  "positions",
  "candidates",
  "applications",
  "interviews",
  "follow_ups",
  "inbound_messages",
  "audit_log",
] as const;

async function counts(organizationId: number) {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

async function run(workspace: Workspace, dryRun: boolean) {
  const { files: found, unreadable, skipped } = await files.collectFiles([FOLDER]);
  expect(unreadable).toEqual([]);
  expect(skipped).toEqual([]);
  const report = await files.importFiles(db, workspace.user, found, {
    dryRun,
    clientId: workspace.clientId,
    csv: {
      timeZone: "UTC",
      dateOrder: "mdy",
      defaultDurationMinutes: 60,
      clientId: workspace.clientId,
      skipBadRows: false,
    },
  });
  return { report, json: JSON.parse(JSON.stringify(files.filesJson(report))) };
}

const CSV_OPTIONS = (clientId: number) => ({
  timeZone: "UTC",
  dateOrder: "mdy" as const,
  defaultDurationMinutes: 60,
  clientId,
  skipBadRows: false,
});

const MESSAGE_KEYS = ["file", "from", "date", "subject", "body", "import", "reason", "status", "candidate"];
const EVENT_KEYS = ["file", "uid", "start", "end", "timeZone", "zoneRule", "import", "reason"];
const CSV_KEYS = [
  "file",
  "rows",
  "goodRows",
  "badRows",
  "errors",
  "moreErrors",
  "unknownValues",
  "created",
  "unchangedRows",
  "reason",
];

describe("importing a folder of every kind of file", () => {
  it("walks the folder recursively, sorted by path, keeping files of our kinds", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-files-"));
    fs.mkdirSync(path.join(dir, "b", "c"), { recursive: true });
    for (const name of ["z.csv", "a.ICS", "b/c/m.mbox", "b/x.eml", "b/notes.txt"])
      fs.writeFileSync(path.join(dir, name), "");
    const {
      files: found,
      skipped,
      unreadable,
    } = await files.collectFiles([dir, path.join(dir, "missing.eml"), path.join(dir, "b", "notes.txt")]);
    expect(found.map((f) => [path.relative(dir, f.path), f.kind])).toEqual([
      ["a.ICS", "ics"],
      ["b/c/m.mbox", "mbox"],
      ["b/x.eml", "eml"],
      ["z.csv", "csv"],
    ]);
    expect(skipped.map((f) => path.relative(dir, f))).toEqual(["b/notes.txt"]);
    expect(unreadable.map((u) => u.reason)).toEqual([
      `${path.join(dir, "missing.eml")} cannot be read: no such file or directory`,
      `${path.join(dir, "b", "notes.txt")} is not a .csv, .eml, .mbox or .ics file.`,
    ]);
  });

  it("dry run: writes nothing and says what each file, message and event would become", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const before = await counts(workspace.organizationId);
    const { report, json } = await run(workspace, true);
    expect(await counts(workspace.organizationId)).toEqual(before);

    // Only the keys this run's files need, in a fixed order.
    expect(Object.keys(json)).toEqual(["csv", "events", "messages"]);

    expect(json.csv).toHaveLength(1);
    expect(Object.keys(json.csv[0])).toEqual(CSV_KEYS);
    expect(json.csv[0]).toEqual({
      file: at("candidates.csv"),
      rows: 4,
      goodRows: 4,
      badRows: 0,
      errors: [],
      moreErrors: 0,
      unknownValues: [],
      created: null,
      unchangedRows: 0,
      reason: null,
    });

    for (const e of json.events) expect(Object.keys(e)).toEqual(EVENT_KEYS);
    // Nothing stored matches Ada yet (the CSV is only checked): no event would be imported.
    expect(json.events.map((e: { uid: string; import: boolean }) => [e.uid, e.import])).toEqual([
      ["interview-ada-1@agency.test", false],
      ["interview-ada-summer@agency.test", false],
      ["interview-stranger@agency.test", false],
      ["", false],
    ]);
    expect(json.events[0]).toMatchObject({
      file: at("calendar.ics"),
      start: "2026-11-10T15:00:00.000Z",
      end: "2026-11-10T16:00:00.000Z",
      timeZone: "America/New_York",
      zoneRule: "event TZID",
    });
    expect(json.events[0].reason).toContain(
      "No candidate with an application has the address ada@example.test",
    );
    expect(json.events[3]).toEqual({
      file: at("truncated.ics"),
      uid: "",
      start: "",
      end: "",
      timeZone: "",
      zoneRule: null,
      import: false,
      reason: `${at("truncated.ics")} cannot be read: The file is cut off: BEGIN:VEVENT has no END:VEVENT.`,
    });

    for (const m of json.messages) expect(Object.keys(m)).toEqual(MESSAGE_KEYS);
    expect(json.messages.map((m: { file: string }) => m.file)).toEqual([
      at("followup.eml"),
      `${at("mailbox.mbox")}#1`,
      `${at("mailbox.mbox")}#2`,
      `${at("mailbox.mbox")}#3`,
      `${at("mailbox.mbox")}#4`,
    ]);
    expect(json.messages[0]).toMatchObject({
      from: "daniel.okafor@gmail.com",
      date: "2026-11-24T23:05:00.000Z",
      subject: "Thank you - Enterprise Account Executive interview",
      import: false,
      status: "inbox",
      candidate: null,
      reason: "No interview of a candidate with the address daniel.okafor@gmail.com before 2026-11-24.",
    });
    // The own words as the scorer reads them: no signature, no quoted history.
    expect(json.messages[0].body).toMatch(/^Hi Sarah,\n\nThank you for taking the time/);
    expect(json.messages[0].body).toMatch(/template on a 20-minute call this week\.$/);
    expect(json.messages[1].body).not.toContain("wrote:");
    expect(json.messages[1].body).not.toMatch(/^>/m);
    expect(json.messages[3]).toMatchObject({ from: "kevin.park@lumenfield.com", status: "inbox" });
    expect(json.messages[3].reason).toContain("automatic reply");
    expect(report.messages.every((m) => m.status === "inbox")).toBe(true);
    expect(files.reportFailed(report, false)).toBe(true); // the truncated calendar
  });

  it("real run: imports candidates, then their interviews, then follow-ups; the broken file is named; a second run adds nothing", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const before = await counts(workspace.organizationId);
    const { report, json } = await run(workspace, false);

    expect(json.csv[0]).toMatchObject({ rows: 4, goodRows: 4, badRows: 0, reason: null, unchangedRows: 0 });
    expect(json.csv[0].created).toEqual({
      clients: 0,
      positions: 2,
      candidates: 4,
      applications: 4,
      interviews: 3,
      followUps: 0,
    });
    // Ada came from the CSV; her two interviews from the calendar (the stranger's event is not one).
    expect(json.events.map((e: { uid: string; import: boolean }) => [e.uid, e.import])).toEqual([
      ["interview-ada-1@agency.test", true],
      ["interview-ada-summer@agency.test", true],
      ["interview-stranger@agency.test", false],
      ["", false],
    ]);
    expect(report.calendarSummary?.created.interviews).toBe(2);
    expect(
      json.messages.map((m: { status: string; candidate: string | null }) => [m.status, m.candidate]),
    ).toEqual([
      ["logged", "Daniel Okafor"],
      ["logged", "Aisha Bello"],
      ["logged", "Aisha Bello"],
      ["inbox", null],
      ["inbox", null],
    ]);
    expect(json.messages[0]).toMatchObject({ import: true, reason: null });
    expect(json.messages[4].reason).toBe(
      "No interview of a candidate with the address luca.bianchi@libero.it before 2026-11-24.",
    );

    const after = await counts(workspace.organizationId);
    expect(after.candidates - before.candidates).toBe(4);
    expect(after.interviews - before.interviews).toBe(5);
    expect(after.follow_ups - before.follow_ups).toBe(3);
    expect(after.inbound_messages - before.inbound_messages).toBe(5);
    const adaRounds = await db
      .selectFrom("interviews as i")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .select(["i.starts_at", "i.round"])
      .where("c.email", "=", "ada@example.test")
      .where("c.organization_id", "=", workspace.organizationId)
      .orderBy("i.starts_at")
      .execute();
    expect(adaRounds).toEqual([
      { starts_at: "2026-07-06T14:00:00.000Z", round: 1 },
      { starts_at: "2026-11-10T15:00:00.000Z", round: 2 },
    ]);

    // Again: nothing added, and every message says it was already imported.
    const again = await run(workspace, false);
    // (Only the audit log grows: each import is recorded.)
    expect({ ...(await counts(workspace.organizationId)), audit_log: 0 }).toEqual({ ...after, audit_log: 0 });
    expect(again.json.csv[0]).toMatchObject({ unchangedRows: 4 });
    expect(again.json.csv[0].created).toMatchObject({ candidates: 0, interviews: 0 });
    expect(again.report.calendarSummary?.created.interviews).toBe(0);
    expect(again.json.messages.map((m: { status: string }) => m.status)).toEqual([
      "already",
      "already",
      "already",
      "already",
      "already",
    ]);

    // A dry run now says who each message would be logged to, and still writes nothing.
    const dryBefore = await counts(workspace.organizationId);
    const dry = await run(workspace, true);
    expect(await counts(workspace.organizationId)).toEqual(dryBefore);
    expect(dry.json.messages[0].status).toBe("already");
  });

  it("dry run: a message that matches says to whom it would be logged, and nothing is written", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const application = await createApplication(db, {
      position_id: workspace.positionId,
      candidate: { name: "Daniel Okafor", email: "Daniel.Okafor@gmail.com", source: null },
    });
    const interview = await createInterview(db, {
      application_id: application.id,
      starts_at: "2026-11-24T15:00:00.000Z",
      ends_at: "2026-11-24T16:00:00.000Z",
      time_zone: "America/Chicago",
    });
    const before = await counts(workspace.organizationId);
    const report = await files.importFiles(
      db,
      workspace.user,
      [{ name: "followup.eml", kind: "eml", path: at("followup.eml") }],
      { dryRun: true, clientId: workspace.clientId, csv: CSV_OPTIONS(workspace.clientId) },
    );
    expect(report.messages[0]).toMatchObject({
      status: "logged",
      import: true,
      reason: null,
      candidate: "Daniel Okafor",
      interview: { id: interview.id, startsAt: "2026-11-24T15:00:00.000Z", timeZone: "America/Chicago" },
    });
    expect(files.reportLines(report, true)).toEqual([
      `followup.eml from daniel.okafor@gmail.com 2026-11-24T23:05:00.000Z "Thank you - Enterprise Account Executive interview": would be logged as the follow-up to Daniel Okafor's interview of Tue 24 Nov 2026, 09:00 CST`,
    ]);
    expect(await counts(workspace.organizationId)).toEqual(before);
  });

  it("reports a CSV with bad rows by row and column, and a broken .eml and .mbox with their reasons", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const before = await counts(workspace.organizationId);
    const report = await files.importFiles(
      db,
      workspace.user,
      [
        { name: "bad.csv", kind: "csv", path: "app/intake/fixtures/csv/bad.csv" },
        { name: "binary.eml", kind: "eml", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]) },
        { name: "not.mbox", kind: "mbox", bytes: Buffer.from("Subject: hi\n\nnot a mailbox\n") },
      ],
      {
        dryRun: false,
        clientId: workspace.clientId,
        csv: {
          timeZone: "UTC",
          dateOrder: "mdy",
          defaultDurationMinutes: 60,
          clientId: workspace.clientId,
          skipBadRows: false,
        },
      },
    );
    const csv = report.csv[0];
    expect(csv.badRows).toBeGreaterThan(0);
    expect(csv.created).toBeNull();
    expect(csv.reason).toMatch(/nothing was imported/);
    expect(csv.errors[0]).toEqual({
      row: expect.any(Number),
      column: expect.any(String),
      message: expect.any(String),
    });
    expect(report.messages.map((m) => [m.file, m.status])).toEqual([
      ["binary.eml", "refused"],
      ["not.mbox", "refused"],
    ]);
    expect(report.messages[1].reason).toContain('does not begin with a "From " line');
    expect(files.reportFailed(report, false)).toBe(true);
    const after = await counts(workspace.organizationId);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
  });
});

describe("the Import page's Drop files", () => {
  it("keeps a CSV for its mapping page, logs the rest, and names each file it could not read", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const read = (name: string) => new Uint8Array(fs.readFileSync(at(name)));
    const report = await files.uploadFiles(db, workspace.user, [
      { name: "candidates.csv", bytes: read("candidates.csv") },
      { name: "empty.csv", bytes: new Uint8Array() },
      { name: "notes.txt", bytes: Buffer.from("hello") },
      { name: "huge.ics", bytes: new Uint8Array(6 * 1024 * 1024) },
      { name: "mailbox.mbox", bytes: read("mailbox.mbox") },
      { name: "calendar.ics", bytes: read("calendar.ics") },
    ]);
    expect(report.csv.map((c) => [c.file, Boolean(c.token), c.columns, c.reason])).toEqual([
      ["candidates.csv", true, 16, null],
      ["empty.csv", false, 0, "The file is empty: it has no header row."],
    ]);
    const { uploadPath } = await import("../../app/intake/uploads.server");
    expect(uploadPath(workspace.organizationId, report.csv[0].token!)).not.toBeNull();
    expect(report.unreadable).toEqual([
      { file: "notes.txt", reason: "Not a .csv, .eml, .mbox or .ics file, so not read." },
      {
        file: "huge.ics",
        reason: "Over 5 MB, the limit for an .ics file here; import it with npm run import.",
      },
    ]);
    expect(report.messages.map((m) => [m.file, m.status])).toEqual([
      ["mailbox.mbox#1", "inbox"],
      ["mailbox.mbox#2", "inbox"],
      ["mailbox.mbox#3", "inbox"],
      ["mailbox.mbox#4", "inbox"],
    ]);
    expect(report.events).toHaveLength(3);
    expect(report.events.every((e) => !("record" in e))).toBe(true);
    // Nothing of the CSV is imported until its columns are confirmed.
    expect((await counts(workspace.organizationId)).candidates).toBe(0);
  });
});

describe.skipIf(onPostgres)("npm run import", () => {
  it("prints only JSON on stdout with --json, progress on stderr, and exits 1 for the broken file", async () => {
    const workspace = await createWorkspace(db, { role: "recruiter" });
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/import.ts",
        "--dry-run",
        "--json",
        "--organization",
        String(workspace.organizationId),
        FOLDER,
      ],
      { env: { ...process.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(stderr).toContain("dry run: nothing written");
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(["csv", "events", "messages"]);
    expect(json.messages).toHaveLength(5);
  });
});
