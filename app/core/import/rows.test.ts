import { describe, expect, it } from "vitest";
import { suggestMapping } from "./fields";
import { validateRow, type ImportOptions } from "./rows";

const OPTIONS: ImportOptions = { timeZone: "America/New_York", dateOrder: "mdy", defaultDurationMinutes: 60 };
const HEADERS = [
  "name",
  "email",
  "position",
  "stage",
  "interview_start",
  "interview_end",
  "time_zone",
  "interviewer",
  "format",
  "round",
  "notes",
  "follow_up_at",
  "follow_up_body",
];
const MAPPING = suggestMapping(HEADERS);

/** A good row, with some cells changed. */
function row(overrides: Partial<Record<(typeof HEADERS)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    name: "Ada Lovelace",
    email: "Ada@Example.test",
    position: "Account Executive",
    stage: "Onsite",
    interview_start: "2026-11-02 10:00",
    interview_end: "",
    time_zone: "",
    interviewer: "Priya Shah",
    format: "Zoom",
    round: "2",
    notes: "Pipeline",
    follow_up_at: "2026-11-02 14:00",
    follow_up_body: "Thank you for the conversation about the pipeline.",
  };
  return HEADERS.map((h) => overrides[h] ?? base[h]);
}

describe("validateRow", () => {
  it("refuses dates outside the range the app accepts, with the row and the column", () => {
    const now = Date.parse("2026-12-05T08:00:00Z");
    const result = validateRow(row({ follow_up_at: "12/31/9999 11:59 PM" }), 7, MAPPING, HEADERS, {
      ...OPTIONS,
      now,
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          row: 7,
          column: "follow_up_at",
          message:
            "The follow-up date (1 Jan 10000, 04:59 UTC) is more than a day after now: a message cannot arrive in the future; check the year.",
        },
      ],
      unknown: [],
    });
    const early = validateRow(
      row({ interview_start: "1901-01-01 10:00", follow_up_at: "", follow_up_body: "" }),
      3,
      MAPPING,
      HEADERS,
      { ...OPTIONS, now },
    );
    expect(early).toEqual({
      ok: false,
      errors: [
        {
          row: 3,
          column: "interview_start",
          message: "The interview start (1 Jan 1901, 15:00 UTC) is before 1 Jan 2000; check the year.",
        },
      ],
      unknown: [],
    });
    const ahead = validateRow(
      row({ interview_start: "2031-11-02 10:00", follow_up_at: "", follow_up_body: "" }),
      4,
      MAPPING,
      HEADERS,
      { ...OPTIONS, now },
    );
    expect(ahead.ok === false && ahead.errors.map((e) => [e.column, e.message])).toEqual([
      [
        "interview_start",
        "The interview start (2 Nov 2031, 15:00 UTC) is more than two years ahead; check the year.",
      ],
    ]);
  });

  it("reads a good row into records", () => {
    const result = validateRow(row(), 2, MAPPING, HEADERS, OPTIONS);
    expect(result).toEqual({
      ok: true,
      record: {
        row: 2,
        candidate: { name: "Ada Lovelace", email: "ada@example.test", phone: null, source: null },
        client: null,
        position: "Account Executive",
        stage: "interview",
        outcome: null,
        interview: {
          startsAt: "2026-11-02T15:00:00.000Z",
          endsAt: "2026-11-02T16:00:00.000Z",
          timeZone: "America/New_York",
          interviewerName: "Priya Shah",
          interviewerEmail: null,
          format: "video",
          round: 2,
          title: null,
          notes: "Pipeline",
        },
        followUp: {
          receivedAt: "2026-11-02T19:00:00.000Z",
          channel: "email",
          subject: null,
          body: "Thank you for the conversation about the pipeline.",
        },
      },
      unknown: [],
    });
  });

  it("uses the row's own time zone and an end given as a time", () => {
    const result = validateRow(
      row({ time_zone: "Europe/London", interview_end: "11:30" }),
      2,
      MAPPING,
      HEADERS,
      OPTIONS,
    );
    expect(result.ok && result.record.interview).toMatchObject({
      startsAt: "2026-11-02T10:00:00.000Z",
      endsAt: "2026-11-02T11:30:00.000Z",
      timeZone: "Europe/London",
    });
  });

  it("reads a closing stage as the outcome", () => {
    const result = validateRow(row({ stage: "Hired" }), 2, MAPPING, HEADERS, OPTIONS);
    expect(result.ok && [result.record.stage, result.record.outcome]).toEqual(["closed", "hired"]);
  });

  it.each([
    [{ name: "" }, "name", "name is empty"],
    [{ email: "" }, "email", "email is empty"],
    [{ email: "ada at example" }, "email", "not an email"],
    [{ position: "" }, "position", "position is empty"],
    [{ interview_start: "2026-02-30 10:00" }, "interview_start", "not a real date"],
    [{ interview_start: "2026-11-02" }, "interview_start", "no time of day"],
    [{ time_zone: "Mars/Olympus" }, "time_zone", "not a time zone"],
    [{ interview_end: "2026-11-02 09:00" }, "interview_end", "ends before it starts"],
    [{ interviewer: "" }, "interviewer", "interviewer is empty"],
    [{ round: "0" }, "round", "not a round"],
    [{ follow_up_at: "2026-11-02 10:30" }, "follow_up_at", "before the interview ended"],
    [{ follow_up_body: "" }, "follow_up_body", "has no text"],
    [
      { follow_up_body: "I am out of the office until Monday with limited access to email." },
      "follow_up_body",
      "automatic reply",
    ],
    [
      { interview_start: "", follow_up_at: "", follow_up_body: "", interviewer: "Priya" },
      "interview_start",
      "no interview date",
    ],
  ])("reports %o in column %s", (overrides, column, message) => {
    const result = validateRow(row(overrides), 7, MAPPING, HEADERS, OPTIONS);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual({ row: 7, column, message: expect.stringContaining(message) });
  });

  it("lists values it cannot read instead of refusing the row, and reads them through the value map", () => {
    const result = validateRow(row({ stage: "Dreaming", format: "Pigeon" }), 7, MAPPING, HEADERS, OPTIONS);
    expect(result.ok).toBe(true);
    expect(result.unknown).toEqual([
      { field: "stage", value: "Dreaming" },
      { field: "format", value: "Pigeon" },
    ]);
    expect(result.ok && [result.record.stage, result.record.interview?.format]).toEqual([null, "video"]);
    const mapped = validateRow(row({ stage: "Dreaming", format: "Pigeon" }), 7, MAPPING, HEADERS, {
      ...OPTIONS,
      valueMap: { stage: { dreaming: "final" }, format: { pigeon: "" } },
    });
    expect(mapped.unknown).toEqual([]);
    expect(mapped.ok && [mapped.record.stage, mapped.record.interview?.format]).toEqual(["final", "video"]);
  });

  it("reads a status column as the outcome and keeps the round's name as the title", () => {
    const headers = [
      "Name",
      "Email",
      "Job",
      "Current Stage",
      "Status",
      "Interview",
      "Interview Date",
      "Interviewer",
    ];
    const cells = [
      "Ada",
      "ada@example.test",
      "AE",
      "Hiring Manager",
      "Hired",
      "Phone Screen",
      "3/14/2026 2:30 PM",
      "Priya",
    ];
    const mapping = suggestMapping(headers, [cells]);
    const result = validateRow(cells, 2, mapping, headers, OPTIONS);
    expect(result.ok && result.record).toMatchObject({
      stage: "interview",
      outcome: "hired",
      interview: {
        title: "Phone Screen",
        round: null,
        format: "phone",
        startsAt: "2026-03-14T18:30:00.000Z",
      },
    });
  });

  it("reads a Bullhorn-style lone Status column of submission statuses as the stage, and its outcome", () => {
    const headers = ["Candidate", "Email", "Job Title", "Status"];
    const rows = [
      ["A", "a@x.test", "AE", "Submitted"],
      ["B", "b@x.test", "AE", "Interview Scheduled"],
      ["C", "c@x.test", "AE", "Placed"],
      ["D", "d@x.test", "AE", "Client Rejected"],
    ];
    const mapping = suggestMapping(headers, rows);
    expect(mapping).toMatchObject({ stage: 3, outcome: null });
    const read = rows.map((cells, i) => {
      const r = validateRow(cells, i + 2, mapping, headers, OPTIONS);
      return r.ok ? [r.record.stage, r.record.outcome] : r.errors;
    });
    expect(read).toEqual([
      ["applied", null],
      ["interview", null],
      ["closed", "hired"],
      ["closed", "rejected"],
    ]);
  });

  it("takes the first address when the email cell lists several", () => {
    const result = validateRow(row({ email: "Ada@Work.test, ada@home.test" }), 2, MAPPING, HEADERS, OPTIONS);
    expect(result.ok && result.record.candidate.email).toBe("ada@work.test");
  });

  it("joins first and last names", () => {
    const headers = ["First Name", "Last Name", "Email", "Job"];
    const result = validateRow(
      ["Grace", "Hopper", "g@example.test", "AE"],
      3,
      suggestMapping(headers),
      headers,
      OPTIONS,
    );
    expect(result.ok && result.record.candidate.name).toBe("Grace Hopper");
  });
});
