import { describe, expect, it } from "vitest";
import { mappingIssues, mappingProblems, normalizeHeader, suggestMapping } from "./fields";

describe("suggestMapping", () => {
  it("reads our own documented headers", () => {
    const headers = [
      "name",
      "email",
      "position",
      "interview_start",
      "interview_end",
      "time_zone",
      "interviewer",
      "notes",
      "follow_up_at",
      "follow_up_body",
    ];
    expect(suggestMapping(headers)).toEqual({
      name: 0,
      email: 1,
      position: 2,
      interview_start: 3,
      interview_end: 4,
      time_zone: 5,
      interviewer: 6,
      notes: 7,
      follow_up_at: 8,
      follow_up_body: 9,
    });
  });

  it("reads a Greenhouse-like export, without taking Candidate ID for the name", () => {
    const m = suggestMapping([
      "Candidate ID",
      "First Name",
      "Last Name",
      "Email",
      "Job",
      "Current Stage",
      "Interview Date",
      "Interview Time",
      "Interviewer",
      "Interview Type",
      "Scorecard",
    ]);
    expect(m).toMatchObject({
      first_name: 1,
      last_name: 2,
      email: 3,
      position: 4,
      stage: 5,
      interview_date: 6,
      interview_time: 7,
      interviewer: 8,
      format: 9,
      notes: 10,
    });
    expect(m.name).toBeUndefined();
  });

  it("reads a Lever-like export", () => {
    expect(
      suggestMapping([
        "Name",
        "Emails",
        "Posting",
        "Stage",
        "Interview Date",
        "Interviewer",
        "Feedback",
        "Origin",
      ]),
    ).toMatchObject({
      name: 0,
      email: 1,
      position: 2,
      stage: 3,
      interview_date: 4,
      interviewer: 5,
      notes: 6,
      source: 7,
    });
  });

  it("uses each column once", () => {
    const m = suggestMapping(["Requisition Title", "Candidate Email Address"]);
    expect(m.position).toBe(0);
    expect(m.email).toBe(1);
  });

  it("normalizes punctuation and case", () => {
    expect(normalizeHeader("  Follow-Up_Received (UTC) ")).toBe("follow up received utc");
  });
});

describe("mappingProblems", () => {
  it("asks for name, email and position", () => {
    expect(mappingProblems({})).toHaveLength(3);
    expect(mappingProblems({ first_name: 0, email: 1, position: 2 })).toEqual([]);
    expect(mappingProblems({ name: 0, email: 1, position: 2, follow_up_at: 3 })).toEqual([
      "A follow-up date needs the column with the follow-up text.",
    ]);
  });
});

describe("mappingIssues", () => {
  it("names the field each problem belongs beside", () => {
    expect(mappingIssues({ name: 0, email: 1, position: 2, interview_time: 3 })).toEqual([
      { field: "interview_date", message: "An interview time needs the column with the interview date." },
    ]);
    expect(mappingIssues({}).map((i) => i.field)).toEqual(["name", "email", "position"]);
  });
});

describe("suggestMapping with the file's values", () => {
  const headers = [
    "Candidate ID",
    "First Name",
    "Last Name",
    "Email",
    "Job",
    "Current Stage",
    "Status",
    "Recruiter",
    "Interview",
    "Interview Date",
    "Owner",
    "Interviewer",
  ];
  const rows = [
    [
      "1",
      "Ada",
      "L",
      "a@x.test",
      "AE",
      "Onsite",
      "Hired",
      "Sam",
      "Phone Screen",
      "3/14/2026 2:30 PM",
      "Sam",
      "Priya",
    ],
    [
      "2",
      "Bo",
      "M",
      "b@x.test",
      "AE",
      "Team Interview",
      "Active",
      "Sam",
      "Onsite",
      "3/15/2026 9:00 AM",
      "Sam",
      "Li",
    ],
  ];

  it("takes an Interview column of round names as the title, and Status as the outcome", () => {
    expect(suggestMapping(headers, rows)).toMatchObject({
      interview_start: null,
      interview_date: 9,
      title: 8,
      stage: 5,
      outcome: 6,
      interviewer: 11,
    });
  });

  it("reads a lone status column of stage words as the stage", () => {
    const m = suggestMapping(["Name", "Email", "Job", "Status"], [["A", "a@x.test", "AE", "Phone Screen"]]);
    expect(m).toMatchObject({ stage: 3, outcome: null });
  });

  it("drops a time guess whose values are not times", () => {
    const m = suggestMapping(["Name", "Interview Date", "Time"], [["A", "3/14/2026", "45 days"]]);
    expect(m).toMatchObject({ interview_date: 1, interview_time: null });
    expect(suggestMapping(["Name", "Interview Date", "Time"], [["A", "3/14/2026", "2:30 PM"]])).toMatchObject(
      {
        interview_time: 2,
      },
    );
  });

  it("keeps a date guess whose values are dates", () => {
    const m = suggestMapping(["Name", "Interview"], [["A", "2026-03-14 10:00"]]);
    expect(m).toMatchObject({ interview_start: 1 });
    expect(m.title ?? null).toBeNull();
  });
});
