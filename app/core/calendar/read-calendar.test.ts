// Real-shaped exports (app/intake/fixtures/ics/): every occurrence's start, end, zone, the rule that
// chose the zone, and whether it is imported (and why not).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CALENDAR_HORIZON,
  readCalendarFile,
  readCalendarFiles,
  type CalendarFile,
  type CalendarOccurrence,
} from "./read-calendar";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const OPTIONS = { organizationZone: "America/Chicago", now: NOW };
const fixture = (name: string) => fs.readFileSync(path.resolve("app/intake/fixtures/ics", name), "utf8");

function read(name: string, options = OPTIONS): CalendarOccurrence[] {
  const result = readCalendarFile(name, fixture(name), options);
  if (!result.ok) throw new Error(result.error);
  return result.occurrences;
}

/** [summary, start, end, zone, rule, imported, reason] per occurrence. */
const table = (occurrences: CalendarOccurrence[]) =>
  occurrences.map((o) => [o.summary, o.start, o.end, o.timeZone, o.zoneRule, o.import, o.reason]);

describe("a Google Calendar export", () => {
  const occurrences = read("google-export.ics");

  it("reads each event's times, zone and decision", () => {
    expect(table(occurrences)).toEqual([
      // "Z" times take the calendar's X-WR-TIMEZONE as their zone; the instant is unchanged.
      [
        "Interview: Ada Lovelace (second round)",
        "2026-11-10T14:30:00.000Z",
        "2026-11-10T15:15:00.000Z",
        "Europe/London",
        "calendar X-WR-TIMEZONE",
        true,
        null,
      ],
      [
        "Interview: Ada Lovelace",
        "2026-11-06T10:00:00.000Z",
        "2026-11-06T10:45:00.000Z",
        "Europe/London",
        "calendar X-WR-TIMEZONE",
        false,
        "Cancelled (STATUS:CANCELLED).",
      ],
      // A day, shown as that day in the calendar's zone, whatever the server's zone.
      [
        "Out of office",
        "2026-11-24T00:00:00.000Z",
        "2026-11-25T00:00:00.000Z",
        "Europe/London",
        "calendar X-WR-TIMEZONE",
        false,
        "An all-day event has no interview time.",
      ],
      // Not an interview, but the reader does not know who is a candidate: the importer decides.
      [
        "Team sync",
        "2026-11-17T09:30:00.000Z",
        "2026-11-17T10:00:00.000Z",
        "Europe/London",
        "calendar X-WR-TIMEZONE",
        true,
        null,
      ],
      [
        "Coffee with Ada",
        "2024-06-03T13:00:00.000Z",
        "2024-06-03T14:00:00.000Z",
        "Europe/London",
        "calendar X-WR-TIMEZONE",
        false,
        "It is more than a year ago: outside the import horizon.",
      ],
    ]);
  });

  it("keeps the agenda as notes and drops the Meet block", () => {
    expect(occurrences[0].notes).toBe(
      "Second round: walk through the Q3 pipeline review and the Salesforce migration plan.",
    );
    expect(occurrences[0].description).toContain("meet.google.com");
    expect(occurrences[1].notes).toBe("");
    expect(occurrences[0].attendees.map((a) => a.email)).toEqual(["priya@agency.test", "ada@example.test"]);
    expect(occurrences[0].organizer).toMatchObject({ email: "priya@agency.test", name: "Priya Shah" });
  });
});

describe("a repeating event", () => {
  const occurrences = read("recurring-series.ics");
  const trial = occurrences.filter((o) => o.summary.startsWith("Trial session"));

  it("expands COUNT, leaves out the EXDATE, moves and cancels the overridden occurrences", () => {
    expect(trial.map((o) => [o.recurrenceId, o.start, o.end, o.import, o.reason])).toEqual([
      // 09:00 in London is 08:00 UTC in summer time, which ends on 25 October 2026.
      ["2026-10-14T08:00:00.000Z", "2026-10-14T08:00:00.000Z", "2026-10-14T09:00:00.000Z", true, null],
      ["2026-10-21T08:00:00.000Z", "2026-10-21T08:00:00.000Z", "2026-10-21T09:00:00.000Z", true, null],
      // 28 October: EXDATE. 4 November: moved to Thursday 15:00.
      ["2026-11-04T09:00:00.000Z", "2026-11-05T15:00:00.000Z", "2026-11-05T16:00:00.000Z", true, null],
      [
        "2026-11-11T09:00:00.000Z",
        "2026-11-11T09:00:00.000Z",
        "2026-11-11T10:00:00.000Z",
        false,
        "This occurrence was cancelled (STATUS:CANCELLED).",
      ],
      ["2026-11-18T09:00:00.000Z", "2026-11-18T09:00:00.000Z", "2026-11-18T10:00:00.000Z", true, null],
    ]);
    expect(new Set(trial.map((o) => `${o.timeZone} ${o.zoneRule}`))).toEqual(
      new Set(["Europe/London event TZID"]),
    );
    expect(trial[2].notes).toContain("Moved to Thursday afternoon");
  });

  it("stops a daily run at UNTIL", () => {
    expect(
      occurrences.filter((o) => o.summary.startsWith("Onsite")).map((o) => [o.start, o.end, o.import]),
    ).toEqual([
      ["2026-12-02T13:00:00.000Z", "2026-12-02T17:00:00.000Z", true],
      ["2026-12-03T13:00:00.000Z", "2026-12-03T17:00:00.000Z", true],
      ["2026-12-04T13:00:00.000Z", "2026-12-04T17:00:00.000Z", true],
    ]);
  });

  it("bounds an endless series by the horizon", () => {
    const standUps = occurrences.filter((o) => o.summary === "Recruiting stand-up");
    const from = NOW - CALENDAR_HORIZON.pastDays * 86_400_000;
    const to = NOW + CALENDAR_HORIZON.aheadDays * 86_400_000;
    // Every Monday from the first after the horizon opens to the last before it closes.
    expect(standUps[0].start).toBe("2025-12-01T09:30:00.000Z");
    expect(standUps.at(-1)!.start).toBe("2027-11-29T09:30:00.000Z");
    expect(standUps).toHaveLength(105);
    expect(standUps.every((o) => Date.parse(o.start) >= from && Date.parse(o.start) <= to)).toBe(true);
    // Summer time moves the UTC hour, not the wall-clock one.
    expect(standUps.find((o) => o.start.startsWith("2026-06-01"))?.start).toBe("2026-06-01T08:30:00.000Z");
  });
});

describe("an Exchange / Outlook export", () => {
  const files = readCalendarFiles(
    ["outlook-export.ics", "outlook-cancel.ics"].map((name) => ({ name, text: fixture(name) })),
    OPTIONS,
  );
  const [exported, cancellation] = files.map((f) => (f.ok ? f.occurrences : []));

  it("reads Windows zone ids and display names, quoted or not, and a customized zone", () => {
    expect(table(exported)).toEqual([
      [
        "Interview: Ada Lovelace – hiring manager",
        "2026-11-19T15:00:00.000Z",
        "2026-11-19T16:00:00.000Z",
        "America/New_York",
        "event TZID",
        true,
        null,
      ],
      // Cancelled by the other file (METHOD:CANCEL with a higher SEQUENCE).
      [
        "Interview: Grace Hopper",
        "2026-11-20T19:00:00.000Z",
        "2026-11-20T20:00:00.000Z",
        "America/New_York",
        "event TZID",
        false,
        "Cancelled by outlook-cancel.ics.",
      ],
      // TZID=(UTC-05:00) Eastern Time (US & Canada) without quotes: the colon is not the value's.
      [
        "Interview: Alan Turing",
        "2026-12-03T14:30:00.000Z",
        "2026-12-03T15:30:00.000Z",
        "America/New_York",
        "event TZID",
        true,
        null,
      ],
      // "Customized Time Zone": the zone whose clocks its VTIMEZONE describes (-05:00, -04:00 in summer).
      [
        "Interview: Hedy Lamarr",
        "2026-12-08T16:00:00.000Z",
        "2026-12-08T17:00:00.000Z",
        "America/New_York",
        "event TZID",
        true,
        null,
      ],
      [
        "Interview: Barbara Liskov",
        "2026-12-09T21:00:00.000Z",
        "2026-12-09T22:00:00.000Z",
        "America/Los_Angeles",
        "event TZID",
        true,
        null,
      ],
      [
        "Interview: Tim Berners-Lee",
        "2026-12-10T15:00:00.000Z",
        "2026-12-10T16:00:00.000Z",
        "Europe/Berlin",
        "event TZID",
        true,
        null,
      ],
      // A TZID nothing defines is not guessed.
      [
        "Interview: Edsger Dijkstra",
        "",
        "",
        "",
        null,
        false,
        'Its time zone "tzone://Microsoft/Custom" is not one we know, and the file does not define it.',
      ],
    ]);
  });

  it("skips a METHOD:CANCEL file's events", () => {
    expect(table(cancellation)).toEqual([
      [
        "Canceled: Interview: Grace Hopper",
        "2026-11-20T19:00:00.000Z",
        "2026-11-20T20:00:00.000Z",
        "America/New_York",
        "event TZID",
        false,
        "Cancelled: the file is a cancellation (METHOD:CANCEL).",
      ],
    ]);
  });

  it("keeps no Teams boilerplate as notes, and the agenda above it", () => {
    expect(exported[0].notes).toBe("");
    expect(exported[0].description).toContain("Microsoft Teams meeting");
    expect(exported[2].notes).toBe(
      "Agenda: the cryptanalysis case study, then questions on his Manchester work.",
    );
  });

  it("does not let a lower SEQUENCE cancel a later invitation", () => {
    const reinvited = fixture("outlook-export.ics").replace(/SEQUENCE:0/g, "SEQUENCE:2");
    const [again] = readCalendarFiles(
      [
        { name: "outlook-export.ics", text: reinvited },
        { name: "outlook-cancel.ics", text: fixture("outlook-cancel.ics") },
      ],
      OPTIONS,
    ) as Extract<CalendarFile, { ok: true }>[];
    expect(again.occurrences[1]).toMatchObject({ summary: "Interview: Grace Hopper", import: true });
  });
});

describe("an Apple iCloud export", () => {
  const occurrences = read("icloud-export.ics");

  it("reads urn:uuid attendees by their EMAIL parameter, and floating times in X-WR-TIMEZONE", () => {
    expect(table(occurrences)).toEqual([
      [
        "Katherine Johnson – phone screen",
        "2026-11-12T19:00:00.000Z",
        "2026-11-12T19:30:00.000Z",
        "America/Los_Angeles",
        "event TZID",
        true,
        null,
      ],
      // DTSTART:20261117T140000 (no zone): 14:00 in Los Angeles, 22:00 UTC.
      [
        "Katherine Johnson – technical interview",
        "2026-11-17T22:00:00.000Z",
        "2026-11-17T23:00:00.000Z",
        "America/Los_Angeles",
        "calendar X-WR-TIMEZONE",
        true,
        null,
      ],
      [
        "Katherine Johnson – onsite",
        "2026-12-02T17:00:00.000Z",
        "2026-12-02T20:00:00.000Z",
        "America/Los_Angeles",
        "event TZID",
        false,
        "Cancelled (STATUS:CANCELLED).",
      ],
    ]);
    expect(occurrences[0].attendees).toEqual([
      { email: "katherine@example.net", name: "Katherine Johnson", partstat: "ACCEPTED" },
      { email: "dana@agency.test", name: "Dana Whitfield", partstat: "ACCEPTED" },
    ]);
    expect(occurrences[0].organizer?.email).toBe("dana@agency.test");
    expect(occurrences[0].notes).toBe(
      "Call her mobile. Ask about the orbital mechanics project and her notice period.",
    );
    // Nothing but a Zoom join block.
    expect(occurrences[1].notes).toBe("");
  });

  it("reads the same floating time in the organization's zone when the calendar names none", () => {
    const [booking] = read("scheduler-floating.ics");
    expect([booking.start, booking.end, booking.timeZone, booking.zoneRule]).toEqual([
      "2026-11-25T21:00:00.000Z",
      "2026-11-25T21:30:00.000Z",
      "America/Chicago",
      "organization default",
    ]);
  });
});

describe("files that are not calendars", () => {
  it("reports a cut-off file as one failed file, and reads the others", () => {
    const results = readCalendarFiles(
      ["broken.ics", "scheduler-floating.ics"].map((name) => ({ name, text: fixture(name) })),
      OPTIONS,
    );
    expect(results[0]).toEqual({
      file: "broken.ics",
      ok: false,
      error: "The file is cut off: BEGIN:VEVENT has no END:VEVENT.",
    });
    expect(results[1]).toMatchObject({ ok: true, occurrences: [{ import: true }] });
  });

  it.each([
    [
      "an HTML page",
      "<!DOCTYPE html><html><body>Sign in</body></html>",
      "does not begin with BEGIN:VCALENDAR",
    ],
    ["an empty file", "", "does not begin with BEGIN:VCALENDAR"],
    [
      "crossed components",
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
      "END:VCALENDAR where END:VEVENT",
    ],
  ])("refuses %s with a message", (_, text, message) => {
    const result = readCalendarFile("x.ics", text, OPTIONS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });

  it("refuses one unreadable event and reads the rest of its file", () => {
    const text = fixture("scheduler-floating.ics").replace(
      "END:VCALENDAR",
      [
        "BEGIN:VEVENT",
        "UID:bad-rule@scheduler.example",
        "DTSTART:20261126T150000",
        "RRULE:FREQ=SOMETIMES",
        "SUMMARY:Broken repeat",
        "ATTENDEE:mailto:radia@example.test",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:no-start@scheduler.example",
        "SUMMARY:No start",
        "ATTENDEE:mailto:radia@example.test",
        "END:VEVENT",
        "END:VCALENDAR",
      ].join("\n"),
    );
    const result = readCalendarFile("x.ics", text, OPTIONS);
    expect(result.ok && result.occurrences.map((o) => [o.summary, o.import, o.reason])).toEqual([
      ["Screening call – Radia Perlman", true, null],
      ["Broken repeat", false, expect.stringContaining("cannot be read")],
      ["No start", false, "The event has no valid start (DTSTART)."],
    ]);
  });
});

describe("times", () => {
  const one = (lines: string[], head: string[] = []) => {
    const text = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      ...head,
      "BEGIN:VEVENT",
      "UID:u1",
      ...lines,
      "ATTENDEE:mailto:a@example.test",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const result = readCalendarFile("x.ics", text, OPTIONS);
    if (!result.ok) throw new Error(result.error);
    return result.occurrences[0];
  };

  it("gives an event with no end an hour, and refuses one that ends before it starts", () => {
    expect(one(["DTSTART:20261110T100000Z"]).end).toBe("2026-11-10T11:00:00.000Z");
    expect(one(["DTSTART:20261110T100000Z", "DURATION:PT45M"]).end).toBe("2026-11-10T10:45:00.000Z");
    expect(one(["DTSTART:20261110T100000Z", "DTEND:20261110T090000Z"]).reason).toBe(
      "It ends (DTEND) before it starts (DTSTART).",
    );
  });

  it("refuses a year that is a typo, and a time beyond the horizon", () => {
    expect(one(["DTSTART:99991231T140000Z"]).reason).toBe(
      "The event's start (31 Dec 9999, 14:00 UTC) is more than two years ahead; check the year.",
    );
    expect(one(["DTSTART:20280301T140000Z"]).reason).toBe(
      "It is more than a year ahead: outside the import horizon.",
    );
  });

  it("takes Outlook's midnight-to-midnight all-day flag for an all-day event", () => {
    expect(
      one([
        "DTSTART;TZID=W. Europe Standard Time:20261124T000000",
        "DTEND;TZID=W. Europe Standard Time:20261125T000000",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
      ]),
    ).toMatchObject({
      start: "2026-11-23T23:00:00.000Z",
      import: false,
      reason: "An all-day event has no interview time.",
    });
  });

  it("does not take a timed repeat by the minute for an interview", () => {
    expect(one(["DTSTART:20261110T100000Z", "RRULE:FREQ=MINUTELY;COUNT=100000"]).reason).toBe(
      "It repeats minutely: not an interview.",
    );
  });

  it("reads an X-WR-TIMEZONE written as a Windows name", () => {
    expect(one(["DTSTART:20261110T100000"], ["X-WR-TIMEZONE:Romance Standard Time"])).toMatchObject({
      start: "2026-11-10T09:00:00.000Z",
      timeZone: "Europe/Paris",
      zoneRule: "calendar X-WR-TIMEZONE",
    });
  });

  it("does not depend on the server's zone", () => {
    const before = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    try {
      expect(one(["DTSTART:20261110T100000"]).start).toBe("2026-11-10T16:00:00.000Z");
    } finally {
      process.env.TZ = before;
    }
  });
});
