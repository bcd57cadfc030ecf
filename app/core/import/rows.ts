// One CSV row, read through the recruiter's column mapping into a candidate, an application and,
// when the row has them, an interview and its follow-up. Every problem is reported with the row
// number, the column's header and a plain reason; a row with any problem is not imported.
import { z } from "zod";
import type { Channel } from "../channels";
import type { InterviewFormat } from "../interview-formats";
import type { Outcome } from "../outcomes";
import type { Stage } from "../stages";
import { autoReplyReason } from "../auto-reply";
import { dateRangeProblem, isTimeZone } from "../time";
import { combineDateTime, parseDate, parseDateTime, type DateOrder } from "./dates";
import { readAnswer, type DemographicAnswers, type DemographicCategories } from "../demographics";
import { DEMOGRAPHIC_FIELDS, FIELD_LABELS, type ColumnMapping, type ImportField } from "./fields";
import { formatOf, mappedValue, outcomeOf, type ValueField, type ValueMap } from "./ats-words";

export interface ImportOptions {
  /** The zone for dates written without an offset, unless the row has its own time zone column. */
  timeZone: string;
  dateOrder: DateOrder;
  /** Interview length when the file has neither an end nor a duration. */
  defaultDurationMinutes: number;
  /** The moment dates are checked against (app/core/time.ts: dateRangeProblem); the current time by default. */
  now?: number;
  /** Values mapped by hand on the preview or with --map-value, read before the word tables. */
  valueMap?: ValueMap;
  /**
   * The organization's self-identification choices, given only when the importer has the compliance
   * permission: without them the demographic columns are not read at all.
   */
  demographics?: DemographicCategories;
}

/** A value of a stage, outcome, format or channel column that neither the map nor the word tables read. */
export interface UnknownValue {
  field: ValueField;
  value: string;
}

export interface ImportRecord {
  /** 1-based line number in the file, counting the header as line 1. */
  row: number;
  candidate: { name: string; email: string; phone: string | null; source: string | null };
  client: string | null;
  position: string;
  stage: Stage | null;
  outcome: Outcome | null;
  interview: {
    startsAt: string;
    endsAt: string;
    timeZone: string;
    interviewerName: string;
    interviewerEmail: string | null;
    format: InterviewFormat;
    /** null when the file has no round column: the writer numbers a candidate's interviews in time order. */
    round: number | null;
    /** The round's name as the export gives it ("Phone Screen"), or null. */
    title?: string | null;
    notes: string;
  } | null;
  followUp: { receivedAt: string; channel: Channel; subject: string | null; body: string } | null;
  /** The candidate's self-identified answers the row gives (DECLINED for a refusal), when read. */
  demographics?: Partial<DemographicAnswers> | null;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

/** A checked row, with the values in it that could not be read (left unset, or the default). */
export type RowResult = ({ ok: true; record: ImportRecord } | { ok: false; errors: RowError[] }) & {
  unknown: UnknownValue[];
};

const emailSchema = z.email();

// Checking a zone builds an Intl formatter (~40 µs); a file names a handful of zones over and over.
const knownZones = new Map<string, boolean>();
function isZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = isTimeZone(zone);
    if (knownZones.size < 10_000) knownZones.set(zone, known);
  }
  return known;
}

export function validateRow(
  cells: readonly string[],
  row: number,
  mapping: ColumnMapping,
  headers: readonly string[],
  options: ImportOptions,
): RowResult {
  const errors: RowError[] = [];
  const now = options.now ?? Date.now();
  const column = (field: ImportField) => {
    const index = mapping[field];
    return index != null ? (headers[index] ?? FIELD_LABELS[field]) : FIELD_LABELS[field];
  };
  const get = (field: ImportField): string => {
    const index = mapping[field];
    return index != null ? (cells[index] ?? "").trim() : "";
  };
  const fail = (field: ImportField, message: string) => errors.push({ row, column: column(field), message });
  const tooLong = (field: ImportField, value: string, max: number) => {
    if (value.length > max) fail(field, `Longer than ${max.toLocaleString("en")} characters.`);
    return value.slice(0, max);
  };

  const name = tooLong(
    "name",
    get("name") || [get("first_name"), get("last_name")].filter(Boolean).join(" "),
    200,
  );
  if (!name) fail(mapping.name != null ? "name" : "first_name", "The candidate's name is empty.");
  // Some exports list every address in one cell ("ana@work.com, ana@home.com"): the first is the candidate's.
  const emails = get("email")
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  const email =
    (emails.length > 1 ? emails.find((e) => emailSchema.safeParse(e).success) : null) ??
    get("email").toLowerCase();
  if (!email) fail("email", "The candidate's email is empty; re-imports find the same person by it.");
  else if (!emailSchema.safeParse(email).success) fail("email", `“${get("email")}” is not an email address.`);
  const position = tooLong("position", get("position"), 200);
  if (!position) fail("position", "The position is empty.");

  // Stage, outcome, format and channel words: the recruiter's value map, then the word tables. A value
  // neither reads is not an error: it is listed (once per value, on the preview) and left unset.
  const unknown: UnknownValue[] = [];
  const read = (field: ValueField, text: string): string | null => {
    if (!text) return null;
    const ours = mappedValue(field, text, options.valueMap);
    if (ours === null) unknown.push({ field, value: text });
    return ours || null;
  };
  const stageText = get("stage");
  const stage = read("stage", stageText) as Stage | null;
  const outcomeText = get("outcome");
  let outcome = read("outcome", outcomeText) as Outcome | null;
  // Without a status column, a closing stage says how it ended ("Hired", "Offer Declined").
  if (!outcomeText && stage === "closed") {
    const ended = outcomeOf(stageText);
    if (ended === "hired" || ended === "rejected" || ended === "withdrawn") outcome = ended;
  }

  // The row's own zone wins over the one chosen for the file.
  let timeZone = options.timeZone;
  const zoneText = get("time_zone");
  if (zoneText) {
    if (isZone(zoneText)) timeZone = zoneText;
    else fail("time_zone", `“${zoneText}” is not a time zone; use a name like America/New_York.`);
  }

  let interview: ImportRecord["interview"] = null;
  const startText = get("interview_start");
  const dateText = get("interview_date");
  if (startText || dateText) {
    let startsAt: string | null = null;
    if (startText) {
      const parsed = parseDateTime(startText, timeZone, options.dateOrder);
      if (parsed.ok) startsAt = parsed.iso;
      else fail("interview_start", parsed.message);
    } else {
      const timeText = get("interview_time");
      if (!timeText) {
        // Some exports put the date and time in one "Interview Date" column.
        const parsed = parseDateTime(dateText, timeZone, options.dateOrder);
        if (parsed.ok) startsAt = parsed.iso;
        else if (parseDate(dateText, options.dateOrder).ok && mapping.interview_time != null)
          fail("interview_time", "The interview time is empty; follow-up latency needs it.");
        else fail("interview_date", parsed.message);
      } else {
        const parsed = combineDateTime(dateText, timeText, timeZone, options.dateOrder);
        if (parsed.ok) startsAt = parsed.iso;
        else fail("interview_date", parsed.message);
      }
    }
    let endsAt: string | null = null;
    const endText = get("interview_end");
    const durationText = get("duration_minutes");
    if (startsAt && endText) {
      // An end written as a time only ("15:00") is on the start's day.
      const parsed =
        /^\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?$/i.test(endText) || /^\d{1,2}\s*[ap]\.?m\.?$/i.test(endText)
          ? combineDateTime(
              dateText || (startText.match(/^[^T ]+/)?.[0] ?? ""),
              endText,
              timeZone,
              options.dateOrder,
            )
          : parseDateTime(endText, timeZone, options.dateOrder);
      if (!parsed.ok) fail("interview_end", parsed.message);
      else if (parsed.iso <= startsAt) fail("interview_end", "The interview ends before it starts.");
      else endsAt = parsed.iso;
    } else if (startsAt) {
      let minutes = options.defaultDurationMinutes;
      if (durationText) {
        minutes = Number(durationText);
        if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) {
          fail("duration_minutes", `“${durationText}” is not a length in minutes.`);
          minutes = NaN;
        }
      }
      if (Number.isFinite(minutes)) endsAt = new Date(Date.parse(startsAt) + minutes * 60_000).toISOString();
    }

    const interviewerName = tooLong("interviewer", get("interviewer"), 120);
    if (!interviewerName)
      fail("interviewer", "The interviewer is empty; the scorer looks for their name in the follow-up.");
    let interviewerEmail: string | null = get("interviewer_email").toLowerCase() || null;
    if (interviewerEmail && !emailSchema.safeParse(interviewerEmail).success) {
      fail("interviewer_email", `“${interviewerEmail}” is not an email address.`);
      interviewerEmail = null;
    }
    // A name, not content: cut rather than refuse the row.
    const title = get("title").slice(0, 200) || null;
    // Without a format column, the round's name may tell ("Phone Screen", "Onsite").
    const formatText = get("format");
    const format = ((formatText ? read("format", formatText) : title ? formatOf(title) : null) ??
      "video") as InterviewFormat;
    let round: number | null = mapping.round != null ? 1 : null;
    const roundText = get("round");
    if (roundText) {
      round = Number(roundText.replace(/^(round\s*)/i, ""));
      if (!Number.isInteger(round) || round < 1 || round > 20)
        fail("round", `“${roundText}” is not a round number from 1 to 20.`);
    }
    const notes = tooLong("notes", get("notes"), 10_000);
    // Dates far from now are typos or broken exports (2062 for 2026, 1900 for an empty year).
    const startColumn: ImportField = startText ? "interview_start" : "interview_date";
    const startProblem = startsAt
      ? dateRangeProblem("The interview start", startsAt, "interview", now)
      : null;
    if (startProblem) fail(startColumn, startProblem);
    const endProblem =
      endsAt && !startProblem ? dateRangeProblem("The interview end", endsAt, "interview", now) : null;
    if (endProblem)
      fail(endText ? "interview_end" : durationText ? "duration_minutes" : startColumn, endProblem);
    if (startsAt && endsAt)
      interview = {
        startsAt,
        endsAt,
        timeZone,
        interviewerName,
        interviewerEmail,
        format,
        round,
        title,
        notes,
      };
  } else if (get("interview_end") || get("interviewer") || get("notes") || get("interview_time")) {
    if (get("interviewer") || get("interview_end") || get("interview_time")) {
      fail(
        mapping.interview_start != null ? "interview_start" : "interview_date",
        "The row has interview details but no interview date.",
      );
    }
  }

  let followUp: ImportRecord["followUp"] = null;
  const followUpAt = get("follow_up_at");
  const body = get("follow_up_body");
  if (followUpAt || body) {
    if (!followUpAt) fail("follow_up_at", "The follow-up text has no date it was received.");
    else if (!body) fail("follow_up_body", "The follow-up date has no text.");
    if (startText === "" && dateText === "")
      fail("follow_up_at", "A follow-up needs the interview it answers: this row has no interview date.");
    const parsed = followUpAt ? parseDateTime(followUpAt, timeZone, options.dateOrder) : null;
    if (parsed && !parsed.ok) fail("follow_up_at", parsed.message);
    const receivedProblem = parsed?.ok
      ? dateRangeProblem("The follow-up date", parsed.iso, "received", now)
      : null;
    if (receivedProblem) fail("follow_up_at", receivedProblem);
    const channel = (read("follow_up_channel", get("follow_up_channel")) ?? "email") as Channel;
    const subject = tooLong("follow_up_subject", get("follow_up_subject"), 300) || null;
    const text = tooLong("follow_up_body", body, 50_000);
    if (text) {
      const reason = autoReplyReason({ subject, body: text });
      if (reason) fail("follow_up_body", `This is an automatic reply (${reason}), not a follow-up.`);
    }
    if (parsed?.ok && !receivedProblem && interview && parsed.iso < interview.endsAt) {
      fail("follow_up_at", "The follow-up is dated before the interview ended.");
    }
    if (parsed?.ok && text) followUp = { receivedAt: parsed.iso, channel, subject, body: text };
  }

  const answers: Partial<DemographicAnswers> = {};
  if (options.demographics) {
    for (const [field, dimension] of Object.entries(DEMOGRAPHIC_FIELDS) as [
      keyof typeof DEMOGRAPHIC_FIELDS,
      keyof DemographicAnswers,
    ][]) {
      const text = get(field);
      if (!text) continue;
      const reading = readAnswer(dimension, text, options.demographics);
      if (!reading.ok) fail(field, reading.message);
      else if (reading.value !== null) answers[dimension] = reading.value;
    }
  }
  const demographics = Object.keys(answers).length > 0 ? answers : null;

  if (errors.length > 0) return { ok: false, errors, unknown };
  return {
    ok: true,
    unknown,
    record: {
      row,
      candidate: {
        name,
        email,
        phone: get("phone").slice(0, 50) || null,
        source: get("source").slice(0, 100) || null,
      },
      client: get("client").slice(0, 200) || null,
      position,
      stage,
      outcome,
      interview,
      followUp,
      ...(demographics ? { demographics } : {}),
    },
  };
}
