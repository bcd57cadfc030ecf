// Files of every kind at once, for `npm run import -- PATH...` and the Import page's "Drop files":
// spreadsheets (.csv), messages (.eml, and .mbox mailboxes split into theirs) and calendars (.ics).
// Each kind goes through the code its own page uses:
// - a CSV: previewCsv's suggested mapping (and the command's --map), then checkCsv, or importCsv;
// - a message: readMessage for what it says and its own words (previewMessage), then receiveUpload,
//   which logs it as the follow-up to the sender's interview or keeps it in the inbox with the reason;
// - calendars: readIcs for every occurrence's decision, then importRecords for those it imports.
// A dry run writes nothing: CSVs are only checked, calendars only read, and messages are received
// inside a transaction that is rolled back, so that each says what would happen to it.
// Spreadsheets go first, then calendars, then mail, so that a folder holding all three imports the
// candidates before their interviews and the interviews before their follow-ups.
// A file that cannot be read is reported with its reason; the others go on.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db } from "../../db/schema";
import { formatDateTime } from "../core/format";
import {
  FIELD_LABELS,
  IMPORT_FIELDS,
  mappingProblems,
  type ColumnMapping,
  type ImportField,
} from "../core/import/fields";
import { MAX_CSV_BYTES, MAX_EML_BYTES, MAX_ICS_BYTES, MAX_MBOX_BYTES } from "../core/import/limits";
import type { ImportOptions, RowError } from "../core/import/rows";
import type { Viewer } from "../data/scope.server";
import { checkCsv, ImportHasBadRows, importCsv, previewCsv, type CsvSource } from "./csv.server";
import type { UnknownValueCount } from "../core/import/unknown-values";
import { EmlError, previewMessage, type MailPreview } from "./eml.server";
import { calendarJson, readIcs, type IcsEvent } from "./ics.server";
import { rawToText, readMessage, receiveUpload, type MessageFacts } from "./inbound.server";
import { importRecords, type ImportSummary, type ImportTarget } from "./import-writer.server";
import { MboxError, readMbox } from "./mbox.server";
import { storeUpload } from "./uploads.server";

export type FileKind = "csv" | "eml" | "mbox" | "ics";

const EXTENSIONS: Record<string, FileKind> = { ".csv": "csv", ".eml": "eml", ".mbox": "mbox", ".ics": "ics" };

/** The kind of a file by its name's extension, or null for any other file. */
export function kindOf(name: string): FileKind | null {
  return EXTENSIONS[path.extname(name).toLowerCase()] ?? null;
}

/**
 * The files named on a command line: each file as given, and each folder's files of our kinds,
 * walked recursively and sorted by path. A path that does not exist, or a file named that is of no
 * kind we import, is `unreadable` with the reason; files of other kinds inside a folder are `skipped`.
 */
export async function collectFiles(paths: string[]): Promise<{
  files: (SourceFile & { path: string })[];
  unreadable: { file: string; reason: string }[];
  skipped: string[];
}> {
  const files: (SourceFile & { path: string })[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const skipped: string[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(given);
    } catch (error) {
      unreadable.push({ file: given, reason: `${given} cannot be read: ${messageOf(error)}` });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      for (const entry of await fs.promises.readdir(given, { recursive: true, withFileTypes: true }))
        if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
      for (const file of found.sort()) {
        const kind = kindOf(file);
        if (kind) files.push({ name: file, path: file, kind });
        else skipped.push(file);
      }
      continue;
    }
    const kind = kindOf(given);
    if (kind) files.push({ name: given, path: given, kind });
    else unreadable.push({ file: given, reason: `${given} is not a .csv, .eml, .mbox or .ics file.` });
  }
  return { files, unreadable, skipped };
}

/** One file to import: read from disk (the command) or held in memory (an upload). */
export type SourceFile = { name: string; kind: FileKind } & ({ path: string } | { bytes: Uint8Array });

/** What the command line or the page chose for spreadsheets. */
export type CsvRunOptions = ImportOptions &
  ImportTarget & {
    skipBadRows: boolean;
    /** Columns chosen by hand over the suggested ones: [field, header]; an empty header means none. */
    map?: [string, string][];
  };

export interface CsvResult {
  file: string;
  rows: number;
  goodRows: number;
  badRows: number;
  /** The first problems, by row and column. */
  errors: RowError[];
  moreErrors: number;
  /** What the import added; null on a dry run or when nothing was imported. */
  created: ImportSummary["created"] | null;
  /** Rows that were already there (a re-import). */
  unchangedRows: number;
  /** Why the file was not imported (unreadable, a column missing, bad rows not skipped); null when it was. */
  reason: string | null;
  /** Stage, outcome, format and channel values nothing read (left unset), once each. */
  unknownValues?: UnknownValueCount[];
}

export type MailStatus = "logged" | "inbox" | "already" | "refused";

export interface MailResult extends MailPreview {
  /**
   * Logged as a follow-up, kept in the inbox to assign by hand, already imported before (not added
   * again), or refused (not readable as a message).
   */
  status: MailStatus;
  /** The candidate whose interview it follows, when logged. */
  candidate: string | null;
  /** The interview it was logged to. */
  interview: { id: number; startsAt: string; timeZone: string } | null;
}

export interface FilesReport {
  csv: CsvResult[];
  messages: MailResult[];
  events: IcsEvent[];
  /** What the calendars' import added; null on a dry run or without calendars. */
  calendarSummary: ImportSummary | null;
  /** Files of no kind we import, or that could not be opened. */
  unreadable: { file: string; reason: string }[];
  /** The kinds among the files given, so that a report names only those. */
  kinds: FileKind[];
}

export interface ImportFilesOptions {
  dryRun: boolean;
  csv: CsvRunOptions;
  /** The client for calendar events (their candidate's position names its own; this is the writer's fallback). */
  clientId: number;
  /** A line of progress, for a person watching (the command prints it on stderr). */
  onProgress?: (line: string) => void;
  /** A CSV import's progress (rows written, then interviews scored), for a progress bar. */
  onCsvProgress?: (file: string, phase: "writing" | "scoring", done: number, total: number | null) => void;
  now?: number;
}

/** Thrown inside a dry run's transaction to roll it back. */
class DryRun extends Error {}

const ORDER: FileKind[] = ["csv", "ics", "eml", "mbox"];

/** Imports (or, in a dry run, checks) every file; see the top of this file. */
export async function importFiles(
  db: Db,
  viewer: Viewer,
  files: SourceFile[],
  options: ImportFilesOptions,
): Promise<FilesReport> {
  const report: FilesReport = {
    csv: [],
    messages: [],
    events: [],
    calendarSummary: null,
    unreadable: [],
    kinds: ORDER.filter((k) => files.some((f) => f.kind === k)),
  };
  const progress = options.onProgress ?? (() => {});

  for (const file of files.filter((f) => f.kind === "csv")) {
    progress(`${file.name}: ${options.dryRun ? "checking" : "importing"} the rows`);
    report.csv.push(await csvFile(db, viewer, file, options));
  }

  const calendars = files.filter((f) => f.kind === "ics");
  if (calendars.length) {
    progress(`reading ${calendars.length} calendar file${calendars.length === 1 ? "" : "s"}`);
    const { events, summary } = await calendarFiles(db, viewer, calendars, options);
    report.events = events;
    report.calendarSummary = summary;
  }

  const mail = files.filter((f) => f.kind === "eml" || f.kind === "mbox");
  if (mail.length) {
    const receive = async (target: Db) => {
      for (const file of mail) {
        if (file.kind === "mbox") progress(`${file.name}: reading the mailbox`);
        for await (const result of mailFile(target, viewer, file)) report.messages.push(result);
      }
    };
    if (!options.dryRun) await receive(db);
    else
      await db
        .transaction()
        .execute(async (trx) => {
          await receive(trx);
          throw new DryRun();
        })
        .catch((error) => {
          if (!(error instanceof DryRun)) throw error;
        });
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Spreadsheets

const csvSource = (file: SourceFile): CsvSource =>
  "path" in file ? { path: file.path } : Buffer.from(file.bytes);

const sizeOf = (file: SourceFile) => ("path" in file ? fs.statSync(file.path).size : file.bytes.byteLength);

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

function emptyCsv(file: string, reason: string | null): CsvResult {
  return {
    file,
    rows: 0,
    goodRows: 0,
    badRows: 0,
    errors: [],
    moreErrors: 0,
    created: null,
    unchangedRows: 0,
    reason,
  };
}

/** The suggested mapping with the columns chosen by hand over it, or why it cannot be used. */
export function csvMapping(
  headers: string[],
  suggested: ColumnMapping,
  map: [string, string][] = [],
): { mapping: ColumnMapping } | { problem: string } {
  const mapping = { ...suggested };
  for (const [field, header] of map) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      return { problem: `Unknown field "${field}" (fields: ${IMPORT_FIELDS.join(", ")}).` };
    const index = header === "" ? null : headers.indexOf(header);
    if (index === -1) return { problem: `The file has no column "${header}".` };
    mapping[field as ImportField] = index;
  }
  const problems = mappingProblems(mapping);
  return problems.length ? { problem: problems.join(" ") } : { mapping };
}

async function csvFile(db: Db, viewer: Viewer, file: SourceFile, options: ImportFilesOptions) {
  const { map, skipBadRows, ...csvOptions } = options.csv;
  try {
    const source = csvSource(file);
    const preview = await previewCsv(source);
    const chosen = csvMapping(preview.headers, preview.suggested, map);
    if ("problem" in chosen) return emptyCsv(file.name, chosen.problem);
    options.onProgress?.(
      `${file.name}: columns ` +
        IMPORT_FIELDS.filter((f) => chosen.mapping[f] != null)
          .map((f) => `${FIELD_LABELS[f]} ← ${preview.headers[chosen.mapping[f]!]}`)
          .join("; "),
    );
    if (options.dryRun) {
      const check = await checkCsv(source, chosen.mapping, csvOptions);
      const result = { ...emptyCsv(file.name, null), ...check };
      if (check.badRows && !skipBadRows)
        result.reason = `${check.badRows} row${check.badRows === 1 ? " has" : "s have"} problems; nothing would be imported.`;
      return result;
    }
    try {
      const { check, summary } = await importCsv(db, viewer, source, chosen.mapping, {
        ...csvOptions,
        skipBadRows,
        onProgress: (phase, done, total) => options.onCsvProgress?.(file.name, phase, done, total),
      });
      return {
        ...emptyCsv(file.name, null),
        ...check,
        created: summary.created,
        unchangedRows: summary.unchangedRows,
      };
    } catch (error) {
      if (!(error instanceof ImportHasBadRows)) throw error;
      return { ...emptyCsv(file.name, error.message), ...error.check };
    }
  } catch (error) {
    return emptyCsv(file.name, `${file.name} cannot be read: ${messageOf(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Calendars

async function calendarFiles(db: Db, viewer: Viewer, files: SourceFile[], options: ImportFilesOptions) {
  const texts: { name: string; text: string }[] = [];
  const refused: IcsEvent[] = [];
  for (const file of files) {
    try {
      const size = sizeOf(file);
      if (size > MAX_ICS_BYTES)
        refused.push(
          unreadableEvent(file.name, `it is ${megabytes(size)}; the limit is ${megabytes(MAX_ICS_BYTES)}.`),
        );
      else
        texts.push({
          name: file.name,
          text:
            "path" in file
              ? await fs.promises.readFile(file.path, "utf8")
              : Buffer.from(file.bytes).toString("utf8"),
        });
    } catch (error) {
      refused.push(unreadableEvent(file.name, messageOf(error)));
    }
  }
  const events = [...refused, ...(await readIcs(db, viewer, texts, options.now))];
  const records = events.flatMap((e) => (e.record ? [e.record] : []));
  const summary =
    options.dryRun || records.length === 0
      ? null
      : await importRecords(db, viewer, records, options.clientId, "ics");
  return { events, summary };
}

/** A calendar file that could not be read, as readIcs reports one. */
function unreadableEvent(file: string, why: string): IcsEvent {
  const reason = `${file} cannot be read: ${why}`;
  return {
    file,
    uid: "",
    summary: file,
    startsAt: "",
    endsAt: "",
    timeZone: "",
    zoneRule: null,
    import: false,
    reason,
    record: null,
    candidate: null,
    problem: reason,
  };
}

// ---------------------------------------------------------------------------------------------------
// Mail

function refusedMessage(file: string, reason: string): MailResult {
  return {
    file,
    from: null,
    date: null,
    subject: "",
    body: "",
    import: false,
    reason,
    status: "refused",
    candidate: null,
    interview: null,
  };
}

/** The results of one .eml, or of each message of an .mbox ("box.mbox#3"). */
async function* mailFile(db: Db, viewer: Viewer, file: SourceFile): AsyncGenerator<MailResult> {
  if (file.kind === "eml") {
    let bytes: Uint8Array;
    try {
      const size = sizeOf(file);
      if (size > MAX_EML_BYTES) {
        yield refusedMessage(
          file.name,
          `This file is too large to be a follow-up email (${megabytes(size)}; the limit is ${megabytes(MAX_EML_BYTES)}).`,
        );
        return;
      }
      bytes = "path" in file ? await fs.promises.readFile(file.path) : file.bytes;
    } catch (error) {
      yield refusedMessage(file.name, `${file.name} cannot be read: ${messageOf(error)}`);
      return;
    }
    yield await receive(db, viewer, file.name, bytes);
    return;
  }
  const stream = "path" in file ? fs.createReadStream(file.path) : Readable.from([Buffer.from(file.bytes)]);
  try {
    for await (const message of readMbox(stream, { maxMessageBytes: MAX_EML_BYTES })) {
      const name = `${file.name}#${message.index}`;
      if (message.tooLarge)
        yield refusedMessage(
          name,
          `This message is too large to be a follow-up email (${megabytes(message.size)}; the limit is ${megabytes(MAX_EML_BYTES)}).`,
        );
      else yield await receive(db, viewer, name, message.bytes);
    }
  } catch (error) {
    const why = error instanceof MboxError ? error.message : messageOf(error);
    yield refusedMessage(file.name, `${file.name} cannot be read: ${why}`);
  } finally {
    stream.destroy();
  }
}

/** One message: what it says (its own words as the scorer reads them), then what receiving it did. */
async function receive(db: Db, viewer: Viewer, file: string, bytes: Uint8Array): Promise<MailResult> {
  let preview: MailPreview;
  let parsed: Awaited<ReturnType<typeof readMessage>>;
  try {
    parsed = await readMessage(bytes);
    preview = previewMessage(file, parsed.facts);
  } catch (error) {
    const reason =
      error instanceof EmlError ? error.message : `This message could not be read: ${messageOf(error)}`;
    return refusedMessage(file, reason);
  }
  const facts = parsed.facts;
  const earlier = await alreadyReceived(db, viewer, bytes, facts);
  if (earlier)
    return {
      ...preview,
      import: false,
      reason: `This message was already imported on ${earlier.slice(0, 10)}; it is not added again.`,
      status: "already",
      candidate: null,
      interview: null,
    };
  const outcome = await receiveUpload(db, viewer, bytes);
  if (outcome.status === "unmatched")
    return {
      ...preview,
      import: false,
      // Why it waits, and what else keeps it from being a follow-up (an automatic reply, say).
      reason:
        (/automatic reply/i.test(outcome.reason) || !preview.reason
          ? outcome.reason
          : `${outcome.reason} ${preview.reason}`) || null,
      status: "inbox",
      candidate: null,
      interview: null,
    };
  const who = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .select(["c.name", "i.starts_at", "i.time_zone"])
    .where("i.id", "=", outcome.interviewId)
    .executeTakeFirstOrThrow();
  return {
    ...preview,
    import: true,
    reason: null,
    status: "logged",
    candidate: who.name,
    interview: { id: outcome.interviewId, startsAt: who.starts_at, timeZone: who.time_zone },
  };
}

/**
 * When the same message was received before (by upload or at a mail-in address, whatever became of
 * it), so that importing a folder or a mailbox again logs nothing twice: the same sender, Date and
 * subject, or for a message without a sender or Date the same bytes. Answers when it was received.
 */
async function alreadyReceived(
  db: Db,
  viewer: Viewer,
  bytes: Uint8Array,
  facts: MessageFacts,
): Promise<string | null> {
  let query = db
    .selectFrom("inbound_messages")
    .select("received_at")
    .where("organization_id", "=", viewer.organization_id);
  query =
    facts.sender && facts.sentAt
      ? query
          .where("sender", "=", facts.sender)
          .where("sent_at", "=", facts.sentAt)
          .where("subject", "=", facts.subject.slice(0, 300))
      : query.where("raw", "=", rawToText(bytes));
  return (await query.orderBy("id").executeTakeFirst())?.received_at ?? null;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // A file system error's code says it plainly: "ENOENT: no such file or directory, open 'x'".
  return text.replace(/^E[A-Z]+: /, "").replace(/, (open|scandir|stat) '.*'$/, "");
}

// ---------------------------------------------------------------------------------------------------
// Reports

/**
 * What `npm run import -- --json` prints: one object with a key for each kind of file the run had:
 * `csv`, `events` (exactly calendarJson's) and `messages`, and `unreadable` when a file was of no kind.
 */
export function filesJson(report: FilesReport) {
  const out: Record<string, unknown> = {};
  if (report.kinds.includes("csv"))
    out.csv = report.csv.map((c) => ({
      file: c.file,
      rows: c.rows,
      goodRows: c.goodRows,
      badRows: c.badRows,
      errors: c.errors.map(({ row, column, message }) => ({ row, column, message })),
      moreErrors: c.moreErrors,
      unknownValues: c.unknownValues ?? [],
      created: c.created,
      unchangedRows: c.unchangedRows,
      reason: c.reason,
    }));
  if (report.kinds.includes("ics")) out.events = calendarJson(report.events).events;
  if (report.kinds.includes("eml") || report.kinds.includes("mbox"))
    out.messages = report.messages.map((m) => ({
      file: m.file,
      from: m.from,
      date: m.date,
      subject: m.subject,
      body: m.body,
      import: m.import,
      reason: m.reason,
      status: m.status,
      candidate: m.candidate,
    }));
  if (report.unreadable.length) out.unreadable = report.unreadable;
  return out;
}

/** True when any file failed, or a CSV had bad rows it did not skip: the command then exits 1. */
export function reportFailed(report: FilesReport, skipBadRows: boolean): boolean {
  return (
    report.unreadable.length > 0 ||
    report.csv.some((c) => c.reason !== null || (c.badRows > 0 && !skipBadRows)) ||
    report.events.some((e) => e.uid === "" && !e.import) ||
    report.messages.some((m) => m.status === "refused")
  );
}

/** A person's reading of the report: one line per message, event and file (the command prints these). */
export function reportLines(report: FilesReport, dryRun: boolean): string[] {
  const lines: string[] = [];
  const would = (now: string, then: string) => (dryRun ? then : now);
  for (const c of report.csv) {
    if (c.reason && c.rows === 0)
      lines.push(c.reason.startsWith(c.file) ? c.reason : `${c.file}: not imported. ${c.reason}`);
    else {
      const c2 = c.created;
      // "imported …" begins the line of a CSV that was imported, as scripts/load-test.ts looks for.
      lines.push(
        c2
          ? `imported ${c.rows - c.badRows} of ${c.rows} rows from ${c.file}: ` +
              `${c2.candidates} candidates, ${c2.applications} applications, ${c2.interviews} interviews, ${c2.followUps} follow-ups, ` +
              `${c2.positions} positions and ${c2.clients} clients created` +
              (c.badRows ? `; ${c.badRows} bad rows skipped` : "") +
              (c.unchangedRows ? `; ${c.unchangedRows} rows were already there` : "")
          : `${c.file}: ${c.rows} rows, ${c.goodRows} good, ${c.badRows} bad` +
              (c.reason ? `. ${c.reason}` : dryRun ? "; nothing written (dry run)." : "."),
      );
      for (const e of c.errors) lines.push(`  row ${e.row}, column "${e.column}": ${e.message}`);
      if (c.moreErrors) lines.push(`  …and ${c.moreErrors} more problems.`);
      for (const u of c.unknownValues ?? [])
        lines.push(
          `  not read: ${u.field} “${u.value}” (${u.rows} row${u.rows === 1 ? "" : "s"}, first row ${u.firstRow}) was left unset; read it with --map-value '${u.field}:${u.value}=…'`,
        );
    }
  }
  for (const e of report.events) {
    if (!e.uid) lines.push(e.reason ?? `${e.file} cannot be read.`);
    else
      lines.push(
        `${e.file} ${e.startsAt ? formatDateTime(e.startsAt, e.timeZone) : "(no time)"} (${e.timeZone || "no zone"}) ${e.summary}: ` +
          (e.import
            ? `${would("imported", "would be imported")} as ${e.candidate}'s interview`
            : `not imported. ${e.reason}`),
      );
  }
  if (report.calendarSummary)
    lines.push(
      `calendars: ${report.calendarSummary.created.interviews} interviews added` +
        (report.calendarSummary.unchangedRows
          ? `, ${report.calendarSummary.unchangedRows} were already there`
          : ""),
    );
  for (const m of report.messages) {
    const head = `${m.file}${m.from ? ` from ${m.from}` : ""}${m.date ? ` ${m.date}` : ""}${m.subject ? ` "${m.subject}"` : ""}`;
    if (m.status === "logged")
      lines.push(
        `${head}: ${would("logged", "would be logged")} as the follow-up to ${m.candidate}'s interview of ${formatDateTime(m.interview!.startsAt, m.interview!.timeZone)}`,
      );
    else if (m.status === "already") lines.push(`${head}: skipped. ${m.reason}`);
    else if (m.status === "inbox")
      lines.push(`${head}: ${would("waits", "would wait")} in the inbox. ${m.reason}`);
    else lines.push(`${head}: refused. ${m.reason}`);
  }
  for (const u of report.unreadable) lines.push(u.reason);
  return lines;
}

// ---------------------------------------------------------------------------------------------------
// The Import page's "Drop files"

/** A spreadsheet dropped on the page: kept under a token for its mapping page, or why it could not be. */
export interface StoredCsv {
  file: string;
  /** The upload's token: /import/csv/<token> maps its columns and imports it. */
  token: string | null;
  columns: number;
  reason: string | null;
}

/** What the page shows after a mixed upload (kept as its receipt, so plain JSON). */
export interface UploadReport {
  csv: StoredCsv[];
  messages: MailResult[];
  events: Omit<IcsEvent, "record">[];
  calendarSummary: ImportSummary | null;
  unreadable: { file: string; reason: string }[];
}

const KIND_LIMITS: Record<FileKind, number> = {
  csv: MAX_CSV_BYTES,
  eml: MAX_EML_BYTES,
  mbox: MAX_MBOX_BYTES,
  ics: MAX_ICS_BYTES,
};

/**
 * Files dropped together on the Import page, of any kinds: messages are logged (or kept in the inbox),
 * calendar events imported, and each CSV kept for its mapping page (its columns must be confirmed
 * first). A file of another kind, over its kind's limit, or that cannot be read is one entry with the
 * reason; the others are still read.
 */
export async function uploadFiles(
  db: Db,
  viewer: Viewer,
  uploads: { name: string; bytes: Uint8Array }[],
  now?: number,
): Promise<UploadReport> {
  const unreadable: { file: string; reason: string }[] = [];
  const csv: StoredCsv[] = [];
  const others: SourceFile[] = [];
  for (const upload of uploads) {
    const kind = kindOf(upload.name);
    if (!kind) {
      unreadable.push({ file: upload.name, reason: "Not a .csv, .eml, .mbox or .ics file, so not read." });
      continue;
    }
    if (upload.bytes.byteLength > KIND_LIMITS[kind]) {
      unreadable.push({
        file: upload.name,
        reason: `Over ${megabytes(KIND_LIMITS[kind])}, the limit for ${kind === "csv" ? "a" : "an"} .${kind} file here; import it with npm run import.`,
      });
      continue;
    }
    if (kind === "csv") csv.push(await storeCsv(viewer, upload));
    else others.push({ name: upload.name, kind, bytes: upload.bytes });
  }
  const client = await db
    .selectFrom("clients")
    .select("id")
    .where("organization_id", "=", viewer.organization_id)
    .orderBy("id")
    .executeTakeFirst();
  const report = await importFiles(db, viewer, others, {
    dryRun: false,
    // Calendar events take their client from their candidate's position; this is only the writer's fallback.
    clientId: client?.id ?? 0,
    csv: { timeZone: "UTC", dateOrder: "mdy", defaultDurationMinutes: 60, clientId: 0, skipBadRows: false },
    now,
  });
  return {
    csv,
    messages: report.messages,
    events: report.events.map(({ record: _record, ...event }) => event),
    calendarSummary: report.calendarSummary,
    unreadable,
  };
}

async function storeCsv(viewer: Viewer, upload: { name: string; bytes: Uint8Array }): Promise<StoredCsv> {
  try {
    const preview = await previewCsv(Buffer.from(upload.bytes));
    const token = await storeUpload(viewer.organization_id, upload.bytes);
    return { file: upload.name, token, columns: preview.headers.length, reason: null };
  } catch (error) {
    return { file: upload.name, token: null, columns: 0, reason: messageOf(error) };
  }
}
