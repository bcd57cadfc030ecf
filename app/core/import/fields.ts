// The fields an import row can fill, and which CSV column most likely means which field. Headers
// differ from one applicant tracking system to the next ("Candidate Name", "Job", "Requisition",
// "Current Stage"…), so each field lists the header words that usually mean it; the recruiter confirms
// or changes the suggestion on the preview screen.

import type { DemographicDimension } from "../demographics";
import { outcomeOf, stageOf } from "./ats-words";
import { parseDate, parseDateTime, parseTime } from "./dates";

export const IMPORT_FIELDS = [
  "name",
  "first_name",
  "last_name",
  "email",
  "phone",
  "source",
  "client",
  "position",
  "stage",
  "outcome",
  "interview_start",
  "interview_date",
  "interview_time",
  "interview_end",
  "duration_minutes",
  "time_zone",
  "interviewer",
  "interviewer_email",
  "format",
  "round",
  "title",
  "notes",
  "follow_up_at",
  "follow_up_channel",
  "follow_up_subject",
  "follow_up_body",
  // Self-identified demographics (issue 21): imported only for users with the compliance permission.
  "sex",
  "race_ethnicity",
  "age_band",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  name: "Candidate name",
  first_name: "First name",
  last_name: "Last name",
  email: "Candidate email",
  phone: "Phone",
  source: "Source",
  client: "Client",
  position: "Position (job title)",
  stage: "Stage",
  outcome: "Outcome",
  interview_start: "Interview start (date and time)",
  interview_date: "Interview date",
  interview_time: "Interview time",
  interview_end: "Interview end",
  duration_minutes: "Interview length (minutes)",
  time_zone: "Time zone",
  interviewer: "Interviewer",
  interviewer_email: "Interviewer email",
  format: "Format (phone, video, onsite)",
  round: "Round",
  title: "Interview title (round name)",
  notes: "Interview notes",
  follow_up_at: "Follow-up received (date and time)",
  follow_up_channel: "Follow-up channel",
  follow_up_subject: "Follow-up subject",
  follow_up_body: "Follow-up text",
  sex: "Sex (self-identified)",
  race_ethnicity: "Race/Ethnicity (self-identified)",
  age_band: "Age band (self-identified)",
};

/** The import fields of self-identified demographics, and the question each answers. */
export const DEMOGRAPHIC_FIELDS = {
  sex: "sex",
  race_ethnicity: "raceEthnicity",
  age_band: "ageBand",
} as const satisfies Partial<Record<ImportField, DemographicDimension>>;

/** Header spellings, normalized (lower case, letters and digits separated by single spaces). */
const SYNONYMS: Record<ImportField, string[]> = {
  name: ["name", "candidate", "candidate name", "full name", "applicant", "applicant name", "contact name"],
  first_name: ["first name", "first", "given name", "candidate first name", "firstname"],
  last_name: ["last name", "last", "surname", "family name", "candidate last name", "lastname"],
  email: [
    "email",
    "candidate email",
    "email address",
    "e mail",
    "emails",
    "applicant email",
    "contact email",
    "personal email",
  ],
  phone: ["phone", "phone number", "candidate phone", "mobile", "phones", "telephone"],
  source: ["source", "candidate source", "origin", "sourced from", "referral source"],
  client: ["client", "company", "client name", "customer", "account"],
  position: [
    "position",
    "job",
    "job title",
    "job name",
    "title",
    "requisition",
    "req",
    "requisition title",
    "posting",
    "opening",
    "role",
    "position title",
    "vacancy",
  ],
  stage: ["stage", "current stage", "pipeline stage", "application stage", "stage name", "current step"],
  // A status column says how the application stands (Active, Hired, Rejected): the outcome. When a file
  // has a status column and no stage column, its values decide (see suggestMapping).
  outcome: [
    "outcome",
    "result",
    "disposition",
    "decision",
    "hire status",
    "status",
    "application status",
    "candidate status",
    "current status",
    "submission status",
    "archive reason",
    "archived reason",
  ],
  interview_start: [
    "interview start",
    "interview",
    "interview date time",
    "interview datetime",
    "scheduled",
    "scheduled at",
    "start",
    "start time",
    "starts at",
    "interview at",
  ],
  interview_date: ["interview date", "date", "scheduled date", "date of interview"],
  interview_time: ["interview time", "time", "scheduled time", "start time of day"],
  interview_end: ["interview end", "end", "end time", "ends at", "interview end time"],
  duration_minutes: ["duration", "duration minutes", "length", "interview length", "minutes", "duration min"],
  time_zone: ["time zone", "timezone", "tz", "zone"],
  interviewer: [
    "interviewer",
    "interviewers",
    "interviewer name",
    "interviewed by",
    "panel",
    "owner",
    "hiring manager",
  ],
  interviewer_email: ["interviewer email", "interviewer emails"],
  format: ["format", "interview type", "type", "interview format", "medium", "location type"],
  round: ["round", "interview round", "round number"],
  title: [
    "interview title",
    "interview name",
    "round name",
    "interview kind",
    "event name",
    "interview step",
  ],
  notes: ["notes", "interview notes", "feedback", "comments", "scorecard", "summary", "note"],
  follow_up_at: [
    "follow up at",
    "follow up received",
    "follow up date",
    "followup at",
    "thank you received",
    "follow up received at",
    "follow up sent",
  ],
  follow_up_channel: ["follow up channel", "channel"],
  follow_up_subject: ["follow up subject", "subject"],
  follow_up_body: [
    "follow up",
    "follow up text",
    "follow up body",
    "follow up message",
    "thank you note",
    "message",
    "body",
  ],
  sex: ["sex", "gender", "eeo sex", "eeo gender", "eeoc gender", "self identified sex", "gender identity"],
  race_ethnicity: [
    "race ethnicity",
    "race",
    "ethnicity",
    "race and ethnicity",
    "race or ethnicity",
    "eeo race",
    "eeoc race",
    "eeo race ethnicity",
  ],
  age_band: ["age band", "age range", "age group", "age bracket", "age"],
};

export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[_\-./]+/g, " ")
    .replace(/[^a-z0-9 ]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Which column is which field: field → column index, or null when no column fills it. */
export type ColumnMapping = Partial<Record<ImportField, number | null>>;

/**
 * Suggests a column for each field from the headers: exact spellings first, then a header that
 * contains a synonym as whole words. Each column fills at most one field. With the file's first rows,
 * the guesses are then checked against the values (checkGuesses).
 */
export function suggestMapping(
  headers: readonly string[],
  rows: readonly (readonly string[])[] = [],
): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  // Exact matches first, over all fields, so that "Interview Date" goes to interview_date before
  // "interview" (start) claims it by containment.
  for (const field of IMPORT_FIELDS) {
    // The likelier spelling first: "Interviewer" before "Owner", whichever comes first in the file.
    const index =
      SYNONYMS[field]
        .map((synonym) => normalized.findIndex((h, i) => !used.has(i) && h === synonym))
        .find((i) => i >= 0) ?? -1;
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  // Then headers that contain a synonym as whole words, longest synonym first: "Candidate Email
  // Address" holds both "candidate" (name) and "candidate email", and the longer says more.
  const options: { field: ImportField; index: number; length: number }[] = [];
  normalized.forEach((h, index) => {
    // "Candidate ID", "Job ID": identifiers are never the thing they identify.
    if (used.has(index) || /\b(id|ids|number|no)$/.test(h)) return;
    for (const field of IMPORT_FIELDS) {
      for (const s of SYNONYMS[field])
        if (s.length > 3 && ` ${h} `.includes(` ${s} `)) options.push({ field, index, length: s.length });
    }
  });
  options.sort((a, b) => b.length - a.length || a.index - b.index);
  for (const { field, index } of options) {
    if (mapping[field] != null || used.has(index)) continue;
    if (field === "name" && (mapping.first_name != null || mapping.last_name != null)) continue;
    mapping[field] = index;
    used.add(index);
  }
  return rows.length > 0 ? checkGuesses(mapping, headers, rows) : mapping;
}

const DATE_FIELDS = ["interview_start", "interview_date", "interview_end", "follow_up_at"] as const;

/** The column's non-empty values in these rows. */
function valuesOf(rows: readonly (readonly string[])[], index: number): string[] {
  return rows.map((r) => (r[index] ?? "").trim()).filter(Boolean);
}

function looksLikeDate(value: string): boolean {
  return (["mdy", "dmy"] as const).some(
    (order) => parseDateTime(value, "UTC", order).ok || parseDate(value, order).ok,
  );
}

/** Most of the values read as our words of one kind and not the other. */
function leansTo(values: string[], kind: "stage" | "outcome"): boolean {
  let stages = 0;
  let outcomes = 0;
  for (const v of values) {
    const stage = stageOf(v) !== null;
    const outcome = outcomeOf(v) !== null;
    if (stage && !outcome) stages += 1;
    if (outcome && !stage) outcomes += 1;
  }
  return kind === "stage" ? stages > outcomes : outcomes > stages;
}

/**
 * The header guesses checked against the values: a date field whose column holds no dates is
 * dropped (a column named "Interview" holding "Phone Screen" is the round's name: the interview's
 * title); a status column holding stage words is the stage when no other column is, and not the
 * outcome when one is.
 */
export function checkGuesses(
  suggested: ColumnMapping,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): ColumnMapping {
  const mapping = { ...suggested };
  for (const field of DATE_FIELDS) {
    const index = mapping[field];
    if (index == null) continue;
    const values = valuesOf(rows, index);
    if (values.length === 0 || values.filter(looksLikeDate).length * 2 >= values.length) continue;
    mapping[field] = null;
    // "Current Interview Stage" is the stage; "Interview" holding "Phone Screen" is the round's name.
    const header = normalizeHeader(headers[index] ?? "");
    if (mapping.stage == null && /\b(stage|status|step)\b/.test(header)) mapping.stage = index;
    else if (mapping.title == null && /\b(interview|round|event)\b/.test(header)) mapping.title = index;
  }
  // A time column whose values are not times ("Interview Time Zone", "Time to hire") is not the time.
  const time = mapping.interview_time;
  if (time != null) {
    const values = valuesOf(rows, time);
    if (values.length > 0 && values.filter((v) => parseTime(v).ok).length * 2 < values.length)
      mapping.interview_time = null;
  }
  // With no date left for the interview, a column named like one whose values are dates and times.
  if (mapping.interview_start == null && mapping.interview_date == null) {
    const taken = new Set(Object.values(mapping).filter((i): i is number => i != null));
    const index = headers.findIndex((h, i) => {
      if (taken.has(i) || !/\b(interview|scheduled|start|starts|meeting|event)\b/.test(normalizeHeader(h)))
        return false;
      const values = valuesOf(rows, i);
      return values.length > 0 && values.every((v) => parseDateTime(v, "UTC", "mdy").ok);
    });
    if (index >= 0) mapping.interview_start = index;
  }
  const outcome = mapping.outcome;
  if (outcome != null) {
    const values = valuesOf(rows, outcome);
    if (values.length > 0 && leansTo(values, "stage")) {
      mapping.outcome = null;
      if (mapping.stage == null) mapping.stage = outcome;
    }
  }
  return mapping;
}

/** What is missing from a mapping before an import can run: the field to choose a column for, and why. */
export function mappingIssues(mapping: ColumnMapping): { field: ImportField; message: string }[] {
  const has = (f: ImportField) => mapping[f] != null;
  const issues: { field: ImportField; message: string }[] = [];
  if (!has("name") && !has("first_name") && !has("last_name"))
    issues.push({
      field: "name",
      message: "Choose the column with the candidate's name (or first and last name).",
    });
  if (!has("email"))
    issues.push({
      field: "email",
      message: "Choose the column with the candidate's email: re-imports find the same person by it.",
    });
  if (!has("position"))
    issues.push({ field: "position", message: "Choose the column with the position (job title)." });
  if (has("follow_up_at") && !has("follow_up_body"))
    issues.push({
      field: "follow_up_body",
      message: "A follow-up date needs the column with the follow-up text.",
    });
  if (has("interview_time") && !has("interview_date"))
    issues.push({
      field: "interview_date",
      message: "An interview time needs the column with the interview date.",
    });
  return issues;
}

/** The fields that must be mapped before an import can run, as a plain sentence per problem. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  return mappingIssues(mapping).map((issue) => issue.message);
}
