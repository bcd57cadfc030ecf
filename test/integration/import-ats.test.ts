// Exports of other applicant tracking systems (Greenhouse-, Lever-, Ashby- and Workable-style files in
// app/intake/fixtures/csv/), imported against a real migrated database with the suggested mapping and
// no value map: every candidate and interview, outcomes from the status column, the round's name kept as
// the title, rounds in time order, names in a Windows-1252 file stored exactly, and importing the same
// file again adds nothing. A stage value no table reads is listed once, and a value map reads it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { ImportOptions } from "../../app/core/import/rows";
import { createCandidate, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let csv: typeof import("../../app/intake/csv.server");
beforeAll(async () => {
  db = await freshDatabase();
  csv = await import("../../app/intake/csv.server");
});

const FIXTURES = path.resolve("app/intake/fixtures/csv");
const fixture = (name: string) => ({ path: path.join(FIXTURES, name) });
const OPTIONS: ImportOptions = { timeZone: "America/New_York", dateOrder: "mdy", defaultDurationMinutes: 60 };

/** Previews the file and imports it with the suggested mapping, as `npm run import FILE` does. */
async function importFile(
  org: { user: Parameters<typeof csv.importCsv>[1]; clientId: number },
  name: string,
) {
  const preview = await csv.previewCsv(fixture(name), { scan: true });
  const { check, summary } = await csv.importCsv(db, org.user, fixture(name), preview.suggested, {
    ...OPTIONS,
    clientId: org.clientId,
  });
  return { preview, check, summary };
}

async function stored(organizationId: number) {
  const rows = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["c.name", "c.email", "a.outcome", "a.stage", "i.title", "i.round", "i.format", "i.starts_at"])
    .where("i.organization_id", "=", organizationId)
    .orderBy("c.name")
    .orderBy("i.starts_at")
    .execute();
  return rows;
}

async function outcomes(organizationId: number) {
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["c.name", "a.outcome"])
    .where("a.organization_id", "=", organizationId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.outcome]));
}

describe("ATS exports", () => {
  it("imports a Greenhouse-style export with no flags, outcomes from Status, titles kept, and again adds nothing", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    // Typed by hand earlier with another case: the file's row is the same person.
    await createCandidate(db, {
      organization_id: org.organizationId,
      name: "Mary Jackson",
      email: "Mary.Jackson@Example.com",
    });
    const { preview, check, summary } = await importFile(org, "greenhouse-export.csv");
    expect(preview.encoding).toBe("UTF-8");
    expect(preview.unknownValues).toEqual([]);
    expect(check).toMatchObject({ rows: 14, goodRows: 14, badRows: 0, unknownValues: [] });
    expect(summary.created).toMatchObject({ candidates: 5, applications: 6, interviews: 14, positions: 2 });

    expect(await outcomes(org.organizationId)).toEqual({
      "Katherine Johnson": "hired",
      "Dorothy Vaughan": "pending",
      "Mary Jackson": "rejected",
      "Christine Darden": "withdrawn",
      "Annie Easley": "pending",
      "Melba Roy": "pending",
    });
    // A hire is dated by the last interview, not the first row's.
    const hired = await db
      .selectFrom("applications")
      .select("outcome_on")
      .where("organization_id", "=", org.organizationId)
      .where("outcome", "=", "hired")
      .executeTakeFirstOrThrow();
    expect(hired.outcome_on).toBe("2026-03-16");
    const katherine = (await stored(org.organizationId)).filter((r) => r.name === "Katherine Johnson");
    expect(katherine.map((r) => [r.round, r.title, r.format])).toEqual([
      [1, "Phone Screen", "phone"],
      [2, "Hiring Manager", "video"],
      [3, "Onsite", "onsite"],
    ]);
    expect(new Date(katherine[0].starts_at).toISOString()).toBe("2026-03-02T14:30:00.000Z");
    const dorothy = (await stored(org.organizationId)).filter((r) => r.name === "Dorothy Vaughan");
    expect(dorothy.map((r) => [r.email, r.stage])).toEqual([
      ["dorothy.vaughan@example.com", "interview"],
      ["dorothy.vaughan@example.com", "interview"],
    ]);

    const again = await importFile(org, "greenhouse-export.csv");
    expect(again.summary.created).toEqual({
      clients: 0,
      positions: 0,
      candidates: 0,
      applications: 0,
      interviews: 0,
      followUps: 0,
    });
    expect(again.summary.unchangedRows).toBe(14);
  });

  it("imports a Lever-style export: archive reasons as outcomes, interview types as formats", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { check, summary } = await importFile(org, "lever-export.csv");
    expect(check).toMatchObject({ rows: 7, goodRows: 7, badRows: 0, unknownValues: [] });
    expect(summary.created).toMatchObject({ candidates: 5, interviews: 6 });
    expect(await outcomes(org.organizationId)).toEqual({
      "Hedy Lamarr": "hired",
      "Grace Hopper": "pending",
      "Joan Clarke": "withdrawn",
      "Ada Lovelace": "rejected",
      "Radia Perlman": "pending",
    });
    const hedy = (await stored(org.organizationId)).filter((r) => r.name === "Hedy Lamarr");
    expect(hedy.map((r) => [r.round, r.format])).toEqual([
      [1, "video"],
      [2, "onsite"],
    ]);
    expect((await importFile(org, "lever-export.csv")).summary.created.interviews).toBe(0);
  });

  it("lists an Ashby-style export's unknown stage once, imports it unset, and reads it with a value map", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const preview = await csv.previewCsv(fixture("ashby-export.csv"), { scan: true });
    // A UTF-8 byte-order mark is read, not kept in the first header.
    expect(preview.headers[0]).toBe("Candidate Name");
    expect(preview.unknownValues).toEqual([{ field: "stage", value: "Bar Raiser", rows: 3, firstRow: 4 }]);
    const mapped = await csv.previewCsv(fixture("ashby-export.csv"), {
      scan: true,
      valueMap: { stage: { "bar raiser": "final" } },
    });
    expect(mapped.unknownValues).toEqual([]);

    const { check, summary } = await csv.importCsv(
      db,
      org.user,
      fixture("ashby-export.csv"),
      preview.suggested,
      {
        ...OPTIONS,
        clientId: org.clientId,
        valueMap: { stage: { "bar raiser": "final" } },
      },
    );
    expect(check).toMatchObject({ rows: 8, goodRows: 8, badRows: 0, unknownValues: [] });
    expect(summary.created).toMatchObject({ candidates: 4, interviews: 8 });
    const rows = await stored(org.organizationId);
    const katalin = rows.filter((r) => r.name === "Katalin Karikó");
    expect(katalin.map((r) => [r.stage, r.round, r.title])).toEqual([
      ["final", 1, "Recruiter Screen"],
      ["final", 2, "Technical Interview"],
      ["final", 3, "Bar Raiser"],
    ]);
    expect(await outcomes(org.organizationId)).toMatchObject({
      "Tu Youyou": "hired",
      "Rosalind Franklin": "rejected",
      "Alan Turing": "pending",
    });
  });

  it("continues the rounds already stored when a later export adds interviews", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ats-")), "first.csv");
    const lines = fs.readFileSync(path.join(FIXTURES, "greenhouse-export.csv"), "utf8").trim().split("\n");
    // Katherine's first round only, then the whole file.
    fs.writeFileSync(file, [lines[0], lines[1]].join("\n"));
    const preview = await csv.previewCsv({ path: file });
    await csv.importCsv(db, org.user, { path: file }, preview.suggested, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    await importFile(org, "greenhouse-export.csv");
    const katherine = (await stored(org.organizationId)).filter((r) => r.name === "Katherine Johnson");
    expect(katherine.map((r) => r.round)).toEqual([1, 2, 3]);
  });

  it("reads a Windows-1252 file and stores its names exactly", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { preview, check, summary } = await importFile(org, "workable-windows-1252.csv");
    expect(preview.encoding).toBe("Windows-1252");
    expect(check).toMatchObject({ rows: 5, goodRows: 5, badRows: 0, unknownValues: [] });
    expect(summary.created).toMatchObject({ candidates: 3, interviews: 5 });
    const candidates = await db
      .selectFrom("candidates")
      .select("name")
      .where("organization_id", "=", org.organizationId)
      .orderBy("name")
      .execute();
    expect(candidates.map((c) => c.name)).toEqual(["Begoña Ibáñez", "José Muñoz", "Zoë Brontë"]);
    const notes = await db
      .selectFrom("interviews")
      .select(["interviewer_name", "notes"])
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(notes.map((n) => n.interviewer_name)).toContain("Jürgen Müller");
    expect(notes.map((n) => n.notes)).toContain("Writes clearly; “customer first” in every answer.");
    expect(await outcomes(org.organizationId)).toEqual({
      "José Muñoz": "pending",
      "Zoë Brontë": "hired",
      "Begoña Ibáñez": "rejected",
    });
  });

  it("reads UTF-16 with a byte-order mark, and refuses what no charset reads", async () => {
    const text = "name,email,position\nRenée Dubois,renee@example.test,AE\n";
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    const preview = await csv.previewCsv(utf16);
    expect(preview.encoding).toBe("UTF-16 (little-endian)");
    expect(preview.sample[0][0]).toBe("Renée Dubois");

    const mixed = Buffer.concat([
      Buffer.from("name,email,position\nRenée,"),
      Buffer.from([0xe9]),
      Buffer.from("@x.test,AE\n"),
    ]);
    await expect(csv.previewCsv(mixed)).rejects.toThrow(/mixes UTF-8 with another character set/);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await expect(csv.previewCsv(binary)).rejects.toBeInstanceOf(csv.CsvReadError);
  });

  it("refuses a UTF-8 file with bytes that are not UTF-8 past the first 64 KB, naming the row", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const header = "name,email,position\n";
    const good = Array.from({ length: 4000 }, (_, i) => `Zoë ${i},z${i}@example.test,AE\n`).join("");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ats-")), "late.csv");
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from(header + good), Buffer.from("Bad \xe9,bad@example.test,AE\n", "latin1")]),
    );
    const preview = await csv.previewCsv({ path: file });
    await expect(
      csv.importCsv(db, org.user, { path: file }, preview.suggested, { ...OPTIONS, clientId: org.clientId }),
    ).rejects.toThrow(/Row 4002, column “name”: some letters cannot be read/);
    const n = await db
      .selectFrom("candidates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it("guesses a column by its first values even when the first rows leave it empty", async () => {
    const header = "Name,Email,Job,Interview,Interview Date,Interviewer";
    const early = Array.from({ length: 80 }, (_, i) => `Person ${i},p${i}@example.test,AE,,,`);
    const later = Array.from(
      { length: 10 },
      (_, i) => `Later ${i},l${i}@example.test,AE,Phone Screen,3/${i + 2}/2026 9:00 AM,Sam Rivera`,
    );
    const preview = await csv.previewCsv([header, ...early, ...later].join("\n"), { scan: true });
    expect(preview.suggested).toMatchObject({ title: 3, interview_start: null, interview_date: 4 });
    expect(preview.sample).toHaveLength(5);
  });

  it("tells the charset by the first accented letter when the first 64 KB are plain ASCII", async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `Person ${i},p${i}@example.test,AE`);
    const text = ["name,email,position", ...rows, "Begoña Ibáñez,begona@example.es,AE"].join("\n");
    const preview = await csv.previewCsv(iconv.encode(text, "windows-1252"), { scan: true });
    expect(preview.encoding).toBe("Windows-1252");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ats-")), "late-latin.csv");
    fs.writeFileSync(file, iconv.encode(text, "windows-1252"));
    const org = await createWorkspace(db, { role: "recruiter" });
    const { summary } = await csv.importCsv(db, org.user, { path: file }, preview.suggested, {
      ...OPTIONS,
      clientId: org.clientId,
    });
    expect(summary.created.candidates).toBe(4001);
    const begona = await db
      .selectFrom("candidates")
      .select("name")
      .where("email", "=", "begona@example.es")
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    expect(begona.name).toBe("Begoña Ibáñez");
  });

  it(
    "reads a large Windows-1252 file on the worker thread, with the value map",
    { timeout: 120_000 },
    async () => {
      const org = await createWorkspace(db, { role: "recruiter" });
      const lines = ["Candidate,Email,Job,Stage,Source"];
      for (let i = 0; i < 7_000; i++)
        lines.push(
          `Zoë Muñoz ${i},zoe${i}@example.es,Señal ${i % 3},Bar Raiser,${"Referido por Jürgen ".repeat(7)}`,
        );
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ats-")), "large-1252.csv");
      fs.writeFileSync(file, iconv.encode(lines.join("\r\n"), "windows-1252"));
      expect(fs.statSync(file).size).toBeGreaterThanOrEqual(1024 * 1024);
      const preview = await csv.previewCsv({ path: file }, { scan: true });
      expect(preview.encoding).toBe("Windows-1252");
      expect(preview.unknownValues).toEqual([
        { field: "stage", value: "Bar Raiser", rows: 7_000, firstRow: 2 },
      ]);
      const { summary } = await csv.importCsv(db, org.user, { path: file }, preview.suggested, {
        ...OPTIONS,
        clientId: org.clientId,
        workers: 1,
        valueMap: { stage: { "bar raiser": "final" } },
      });
      expect(summary.created).toMatchObject({ candidates: 7_000, applications: 7_000, positions: 3 });
      const sample = await db
        .selectFrom("candidates as c")
        .innerJoin("applications as a", "a.candidate_id", "c.id")
        .innerJoin("positions as p", "p.id", "a.position_id")
        .select(["c.name", "p.title", "a.stage"])
        .where("c.email", "=", "zoe6999@example.es")
        .executeTakeFirstOrThrow();
      expect(sample).toEqual({ name: "Zoë Muñoz 6999", title: "Señal 0", stage: "final" });
    },
  );
});
