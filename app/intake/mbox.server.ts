// An mbox mailbox (what Gmail's Takeout, Thunderbird and Apple Mail export) split into its messages,
// streamed, so that a mailbox of any size is read with the memory of its largest message.
//
// Each message begins with a "From " separator line ("From sender@example.com Sat Dec  5 10:00:00
// 2026"), at the start of the file or after an empty line. Lines of a message's text that began with
// "From " were written as ">From " (mboxo), and lines already beginning with ">From " as ">>From "
// (mboxrd): one ">" is taken off every /^>+From / line, which reads both right except an mboxo text line
// that truly began with ">From " (it loses its ">"; the two formats cannot tell that one apart).
// A "From " line that is not after an empty line, or that carries no time of day and year, is the message's text
// (some writers leave such lines unescaped). Line endings (LF or CRLF) are kept as they are; the empty
// line that the format puts after each message is not part of it.
//
// No library was taken for this: mbox-reader 1.2.0 declares no engines, ships no tests or types, splits
// at every "From " line and rejoins lines with LF; node-mbox 2.0.0 likewise splits at every "From " line.
import type { Readable } from "node:stream";

export class MboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MboxError";
  }
}

export interface MboxMessage {
  /** 1 for the first message of the mailbox. */
  index: number;
  /** The message as an .eml holds it; empty when it is over the size limit. */
  bytes: Buffer;
  /** The message's size in bytes, whether or not it was kept. */
  size: number;
  /** True when the message was larger than `maxMessageBytes`: its bytes were not kept. */
  tooLarge: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const FROM = Buffer.from("From ");
// The separator's date, as asctime writes it: a time of day ("10:00:00") and a year ("2026").
const SEPARATOR_TIME = /\b\d{1,2}:\d{2}\b/;
const SEPARATOR_YEAR = /\b(19|20)\d{2}\b/;

function isSeparator(line: Buffer, afterEmptyLine: boolean): boolean {
  if (!afterEmptyLine || line.length < FROM.length || line.compare(FROM, 0, 5, 0, 5) !== 0) return false;
  const text = line.toString("latin1");
  return SEPARATOR_TIME.test(text) && SEPARATOR_YEAR.test(text);
}

const NOT_MBOX =
  'This is not an mbox mailbox: it does not begin with a "From " line. Export the mailbox as .mbox, or save the messages as .eml files.';
const LONG_LINE = 256 * 1024;

const isEmpty = (line: Buffer) => line.length === 0 || (line.length === 1 && line[0] === CR);

/** A line (without its LF) that begins with one or more ">" and then "From ", with one ">" taken off. */
function unescapeFrom(line: Buffer): Buffer {
  if (line[0] !== 0x3e) return line;
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i++;
  return line.length - i >= 5 && line.compare(FROM, 0, 5, i, i + 5) === 0 ? line.subarray(1) : line;
}

/**
 * The messages of an mbox stream, in order. Throws MboxError when the stream does not begin with a
 * "From " line (after any empty lines): it is then not a mailbox. `maxMessageBytes` bounds what is kept
 * of one message (a larger one is yielded with `tooLarge` and no bytes).
 */
export async function* readMbox(
  stream: Readable | AsyncIterable<Buffer | Uint8Array | string>,
  { maxMessageBytes = Number.POSITIVE_INFINITY }: { maxMessageBytes?: number } = {},
): AsyncGenerator<MboxMessage> {
  let pending: Buffer = Buffer.alloc(0);
  let parts: Buffer[] = [];
  let size = 0;
  let index = 0;
  let started = false;
  let previousEmpty = true;
  // The last line, when empty, is held back: it is the separator's blank line if a "From " line follows.
  let heldEmpty: Buffer | null = null;

  const finish = (): MboxMessage => {
    const tooLarge = size > maxMessageBytes;
    const message = { index, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(parts), size, tooLarge };
    parts = [];
    size = 0;
    return message;
  };
  const keep = (piece: Buffer) => {
    size += piece.length;
    if (size <= maxMessageBytes) parts.push(piece);
  };

  // A line longer than LONG_LINE is kept in pieces as it streams in; its rest is not a line start.
  let midLine = false;

  function* line(text: Buffer, ending: boolean): Generator<MboxMessage> {
    if (midLine) {
      keep(ending ? Buffer.concat([text, Buffer.from([LF])]) : text);
      midLine = !ending;
      previousEmpty = false;
      return;
    }
    const body = ending && text.length > 0 && text[text.length - 1] === CR ? text.subarray(0, -1) : text;
    if (!started) {
      if (isEmpty(text)) return;
      if (!(body.length >= 5 && body.compare(FROM, 0, 5, 0, 5) === 0)) throw new MboxError(NOT_MBOX);
      started = true;
      index = 1;
      previousEmpty = false;
      return;
    }
    if (isSeparator(body, previousEmpty)) {
      heldEmpty = null;
      yield finish();
      index += 1;
      previousEmpty = false;
      return;
    }
    if (heldEmpty) keep(heldEmpty);
    heldEmpty = null;
    const unescaped = unescapeFrom(text);
    const withEnding = ending ? Buffer.concat([unescaped, Buffer.from([LF])]) : unescaped;
    if (isEmpty(body) && ending) heldEmpty = withEnding;
    else keep(withEnding);
    previousEmpty = isEmpty(body);
  }

  for await (const chunk of stream) {
    const data = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : Buffer.from(chunk);
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    let start = 0;
    for (let end = pending.indexOf(LF, start); end !== -1; end = pending.indexOf(LF, start)) {
      yield* line(pending.subarray(start, end), true);
      start = end + 1;
    }
    pending = Buffer.from(pending.subarray(start));
    if (pending.length > LONG_LINE) {
      if (!started) throw new MboxError(NOT_MBOX);
      if (heldEmpty) keep(heldEmpty);
      heldEmpty = null;
      keep(pending);
      pending = Buffer.alloc(0);
      midLine = true;
    }
  }
  if (pending.length) yield* line(pending, false);
  if (!started) throw new MboxError("This mailbox is empty: it holds no messages.");
  yield finish();
}
