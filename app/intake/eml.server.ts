import PostalMime, { addressParser, decodeWords, type Address } from "postal-mime";
import { MAX_EML_BYTES } from "../core/import/limits";
import { MAX_OWN_WORDS_INPUT } from "../core/own-words";

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

  const headers: Record<string, string> = {};
  const to = new Set<string>();
  for (const { key, value } of email.headers) {
    if (!FIELD_NAME.test(key)) continue;
    headers[key] ??= fixC1(decodeWords(value)).trim();
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

  // postal-mime leaves `text` unset when the message has no text/plain part.
  const body = email.text ?? (email.html ? htmlToText(email.html) : "");

  return {
    from: { name: fixC1(from?.name ?? "").trim() || null, address: from?.address.toLowerCase() || null },
    to: [...to],
    date,
    subject: fixC1(email.subject ?? "").trim(),
    text: wholeBody(fixC1(body)),
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

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  bull: "•",
  middot: "·",
  euro: "€",
  pound: "£",
  copy: "©",
  reg: "®",
  trade: "™",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  aacute: "á",
  agrave: "à",
  ccedil: "ç",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  auml: "ä",
  ouml: "ö",
  uuml: "ü",
  szlig: "ß",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (entity, name: string) => {
    if (name[0] !== "#") return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? entity;
    const code =
      name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

const QUOTE_START = "\u0001";
const QUOTE_END = "\u0002";

// Blockquotes come out as ">" lines so that they are set aside like plain-text quotes.
// Patterns stop at the next "<" (or the end) so that unclosed tags cannot make them backtrack.
export function htmlToText(html: string): string {
  const flat = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    .replace(/<(script|style|head|title)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, "")
    .replace(/\s+/g, " ") // source line breaks mean nothing in HTML; only tags break lines
    .replace(/<br\b[^<>]*>/gi, "\n")
    .replace(/<blockquote\b[^<>]*>/gi, `\n${QUOTE_START}\n`)
    .replace(/<\/blockquote\s*>/gi, `\n${QUOTE_END}\n`)
    .replace(/<\/?(p|h[1-6]|ul|ol|table|pre)\b[^<>]*>/gi, "\n\n")
    .replace(/<li\b[^<>]*>/gi, "\n- ")
    .replace(/<\/?(div|tr|hr|section|article|header|footer|address)\b[^<>]*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, " ")
    .replace(/<[^<>]*>/g, "");

  let depth = 0;
  const lines: string[] = [];
  for (const line of decodeEntities(flat).split("\n")) {
    if (line === QUOTE_START) depth++;
    else if (line === QUOTE_END) depth = Math.max(0, depth - 1);
    else {
      const text = line.replace(/[ \t\u00a0]+/g, " ").trim();
      if (depth === 0) lines.push(text);
      // Quoted blank lines are runs of empty divs; one is enough for the set-aside part to read well.
      else if (text) lines.push(`> ${text}`);
      else if (lines.at(-1) !== ">") lines.push(">");
    }
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
