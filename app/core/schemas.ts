// Form and API input schemas, shared by the server (authoritative) and the browser.
import { z } from "zod";
import { CHANNELS } from "./channels";
import { INTERVIEW_FORMATS } from "./interview-formats";
import { OUTCOMES } from "./outcomes";
import { RUBRIC_PARTS } from "./rubric-parts";
import { OrgSettingsSchema, type OrgSettings } from "./settings";
import { STAGES } from "./stages";
import { dateRangeProblem, isTimeZone, resolveWallClock, type Fold } from "./time";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const localDateTime = (what: string) =>
  // An empty field gets one message, not also the format's: the check stops at the first.
  z
    .string()
    .trim()
    .min(1, { message: `Enter the ${what} date and time.`, abort: true })
    .regex(
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/,
      `Enter the ${what} as a date and time, like 2026-11-26 14:00.`,
    );

/** Which of a repeated wall-clock time (the night the clocks go back) the form means; empty until asked. */
const foldField = z
  .enum(["earlier", "later", ""], { message: "Choose the first or the second." })
  .optional()
  .transform((v) => (v ? v : null));

export const LogInterviewSchema = z
  .object({
    applicationId: z.coerce.number().int().positive("Choose the application this interview belongs to."),
    interviewerName: z.string().trim().min(1, "Enter the interviewer's name.").max(120),
    interviewerEmail: z
      .string()
      .trim()
      .max(200)
      .refine(
        (v) => v === "" || z.email().safeParse(v).success,
        "Enter a valid email address, or leave it empty.",
      )
      .transform((v) => (v === "" ? null : v.toLowerCase())),
    startsAt: localDateTime("start"),
    endsAt: localDateTime("end"),
    startsAtFold: foldField,
    endsAtFold: foldField,
    timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list, like America/New_York."),
    format: z.enum(INTERVIEW_FORMATS, { message: "Choose phone, video or onsite." }),
    round: z.coerce
      .number({ message: "Enter the round as a number." })
      .int("Enter a whole number.")
      .min(1, "Rounds start at 1.")
      .max(20),
    notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters."),
  })
  // Checked even when other fields are wrong, so every mistake shows at once. A time that does not
  // exist in the zone, or happens twice there and the form has not said which, is refused by name.
  .superRefine(
    (v, ctx) => {
      const ends = interviewInstant(v.endsAt, v.timeZone, v.endsAtFold, "The interview end", "end");
      const starts = interviewInstant(v.startsAt, v.timeZone, v.startsAtFold, "The interview start", "start");
      if (starts.problem) ctx.addIssue({ code: "custom", path: ["startsAt"], message: starts.problem });
      if (ends.problem) ctx.addIssue({ code: "custom", path: ["endsAt"], message: ends.problem });
      if (starts.iso && ends.iso && ends.iso <= starts.iso)
        ctx.addIssue({
          code: "custom",
          path: ["endsAt"],
          message: "The interview must end after it starts.",
        });
    },
    {
      when: (payload) =>
        !payload.issues.some((issue) =>
          ["startsAt", "endsAt", "timeZone", "startsAtFold", "endsAtFold"].includes(String(issue.path?.[0])),
        ),
    },
  )
  .transform((v) => ({
    ...v,
    startsAt:
      interviewInstant(v.startsAt, v.timeZone, v.startsAtFold, "The interview start", "start").iso ?? "",
    endsAt: interviewInstant(v.endsAt, v.timeZone, v.endsAtFold, "The interview end", "end").iso ?? "",
  }));

/** An interview's start or end typed on the wall clock: its instant, or why it cannot be taken. */
export function interviewInstant(
  local: string,
  timeZone: string,
  fold: Fold | null,
  label: string,
  what: string,
  now = Date.now(),
): { iso: string | null; problem: string | null } {
  const resolved = resolveWallClock(local, timeZone, fold);
  if (!resolved.ok) {
    const problem =
      resolved.reason === "invalid"
        ? `That ${what} date does not exist; check the day and month.`
        : resolved.message;
    return { iso: null, problem };
  }
  const outOfRange = dateRangeProblem(label, resolved.iso, "interview", now);
  return outOfRange ? { iso: null, problem: outOfRange } : { iso: resolved.iso, problem: null };
}
export type LogInterviewInput = z.output<typeof LogInterviewSchema>;

/** A follow-up's stored body, whole: quoted history and signature included (app/core/own-words.ts). */
export const MAX_FOLLOW_UP_BODY_CHARS = 50_000;

export const LogFollowUpSchema = z.object({
  interviewId: z.coerce.number().int().positive("Choose the interview this follow-up answers."),
  receivedAt: localDateTime("received"),
  receivedAtFold: foldField,
  channel: z.enum(CHANNELS, { message: "Choose how the message arrived." }),
  sender: optionalText(200),
  subject: optionalText(300),
  body: z
    .string()
    .trim()
    .min(1, "Paste the message text.")
    .max(
      MAX_FOLLOW_UP_BODY_CHARS,
      "The message is over 50,000 characters; paste only the candidate's message.",
    ),
});
export type LogFollowUpInput = z.output<typeof LogFollowUpSchema>;

/** Field errors from a failed parse, as `{ field: [messages] }`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

// ---- Clients, positions, candidates and applications (the pipeline's forms) ----

const dateOnly = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} date.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${what} date like 2026-11-26.`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, `That ${what} date does not exist; check the day and month.`);

/** An optional id from a <select> whose empty option means "none". */
const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0), message);

const requiredId = (message: string) => z.coerce.number({ message }).int(message).positive(message);

export const ClientSchema = z.object({
  name: z.string().trim().min(1, "Enter the client's name.").max(200, "Keep the name under 200 characters."),
});
export type ClientInput = z.output<typeof ClientSchema>;

export const PositionSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Enter the position's title.")
      .max(200, "Keep the title under 200 characters."),
    clientId: requiredId("Choose the client this position is for."),
    hiringManagerId: optionalId("Choose a hiring manager from the list."),
    status: z.enum(["open", "closed"], { message: "Choose open or closed." }),
    openedOn: dateOnly("opening"),
    closedOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.closedOn != null && !dateOnly("closing").safeParse(v.closedOn).success) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "Enter the closing date like 2026-11-26.",
      });
    } else if (v.status === "closed" && v.closedOn == null) {
      ctx.addIssue({ code: "custom", path: ["closedOn"], message: "Enter the date the position closed." });
    } else if (v.status === "open" && v.closedOn != null) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "An open position has no closing date: clear it, or set the status to closed.",
      });
    } else if (v.closedOn != null && v.closedOn < v.openedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["closedOn"],
        message: "The position cannot close before it opened.",
      });
    }
  });
export type PositionInput = z.output<typeof PositionSchema>;

export const CandidateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the candidate's name.")
    .max(200, "Keep the name under 200 characters."),
  email: z
    .string()
    .trim()
    .max(200, "Keep the email under 200 characters.")
    .refine(
      (v) => v === "" || z.email().safeParse(v).success,
      "Enter a valid email address, or leave it empty.",
    )
    .transform((v) => (v === "" ? null : v.toLowerCase())),
  phone: optionalText(50),
  source: optionalText(100),
});
export type CandidateInput = z.output<typeof CandidateSchema>;

/** A new candidate, optionally placed straight into a position's pipeline. */
export const NewCandidateSchema = CandidateSchema.extend({
  positionId: optionalId("Choose a position from the list, or none."),
});
export type NewCandidateInput = z.output<typeof NewCandidateSchema>;

export const AddApplicationSchema = z.object({
  candidateId: requiredId("Choose a candidate."),
  recruiterId: optionalId("Choose a recruiter from the list."),
  stage: z.enum(STAGES, { message: "Choose a stage from the list." }).default("applied"),
});
export type AddApplicationInput = z.output<typeof AddApplicationSchema>;

export const MoveStageSchema = z.object({
  stage: z.enum(STAGES, { message: "Choose a stage from the list." }),
});

/** The log-interview form's "Move to stage": a stage, or empty to leave the application where it is. */
export const MoveToStageSchema = z.object({
  moveToStage: z
    .union([z.literal(""), z.enum(STAGES)], { message: "Choose a stage from the list." })
    .optional()
    .transform((v) => v || null),
});

export const RecruiterSchema = z.object({
  recruiterId: optionalId("Choose a recruiter from the list."),
});

export const OutcomeSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { message: "Choose an outcome from the list." }),
    outcomeOn: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    reason: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "pending") return;
    if (v.outcomeOn == null)
      ctx.addIssue({ code: "custom", path: ["outcomeOn"], message: "Enter the date it was decided." });
    else if (!dateOnly("decision").safeParse(v.outcomeOn).success) {
      ctx.addIssue({
        code: "custom",
        path: ["outcomeOn"],
        message: "Enter the decision date like 2026-11-26.",
      });
    }
  })
  // A pending application has no decision date or reason: clear them rather than keep stale ones.
  .transform((v) => (v.outcome === "pending" ? { ...v, outcomeOn: null, reason: null } : v));
export type OutcomeInput = z.output<typeof OutcomeSchema>;

/** The settings form: hours for windows, per-part points for weights, checkboxes for working days. */
export const SettingsFormSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    days: z.array(z.coerce.number()),
    best: z.coerce.number({ message: "Enter a number of hours." }),
    ideal: z.coerce.number({ message: "Enter a number of hours." }),
    acceptable: z.coerce.number({ message: "Enter a number of hours." }),
    late: z.coerce.number({ message: "Enter a number of hours." }),
    ...Object.fromEntries(
      RUBRIC_PARTS.map((p) => [p, z.coerce.number({ message: "Enter a whole number of points." })]),
    ),
    // A checkbox: present ("on") when ticked, absent otherwise.
    penalizeMachineStyle: z.literal("on", { message: "Tick the box or leave it empty." }).optional(),
  })
  .transform((v, ctx): OrgSettings => {
    const record = v as Record<string, unknown>;
    const settings = {
      workingHours: { start: v.start, end: v.end, days: v.days },
      windows: {
        best: Math.round(v.best * 60),
        ideal: Math.round(v.ideal * 60),
        acceptable: Math.round(v.acceptable * 60),
        late: Math.round(v.late * 60),
      },
      weights: Object.fromEntries(
        RUBRIC_PARTS.map((p) => [p, record[p] as number]),
      ) as OrgSettings["weights"],
      scoring: { penalizeMachineStyle: v.penalizeMachineStyle === "on" },
    };
    const checked = OrgSettingsSchema.safeParse(settings);
    if (!checked.success) {
      // Report each problem on the form field it belongs to (windows.best → best, weights.timing → timing).
      for (const issue of checked.error.issues) {
        const [section, key] = issue.path as string[];
        const field =
          section === "weights" && !key
            ? "weights"
            : section === "workingHours" && !key
              ? "end"
              : (key ?? section);
        ctx.addIssue({ code: "custom", path: [field], message: plainSettingsMessage(issue.message) });
      }
      return z.NEVER;
    }
    return checked.data;
  });

/** Settings messages name the JSON path ("windows.best …"); the form shows them beside the field. */
function plainSettingsMessage(message: string): string {
  return message
    .replace(/windows\.(\w+) \((\d+) min\)/g, (_, k, m) => `${k} (${Number(m) / 60} h)`)
    .replace(/windows\.|weights\.|workingHours\./g, "")
    .replace(/^weights must add up to 100$/, "The points must add up to 100.");
}
