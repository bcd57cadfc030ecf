// When outgoing mail (and a webhook delivery) is tried again, and which period a scheduled mail covers.
// Pure: the senders and the schedulers (app/data/outbox.server.ts, app/data/webhooks.server.ts,
// app/data/scheduled-mail.server.ts) pass `now` in.

/** When a failed send is tried again: the outbox's mail and the webhooks' deliveries each have one. */
export interface RetrySchedule {
  /** Attempts before a message is given up as failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each later one doubles it, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Attempts before a message is given up as failed. */
export const MAX_SEND_ATTEMPTS = 6;
/** The wait after the first failed attempt; each later one doubles it, up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 60_000;
export const MAX_RETRY_DELAY_MS = 4 * 3_600_000;
export const MAIL_RETRIES: RetrySchedule = {
  maxAttempts: MAX_SEND_ATTEMPTS,
  firstDelayMs: FIRST_RETRY_DELAY_MS,
  maxDelayMs: MAX_RETRY_DELAY_MS,
};
/**
 * A message claimed longer ago than this without an answer lost its sender (stopped mid-send): it is
 * queued again. Longer than any SMTP conversation nodemailer allows (its timeouts are minutes).
 */
export const SENDING_LEASE_MS = 15 * 60_000;

/** The wait before the next try after `attempts` failed attempts (1 → 1 min, 2 → 2 min, 3 → 4 min…). */
export function retryDelayMs(attempts: number, schedule: RetrySchedule = MAIL_RETRIES): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(schedule.maxDelayMs, schedule.firstDelayMs * 2 ** (n - 1));
}

/**
 * What happens to a message after a failed attempt: tried again later, or failed for good when it was
 * the last attempt or the server refused it permanently (an SMTP 5xx answer: the address does not
 * exist, the message is refused; sending it again gets the same answer).
 */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  now: Date,
  schedule: RetrySchedule = MAIL_RETRIES,
): { status: "queued"; nextAttemptAt: string } | { status: "failed" } {
  if (permanent || attempts >= schedule.maxAttempts) return { status: "failed" };
  return {
    status: "queued",
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, schedule)).toISOString(),
  };
}

/** Whether an SMTP error is permanent: a 5xx reply code. Connection errors (no code) and 4xx are not. */
export function isPermanentSmtpFailure(responseCode: number | undefined): boolean {
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600;
}

export const REPORT_FREQUENCIES = ["weekly", "monthly"] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
export const REPORT_FREQUENCY_LABELS: Record<ReportFrequency, string> = {
  weekly: "Every Monday, for the week before",
  monthly: "On the 1st, for the month before",
};

/** The calendar date (YYYY-MM-DD) and hour of an instant in a zone. */
export function localDate(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Scheduled mail goes out from this local hour on (a report read on Monday morning, not at midnight). */
export const SEND_FROM_HOUR = 7;

/**
 * The period a scheduled report sent at `now` covers: the last complete week (Monday to Sunday) or
 * month in the organization's zone, with the key that makes it once per client and period. Null before
 * SEND_FROM_HOUR local time, so that the report goes out in the morning.
 */
export function reportPeriod(
  frequency: ReportFrequency,
  now: Date,
  timeZone: string,
): { key: string; from: string; to: string; label: string } | null {
  const { date, hour } = localDate(now, timeZone);
  if (hour < SEND_FROM_HOUR) return null;
  if (frequency === "weekly") {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    const from = addDays(date, -weekday - 7);
    const to = addDays(from, 6);
    return { key: `week-${from}`, from, to, label: `the week of ${from} to ${to}` };
  }
  const [y, m] = date.split("-").map(Number);
  const first = new Date(Date.UTC(y!, m! - 2, 1));
  const from = first.toISOString().slice(0, 10);
  const to = addDays(`${date.slice(0, 8)}01`, -1);
  const month = first.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  return { key: `month-${from.slice(0, 7)}`, from, to, label: month };
}

/** The day a daily digest at `now` is for (the local date), or null before SEND_FROM_HOUR. */
export function digestDay(now: Date, timeZone: string): string | null {
  const { date, hour } = localDate(now, timeZone);
  return hour < SEND_FROM_HOUR ? null : date;
}
