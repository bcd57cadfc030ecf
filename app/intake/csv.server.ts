// CSV import: read a file (streamed, so a 100,000-row file keeps memory flat), check every row
// through app/core/import, and write the good rows in one transaction through ImportWriter
// (import-writer.server.ts), or none of them. Rows are read and checked by csv-rows.server.ts, on a
// worker thread for a large file; the uploaded file waits between the preview and the import in
// uploads.server.ts.
import fs from "node:fs";
import { sql, type Kysely, type Transaction } from "kysely";
import { isPostgres } from "../../db/connection.server";
import type { Database } from "../../db/schema";
import { suggestMapping, type ColumnMapping } from "../core/import/fields";
import type { ImportOptions, RowError } from "../core/import/rows";
import type { ValueMap } from "../core/import/ats-words";
import { UnknownValues, unknownValuesOfRow, type UnknownValueCount } from "../core/import/unknown-values";
import { recordAudit } from "../data/audit.server";
import { backgroundWorkers, ScoringPool } from "../data/scoring-pool.server";
import type { Viewer } from "../data/scope.server";
import {
  checkRows,
  checkRowsOnWorker,
  csvEncoding,
  CsvReadError,
  rowStream,
  type CheckedBatch,
  type CsvSource,
} from "./csv-rows.server";
import { ImportWriter, type ImportSummary, type ImportTarget } from "./import-writer.server";
import { getOrganizationSettings } from "../data/organizations.server";

export { CsvReadError, type CsvSource };

export interface CsvPreview {
  headers: string[];
  sample: string[][];
  suggested: ColumnMapping;
  /** The charset the file was read in, as a person reads it ("Windows-1252"). */
  encoding: string;
  /** The stage, outcome, format and channel values the suggested mapping leaves unread (when scanned). */
  unknownValues: UnknownValueCount[];
  /** Rows with further distinct unknown values, past the ones listed. */
  moreUnknown: number;
}

/**
 * The values header guesses look at: up to 50 per column, from the first rows that have them (a
 * column empty in the first rows, "Interview" for candidates not yet interviewed, is read further
 * down), within the first 2,000 rows so that memory stays bounded.
 */
const GUESS_VALUES = 50;
const GUESS_MIN_VALUES = 5;
const GUESS_MIN_ROWS = 50;
const GUESS_MAX_ROWS = 2_000;

/**
 * The header, the first rows and a suggested mapping (from the headers and the columns' first values),
 * for the preview screen. With `scan`, the whole file is read (streamed, memory flat) for the values
 * of the stage, outcome, format and channel columns that nothing reads, each counted once.
 */
export async function previewCsv(
  source: CsvSource,
  options: { sampleRows?: number; scan?: boolean; valueMap?: ValueMap } = {},
): Promise<CsvPreview> {
  const sampleRows = options.sampleRows ?? 5;
  const encoding = csvEncoding(source);
  if (!encoding.ok) throw new CsvReadError(encoding.message);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  // Rows read before the mapping is known, and each column's first values.
  let waiting: { cells: string[]; row: number }[] = [];
  let values: string[][] = [];
  let suggested: ColumnMapping | null = null;
  const unknown = new UnknownValues();
  const guess = (h: string[]) => {
    const depth = Math.max(0, ...values.map((v) => v.length));
    const rows = Array.from({ length: depth }, (_, k) => values.map((v) => v[k] ?? ""));
    const mapping = suggestMapping(h, rows);
    if (options.scan)
      for (const w of waiting) unknown.add(unknownValuesOfRow(w.cells, mapping, options.valueMap), w.row);
    waiting = [];
    return mapping;
  };
  let row = 1;
  for await (const cells of rowStream(source)) {
    if (!headers) {
      headers = cells.map((c) => c.trim());
      values = headers.map(() => []);
      continue;
    }
    row += 1;
    if (sample.length < sampleRows) sample.push(cells);
    if (!suggested) {
      waiting.push({ cells, row });
      cells.forEach((c, i) => {
        const v = c.trim();
        if (v && values[i] && values[i].length < GUESS_VALUES) values[i].push(v);
      });
      const settled =
        waiting.length >= GUESS_MAX_ROWS ||
        (waiting.length >= GUESS_MIN_ROWS && values.every((v) => v.length >= GUESS_MIN_VALUES));
      if (!settled) continue;
      suggested = guess(headers);
      if (!options.scan) break;
      continue;
    }
    unknown.add(unknownValuesOfRow(cells, suggested, options.valueMap), row);
  }
  if (!headers) throw new CsvReadError("The file is empty: it has no header row.");
  suggested ??= guess(headers);
  return {
    headers,
    sample,
    suggested,
    encoding: encoding.label,
    unknownValues: unknown.list(),
    moreUnknown: unknown.more,
  };
}

export interface CheckResult {
  rows: number;
  goodRows: number;
  badRows: number;
  /** The first errors (up to `maxErrors`), in row order. */
  errors: RowError[];
  moreErrors: number;
  /** Stage, outcome, format and channel values nothing read: left unset (or the default) on import. */
  unknownValues: UnknownValueCount[];
  moreUnknown: number;
}

const emptyCheck = (): CheckResult => ({
  rows: 0,
  goodRows: 0,
  badRows: 0,
  errors: [],
  moreErrors: 0,
  unknownValues: [],
  moreUnknown: 0,
});

/** Reads the whole file and checks every row, keeping only counts and the first errors (memory stays flat). */
export async function checkCsv(
  source: CsvSource,
  mapping: ColumnMapping,
  options: ImportOptions,
  maxErrors = 500,
): Promise<CheckResult> {
  const result = emptyCheck();
  const unknown = new UnknownValues();
  for await (const batch of checkRows(source, mapping, options)) tally(result, batch, maxErrors, unknown);
  return result;
}

/** Adds a batch's rows to the counts, and its errors up to `maxErrors`. */
function tally(check: CheckResult, batch: CheckedBatch, maxErrors: number, unknown: UnknownValues): void {
  check.rows = batch.rowsRead;
  for (const count of batch.unknown) unknown.addCount(count);
  check.unknownValues = unknown.list();
  check.moreUnknown = unknown.more;
  check.goodRows += batch.records.length;
  check.badRows += batch.badRows.length;
  for (const error of batch.badRows.flat()) {
    if (check.errors.length < maxErrors) check.errors.push(error);
    else check.moreErrors += 1;
  }
}

export class ImportHasBadRows extends Error {
  constructor(readonly check: CheckResult) {
    super(`${check.badRows} row${check.badRows === 1 ? " has" : "s have"} problems; nothing was imported.`);
  }
}

/** Thrown inside the transaction to roll it back when bad rows were found and not to be skipped. */
class RollBack extends Error {}

/**
 * Imports a CSV in one transaction: all good rows, or (unless `skipBadRows`) nothing when any row is
 * bad. The file is read once, streamed; every row is read even after a bad one, so that the report
 * names them all, and the transaction is rolled back at the end if any was bad.
 */
export async function importCsv(
  db: Kysely<Database>,
  viewer: Viewer,
  source: CsvSource,
  mapping: ColumnMapping,
  options: ImportOptions &
    ImportTarget & {
      skipBadRows?: boolean;
      maxErrors?: number;
      onProgress?: (phase: "writing" | "scoring", done: number, total: number | null) => void;
      /** Worker threads that score a large file: by default all cores but one, as in a server. */
      workers?: number;
    },
): Promise<{ check: CheckResult; summary: ImportSummary }> {
  const client = await db
    .selectFrom("clients")
    .select("id")
    .where("id", "=", options.clientId)
    .where("organization_id", "=", viewer.organization_id)
    .executeTakeFirst();
  if (!client) throw new Error("Choose a client from the list.");
  const maxErrors = options.maxErrors ?? 500;
  const check = emptyCheck();
  const unknown = new UnknownValues();

  // A large file has a long scoring step at the end: start its worker threads now, on the cores that
  // reading and writing the rows leave idle.
  const pool =
    sourceBytes(source) >= LARGE_FILE_BYTES ? new ScoringPool(options.workers ?? backgroundWorkers()) : null;
  try {
    const summary = await db.transaction().execute(async (trx) => {
      const restoreCache = await useImportCache(trx);
      try {
        const writer = new ImportWriter(
          trx,
          viewer,
          options.clientId,
          await getOrganizationSettings(trx, viewer.organization_id),
          pool,
        );
        // A large file is read and checked on a worker thread while this one writes.
        const batches =
          pool && typeof source === "object" && "path" in source
            ? checkRowsOnWorker(source.path, mapping, options)
            : checkRows(source, mapping, options);
        for await (const batch of batches) {
          tally(check, batch, maxErrors, unknown);
          // Once a row is bad and bad rows are not skipped, nothing will be kept: only check the rest.
          if (check.badRows > 0 && !options.skipBadRows) continue;
          await writer.stage(batch.records);
          options.onProgress?.("writing", check.rows, null);
        }
        if (check.badRows > 0 && !options.skipBadRows) throw new RollBack();
        options.onProgress?.("writing", check.rows, check.rows);
        await writer.finish((d, t) => options.onProgress?.("scoring", d, t));
        const summary: ImportSummary = {
          rows: check.rows,
          skippedBadRows: check.badRows,
          created: writer.created,
          unchangedRows: writer.unchangedRows,
          ...(writer.demographicCandidates.size > 0
            ? { demographics: writer.demographicCandidates.size }
            : {}),
        };
        await recordAudit(trx, {
          organizationId: viewer.organization_id,
          userId: viewer.id,
          action: "import",
          entity: "csv",
          detail: { ...summary },
        });
        return summary;
      } finally {
        await restoreCache();
      }
    });
    return { check, summary };
  } catch (error) {
    if (error instanceof RollBack) throw new ImportHasBadRows(check);
    throw error;
  } finally {
    await pool?.close();
  }
}

/**
 * SQLite's page cache for the writer while an import runs, in KiB. The writer's usual 128 MiB
 * (db/connection.server.ts) filled during a 100,000-row import and made a quarter of its peak memory
 * (695 MB; 573 MB with 16 MiB, for the same CPU time: docs/performance.md, "Import memory").
 */
const IMPORT_CACHE_KIB = 16_384;

/**
 * Sets the writer's page cache to IMPORT_CACHE_KIB for this import's transaction (SQLite only:
 * PostgreSQL's buffers are the server's) and answers the function that sets it back, to be called
 * inside the same transaction: outside one, SQLite counts a pragma as reading, and the dialect would
 * send it to the reader connection.
 */
async function useImportCache(trx: Transaction<Database>): Promise<() => Promise<void>> {
  const keep = async () => {};
  if (isPostgres(trx)) return keep;
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(trx);
  const before = Number(rows[0]?.cache_size);
  if (!Number.isInteger(before) || before === -IMPORT_CACHE_KIB) return keep;
  await sql.raw(`pragma cache_size = -${IMPORT_CACHE_KIB}`).execute(trx);
  return async () => {
    await sql.raw(`pragma cache_size = ${before}`).execute(trx);
  };
}

/** Files from this size (about 2,500 rows) are read and scored on worker threads. */
const LARGE_FILE_BYTES = 1024 * 1024;

function sourceBytes(source: CsvSource): number {
  if (typeof source === "string") return source.length;
  if (Buffer.isBuffer(source)) return source.length;
  return fs.statSync(source.path).size;
}
