// Auto-replies are not follow-ups: an out-of-office sent by the candidate's mail server says nothing
// about the candidate. Intake refuses them with this check.
import { PhraseMatcher } from "./rubric/phrase-matcher";
import { AUTO_REPLY_BODIES, AUTO_REPLY_SUBJECTS } from "./rubric/phrases";

const SUBJECTS = new PhraseMatcher([AUTO_REPLY_SUBJECTS]);
// A rescore checks every stored message; this skips tokenizing the many that cannot match any entry.
// Each list entry contains one of these (phrases.test.ts checks every entry end to end).
const MAY_BE_AUTO_REPLY =
  /\bout\s+of\b|\bauto|\baway\b|\bundeliverable\b|\bdelivery\s+status\b|\bwhen\s+I\s+return\b/i;
const BODIES = new PhraseMatcher([AUTO_REPLY_BODIES]);

export interface MessageForAutoReplyCheck {
  subject: string | null;
  body: string;
  /** Mail headers, when the message came in by email; names are matched case-insensitively. */
  headers?: Record<string, string | readonly string[] | undefined> | null;
}

// Auto-reply text opens the message; a real note that says "I'm out of the office next week" further
// down must not be refused, so only the opening is searched.
const BODY_OPENING_CHARS = 600;

function headerValues(headers: MessageForAutoReplyCheck["headers"], name: string): string[] {
  if (!headers) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value == null) continue;
    if (typeof value === "string") out.push(value.trim().toLowerCase());
    else for (const v of value) out.push(v.trim().toLowerCase());
  }
  return out;
}

/** Which signal marks the message as an auto-reply, or null when none does. */
export function autoReplyReason(message: MessageForAutoReplyCheck): string | null {
  // RFC 3834: any Auto-Submitted value other than "no" marks machine-sent mail.
  const submitted = headerValues(message.headers, "auto-submitted").find((v) => v !== "" && v !== "no");
  if (submitted) return `Auto-Submitted: ${submitted}`;
  for (const name of ["x-autoreply", "x-autorespond", "x-auto-response"]) {
    const v = headerValues(message.headers, name).find((value) => value !== "no" && value !== "false");
    if (v !== undefined) return `${name}: ${v}`;
  }
  const precedence = headerValues(message.headers, "precedence").find((v) =>
    ["auto_reply", "bulk", "junk", "list"].includes(v),
  );
  if (precedence) return `Precedence: ${precedence}`;
  const subject = message.subject ?? "";
  const found = MAY_BE_AUTO_REPLY.test(subject) ? SUBJECTS.find("autoReplySubject", subject)[0] : undefined;
  if (found) return `Subject: “${found.text}”`;
  const opening = message.body.slice(0, BODY_OPENING_CHARS);
  const line = MAY_BE_AUTO_REPLY.test(opening) ? BODIES.find("autoReplyBody", opening)[0] : undefined;
  if (line) return `Body: “${line.text}”`;
  return null;
}

export function isAutoReply(message: MessageForAutoReplyCheck): boolean {
  return autoReplyReason(message) !== null;
}
