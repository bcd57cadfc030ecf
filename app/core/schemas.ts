// Form and API input schemas, shared by the server (authoritative) and the browser.
import { z } from "zod";
import { CHANNELS, INTERVIEW_FORMATS } from "../../db/schema";
import { isTimeZone, zonedToUtc } from "./time";

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
  z.string().trim().min(1, `Enter the ${what} date and time.`).regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, `Enter the ${what} as a date and time, like 2026-11-26 14:00.`);

export const LogInterviewSchema = z
  .object({
    applicationId: z.coerce.number().int().positive("Choose the application this interview belongs to."),
    interviewerName: z.string().trim().min(1, "Enter the interviewer's name.").max(120),
    interviewerEmail: z
      .string()
      .trim()
      .max(200)
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address, or leave it empty.")
      .transform((v) => (v === "" ? null : v.toLowerCase())),
    startsAt: localDateTime("start"),
    endsAt: localDateTime("end"),
    timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list, like America/New_York."),
    format: z.enum(INTERVIEW_FORMATS, { message: "Choose phone, video or onsite." }),
    round: z.coerce.number({ message: "Enter the round as a number." }).int("Enter a whole number.").min(1, "Rounds start at 1.").max(20),
    notes: z.string().trim().max(10_000, "Keep the notes under 10,000 characters."),
  })
  .transform((v, ctx) => {
    const startsAt = zonedToUtc(v.startsAt, v.timeZone);
    const endsAt = zonedToUtc(v.endsAt, v.timeZone);
    if (!startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "That start date does not exist; check the day and month." });
    if (!endsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "That end date does not exist; check the day and month." });
    if (startsAt && endsAt && endsAt <= startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The interview must end after it starts." });
    return { ...v, startsAt: startsAt ?? "", endsAt: endsAt ?? "" };
  });
export type LogInterviewInput = z.output<typeof LogInterviewSchema>;

export const LogFollowUpSchema = z.object({
  interviewId: z.coerce.number().int().positive("Choose the interview this follow-up answers."),
  receivedAt: localDateTime("received"),
  channel: z.enum(CHANNELS, { message: "Choose how the message arrived." }),
  sender: optionalText(200),
  subject: optionalText(300),
  body: z.string().trim().min(1, "Paste the message text.").max(50_000, "The message is over 50,000 characters; paste only the candidate's message."),
});
export type LogFollowUpInput = z.output<typeof LogFollowUpSchema>;

/** Field errors from a failed parse, as `{ field: [messages] }`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}
