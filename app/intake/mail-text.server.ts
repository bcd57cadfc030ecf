// The text of a message, read from its MIME parts: transfer encodings undone, the charset decoded
// (detected when the message does not declare it, or declares a wrong one), format=flowed unfolded
// with its quote depths kept (RFC 3676), and HTML turned into text when there is no plain part.
// postal-mime reads the headers (app/intake/eml.server.ts); the body is read here because postal-mime
// decodes undeclared 8-bit text as UTF-8 with replacement characters, and unfolds flowed text across
// quote depths, which glues the reply written under a quote onto the quote.
import chardet from "chardet";
import iconv from "iconv-lite";
import { decodeWords } from "postal-mime";

/** Parts nested deeper than this, or more parts than this, are not read (a real message has a few). */
const MAX_DEPTH = 20;
const MAX_PARTS = 500;

export type MessageText = { ok: true; text: string } | { ok: false; reason: string };

interface Part {
  headers: string[];
  type: string;
  params: Record<string, string>;
  encoding: string;
  attachment: boolean;
  body: Buffer;
  children: Part[];
}

interface TextLeaf {
  /** Text shown as it is (the header of a message forwarded inline), not decoded from bytes. */
  literal?: string;
  html: boolean;
  bytes: Buffer;
  charset: string | null;
  flowed: boolean;
  delSp: boolean;
}

/** The message's readable text: its plain parts, or its HTML parts as text when it has no plain one. */
export function messageText(raw: Buffer): MessageText {
  const root = parsePart(raw, 0, { count: 0 });
  const groups: TextLeaf[][] = [];
  collect(root, groups, null);
  const pieces: string[] = [];
  for (const group of groups) {
    const plain = group.filter((leaf) => !leaf.html);
    // A forwarded message's header goes with whichever representation is shown.
    for (const leaf of plain.some((leaf) => leaf.literal === undefined) ? plain : group) {
      const decoded = decodeLeaf(leaf);
      if (!decoded.ok) return decoded;
      pieces.push(decoded.text);
    }
  }
  return { ok: true, text: pieces.join("\n") };
}

/**
 * A top-level header as its raw bytes say, for a header written in 8-bit without encoded words
 * ("Subject: Café", sent by an old program): postal-mime reads those bytes as UTF-8 and shows
 * replacement characters. Null when the header is absent or its bytes read as no text.
 */
export function rawHeaderText(raw: Buffer, name: string): string | null {
  const { headers } = splitHead(raw);
  const line = headerValue(headers, name.toLowerCase());
  if (line === null) return null;
  const decoded = decodeCharset(Buffer.from(line, "latin1"), null);
  return decoded.ok ? decodeWords(decoded.text).trim() : null;
}

function decodeLeaf(leaf: TextLeaf): MessageText {
  if (leaf.literal !== undefined) return { ok: true, text: leaf.literal };
  const declared = leaf.charset ?? (leaf.html ? metaCharset(leaf.bytes) : null);
  const decoded = decodeCharset(leaf.bytes, declared);
  if (!decoded.ok) return decoded;
  let text = decoded.text;
  if (leaf.html) return { ok: true, text: htmlToText(text) };
  if (leaf.flowed) text = decodeFlowed(text, leaf.delSp);
  return { ok: true, text };
}

// ---------------------------------------------------------------------------------------------------
// MIME structure

function collect(part: Part, groups: TextLeaf[][], alternative: TextLeaf[] | null, depth = 0): void {
  if (part.children.length) {
    // One representation of an alternative is shown: its plain parts, else its HTML parts.
    const group = part.type === "multipart/alternative" && !alternative ? [] : alternative;
    if (group && group !== alternative) groups.push(group);
    for (const child of part.children) collect(child, groups, group, depth);
    return;
  }
  if (part.type === "message/rfc822" && !part.attachment && depth < MAX_DEPTH) {
    // A message forwarded inline: its text under a forward header, so that it is set aside as one.
    const inner = parsePart(decodeTransfer(part.body, part.encoding), depth + 1, { count: 0 });
    const field = (name: string) => decodeWords(headerValue(inner.headers, name) ?? "").trim();
    const group: TextLeaf[] = [];
    const header = ["---------- Forwarded message ---------"];
    for (const [label, name] of [
      ["From", "from"],
      ["Date", "date"],
      ["Subject", "subject"],
      ["To", "to"],
    ]) {
      if (field(name)) header.push(`${label}: ${field(name)}`);
    }
    group.push({
      literal: `${header.join("\n")}\n`,
      html: false,
      bytes: Buffer.alloc(0),
      charset: null,
      flowed: false,
      delSp: false,
    });
    collect(inner, [group], group, depth + 1);
    if (group.length > 1) groups.push(group);
    return;
  }
  if (part.attachment || (part.type !== "text/plain" && part.type !== "text/html")) return;
  const leaf: TextLeaf = {
    html: part.type === "text/html",
    bytes: decodeTransfer(part.body, part.encoding),
    charset: part.params.charset?.trim() || null,
    flowed: part.params.format?.toLowerCase() === "flowed",
    delSp: part.params.delsp?.toLowerCase() === "yes",
  };
  if (alternative) alternative.push(leaf);
  else groups.push([leaf]);
}

function parsePart(buf: Buffer, depth: number, seen: { count: number }): Part {
  seen.count++;
  const { headers, body } = splitHead(buf);
  const contentType = headerValue(headers, "content-type");
  const { value, params } = parseStructured(contentType ?? "text/plain");
  // A part without a type, or with a broken one, is plain text (RFC 2045 5.2).
  const type = /^[\w.+-]+\/[\w.+-]+$/.test(value) ? value : "text/plain";
  const disposition = parseStructured(headerValue(headers, "content-disposition") ?? "").value;
  const part: Part = {
    headers,
    type,
    params,
    encoding: (headerValue(headers, "content-transfer-encoding") ?? "").trim().toLowerCase(),
    attachment: disposition === "attachment",
    body,
    children: [],
  };
  if (type.startsWith("multipart/") && params.boundary && depth < MAX_DEPTH) {
    for (const child of splitMultipart(body, params.boundary)) {
      if (seen.count >= MAX_PARTS) break;
      part.children.push(parsePart(child, depth + 1, seen));
    }
  }
  return part;
}

/** Header lines (unfolded, as Latin-1 text) and the body after the first empty line. */
function splitHead(buf: Buffer): { headers: string[]; body: Buffer } {
  let end = -1;
  let bodyStart = buf.length;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] !== 0x0a) continue;
    // The line after this newline is empty when it is only "\n" or "\r\n".
    if (buf[i + 1] === 0x0a) {
      end = i;
      bodyStart = i + 2;
      break;
    }
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) {
      end = i;
      bodyStart = i + 3;
      break;
    }
  }
  // A part that starts with an empty line has no headers.
  if (buf[0] === 0x0a) return { headers: [], body: buf.subarray(1) };
  if (buf[0] === 0x0d && buf[1] === 0x0a) return { headers: [], body: buf.subarray(2) };
  const head = buf.subarray(0, end < 0 ? buf.length : end).toString("latin1");
  const headers: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && headers.length)
      headers[headers.length - 1] += line;
    else headers.push(line);
  }
  return { headers, body: end < 0 ? Buffer.alloc(0) : buf.subarray(bodyStart) };
}

function headerValue(headers: string[], name: string): string | null {
  for (const line of headers) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return null;
}

/** `text/plain; charset="utf-8"; format=flowed` as its value (lower case) and its parameters. */
function parseStructured(header: string): { value: string; params: Record<string, string> } {
  const semicolon = header.indexOf(";");
  const value = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semicolon < 0) return { value, params };
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const key = m[1].toLowerCase();
    let val = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3].trim();
    // RFC 2231: charset*=utf-8''value, or a value split over key*0, key*1, …
    const base = key.replace(/\*(?:\d+\*?)?$/, "");
    if (key.endsWith("*") && /^[^']*'[^']*'/.test(val))
      val = decodeURIComponentSafe(val.replace(/^[^']*'[^']*'/, ""));
    if (base !== key && /\*\d+\*?$/.test(key)) params[base] = (params[base] ?? "") + val;
    else params[base] ??= val;
  }
  return { value, params };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The parts between `--boundary` lines; the preamble and epilogue are not parts. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString("latin1");
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let pos = 0;
  while (pos <= text.length) {
    const found = text.indexOf(delimiter, pos);
    if (found < 0) break;
    const lineStart = found === 0 || text[found - 1] === "\n";
    const after = found + delimiter.length;
    if (!lineStart) {
      pos = after;
      continue;
    }
    const closing = text.startsWith("--", after);
    const newline = text.indexOf("\n", after);
    // The delimiter must be alone on its line (with optional trailing whitespace).
    const rest = text.slice(closing ? after + 2 : after, newline < 0 ? text.length : newline);
    if (rest.trim() !== "") {
      pos = after;
      continue;
    }
    if (start >= 0) {
      // The line break before the delimiter belongs to the delimiter.
      let end = found;
      if (text[end - 1] === "\n") end--;
      if (text[end - 1] === "\r") end--;
      parts.push(body.subarray(start, Math.max(start, end)));
    }
    if (closing) {
      start = -1;
      break;
    }
    start = newline < 0 ? text.length : newline + 1;
    pos = start;
  }
  // A message cut short keeps its last, unclosed part.
  if (start >= 0 && start < text.length) parts.push(body.subarray(start));
  return parts;
}

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  if (encoding === "base64")
    return Buffer.from(body.toString("latin1").replace(/[^A-Za-z0-9+/]/g, ""), "base64");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  return body;
}

function hex(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const out = Buffer.alloc(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    // "=" then optional trailing whitespace and a line break: a soft line break.
    let j = i + 1;
    while (body[j] === 0x20 || body[j] === 0x09) j++;
    if (body[j] === 0x0a || (body[j] === 0x0d && body[j + 1] === 0x0a)) {
      i = body[j] === 0x0d ? j + 1 : j;
      continue;
    }
    if (j >= body.length) break;
    const high = hex(body[i + 1] ?? 0);
    const low = hex(body[i + 2] ?? 0);
    if (high >= 0 && low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else out[n++] = c; // a stray "=" is kept as it is
  }
  return out.subarray(0, n);
}

// ---------------------------------------------------------------------------------------------------
// Charsets

// What mail means by these labels is Windows-1252, as browsers read them (WHATWG Encoding): Outlook
// declares iso-8859-1 and writes ’ “ ” – € in the 0x80–0x9F range.
const WINDOWS_1252_LABELS = new Set([
  "us-ascii",
  "ascii",
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "latin1",
  "latin-1",
  "l1",
  "cp819",
  "ibm819",
  "windows-1252",
  "cp1252",
  "x-cp1252",
]);
const UTF8_LABELS = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);
// Labels that say nothing about the bytes.
const UNKNOWN_LABELS = new Set(["unknown-8bit", "x-unknown", "unknown", "x-user-defined", "default", "8bit"]);
// Single-byte Latin charsets, which a sender's program often claims for text that is really UTF-8.
const LATIN_LABEL =
  /^(?:iso[-_]?8859-(?:1|2|3|4|9|10|13|14|15|16)|windows-125[0-8]|cp125[0-8]|latin-?\d|us-ascii|ascii)$/;
// Charsets chardet may name whose text cannot hold a multi-byte UTF-8 sequence by accident.
const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
// chardet reads this much of a part (its statistics settle long before), and names a charset with a
// confidence from 0 to 100; below this it is guessing (random bytes score about 4, and a few 8-bit
// bytes in English text 10 for every Asian charset at once).
const DETECT_SAMPLE = 64 * 1024;
const MIN_CONFIDENCE = 20;
// Undetected text is taken as Windows-1252 only when few of its bytes are 8-bit.
const MAX_UNDETECTED_HIGH_SHARE = 0.3;
const MAX_UNDETECTED_HIGH_BYTES = 8;
// Decoded text with more control characters than this is binary, not text.
const MAX_CONTROL_SHARE = 0.02;
// Control characters are never text; a byte no charset defines decodes to one and is dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

/** How the bytes read as UTF-8: valid throughout, and whether any sequence is longer than one byte. */
function utf8Shape(bytes: Uint8Array): { valid: boolean; multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      if (length > 1) multiByte++;
      i += length;
    }
  }
  return { valid: invalid === 0, multiByte, invalid };
}

/** The length of the valid UTF-8 sequence at i, or 0 when the byte there does not start one. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number) => i + k < bytes.length && (bytes[i + k] & 0xc0) === 0x80;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 >= 0xa0)) return 0; // overlong, surrogate
    return 3;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const b1 = bytes[i + 1];
    if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

function normaliseLabel(label: string): string {
  return label
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
}

/** The bytes decoded in the named charset, or null when the charset is unknown or the bytes are not valid in it. */
function decodeAs(bytes: Uint8Array, label: string): string | null {
  if (WINDOWS_1252_LABELS.has(label)) return windows1252(bytes);
  if (UTF8_LABELS.has(label)) return decodeStrict(bytes, "utf-8");
  // Where the platform knows the charset its strict reading is final; iconv-lite reads the rest.
  if (knownToPlatform(label)) return decodeStrict(bytes, label);
  if (!iconv.encodingExists(label)) return null;
  const text = iconv.decode(Buffer.from(bytes), label);
  return text.includes("\ufffd") ? null : text;
}

function knownToPlatform(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

function decodeStrict(bytes: Uint8Array, label: string): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
  // Node reads iso-8859-1 and its aliases as Latin-1 (nodejs/node#60888): those are handled above.
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function windows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b >= 0x80 && b <= 0x9f ? WINDOWS_1252_C1[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}

/**
 * UTF-8 text with a few bytes that are not UTF-8 (a Latin-1 é pasted into a UTF-8 message): the valid
 * sequences as UTF-8, every other byte in the single-byte charset the detector names.
 */
function mixedUtf8(bytes: Uint8Array, fallback: (byte: Uint8Array) => string): string {
  const decoder = new TextDecoder("utf-8");
  let out = "";
  let run = 0;
  for (let i = 0; i < bytes.length;) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += decoder.decode(bytes.subarray(run, i)) + fallback(bytes.subarray(i, i + 1));
    i++;
    run = i;
  }
  return out + decoder.decode(bytes.subarray(run));
}

/**
 * The text of a part: in its declared charset when the bytes are valid in it, else in the charset
 * detected from the bytes (chardet). Never with replacement characters: bytes that no candidate reads
 * give a reason instead.
 */
export function decodeCharset(bytes: Uint8Array, declared: string | null): MessageText {
  const label = declared ? normaliseLabel(declared) : "";
  const known = label !== "" && !UNKNOWN_LABELS.has(label);
  const finish = (text: string): MessageText => ({ ok: true, text: text.replace(CONTROL, "") });
  // 7-bit text is ASCII unless the charset is a 7-bit encoding of more (ISO-2022-JP, UTF-7).
  if (
    isAscii(bytes) &&
    (!known || WINDOWS_1252_LABELS.has(label) || UTF8_LABELS.has(label) || LATIN_LABEL.test(label))
  )
    return finish(Buffer.from(bytes).toString("latin1"));
  const utf8 = utf8Shape(bytes);
  // Text that is valid UTF-8 with a multi-byte sequence is UTF-8, whatever single-byte charset is
  // claimed: Latin-1 text is almost never valid UTF-8 by accident.
  if (utf8.valid && (!known || UTF8_LABELS.has(label) || (LATIN_LABEL.test(label) && utf8.multiByte > 0)))
    return finish(new TextDecoder("utf-8").decode(bytes));
  if (known && !UTF8_LABELS.has(label)) {
    const text = decodeAs(bytes, label);
    if (text !== null) return finish(text);
  }
  // Undeclared, unknown or wrongly declared: the detector's candidates, most likely first.
  const candidates = chardet
    .analyse(bytes.subarray(0, DETECT_SAMPLE))
    .filter((c) => c.confidence >= MIN_CONFIDENCE)
    .map((c) => c.name.toLowerCase())
    .filter((name) => name !== "utf-8" && name !== "ascii");
  const singleByte = candidates.find(isSingleByte);
  if (utf8.multiByte > utf8.invalid) {
    // Mostly UTF-8: only the stray bytes are read, in the single-byte charset detected (else Windows-1252).
    const fallback = (b: Uint8Array) => (singleByte ? decodeAs(b, singleByte) : null) ?? windows1252(b);
    return finish(mixedUtf8(bytes, fallback));
  }
  for (const name of candidates.slice(0, 6)) {
    const text = decodeAs(bytes, name);
    if (text !== null && readable(text)) return finish(text);
  }
  // Nothing detected with confidence: text that is mostly ASCII with a few 8-bit bytes ("Café") is
  // Western European far more often than anything else.
  const high = highBytes(bytes);
  if (high <= MAX_UNDETECTED_HIGH_BYTES || high <= bytes.length * MAX_UNDETECTED_HIGH_SHARE) {
    const text = windows1252(bytes);
    if (readable(text)) return finish(text);
  }
  const claimed = declared?.trim() ? `declared as “${declared.trim()}”` : "with no character set declared";
  return {
    ok: false,
    reason: `The message's text (${claimed}) is in a character set that could not be recognised, so its words cannot be read faithfully. Ask the sender to resend it, or paste the text on the candidate's page.`,
  };
}

const isSingleByte = (name: string) =>
  name.startsWith("iso-8859") || name.startsWith("windows-125") || name.startsWith("koi8");

function highBytes(bytes: Uint8Array): number {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) high++;
  return high;
}

// Private-use characters come out of bytes read in the wrong multi-byte charset.
const PRIVATE_USE = /[\ue000-\uf8ff]/g;

/** Text, not binary or a wrong charset's reading: hardly any control or private-use characters. */
function readable(text: string): boolean {
  const odd = (text.match(CONTROL)?.length ?? 0) + (text.match(PRIVATE_USE)?.length ?? 0);
  return odd <= text.length * MAX_CONTROL_SHARE;
}

/** `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top. */
function metaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString("latin1");
  return /<meta\b[^<>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------------
// format=flowed (RFC 3676)

/**
 * Unfolds flowed text: a line ending in a space continues on the next line of the same quote depth.
 * Quote depth is the number of ">" the line starts with; the space after them (or at the start of an
 * unquoted line) is stuffing and is removed. A flowed line followed by a line of another depth ends
 * its paragraph there, so the reply written under a quote stays its own line. "-- " is never flowed.
 */
export function decodeFlowed(text: string, delSp: boolean): string {
  const out: string[] = [];
  let pending: { depth: number; text: string } | null = null;
  const emit = (depth: number, line: string) =>
    out.push(depth ? `${">".repeat(depth)}${line ? ` ${line}` : ""}` : line);
  for (const raw of text.split(/\r?\n/)) {
    let depth = 0;
    while (raw.charCodeAt(depth) === 62) depth++;
    let line = raw.slice(depth);
    if (line.startsWith(" ")) line = line.slice(1);
    const flowed = line.endsWith(" ") && line !== "-- ";
    if (pending && pending.depth === depth) line = pending.text + line;
    else if (pending) emit(pending.depth, pending.text.trimEnd());
    pending = null;
    if (flowed) pending = { depth, text: delSp ? line.slice(0, -1) : line };
    else emit(depth, line);
  }
  if (pending) emit(pending.depth, pending.text.trimEnd());
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------------
// HTML

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
    // &#150; and its kind are Windows-1252 in practice, as browsers read them.
    if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80];
    return code > 0 && code <= 0x10ffff && code !== 0xfffd ? String.fromCodePoint(code) : entity;
  });
}

const QUOTE_START = "\u0001";
const QUOTE_END = "\u0002";

/**
 * Removes what is not text: comments, and the content of script, style and title elements. An
 * element left open (a `<head>` or `<style>` never closed, as some mail programs write them) ends
 * where its content cannot go on: CSS and titles hold no "<", so they end at the next tag; a script
 * without its end tag ends at the next tag too. Nothing is removed up to the end of the message.
 */
function stripNonText(html: string): string {
  let out = "";
  let i = 0;
  const lower = html.toLowerCase();
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      // An unclosed comment ends at the next ">", as a bogus comment would, not at the end of the file.
      const gt = html.indexOf(">", lt + 4);
      i = close >= 0 ? close + 3 : gt >= 0 ? gt + 1 : html.length;
      continue;
    }
    const m = /^<(script|style|title|xml)\b/i.exec(html.slice(lt, lt + 8));
    if (!m) {
      out += "<";
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const open = html.indexOf(">", lt);
    if (open < 0) break;
    const end = lower.indexOf(`</${name}`, open);
    const next = html.indexOf("<", open + 1);
    if (end >= 0 && (name === "script" || name === "xml" || next === end)) {
      const gt = html.indexOf(">", end);
      i = gt < 0 ? html.length : gt + 1;
    } else i = next < 0 ? html.length : next;
    // A title is not body text, but keep a space so that words on both sides stay apart.
    out += " ";
  }
  return out;
}

// Blockquotes come out as ">" lines so that they are set aside like plain-text quotes.
// Patterns stop at the next "<" (or the end) so that unclosed tags cannot make them backtrack.
export function htmlToText(html: string): string {
  const flat = stripNonText(html)
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
