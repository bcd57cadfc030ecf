// Calendar files (.ics invitations or exports) into interviews: the attendee whose address is a
// candidate's is the candidate, the organizer (or another attendee) the interviewer; start, end and
// time zone come from the event (node-ical resolves TZID), the description becomes the notes. Events
// are written through the same writer as CSV rows (import-writer.server.ts), so the same duplicate
// rules apply (candidate + start).
import ical, { type VEvent } from "node-ical";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { MAX_ICS_BYTES } from "../core/import/limits";
import type { InterviewFormat } from "../core/interview-formats";
import type { ImportRecord } from "../core/import/rows";
import { dateRangeProblem, isTimeZone } from "../core/time";
import type { Viewer } from "../data/scope.server";

export { MAX_ICS_BYTES };

export interface IcsEvent {
  uid: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The candidate's record when an attendee is one; null with `problem` otherwise. */
  record: ImportRecord | null;
  candidate: string | null;
  problem: string | null;
}

type Person = { email: string; name: string | null };

function people(value: unknown): Person[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .map((p) => {
      const val = typeof p === "string" ? p : ((p as { val?: string }).val ?? "");
      const name = typeof p === "string" ? null : ((p as { params?: { CN?: string } }).params?.CN ?? null);
      return {
        email: val
          .replace(/^mailto:/i, "")
          .trim()
          .toLowerCase(),
        name: name ? String(name).replace(/^"|"$/g, "") : null,
      };
    })
    .filter((p) => p.email.includes("@"));
}

function formatOf(location: string): InterviewFormat {
  if (/zoom|meet\.google|teams|webex|whereby|video|https?:/i.test(location)) return "video";
  if (/phone|call|tel:|^\+?[\d\s()-]{7,}$/i.test(location)) return "phone";
  return location.trim() ? "onsite" : "video";
}

/** Reads the events of one or more calendar files and matches each to a candidate of the organization. */
export async function readIcs(
  db: Kysely<Database>,
  viewer: Viewer,
  texts: string[],
  now = Date.now(),
): Promise<IcsEvent[]> {
  const events: VEvent[] = [];
  for (const text of texts) {
    // node-ical splits lines on JavaScript's line terminators too, so a U+2028 or U+2029 inside a
    // SUMMARY cut the property off and the event arrived with no title. Inside a text value they
    // mean a line break, which iCalendar writes as "\n"; U+0085 (next line) was dropped the same way.
    const parsed = ical.sync.parseICS(text.replace(/[\u2028\u2029\u0085]/g, "\\n"));
    for (const component of Object.values(parsed))
      if (component && component.type === "VEVENT") events.push(component as VEvent);
  }
  const out: IcsEvent[] = [];
  for (const event of events) {
    const start = event.start as (Date & { tz?: string; dateOnly?: boolean }) | undefined;
    const end = event.end as Date | undefined;
    // A title is one line: line breaks written inside it become spaces.
    const summary = String((event.summary as unknown as { val?: string })?.val ?? event.summary ?? "")
      .replace(/\s+/g, " ")
      .trim();
    const base = { uid: String(event.uid ?? ""), summary };
    if (!start || Number.isNaN(start.getTime())) {
      out.push({
        ...base,
        startsAt: "",
        endsAt: "",
        timeZone: "",
        record: null,
        candidate: null,
        problem: "The event has no start.",
      });
      continue;
    }
    const zone = start.tz && isTimeZone(start.tz) ? (start.tz === "Etc/UTC" ? "UTC" : start.tz) : "UTC";
    const startsAt = start.toISOString();
    const endsAt =
      end && end.getTime() > start.getTime()
        ? end.toISOString()
        : new Date(start.getTime() + 3_600_000).toISOString();
    const timing = { startsAt, endsAt, timeZone: zone };
    if (start.dateOnly) {
      out.push({
        ...base,
        ...timing,
        record: null,
        candidate: null,
        problem: "An all-day event has no interview time.",
      });
      continue;
    }
    const outOfRange =
      dateRangeProblem("The event's start", startsAt, "interview", now) ??
      dateRangeProblem("The event's end", endsAt, "interview", now);
    if (outOfRange) {
      out.push({ ...base, ...timing, record: null, candidate: null, problem: outOfRange });
      continue;
    }
    const attendees = people(event.attendee);
    const organizer = people(event.organizer)[0] ?? null;
    const emails = [...new Set(attendees.map((a) => a.email))];
    const candidate = emails.length
      ? await db
          .selectFrom("candidates as c")
          .innerJoin("applications as a", "a.candidate_id", "c.id")
          .innerJoin("positions as p", "p.id", "a.position_id")
          .innerJoin("clients as cl", "cl.id", "p.client_id")
          .select(["c.id", "c.name", "c.email", "p.title", "cl.name as client"])
          .where("c.organization_id", "=", viewer.organization_id)
          .where(sql<string>`lower(c.email)`, "in", emails)
          .orderBy("a.created_at", "desc")
          .orderBy("a.id", "desc")
          .executeTakeFirst()
      : undefined;
    if (!candidate) {
      out.push({
        ...base,
        ...timing,
        record: null,
        candidate: null,
        problem: emails.length
          ? `No candidate with an application has the address ${emails.join(", ")}; add them (or import them from a CSV) first.`
          : "The event has no attendees with an email address.",
      });
      continue;
    }
    const interviewer =
      (organizer && organizer.email !== candidate.email?.toLowerCase() ? organizer : null) ??
      attendees.find((a) => a.email !== candidate.email?.toLowerCase()) ??
      null;
    const description = String(
      (event.description as unknown as { val?: string })?.val ?? event.description ?? "",
    ).trim();
    const location = String((event.location as unknown as { val?: string })?.val ?? event.location ?? "");
    out.push({
      ...base,
      ...timing,
      candidate: candidate.name,
      problem: null,
      record: {
        row: out.length + 1,
        candidate: { name: candidate.name, email: candidate.email!.toLowerCase(), phone: null, source: null },
        client: candidate.client,
        position: candidate.title,
        stage: null,
        outcome: null,
        interview: {
          ...timing,
          interviewerName: (interviewer?.name ?? interviewer?.email ?? "Not recorded").slice(0, 120),
          interviewerEmail: interviewer?.email ?? null,
          format: formatOf(location),
          round: 1,
          notes: (description || summary).slice(0, 10_000),
        },
        followUp: null,
      },
    });
  }
  return out;
}
