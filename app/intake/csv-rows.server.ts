// Reading a CSV file: its rows streamed and checked in batches (so that memory stays flat), on this
// thread or, for a large file, on a worker thread (csv-worker.server.ts) while this one writes.
import fs from "node:fs";
import { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { DETECT_BYTES, detectEncoding, type CsvEncoding } from "./csv-encoding.server";
import type { ColumnMapping } from "../core/import/fields";
import { validateRow, type ImportOptions, type ImportRecord, type RowError } from "../core/import/rows";
import { UnknownValues, type UnknownValueCount } from "../core/import/unknown-values";
import { WORKER_RESOURCE_LIMITS } from "../data/threads.server";
import { workerEntry } from "../data/worker-entry.server";

/** The file is not CSV that can be read (a quoted cell left open): the message names the row. */
export class CsvReadError extends Error {}

/** A CSV source: text, bytes, or a file path to stream from. */
export type CsvSource = string | Buffer | { path: string };

/** The file's first bytes, where its charset and delimiter are told from. */
function headBytes(source: Buffer | { path: string }): Buffer {
  if (Buffer.isBuffer(source)) return source.subarray(0, DETECT_BYTES);
  const fd = fs.openSync(source.path, "r");
  try {
    const buffer = Buffer.alloc(DETECT_BYTES);
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Where the first byte of 0x80 or more is, or -1 (a regular expression over the bytes is fastest). */
const firstHighByte = (bytes: Buffer) => bytes.toString("latin1").search(/[\x80-\xff]/);

/**
 * The first 64 KB of the file's 8-bit text, when its first 64 KB are plain ASCII: a file whose first
 * accented letter is on row 5,000 is told by that letter's neighbourhood, not guessed as UTF-8 and then
 * refused there. Read a megabyte at a time (memory stays flat); null when the whole file is ASCII.
 */
function firstEightBitBytes(source: Buffer | { path: string }): Buffer | null {
  const window = (bytes: Buffer, at: number) => {
    // From the line the first 8-bit byte is on, so that no sequence is cut at the start.
    const start = Math.max(bytes.lastIndexOf(0x0a, at) + 1, at - 4096, 0);
    return bytes.subarray(start, start + DETECT_BYTES);
  };
  if (Buffer.isBuffer(source)) {
    const at = firstHighByte(source);
    return at >= 0 ? window(source, at) : null;
  }
  const fd = fs.openSync(source.path, "r");
  try {
    const chunk = Buffer.alloc(1024 * 1024 + DETECT_BYTES);
    for (let position = DETECT_BYTES; ; position += 1024 * 1024) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (read === 0) return null;
      const bytes = chunk.subarray(0, read);
      const at = firstHighByte(bytes);
      if (at >= 0) return Buffer.from(window(bytes, at));
      if (read < chunk.length) return null;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The charset the file's bytes are read in (text given as a string is UTF-8 already). */
export function csvEncoding(source: CsvSource): CsvEncoding {
  if (typeof source === "string") return { ok: true, encoding: "utf-8", label: "UTF-8" };
  const head = headBytes(source);
  if (firstHighByte(head) >= 0) return detectEncoding(head);
  const later = firstEightBitBytes(source);
  return later ? detectEncoding(later) : detectEncoding(head);
}

/**
 * The delimiter, guessed from the header line: comma, semicolon (spreadsheets in locales with a
 * decimal comma) or tab, whichever the header holds most of outside quotes.
 */
function sniffDelimiter(head: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of head) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c in counts) counts[c] += 1;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ",";
}

/**
 * The file's records (arrays of cells), the header first, read with PapaParse a chunk at a time: the
 * file is paused while the caller works through a chunk's rows, so memory stays flat. Bytes are read in
 * the charset told from the first 64 KB (csv-encoding.server.ts), decoded as they stream; a file in no
 * charset we can tell fails with the reason. A quoted cell that is never closed, or closed in the
 * middle of a cell, fails with the row it is on.
 */
export async function* rowStream(source: CsvSource): AsyncGenerator<string[]> {
  const encoding = csvEncoding(source);
  if (!encoding.ok) throw new CsvReadError(encoding.message);
  let input: Readable;
  let file: fs.ReadStream | null = null;
  if (typeof source === "string") input = Readable.from([source]);
  else if (Buffer.isBuffer(source)) input = Readable.from([iconv.decode(source, encoding.encoding)]);
  else {
    file = fs.createReadStream(source.path);
    const decoded = file.pipe(iconv.decodeStream(encoding.encoding)) as unknown as Readable;
    file.on("error", (error) => decoded.destroy(error));
    input = decoded;
  }
  const head =
    typeof source === "string"
      ? source.slice(0, DETECT_BYTES)
      : iconv.decode(headBytes(source), encoding.encoding);
  const delimiter = sniffDelimiter(head);
  const rows: string[][] = [];
  // Set by the first chunk; typed by assertion so that the callbacks' assignment is not narrowed away.
  let parser = null as Papa.Parser | null;
  let rowsBefore = 0;
  let header = true;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = () => {
    wake?.();
    wake = null;
  };
  Papa.parse<string[]>(input, {
    delimiter,
    skipEmptyLines: true,
    chunk: (results, chunkParser) => {
      parser = chunkParser;
      const quotes = results.errors.find((e) => e.type === "Quotes");
      if (quotes) {
        failure = new CsvReadError(
          `Row ${rowsBefore + (quotes.row ?? 0) + 1}: a quoted cell is not closed properly. A cell that starts with " must end with ", and a " inside it is written "".`,
        );
        chunkParser.abort();
      } else {
        for (const cells of results.data) rows.push(cells);
        rowsBefore += results.data.length;
        chunkParser.pause();
      }
      settle();
    },
    complete: () => {
      finished = true;
      settle();
    },
    error: (error: Error) => {
      failure = error;
      settle();
    },
  });
  try {
    for (;;) {
      for (const cells of rows) {
        // PapaParse leaves a byte-order mark at the start of a streamed file.
        if (header) cells[0] = cells[0].replace(/^\uFEFF/, "");
        header = false;
        yield cells;
      }
      rows.length = 0;
      if (failure) throw failure;
      if (finished) return;
      const waiting = new Promise<void>((resolve) => (wake = resolve));
      parser?.resume();
      await waiting;
    }
  } finally {
    if (!finished) parser?.abort();
    input.destroy();
    file?.destroy();
  }
}

/** Every row after the header, with its line number as a spreadsheet shows it (header = 1). */
async function* csvRows(
  source: CsvSource,
): AsyncGenerator<{ headers: string[]; cells: string[]; row: number }> {
  let headers: string[] | null = null;
  let row = 1;
  for await (const cells of rowStream(source)) {
    if (!headers) {
      headers = cells.map((c) => c.trim());
      continue;
    }
    row += 1;
    if (cells.every((c) => c.trim() === "")) continue;
    // A byte the charset does not define reads as U+FFFD: refused, never stored in place of a letter.
    const broken = cells.findIndex((c) => c.includes("\ufffd"));
    if (broken >= 0)
      throw new CsvReadError(
        `Row ${row}, column “${headers[broken] ?? broken + 1}”: some letters cannot be read in the file's character set. Save the file as CSV UTF-8 and upload it again.`,
      );
    yield { headers, cells, row };
  }
}

/** Checked rows, a batch at a time: the good rows' records, and the bad rows' errors. */
export interface CheckedBatch {
  /** Rows read so far, this batch's included. */
  rowsRead: number;
  records: ImportRecord[];
  /** One list of errors per bad row. */
  badRows: RowError[][];
  /** This batch's values that were not read, counted once each. */
  unknown: UnknownValueCount[];
}

export type CheckOptions = Pick<
  ImportOptions,
  "timeZone" | "dateOrder" | "defaultDurationMinutes" | "valueMap"
>;

/** Rows are checked in batches of this many good rows. */
const BATCH = 1_000;

/** Reads and checks the file on this thread. */
export async function* checkRows(
  source: CsvSource,
  mapping: ColumnMapping,
  options: CheckOptions,
): AsyncGenerator<CheckedBatch> {
  let batch: CheckedBatch = { rowsRead: 0, records: [], badRows: [], unknown: [] };
  let unknown = new UnknownValues();
  let rowsRead = 0;
  for await (const { headers, cells, row } of csvRows(source)) {
    rowsRead += 1;
    const checked = validateRow(cells, row, mapping, headers, options);
    if (checked.ok) batch.records.push(checked.record);
    else batch.badRows.push(checked.errors);
    unknown.add(checked.unknown, row);
    if (batch.records.length >= BATCH) {
      yield { ...batch, rowsRead, unknown: unknown.list() };
      batch = { rowsRead, records: [], badRows: [], unknown: [] };
      unknown = new UnknownValues();
    }
  }
  yield { ...batch, rowsRead, unknown: unknown.list() };
}

/** Compiled once, else the tsx shim; from the project folder, where scripts and `npm start` run (see ScoringPool). */
const workerModule = () => workerEntry("app/intake/csv-worker.server.ts", "app/intake/csv-worker.mjs");

export type WorkerReply = { batch: CheckedBatch } | { done: true } | { error: string; unreadable?: boolean };

/**
 * Reads and checks a file on a worker thread, which keeps at most two batches ahead of the caller (so
 * that memory stays flat while the caller writes more slowly than the worker reads).
 */
export async function* checkRowsOnWorker(
  file: string,
  mapping: ColumnMapping,
  options: CheckOptions,
): AsyncGenerator<CheckedBatch> {
  const worker = new Worker(workerModule(), {
    resourceLimits: WORKER_RESOURCE_LIMITS,
    workerData: {
      file,
      mapping,
      options: {
        timeZone: options.timeZone,
        dateOrder: options.dateOrder,
        defaultDurationMinutes: options.defaultDurationMinutes,
        valueMap: options.valueMap,
      },
    },
  });
  const replies: WorkerReply[] = [];
  let wake: (() => void) | null = null;
  const push = (reply: WorkerReply) => {
    replies.push(reply);
    wake?.();
  };
  worker.on("message", push);
  worker.on("error", (error) => push({ error: error.message }));
  worker.on("exit", (code) =>
    push(code === 0 ? { done: true } : { error: `The CSV reader stopped with exit code ${code}` }),
  );
  try {
    for (;;) {
      if (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const reply = replies.shift()!;
      if ("error" in reply) throw reply.unreadable ? new CsvReadError(reply.error) : new Error(reply.error);
      if ("done" in reply) return;
      worker.postMessage("next");
      yield reply.batch;
    }
  } finally {
    await worker.terminate();
  }
}
