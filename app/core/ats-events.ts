// Events from an applicant tracking system (issue 22, item 5), read into what Followthrough keeps.
// The shapes are Greenhouse's web hooks (developers.greenhouse.io/webhooks.html): `{ action, payload }`
// with an `application` carrying its candidate, its job and its current stage. Greenhouse has no web
// hook for a scheduled interview, so `interview_scheduled` takes Harvest's scheduled-interview object
// (the one GET /scheduled_interviews answers) beside the application. Stage and status words are read
// by the CSV import's word tables and the organization's own map (./import/ats-words.ts), so a
// Greenhouse stage means the same here whichever way it arrives. Only what is read here reaches the
// database; everything else in a payload is ignored.
import { z } from "zod";
import { formatOf, mappedValue, VALUE_CHOICES, type ValueMap } from "./import/ats-words";
import type { InterviewFormat } from "./interview-formats";
import type { Outcome } from "./outcomes";
import type { Stage } from "./stages";

export const ATS_SOURCES = ["greenhouse"] as const;
export type AtsSource = (typeof ATS_SOURCES)[number];

/** The actions read, and what each does. Others are answered 200 and listed as ignored. */
export const GREENHOUSE_ACTIONS = {
  candidate_stage_change: "moves the application to the mapped stage (adding the candidate if new)",
  hire_candidate: "records the outcome Hired",
  reject_candidate: "records the outcome Rejected, with the rejection reason",
  unreject_candidate: "sets the outcome back to Pending",
  interview_scheduled: "logs the interview (or corrects its times)",
} as const;
export type GreenhouseAction = keyof typeof GREENHOUSE_ACTIONS;

/** The largest event body taken; Greenhouse's largest (a hire with custom fields) is a few KB. */
export const MAX_ATS_EVENT_BYTES = 256 * 1024;
/** Events a receiver takes per minute (a bulk rejection sends one per candidate). */
export const DEFAULT_ATS_RATE_LIMIT = 600;

const externalId = z
  .union([z.number().int().nonnegative(), z.string().trim().min(1).max(100)], {
    message: "Expected an id (a number or a string).",
  })
  .transform(String);
const text = z.string().nullish();

const GreenhouseCandidate = z.object({
  id: externalId,
  first_name: text,
  last_name: text,
  email_addresses: z.array(z.object({ value: z.string(), type: text })).nullish(),
  phone_numbers: z.array(z.object({ value: z.string() })).nullish(),
});

const GreenhouseJob = z.object({ id: externalId, name: z.string().trim().min(1), opened_at: text });

const GreenhouseApplication = z
  .object({
    id: externalId,
    status: text,
    rejected_at: text,
    last_activity_at: text,
    current_stage: z.object({ name: z.string() }).nullish(),
    source: z.object({ name: text, public_name: text }).nullish(),
    rejection_reason: z.object({ name: text }).nullish(),
    candidate: GreenhouseCandidate,
    jobs: z.array(GreenhouseJob).nullish(),
    job: GreenhouseJob.nullish(),
    offer: z.object({ resolved_at: text }).nullish(),
  })
  .refine((a) => (a.jobs?.length ?? 0) > 0 || a.job, {
    path: ["jobs"],
    message: "Expected the application's job (jobs[0]).",
  });

const instant = z
  .string()
  .refine((v) => Number.isFinite(Date.parse(v)), "Expected a date and time, like 2026-12-01T15:00:00Z.");

const ScheduledInterview = z.object({
  id: externalId,
  application_id: externalId,
  start: z.object({ date_time: instant }),
  end: z.object({ date_time: instant }),
  location: text,
  status: text,
  interview: z.object({ name: text }).nullish(),
  interviewers: z.array(z.object({ name: text, email: text })).min(1, "Expected at least one interviewer."),
});

const Envelope = z.object({ action: z.string().trim().min(1).max(100), payload: z.unknown() });
const ApplicationPayload = z.object({ application: GreenhouseApplication });
const InterviewPayload = z.object({
  scheduled_interview: ScheduledInterview,
  application: GreenhouseApplication.optional(),
});

export type AtsCandidate = {
  externalId: string;
  /** The candidate form's fields, as the form sends them ("" for none). */
  fields: { name: string; email: string; phone: string; source: string };
};
export type AtsJob = { externalId: string; title: string; openedOn: string };
export type AtsApplication = {
  externalId: string;
  candidate: AtsCandidate;
  job: AtsJob;
  /** The stage to move to; null to leave it (none sent, or a word neither the map nor the tables know). */
  stage: Stage | null;
  /** A stage word that could not be read, for the page to offer to map. */
  unknownStage: string | null;
  /** The outcome form's fields, or null to leave the outcome. */
  outcome: { outcome: Outcome; outcomeOn: string; reason: string } | null;
};
export type AtsInterview = {
  externalId: string;
  applicationExternalId: string;
  startsAt: string;
  endsAt: string;
  interviewerName: string;
  interviewerEmail: string;
  format: InterviewFormat;
  title: string | null;
};

export type AtsIssue = { field: string; detail: string };

export type AtsReading =
  | { kind: "invalid"; action: string; issues: AtsIssue[] }
  | { kind: "ignored"; action: string; why: string }
  | {
      kind: "apply";
      action: GreenhouseAction;
      application: AtsApplication | null;
      interview: AtsInterview | null;
    };

const issuesOf = (error: z.ZodError, prefix: string): AtsIssue[] =>
  error.issues.slice(0, 20).map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join("."),
    detail: issue.message,
  }));

/** The calendar date of an ATS timestamp, else of `fallback`. */
function dateOf(value: string | null | undefined, fallback: string): string {
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value ?? "");
  return match ? match[0] : fallback.slice(0, 10);
}

function candidateOf(c: z.output<typeof GreenhouseCandidate>, source: string): AtsCandidate {
  const name = [c.first_name, c.last_name]
    .map((part) => part?.trim() ?? "")
    .filter(Boolean)
    .join(" ");
  const emails = c.email_addresses ?? [];
  const email = (emails.find((e) => e.type === "personal") ?? emails[0])?.value.trim() ?? "";
  return {
    externalId: c.id,
    fields: {
      // An anonymized candidate has no name left: keep them, under their ATS id.
      name: name || `Greenhouse candidate ${c.id}`,
      email,
      phone: c.phone_numbers?.[0]?.value.trim() ?? "",
      source,
    },
  };
}

function applicationOf(
  action: GreenhouseAction,
  a: z.output<typeof GreenhouseApplication>,
  map: ValueMap,
  receivedAt: string,
): AtsApplication {
  const job = a.jobs?.[0] ?? a.job!;
  const source = a.source?.public_name ?? a.source?.name ?? "Greenhouse";
  // A word through the organization's map, then the import's tables; "" (mapped to nothing) leaves it.
  const word = (field: "stage" | "outcome", value: string) => mappedValue(field, value, map) || null;
  const stageWord = action === "candidate_stage_change" ? (a.current_stage?.name?.trim() ?? "") : "";
  let stage = stageWord ? (word("stage", stageWord) as Stage | null) : null;
  let outcome: AtsApplication["outcome"] = null;
  const decided = (value: string, on: string | null | undefined, reason = "") => {
    const ours = word("outcome", value) as Outcome | null;
    outcome = ours ? { outcome: ours, outcomeOn: dateOf(on, receivedAt), reason } : null;
  };
  if (action === "hire_candidate") {
    decided("hired", a.offer?.resolved_at ?? a.last_activity_at);
    stage = word("stage", "hired") as Stage | null;
  } else if (action === "reject_candidate") {
    decided("rejected", a.rejected_at ?? a.last_activity_at, a.rejection_reason?.name?.trim() ?? "");
    stage = word("stage", "rejected") as Stage | null;
  } else if (action === "unreject_candidate") {
    decided("pending", null);
  } else if (action === "candidate_stage_change" && a.status && a.status !== "active") {
    // A decided application (Greenhouse's status "hired" or "rejected"); "active" leaves ours alone, so
    // an offer recorded here is not wiped by the next stage move.
    decided(a.status, a.rejected_at ?? a.last_activity_at, a.rejection_reason?.name?.trim() ?? "");
  }
  return {
    externalId: a.id,
    candidate: candidateOf(a.candidate, source.slice(0, 100)),
    job: { externalId: job.id, title: job.name.slice(0, 200), openedOn: dateOf(job.opened_at, receivedAt) },
    stage,
    unknownStage: stageWord && !stage && mappedValue("stage", stageWord, map) === null ? stageWord : null,
    outcome,
  };
}

function interviewOf(s: z.output<typeof ScheduledInterview>): AtsInterview {
  const who = s.interviewers[0];
  const title = s.interview?.name?.trim() || null;
  // Where it is held tells the format best ("Zoom", "Office 3"); then its name; a video call if neither.
  const format: InterviewFormat = formatOf(s.location ?? "") ?? formatOf(title ?? "") ?? "video";
  return {
    externalId: s.id,
    applicationExternalId: s.application_id,
    startsAt: new Date(s.start.date_time).toISOString(),
    endsAt: new Date(s.end.date_time).toISOString(),
    interviewerName: who.name?.trim() || who.email?.trim() || "Interviewer",
    interviewerEmail: who.email?.trim() ?? "",
    format,
    title: title?.slice(0, 200) ?? null,
  };
}

/**
 * What an event asks for: the application (and interview) to create or update, or why it is ignored,
 * or the fields at fault. `receivedAt` dates an outcome the event does not date.
 */
export function readGreenhouseEvent(body: unknown, map: ValueMap, receivedAt: string): AtsReading {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) return { kind: "invalid", action: "unknown", issues: issuesOf(envelope.error, "") };
  const { action, payload } = envelope.data;
  if (action === "ping") return { kind: "ignored", action, why: "Greenhouse's test ping: the URL works." };
  if (!(action in GREENHOUSE_ACTIONS))
    return { kind: "ignored", action, why: `Followthrough does not read “${action}” events.` };
  const known = action as GreenhouseAction;
  if (known === "interview_scheduled") {
    const parsed = InterviewPayload.safeParse(payload);
    if (!parsed.success) return { kind: "invalid", action, issues: issuesOf(parsed.error, "payload") };
    const { scheduled_interview: s, application } = parsed.data;
    if (s.status === "cancelled" || s.status === "canceled")
      return { kind: "ignored", action, why: "The interview is cancelled." };
    if (Date.parse(s.end.date_time) <= Date.parse(s.start.date_time))
      return {
        kind: "invalid",
        action,
        issues: [
          { field: "payload.scheduled_interview.end", detail: "The interview must end after it starts." },
        ],
      };
    return {
      kind: "apply",
      action: known,
      application: application ? applicationOf(known, application, map, receivedAt) : null,
      interview: interviewOf(s),
    };
  }
  const parsed = ApplicationPayload.safeParse(payload);
  if (!parsed.success) return { kind: "invalid", action, issues: issuesOf(parsed.error, "payload") };
  return {
    kind: "apply",
    action: known,
    application: applicationOf(known, parsed.data.application, map, receivedAt),
    interview: null,
  };
}

// ---- The settings page's forms ----

/** A mapping target as the page's select sends it: "stage:final", "outcome:hired", or "stage:" (leave). */
const MappingTarget = z
  .string()
  .regex(/^(stage|outcome):[a-z]*$/, "Choose what this word means here.")
  .transform((v) => {
    const [field, ours] = v.split(":") as ["stage" | "outcome", string];
    return { field, ours };
  })
  .refine(
    ({ field, ours }) => ours === "" || (VALUE_CHOICES[field] as readonly string[]).includes(ours),
    "Choose what this word means here.",
  );

export const AtsSettingsFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("enable"),
    clientId: z.coerce
      .number({ message: "Choose the client new positions open for." })
      .int()
      .positive("Choose the client new positions open for."),
  }),
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("rotate") }),
  z.object({
    intent: z.literal("map"),
    word: z
      .string()
      .trim()
      .min(1, "Enter the word Greenhouse uses, like Panel Interview.")
      .max(200, "Keep the word under 200 characters."),
    target: MappingTarget,
  }),
  z.object({
    intent: z.literal("unmap"),
    field: z.enum(["stage", "outcome"]),
    word: z.string().min(1).max(200),
  }),
]);
