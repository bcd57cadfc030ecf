// The Import pages' forms: each mistake is reported beside its field, in the page's own words.
import { describe, expect, it } from "vitest";
import {
  csvImportSchema,
  CsvUploadSchema,
  EmlUploadSchema,
  IcsImportSchema,
  IcsUploadSchema,
  InboxActionSchema,
  valueKey,
  valueMapFromForm,
} from "./schemas";
import { MAX_CSV_BYTES, MAX_ICS_BYTES } from "./limits";

type Result = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };

function messages(result: Result): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[String(issue.path[0])] ??= []).push(issue.message);
  return out;
}

/** A File that claims `size` bytes without holding them. */
function fileOfSize(name: string, size: number): File {
  const file = new File(["x"], name);
  Object.defineProperty(file, "size", { value: size });
  return file;
}

describe("the CSV upload", () => {
  it("asks for a file when none is chosen (the browser sends an empty one) or none is sent", () => {
    for (const csv of [new File([], ""), null, "text"])
      expect(messages(CsvUploadSchema.safeParse({ csv }))).toEqual({ csv: ["Choose a CSV file to upload."] });
  });

  it("refuses a file over the limit with the way around it", () => {
    expect(messages(CsvUploadSchema.safeParse({ csv: fileOfSize("big.csv", MAX_CSV_BYTES + 1) }))).toEqual({
      csv: ["The file is over 50 MB; split it, or import it with npm run import."],
    });
    expect(CsvUploadSchema.safeParse({ csv: fileOfSize("ok.csv", MAX_CSV_BYTES) }).success).toBe(true);
  });
});

describe("the CSV mapping", () => {
  const schema = csvImportSchema(3);
  const settings = { clientId: "7", timeZone: "Europe/Paris", dateOrder: "dmy" };

  it("gives the import its settings and mapping; a column outside the file counts as none", () => {
    const result = schema.safeParse({
      intent: "import",
      ...settings,
      "map.name": "0",
      "map.email": "1",
      "map.position": "2",
      "map.phone": "3",
      "map.notes": "",
      skipBadRows: "1",
    });
    expect(result.success && result.data).toMatchObject({
      intent: "import",
      clientId: 7,
      timeZone: "Europe/Paris",
      dateOrder: "dmy",
      skipBadRows: true,
      mapping: { name: 0, email: 1, position: 2, phone: null, notes: null },
    });
  });

  it("puts each missing column beside its field, together with the settings' mistakes", () => {
    const result = schema.safeParse({
      intent: "check",
      clientId: "",
      timeZone: "Mars/Olympus",
      "map.name": "0",
      "map.interview_time": "1",
    });
    expect(messages(result)).toEqual({
      clientId: ["Choose the client for rows that do not name one."],
      timeZone: ["Choose a time zone from the list, like America/New_York."],
      "map.email": ["Choose the column with the candidate's email: re-imports find the same person by it."],
      "map.position": ["Choose the column with the position (job title)."],
      "map.interview_date": ["An interview time needs the column with the interview date."],
    });
  });

  it("takes month-first dates when the form does not say, and cancels without the rest", () => {
    const result = schema.safeParse({
      intent: "check",
      clientId: "7",
      timeZone: "UTC",
      "map.name": "0",
      "map.email": "1",
      "map.position": "2",
    });
    expect(result.success && result.data).toMatchObject({ dateOrder: "mdy" });
    expect(schema.safeParse({ intent: "cancel" }).success).toBe(true);
    expect(schema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});

describe("the .eml and .ics uploads", () => {
  it("ask for files when none is chosen", () => {
    expect(messages(EmlUploadSchema.safeParse({ eml: [new File([], "")] }))).toEqual({
      eml: ["Choose one or more .eml files."],
    });
    expect(messages(IcsUploadSchema.safeParse({ ics: [] }))).toEqual({
      ics: ["Choose one or more .ics files."],
    });
  });

  it("keep the chosen files, and refuse a calendar file over its limit", () => {
    const eml = EmlUploadSchema.safeParse({ eml: [new File(["x"], "a.eml"), new File([], "")] });
    expect(eml.success && eml.data.eml.map((f) => f.name)).toEqual(["a.eml"]);
    expect(
      messages(
        IcsUploadSchema.safeParse({
          ics: [new File(["x"], "a.ics"), fileOfSize("b.ics", MAX_ICS_BYTES + 1)],
        }),
      ),
    ).toEqual({ ics: ["A calendar file is over 5 MB."] });
  });

  it("import .ics events only with a client", () => {
    expect(IcsImportSchema.safeParse({ clientId: "4" }).data).toEqual({ clientId: 4 });
    expect(IcsImportSchema.safeParse({ clientId: "" }).success).toBe(false);
  });
});

describe("the inbox", () => {
  it("assigns a message to the interview chosen, or asks for one", () => {
    expect(InboxActionSchema.safeParse({ intent: "assign", messageId: "3", interviewId: "9" }).data).toEqual({
      intent: "assign",
      messageId: 3,
      interviewId: 9,
    });
    expect(
      messages(InboxActionSchema.safeParse({ intent: "assign", messageId: "3", interviewId: "" })),
    ).toEqual({
      interviewId: ["Choose the interview this message follows up."],
    });
  });

  it("discards a message without an interview", () => {
    expect(InboxActionSchema.safeParse({ intent: "discard", messageId: "3" }).data).toEqual({
      intent: "discard",
      messageId: 3,
    });
  });
});

describe("valueMapFromForm", () => {
  it("reads the preview's value selects, ignoring empty choices and words that are not ours", () => {
    expect(
      valueMapFromForm({
        [valueKey("stage", "Bar Raiser")]: "final",
        [valueKey("outcome", "On ice")]: "",
        [valueKey("format", "Pigeon")]: "carrier",
        "value.position.AE": "final",
        "map.stage": "3",
      }),
    ).toEqual({ stage: { "bar raiser": "final" } });
  });
});
