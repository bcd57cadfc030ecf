// The Import page's reads and writes: defaults for a CSV import, .eml uploads and the inbox of
// unmatched messages, .ics files. It puts the other intake modules together for the page, so it lives
// with them rather than in app/data (which intake builds on, never the other way round).
import fs from "node:fs";
import type { Db } from "../../db/schema";
import { importCsv } from "./csv.server";
import { importRecords } from "./import-writer.server";
import { readIcsTexts, removeUpload, storeIcsTexts, storeUpload, uploadPath } from "./uploads.server";
import { readIcs, type IcsInput } from "./ics.server";
import {
  assignMessage,
  discardMessage,
  listAssignableInterviews,
  listUnmatched,
  receiveUpload,
} from "./inbound.server";
import { EmlError } from "./eml.server";
import { formatDateTime } from "../core/format";
import type { Viewer } from "../data/scope.server";

export async function importDefaults(db: Db, viewer: Viewer) {
  const clients = await db
    .selectFrom("clients")
    .select(["id", "name"])
    .where("organization_id", "=", viewer.organization_id)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return { clients };
}

export interface ImportProgress {
  /** Rows read, checked and written so far; then interviews scored of `total`. */
  phase: "writing" | "scoring";
  done: number;
  total: number | null;
}

/**
 * The CSV imports running in this process, by organization and upload token, for the Import page's
 * progress bar. (An upload stays on the server that received it, so its import runs there too.) With
 * several web processes (server.ts) the page's polls may reach another one, so the progress is also
 * kept beside the upload in the temporary folder, which the processes of one server share.
 */
const running = new Map<string, ImportProgress>();
const runningKey = (viewer: Viewer, token: string) => `${viewer.organization_id}:${token}`;
/** The shared copy is written at most this often (and at each change of phase). */
const SHARE_EVERY_MS = 250;

/** Imports an uploaded CSV (see app/intake/csv.server.ts), keeping its progress for importProgress. */
export async function importUploadedCsv(
  db: Db,
  viewer: Viewer,
  token: string,
  path: string,
  mapping: Parameters<typeof importCsv>[3],
  options: Omit<Parameters<typeof importCsv>[4], "onProgress">,
) {
  const key = runningKey(viewer, token);
  // Writes of the shared copy, one after another, so that none lands after the removal at the end.
  let writes: Promise<unknown> = Promise.resolve();
  let sharedAt = 0;
  const track = (progress: ImportProgress) => {
    const phaseChanged = running.get(key)?.phase !== progress.phase;
    running.set(key, progress);
    if (!phaseChanged && Date.now() - sharedAt < SHARE_EVERY_MS) return;
    sharedAt = Date.now();
    const bytes = Buffer.from(JSON.stringify(progress));
    writes = writes.then(() => storeUpload(viewer.organization_id, bytes, "progress", token)).catch(() => {});
  };
  track({ phase: "writing", done: 0, total: null });
  try {
    return await importCsv(db, viewer, { path }, mapping, {
      ...options,
      onProgress: (phase, done, total) => track({ phase, done, total }),
    });
  } finally {
    running.delete(key);
    await writes;
    await removeUpload(viewer.organization_id, token, "progress");
  }
}

/** How far the import of this upload has got, or null when none is running on this server. */
export async function importProgress(viewer: Viewer, token: string): Promise<ImportProgress | null> {
  const here = running.get(runningKey(viewer, token));
  if (here) return here;
  const file = uploadPath(viewer.organization_id, token, "progress");
  if (!file) return null;
  try {
    return JSON.parse(await fs.promises.readFile(file, "utf8")) as ImportProgress;
  } catch {
    // Removed (the import ended) or being rewritten between the check and the read.
    return null;
  }
}

export type EmlUploadResult = { file: string; status: "matched" | "unmatched" | "refused"; message: string };

/** Each uploaded .eml: logged as a follow-up when it matches, else kept in the inbox with the reason. */
export async function uploadEmlFiles(
  db: Db,
  viewer: Viewer,
  files: { name: string; bytes: Uint8Array }[],
  /** The reader's display zone, for the times the results name. */
  timeZone: string,
): Promise<EmlUploadResult[]> {
  const results: EmlUploadResult[] = [];
  for (const file of files) {
    try {
      const outcome = await receiveUpload(db, viewer, file.bytes);
      if (outcome.status === "matched") {
        const who = await db
          .selectFrom("interviews as i")
          .innerJoin("applications as a", "a.id", "i.application_id")
          .innerJoin("candidates as c", "c.id", "a.candidate_id")
          .select(["c.name", "i.starts_at", "i.time_zone"])
          .where("i.id", "=", outcome.interviewId)
          .executeTakeFirstOrThrow();
        results.push({
          file: file.name,
          status: "matched",
          message: `Logged as ${who.name}'s follow-up to the interview of ${formatDateTime(who.starts_at, timeZone)}.`,
        });
      } else
        results.push({
          file: file.name,
          status: "unmatched",
          message: `${outcome.reason} It is in the inbox below to assign by hand.`,
        });
    } catch (error) {
      if (error instanceof EmlError)
        results.push({ file: file.name, status: "refused", message: error.message });
      else throw error;
    }
  }
  return results;
}

/** The unmatched messages and the interviews they may be assigned to; times in the reader's `timeZone`. */
export async function inbox(db: Db, viewer: Viewer, timeZone: string) {
  const messages = await listUnmatched(db, viewer);
  const interviews = messages.length ? await listAssignableInterviews(db, viewer) : [];
  return {
    messages: messages.map((m) => ({
      ...m,
      receivedLabel: formatDateTime(m.received_at, timeZone),
      sentLabel: m.sent_at ? formatDateTime(m.sent_at, timeZone) : null,
    })),
    interviews: interviews.map((i) => ({
      id: i.id,
      label: `${i.candidate} — ${i.position} — ${formatDateTime(i.starts_at, timeZone)}`,
      email: i.email?.toLowerCase() ?? null,
    })),
  };
}

export function assignInboxMessage(db: Db, viewer: Viewer, messageId: number, interviewId: number) {
  return assignMessage(db, viewer, messageId, interviewId);
}

export function discardInboxMessage(db: Db, viewer: Viewer, messageId: number) {
  return discardMessage(db, viewer, messageId);
}

/** Reads .ics files, keeps them for the import step, and returns their events with what each would become. */
export async function previewIcsFiles(db: Db, viewer: Viewer, texts: IcsInput[]) {
  const events = await readIcs(db, viewer, texts);
  const token = await storeIcsTexts(viewer.organization_id, texts);
  return {
    token,
    events: events.map(({ record: _record, ...e }) => ({
      ...e,
      startLabel: e.startsAt ? formatDateTime(e.startsAt, e.timeZone) : "",
    })),
  };
}

export async function importIcsUpload(db: Db, viewer: Viewer, token: string, clientId: number) {
  const texts = await readIcsTexts(viewer.organization_id, token);
  if (!texts) return null;
  const events = await readIcs(db, viewer, texts);
  const summary = await importRecords(
    db,
    viewer,
    events.flatMap((e) => (e.record ? [e.record] : [])),
    clientId,
    "ics",
  );
  await removeUpload(viewer.organization_id, token, "ics");
  return summary;
}
