import PostalMime, { addressParser, decodeWords, type Address } from "postal-mime";
import { autoReplyReason } from "../core/auto-reply";
import { MAX_EML_BYTES } from "../core/import/limits";
import { MAX_OWN_WORDS_INPUT, splitOwnWords } from "../core/own-words";
import { messageText, rawHeaderText } from "./mail-text.server";

export { htmlToText } from "./mail-text.server";

export type ParsedEmail = {
  from: { name: string | null; address: string | null };
  to: string[];
  date: string | null;
  subject: string;
  /**
   * The whole decoded body, quoted history and signature included, so that what the scorer sets
   * aside (app/core/own-words.ts) stays visible on the candidate page.
   */
  text: string;
  headers: Record<string, string>;
  messageId: string | null;
};

export class EmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmlError";
  }
}

export { MAX_EML_BYTES };

const RECIPIENT_HEADERS = new Set(["to", "cc", "delivered-to", "x-original-to"]);
// RFC 5322 field names: printable ASCII without spaces or colons. postal-mime turns any
// line of a non-email file (and an mbox "From " separator) into a header; those are dropped.
const FIELD_NAME = /^[!-9;-~]+$/;

export async function parseEml(raw: Buffer | Uint8Array | string): Promise<ParsedEmail> {
  const size = typeof raw === "string" ? Buffer.byteLength(raw) : raw.byteLength;
  if (size > MAX_EML_BYTES) {
    throw new EmlError(
      `This file is too large to be a follow-up email (${Math.ceil(size / 1024 / 1024)} MB; the limit is 10 MB).`,
    );
  }

  let email;
  try {
    email = await PostalMime.parse(raw);
  } catch (error) {
    throw new EmlError(`This file could not be read as an email message: ${(error as Error).message}`);
  }

  const buffer = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw);
  // A header written in 8-bit with no encoded words reaches us from postal-mime with replacement
  // characters: it is read again from its bytes, and what still cannot be read is dropped, not shown.
  const repaired = (value: string, name: string) =>
    value.includes("\ufffd") ? (rawHeaderText(buffer, name) ?? value).replace(/\ufffd/g, "") : value;

  const headers: Record<string, string> = {};
  const to = new Set<string>();
  for (const { key, value } of email.headers) {
    if (!FIELD_NAME.test(key)) continue;
    headers[key] ??= fixC1(repaired(decodeWords(value), key)).trim();
    if (RECIPIENT_HEADERS.has(key)) {
      for (const mailbox of addressParser(value, { flatten: true })) {
        if (mailbox.address) to.add(mailbox.address.toLowerCase());
      }
    }
  }

  const from = firstMailbox(email.from);
  const date = headers.date ? toIso(headers.date) : null;
  if (!from && !date) {
    throw new EmlError(
      'This file is not an email message: it has no From or Date header. Save the message from your mail program as .eml ("Save as" or "Download message") and upload that file.',
    );
  }

  // The body is read from the MIME parts here, not taken from postal-mime: see mail-text.server.ts.
  const body = messageText(buffer);
  if (!body.ok) throw new EmlError(body.reason);

  let name = from?.name ?? "";
  if (name.includes("\ufffd")) {
    const again = addressParser(rawHeaderText(buffer, "from") ?? "", { flatten: true })[0]?.name;
    name = (again ?? name).replace(/\ufffd/g, "");
  }
  return {
    from: { name: fixC1(name).trim() || null, address: from?.address.toLowerCase() || null },
    to: [...to],
    date,
    subject: fixC1(repaired(email.subject ?? "", "subject")).trim(),
    text: wholeBody(body.text),
    headers,
    messageId: email.messageId?.trim() || null,
  };
}

function firstMailbox(address: Address | undefined) {
  const mailbox = address?.group ? address.group[0] : address;
  return mailbox?.address ? mailbox : undefined;
}

function toIso(value: string): string | null {
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

// Node's TextDecoder decodes windows-1252 (and iso-8859-1, which mail uses to mean it) as plain
// Latin-1 since 20.18.3 / 22.13.0 (nodejs/node#60888), so Outlook's ’ – € arrive as C1 control
// characters. Those never occur in real text, so mapping them back is safe whatever the charset.
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

// The candidate's own words come first, so cutting a long thread only loses history.
function wholeBody(body: string): string {
  return body.slice(0, MAX_OWN_WORDS_INPUT).replace(/\r\n?/g, "\n").trim();
}

// ---------------------------------------------------------------------------------------------------
// What an import shows for one message before anything is written (`npm run import -- --dry-run
// --json` and the Import page): the message's facts, the candidate's own words exactly as the scorer
// reads them, and whether it would be imported.

export interface MailPreview {
  file: string;
  /** The sender's address, lower case. */
  from: string | null;
  /** ISO-8601 in UTC. */
  date: string | null;
  subject: string;
  /** splitOwnWords(text).text: what the scorer reads. */
  body: string;
  import: boolean;
  /** Why it would not be imported; null when it would. */
  reason: string | null;
}

/**
 * The facts a preview needs. inbound.server.ts's readMessage gives them as `facts` (for a forward,
 * the original's sender, date and text, which is what is stored and scored); previewMailFile reads
 * them from a parsed message.
 */
export interface PreviewableMessage {
  sender: string | null;
  sentAt: string | null;
  subject: string;
  /** The whole stored body: splitOwnWords reads the own words from it. */
  body: string;
  headers: Record<string, string>;
}

export function previewMessage(file: string, message: PreviewableMessage): MailPreview {
  let reason: string | null = null;
  if (!message.sender) reason = "The message has no sender address.";
  else if (!message.sentAt) reason = "The message has no Date, so it cannot be placed after an interview.";
  else {
    const auto = autoReplyReason({ subject: message.subject, body: message.body, headers: message.headers });
    if (auto) reason = `This is an automatic reply (${auto}), so it is not a follow-up.`;
  }
  return {
    file,
    from: message.sender,
    date: message.sentAt,
    subject: message.subject,
    body: splitOwnWords(message.body).text,
    import: reason === null,
    reason,
  };
}

/** A parsed message's facts as a preview reads them. */
export function previewable(parsed: ParsedEmail): PreviewableMessage {
  return {
    sender: parsed.from.address,
    sentAt: parsed.date,
    subject: parsed.subject,
    body: parsed.text,
    headers: parsed.headers,
  };
}

/** Parses one .eml file and previews it; a file that cannot be read is reported with the reason, not thrown. */
export async function previewMailFile(file: string, raw: Buffer | Uint8Array | string): Promise<MailPreview> {
  try {
    return previewMessage(file, previewable(await parseEml(raw)));
  } catch (error) {
    if (!(error instanceof EmlError)) throw error;
    return { file, from: null, date: null, subject: "", body: "", import: false, reason: error.message };
  }
}
