// Real-shaped calendar exports (app/intake/fixtures/ics/) read and imported into a fresh database:
// a broken file among them is reported and the others imported; candidates matched by mailto: and by
// iCloud's EMAIL= parameter; rounds numbered by start after the stored ones; notes kept free of
// meeting boilerplate; a second import adds nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createCandidate, createInterview, createWorkspace } from "../factories";
import { freshDatabase } from "../helpers";

let db: Kysely<Database>;
let ics: typeof import("../../app/intake/ics.server");
let writer: typeof import("../../app/intake/import-writer.server");
beforeAll(async () => {
  db = await freshDatabase();
  ics = await import("../../app/intake/ics.server");
  writer = await import("../../app/intake/import-writer.server");
});

const NOW = Date.parse("2026-12-01T12:00:00Z");
const FILES = [
  "google-export.ics",
  "recurring-series.ics",
  "outlook-export.ics",
  "outlook-cancel.ics",
  "icloud-export.ics",
  "scheduler-floating.ics",
  "broken.ics",
].map((name) => ({ name, text: fs.readFileSync(path.resolve("app/intake/fixtures/ics", name), "utf8") }));

const PEOPLE = [
  ["Ada Lovelace", "ada@example.test"],
  ["Grace Hopper", "grace@example.test"],
  ["Alan Turing", "alan@example.test"],
  ["Hedy Lamarr", "hedy@example.test"],
  ["Barbara Liskov", "barbara@example.test"],
  ["Tim Berners-Lee", "tim@example.test"],
  ["Edsger Dijkstra", "edsger@example.test"],
  ["Katherine Johnson", "katherine@example.net"],
  ["Linus Torvalds", "linus@example.test"],
  ["Margaret Hamilton", "margaret@example.test"],
  ["Radia Perlman", "radia@example.test"],
] as const;

async function organizationWithCandidates() {
  const org = await createWorkspace(db, { role: "recruiter" });
  const applications = new Map<string, number>();
  for (const [name, email] of PEOPLE) {
    const candidate = await createCandidate(db, { organization_id: org.organizationId, name, email });
    const application = await createApplication(db, {
      candidate_id: candidate.id,
      position_id: org.positionId,
      stage: "interview",
    });
    applications.set(name, application.id);
  }
  // Ada's first round is already recorded (1 October): the calendar's interviews of hers follow it.
  await createInterview(db, {
    application_id: applications.get("Ada Lovelace")!,
    ends_at: "2026-10-01T15:00:00.000Z",
  });
  return { org, applications };
}

async function interviewsOf(applicationId: number) {
  return db
    .selectFrom("interviews")
    .select(["starts_at", "ends_at", "time_zone", "round", "notes", "interviewer_name", "format"])
    .where("application_id", "=", applicationId)
    .orderBy("starts_at")
    .execute();
}

describe("importing calendar exports", () => {
  it("reports the broken file, imports the others' interviews with rounds in time order and no invite boilerplate as notes", async () => {
    const { org, applications } = await organizationWithCandidates();
    const events = await ics.readIcs(db, org.user, FILES, NOW, { organizationZone: "America/Chicago" });

    expect(events.filter((e) => e.file === "broken.ics")).toEqual([
      expect.objectContaining({
        import: false,
        startsAt: "",
        reason: "broken.ics cannot be read: The file is cut off: BEGIN:VEVENT has no END:VEVENT.",
      }),
    ]);
    const imported = events.filter((e) => e.import);
    expect(
      Object.fromEntries(
        PEOPLE.map(([name]) => [name, imported.filter((e) => e.candidate === name).map((e) => e.startsAt)]),
      ),
    ).toEqual({
      "Ada Lovelace": ["2026-11-10T14:30:00.000Z", "2026-11-19T15:00:00.000Z"],
      "Grace Hopper": [],
      "Alan Turing": ["2026-12-03T14:30:00.000Z"],
      "Hedy Lamarr": ["2026-12-08T16:00:00.000Z"],
      "Barbara Liskov": ["2026-12-09T21:00:00.000Z"],
      "Tim Berners-Lee": ["2026-12-10T15:00:00.000Z"],
      "Edsger Dijkstra": [],
      "Katherine Johnson": ["2026-11-12T19:00:00.000Z", "2026-11-17T22:00:00.000Z"],
      "Linus Torvalds": [
        "2026-10-14T08:00:00.000Z",
        "2026-10-21T08:00:00.000Z",
        "2026-11-05T15:00:00.000Z",
        "2026-11-18T09:00:00.000Z",
      ],
      "Margaret Hamilton": [
        "2026-12-02T13:00:00.000Z",
        "2026-12-03T13:00:00.000Z",
        "2026-12-04T13:00:00.000Z",
      ],
      "Radia Perlman": ["2026-11-25T21:00:00.000Z"],
    });
    // Events with no candidate are listed with the reason, not dropped.
    expect(events.find((e) => e.summary === "Team sync")).toMatchObject({
      import: false,
      reason: expect.stringMatching(
        /^No candidate with an application has the address priya@agency\.test, marco@agency\.test/,
      ),
    });
    expect(events.find((e) => e.summary === "Interview: Grace Hopper")?.reason).toBe(
      "Cancelled by outlook-cancel.ics.",
    );

    const summary = await writer.importRecords(
      db,
      org.user,
      events.flatMap((e) => (e.record ? [e.record] : [])),
      org.clientId,
    );
    expect(summary.created).toMatchObject({ candidates: 0, applications: 0, interviews: 16 });

    expect(await interviewsOf(applications.get("Ada Lovelace")!)).toEqual([
      expect.objectContaining({ starts_at: "2026-10-01T14:00:00.000Z", round: 1 }),
      {
        starts_at: "2026-11-10T14:30:00.000Z",
        ends_at: "2026-11-10T15:15:00.000Z",
        time_zone: "Europe/London",
        round: 2,
        notes: "Second round: walk through the Q3 pipeline review and the Salesforce migration plan.",
        interviewer_name: "Priya Shah",
        format: "video",
      },
      {
        starts_at: "2026-11-19T15:00:00.000Z",
        ends_at: "2026-11-19T16:00:00.000Z",
        time_zone: "America/New_York",
        round: 3,
        // The invitation was a Teams block and nothing else.
        notes: "",
        interviewer_name: "Marco Diaz",
        format: "video",
      },
    ]);
    expect(await interviewsOf(applications.get("Katherine Johnson")!)).toEqual([
      {
        starts_at: "2026-11-12T19:00:00.000Z",
        ends_at: "2026-11-12T19:30:00.000Z",
        time_zone: "America/Los_Angeles",
        round: 1,
        notes: "Call her mobile. Ask about the orbital mechanics project and her notice period.",
        interviewer_name: "Dana Whitfield",
        format: "phone",
      },
      {
        starts_at: "2026-11-17T22:00:00.000Z",
        ends_at: "2026-11-17T23:00:00.000Z",
        time_zone: "America/Los_Angeles",
        round: 2,
        notes: "",
        interviewer_name: "Dana Whitfield",
        format: "video",
      },
    ]);
    expect(
      (await interviewsOf(applications.get("Linus Torvalds")!)).map((i) => [
        i.starts_at,
        i.round,
        i.time_zone,
      ]),
    ).toEqual([
      ["2026-10-14T08:00:00.000Z", 1, "Europe/London"],
      ["2026-10-21T08:00:00.000Z", 2, "Europe/London"],
      ["2026-11-05T15:00:00.000Z", 3, "Europe/London"],
      ["2026-11-18T09:00:00.000Z", 4, "Europe/London"],
    ]);
    expect((await interviewsOf(applications.get("Margaret Hamilton")!)).map((i) => i.round)).toEqual([
      1, 2, 3,
    ]);
    expect(await interviewsOf(applications.get("Radia Perlman")!)).toEqual([
      expect.objectContaining({
        time_zone: "America/Chicago",
        round: 1,
        notes: expect.stringContaining("spanning tree"),
      }),
    ]);
    expect(await interviewsOf(applications.get("Grace Hopper")!)).toEqual([]);
    expect(await interviewsOf(applications.get("Edsger Dijkstra")!)).toEqual([]);

    // Again: nothing new, and a later file continues the rounds.
    const again = await ics.readIcs(db, org.user, FILES, NOW, { organizationZone: "America/Chicago" });
    const second = await writer.importRecords(
      db,
      org.user,
      again.flatMap((e) => (e.record ? [e.record] : [])),
      org.clientId,
    );
    expect(second.created.interviews).toBe(0);
    const later = FILES.find((f) => f.name === "scheduler-floating.ics")!.text.replace(
      /20261125T15/g,
      "20261130T15",
    );
    const [next] = await ics.readIcs(db, org.user, [{ name: "later.ics", text: later }], NOW, {
      organizationZone: "America/Chicago",
    });
    expect(next.record?.interview).toMatchObject({ startsAt: "2026-11-30T21:00:00.000Z", round: 2 });
  });

  it("skips an invitation the candidate declined, and takes the organization's time zone by default", async () => {
    const { org } = await organizationWithCandidates();
    await db
      .updateTable("organizations")
      .set({ time_zone: "Asia/Tokyo" })
      .where("id", "=", org.organizationId)
      .execute();
    const text = FILES.find((f) => f.name === "scheduler-floating.ics")!.text;
    const [declined] = await ics.readIcs(
      db,
      org.user,
      [text.replace("PARTSTAT=ACCEPTED", "PARTSTAT=DECLINED")],
      NOW,
    );
    expect(declined).toMatchObject({
      file: "file 1",
      import: false,
      candidate: "Radia Perlman",
      reason: "The candidate declined the invitation.",
      // 15:00 floating, read in the organization's time zone (Settings): Tokyo.
      startsAt: "2026-11-25T06:00:00.000Z",
      timeZone: "Asia/Tokyo",
      zoneRule: "organization default",
    });
  });

  it("prints the calendar half of `--json`: one entry per occurrence, times in UTC", async () => {
    const { org } = await organizationWithCandidates();
    const events = await ics.readIcs(
      db,
      org.user,
      FILES.filter((f) => ["icloud-export.ics", "broken.ics"].includes(f.name)),
      NOW,
      { organizationZone: "UTC" },
    );
    expect(ics.calendarJson(events)).toEqual({
      events: [
        {
          file: "icloud-export.ics",
          uid: "8F3B6E0A-2C5D-4E1B-9A7F-3D2C1B0A9E8F",
          start: "2026-11-12T19:00:00.000Z",
          end: "2026-11-12T19:30:00.000Z",
          timeZone: "America/Los_Angeles",
          zoneRule: "event TZID",
          import: true,
          reason: null,
        },
        {
          file: "icloud-export.ics",
          uid: "C2D4F6A8-1B3D-4F5A-8C7E-9D0B1A2C3E4F",
          start: "2026-11-17T22:00:00.000Z",
          end: "2026-11-17T23:00:00.000Z",
          timeZone: "America/Los_Angeles",
          zoneRule: "calendar X-WR-TIMEZONE",
          import: true,
          reason: null,
        },
        {
          file: "icloud-export.ics",
          uid: "E1F3A5B7-C9D1-4E2F-8A4B-6C8D0E2F4A6B",
          start: "2026-12-02T17:00:00.000Z",
          end: "2026-12-02T20:00:00.000Z",
          timeZone: "America/Los_Angeles",
          zoneRule: "event TZID",
          import: false,
          reason: "Cancelled (STATUS:CANCELLED).",
        },
        {
          file: "broken.ics",
          uid: "",
          start: "",
          end: "",
          timeZone: "",
          zoneRule: null,
          import: false,
          reason: "broken.ics cannot be read: The file is cut off: BEGIN:VEVENT has no END:VEVENT.",
        },
      ],
    });
  });
});
