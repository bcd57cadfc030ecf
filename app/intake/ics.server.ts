// Calendar files (.ics invitations or exports) into interviews. app/core/calendar/read-calendar.ts
// reads each file into occurrences (times, zone, cancellations, repeats; see there); here each one is
// matched to a candidate of the organization by an attendee's address (or the organizer's), and becomes
// a record for the CSV import's writer, so the same duplicate rules apply (candidate + start).
// - The interviewer is the organizer, unless the organizer is the candidate; then another attendee.
// - Notes are the invitation's own words only (app/core/calendar/invite-text.ts): an invite that is
//   just a Teams, Zoom, Meet or Webex block leaves them empty, so the scorer never compares a follow-up
//   with a dial-in number.
// - Rounds follow time: a candidate's interviews of one application are numbered by start, after the
//   rounds already stored for it (see numberRounds).
// A file that cannot be read is one entry with its reason; the other files' events are still read.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { readCalendarFiles, type CalendarOccurrence, type ZoneRule } from "../core/calendar/read-calendar";
import { MAX_ICS_BYTES } from "../core/import/limits";
import type { InterviewFormat } from "../core/interview-formats";
import type { ImportRecord } from "../core/import/rows";
import { getOrganizationTimeZone } from "../data/organizations.server";
import type { Viewer } from "../data/scope.server";

export { MAX_ICS_BYTES };

/** An uploaded calendar file; a bare text is named "file 1", "file 2"… by its place. */
export type IcsInput = string | { name: string; text: string };

export interface IcsEvent {
  /** The file it came from. */
  file: string;
  uid: string;
  summary: string;
  /** UTC ISO-8601; "" when the file or event has no readable time. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** Which rule chose the zone: the event's TZID, the calendar's X-WR-TIMEZONE, the organization's. */
  zoneRule: ZoneRule | null;
  import: boolean;
  /** Why it is not imported; null when it is. The same as `problem`. */
  reason: string | null;
  /** The candidate's record when it is imported; null otherwise. */
  record: ImportRecord | null;
  candidate: string | null;
  problem: string | null;
}

interface CandidateMatch {
  email: string;
  name: string;
  applicationId: number;
  position: string;
  client: string;
}

function formatOf(location: string): InterviewFormat {
  if (/zoom|meet\.google|teams|webex|whereby|video|https?:/i.test(location)) return "video";
  if (/phone|call|tel:|^\+?[\d\s()-]{7,}$/i.test(location)) return "phone";
  return location.trim() ? "onsite" : "video";
}

const chunk = <T>(list: T[], size: number) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The organization's zone for times a file does not place: its default time zone (Settings). */
function organizationZone(db: Db, organizationId: number): Promise<string> {
  return getOrganizationTimeZone(db, organizationId);
}

/** The organization's candidates with an application, by lower-case address: each with its latest one. */
async function candidatesByEmail(db: Db, organizationId: number, emails: string[]) {
  const found = new Map<string, CandidateMatch>();
  for (const group of chunk(emails, 500)) {
    const rows = await db
      .selectFrom("candidates as c")
      .innerJoin("applications as a", "a.candidate_id", "c.id")
      .innerJoin("positions as p", "p.id", "a.position_id")
      .innerJoin("clients as cl", "cl.id", "p.client_id")
      .select([
        sql<string>`lower(c.email)`.as("email"),
        "c.name",
        "a.id as applicationId",
        "p.title as position",
        "cl.name as client",
      ])
      .where("c.organization_id", "=", organizationId)
      .where(sql<string>`lower(c.email)`, "in", group)
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .execute();
    for (const row of rows) if (!found.has(row.email)) found.set(row.email, row);
  }
  return found;
}

/**
 * Rounds in time order: each application's interviews, stored and new, sorted by start; a new one's
 * round is one more than the last round before it (a stored interview keeps the round it has, so an
 * import after a round 3 continues at 4). Stored rounds are not renumbered, and an event at the same
 * start as a stored interview is that interview (the writer skips it).
 */
async function numberRounds(
  db: Db,
  items: { applicationId: number; start: string; setRound: (round: number) => void }[],
): Promise<void> {
  const applicationIds = [...new Set(items.map((i) => i.applicationId))];
  const stored = new Map<number, { start: number; round: number }[]>();
  for (const group of chunk(applicationIds, 500)) {
    const rows = await db
      .selectFrom("interviews")
      .select(["application_id", "starts_at", "round"])
      .where("application_id", "in", group)
      .execute();
    for (const r of rows) {
      const list = stored.get(r.application_id) ?? [];
      list.push({ start: Date.parse(r.starts_at), round: r.round });
      stored.set(r.application_id, list);
    }
  }
  for (const applicationId of applicationIds) {
    const known = stored.get(applicationId) ?? [];
    const knownStarts = new Set(known.map((k) => k.start));
    const fresh = items.filter((i) => i.applicationId === applicationId);
    const timeline = [
      ...known.map((k) => ({ start: k.start, round: k.round, item: null })),
      ...fresh.map((item) => ({ start: Date.parse(item.start), round: 0, item })),
    ].sort((a, b) => a.start - b.start || (a.item ? 1 : 0) - (b.item ? 1 : 0));
    let round = 0;
    let lastNewStart: number | null = null;
    for (const step of timeline) {
      if (!step.item) round = Math.max(round, step.round);
      else if (knownStarts.has(step.start)) step.item.setRound(Math.max(1, round));
      else {
        // The same event twice in one upload (an invitation and the full export) is one round.
        if (step.start !== lastNewStart) round += 1;
        lastNewStart = step.start;
        step.item.setRound(round);
      }
    }
  }
}

/**
 * Reads calendar files and says what each occurrence becomes: an interview of one of the
 * organization's candidates, or nothing, and why. Never throws for what a file holds.
 * `organizationZone` is the zone for times a file does not place; by default that of the
 * organization's latest interview.
 */
export async function readIcs(
  db: Db,
  viewer: Viewer,
  inputs: IcsInput[],
  now = Date.now(),
  options: { organizationZone?: string } = {},
): Promise<IcsEvent[]> {
  const files = inputs.map((input, i) =>
    typeof input === "string" ? { name: `file ${i + 1}`, text: input } : input,
  );
  const zone = options.organizationZone ?? (await organizationZone(db, viewer.organization_id));
  const results = readCalendarFiles(files, { organizationZone: zone, now });

  const occurrences = results.flatMap((f) => (f.ok ? f.occurrences : []));
  const addresses = new Set<string>();
  for (const o of occurrences)
    if (o.import)
      for (const p of [...o.attendees, ...(o.organizer ? [o.organizer] : [])]) addresses.add(p.email);
  const candidates = await candidatesByEmail(db, viewer.organization_id, [...addresses]);

  const out: IcsEvent[] = [];
  const rounds: Parameters<typeof numberRounds>[1] = [];
  for (const result of results) {
    if (!result.ok) {
      const reason = `${result.file} cannot be read: ${result.error}`;
      out.push({
        file: result.file,
        uid: "",
        summary: result.file,
        startsAt: "",
        endsAt: "",
        timeZone: "",
        zoneRule: null,
        import: false,
        reason,
        record: null,
        candidate: null,
        problem: reason,
      });
      continue;
    }
    for (const o of result.occurrences) out.push(eventOf(o, candidates, out.length + 1, rounds));
  }
  await numberRounds(db, rounds);
  return out;
}

function eventOf(
  o: CalendarOccurrence,
  candidates: Map<string, CandidateMatch>,
  row: number,
  rounds: Parameters<typeof numberRounds>[1],
): IcsEvent {
  const base = {
    file: o.file,
    uid: o.uid,
    summary: o.summary,
    startsAt: o.start,
    endsAt: o.end,
    timeZone: o.timeZone,
    zoneRule: o.zoneRule,
  };
  const refuse = (reason: string, candidate: string | null = null): IcsEvent => ({
    ...base,
    import: false,
    reason,
    record: null,
    candidate,
    problem: reason,
  });
  if (!o.import) return refuse(o.reason ?? "Not imported.");
  const people = [...o.attendees, ...(o.organizer ? [o.organizer] : [])];
  const attendee = people.find((p) => candidates.has(p.email));
  if (!attendee)
    return refuse(
      `No candidate with an application has the address ${[...new Set(people.map((p) => p.email))].join(", ")}; add them (or import them from a CSV) first.`,
    );
  const candidate = candidates.get(attendee.email)!;
  if (attendee.partstat === "DECLINED")
    return refuse("The candidate declined the invitation.", candidate.name);
  const interviewer =
    (o.organizer && o.organizer.email !== candidate.email ? o.organizer : null) ??
    o.attendees.find((a) => a.email !== candidate.email) ??
    null;
  const record: ImportRecord = {
    row,
    candidate: { name: candidate.name, email: candidate.email, phone: null, source: null },
    client: candidate.client,
    position: candidate.position,
    stage: null,
    outcome: null,
    interview: {
      startsAt: o.start,
      endsAt: o.end,
      timeZone: o.timeZone,
      interviewerName: (interviewer?.name ?? interviewer?.email ?? "Not recorded").slice(0, 120),
      interviewerEmail: interviewer?.email ?? null,
      format: formatOf(o.location),
      round: 1,
      notes: o.notes.slice(0, 10_000),
    },
    followUp: null,
  };
  rounds.push({
    applicationId: candidate.applicationId,
    start: o.start,
    setRound: (round) => (record.interview!.round = round),
  });
  return { ...base, import: true, reason: null, record, candidate: candidate.name, problem: null };
}

/**
 * What `npm run import --json` prints for calendars: one entry per occurrence (and one per file that
 * could not be read), times in UTC ISO-8601.
 */
export function calendarJson(events: IcsEvent[]) {
  return {
    events: events.map((e) => ({
      file: e.file,
      uid: e.uid,
      start: e.startsAt,
      end: e.endsAt,
      timeZone: e.timeZone,
      zoneRule: e.zoneRule,
      import: e.import,
      reason: e.reason,
    })),
  };
}
