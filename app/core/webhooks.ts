// Outgoing webhooks (issue 22, item 4), the pure part: the form's schema, what each event's `data`
// holds (zod schemas, which the OpenAPI document's `webhooks` section is built from), when a failed
// delivery is tried again, and which destinations are private (the sender refuses them, against
// server-side request forgery). Signing and sending are app/data/webhooks.server.ts.
import { z } from "zod";
import { CHANNELS } from "./channels";
import type { RetrySchedule } from "./mail-schedule";
import { OUTCOMES } from "./outcomes";
import { RUBRIC_PARTS } from "./rubric-parts";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEventType } from "./webhook-events";
import { WINDOWS } from "./windows";

/** A delivery is tried this many times, waiting 1, 2, 4 … minutes, at most 4 hours, between (about 16 hours in all). */
export const WEBHOOK_RETRIES: RetrySchedule = {
  maxAttempts: 10,
  firstDelayMs: 60_000,
  maxDelayMs: 4 * 3_600_000,
};
/** A receiver has this long to answer (connection, TLS and response together). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A delivery claimed longer ago than this lost its sender (a stopped server): it is queued again. */
export const WEBHOOK_LEASE_MS = 2 * 60_000;
/** Sent and failed deliveries are listed, then deleted, this many days after they were queued. */
export const WEBHOOK_KEEP_DAYS = 30;
/** After a rotation, the previous secret signs too for this long, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_MS = 24 * 3_600_000;
/** Characters of a receiver's answer kept and shown. */
export const EXCERPT_CHARS = 200;
/** Endpoints per organization. */
export const MAX_ENDPOINTS = 20;

/** The start of a receiver's answer, on one line. */
export function responseExcerpt(text: string): string | null {
  const line = text.replace(/\s+/g, " ").trim();
  if (!line) return null;
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

// ---- Destinations ----------------------------------------------------------------------------------

/** An IPv4 address as four numbers, or null. */
function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** An IPv6 address as eight 16-bit groups (an IPv4 tail included), or null. */
function parseIpv6(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!address.includes(":")) return null;
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(":");
  const v4 = parseIpv4(address.slice(lastColon + 1));
  if (v4) {
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    address = address.slice(0, lastColon + 1) + "0:0";
  }
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const all = [...head, ...Array<string>(8 - given).fill("0"), ...rest];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  const out = all.map((g) => parseInt(g, 16));
  if (tail.length) out.splice(6, 2, ...tail);
  return out;
}

function privateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata services live here)
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast, reserved, broadcast
  );
}

/**
 * Whether an IP address is one a webhook must not reach by default: loopback, private networks,
 * link-local, carrier-grade NAT, multicast and reserved ranges, in IPv4 or IPv6 (IPv4-mapped and
 * NAT64 addresses are judged by their IPv4 part). Anything that is not an IP address counts as private.
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = parseIpv4(ip);
  if (v4) return privateIpv4(v4);
  const g = parseIpv6(ip);
  if (!g) return true;
  const [g0, , , , , g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const v4Tail = [g6 >> 8, g6 & 255, g7 >> 8, g7 & 255];
  if (g.slice(0, 5).every((x) => x === 0) && g5 === 0xffff) return privateIpv4(v4Tail); // ::ffff:a.b.c.d
  if (g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return privateIpv4(v4Tail); // NAT64
  if (g.slice(0, 7).every((x) => x === 0)) return true; // :: and ::1
  if (g.slice(0, 6).every((x) => x === 0)) return true; // IPv4-compatible (deprecated)
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g0 & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g0 & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (g0 & 0xff00) === 0xff00 || // multicast
    (g0 === 0x2001 && g[1] === 0x0db8) || // documentation
    (g0 === 0x2001 && g[1]! < 0x0200) // Teredo, ORCHID and the other special-purpose 2001::/23
  );
}

/** Whether a host name is an IP address literal (IPv6 in brackets or not). */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== null || parseIpv6(host) !== null;
}

/** Names that always mean this machine or the local network. */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/**
 * Why a webhook URL is refused, or null: only http and https, no user name or password in it, and
 * (unless private destinations are allowed) no loopback, private or link-local address written in it.
 * Names are resolved when a delivery is sent, and their addresses judged then.
 */
export function webhookUrlProblem(text: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter a full URL, starting with https:// (or http://).";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "Only https:// and http:// URLs can receive webhooks.";
  if (url.username || url.password)
    return "Leave the user name and password out of the URL: every delivery is signed instead.";
  if (url.hash) return "Leave out the #fragment: it is never sent to a server.";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const isPrivate = isIpLiteral(host)
    ? isPrivateAddress(host)
    : LOCAL_NAMES.test(host) || !host.includes(".");
  if (isPrivate)
    return "That is a private address (this machine, a private network or link-local). Webhooks go only to public addresses unless the server sets WEBHOOKS_ALLOW_PRIVATE=1.";
  return null;
}

// ---- The form --------------------------------------------------------------------------------------

const eventList = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(WEBHOOK_EVENTS, { message: "Choose events from the list." }))
    .min(1, "Choose at least one event."),
);

/** A new endpoint, or an endpoint's events and state: the URL's private-address rule is checked apart. */
export const WebhookEndpointSchema = z.object({
  url: z
    .string({ message: "Enter the URL that receives the events." })
    .trim()
    .min(1, "Enter the URL that receives the events.")
    .max(2000, "That URL is too long (2,000 characters at most)."),
  events: eventList,
  enabled: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
});
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEventsSchema = WebhookEndpointSchema.omit({ url: true });

/** The stored events of an endpoint (a JSON array), keeping only known ones. */
export function parseEventList(stored: string): WebhookEventType[] {
  try {
    const list = JSON.parse(stored) as unknown;
    return Array.isArray(list) ? WEBHOOK_EVENTS.filter((e) => list.includes(e)) : [];
  } catch {
    return [];
  }
}

// ---- Payloads --------------------------------------------------------------------------------------

const id = z.number().int().positive();
const timestamp = z.string().describe("An instant, ISO 8601 in UTC.");
const context = {
  interviewId: id,
  applicationId: id,
  candidateId: id,
  positionId: id,
};

/**
 * What each event's `data` holds. Ids and figures only, never names or message text: a receiver reads
 * those with an API token (GET /api/v1/follow-ups/{id}, …), where the token's permissions apply, and a
 * candidate's erasure leaves nothing of them in the deliveries kept here.
 */
export const WEBHOOK_DATA = {
  "follow_up.received": z.object({
    followUpId: id,
    ...context,
    receivedAt: timestamp,
    channel: z.enum(CHANNELS),
  }),
  "follow_up.scored": z.object({
    followUpId: id,
    ...context,
    receivedAt: timestamp,
    window: z.enum(WINDOWS).nullable(),
    latencyMinutes: z.number().nullable(),
    businessLatencyMinutes: z.number().nullable(),
    score: z.number().nullable().describe("0–100; null when the message does not count as a follow-up."),
    scorerVersion: z.string().nullable(),
    parts: z
      .array(z.object({ part: z.enum(RUBRIC_PARTS), points: z.number(), max: z.number() }))
      .describe("Each part's points; the evidence for them is in GET /api/v1/follow-ups/{id}."),
  }),
  "interview.window_closed": z.object({
    ...context,
    endsAt: timestamp,
    closesAt: timestamp.describe("When the last window closed: the interview now counts as not followed up."),
  }),
  "application.outcome_changed": z.object({
    applicationId: id,
    candidateId: id,
    positionId: id,
    outcome: z.enum(OUTCOMES),
    outcomeOn: z.string().nullable().describe("The date it was decided, like 2026-11-26."),
    previousOutcome: z.enum(OUTCOMES),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_DATA)[T]>;

/** The body of every delivery: the event's id, type and time, and its data. */
export function webhookEnvelope(type: WebhookEventType) {
  return z.object({
    id: z.string().describe("The event's id (evt_…), the same in every retry: deduplicate by it."),
    type: z.literal(type),
    created_at: timestamp,
    data: WEBHOOK_DATA[type],
  });
}

/**
 * The OpenAPI 3.1 `webhooks` section: for each event, the POST a receiver gets (its body, the headers
 * that carry the event's id and signature) and the answer expected.
 */
export function webhooksDocument(): Record<string, unknown> {
  const header = (description: string) => ({ required: true, description, schema: { type: "string" } });
  return Object.fromEntries(
    WEBHOOK_EVENTS.map((type) => {
      const schema = z.toJSONSchema(webhookEnvelope(type), {
        io: "output",
        target: "draft-2020-12",
      }) as Record<string, unknown>;
      delete schema.$schema;
      return [
        type,
        {
          post: {
            operationId: `webhook_${type.replace(".", "_")}`,
            summary: WEBHOOK_EVENT_LABELS[type].label,
            description: `Sent when ${WEBHOOK_EVENT_LABELS[type].when}. Registered on Settings → Webhooks; retried with backoff until a 2xx answer.`,
            tags: ["Webhooks"],
            security: [],
            parameters: [
              { name: "Followthrough-Event-Id", in: "header", ...header("The event's id, as in the body.") },
              {
                name: "Followthrough-Event-Type",
                in: "header",
                ...header("The event's type, as in the body."),
              },
              {
                name: "Followthrough-Signature",
                in: "header",
                ...header(
                  "t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${body}` with the endpoint's secret>; a second v1 for a day after the secret is rotated.",
                ),
              },
            ],
            requestBody: { required: true, content: { "application/json": { schema } } },
            responses: {
              "200": { description: "Any 2xx answer within 10 seconds: delivered." },
              default: { description: "Anything else, or no answer: tried again later." },
            },
          },
        },
      ];
    }),
  );
}
