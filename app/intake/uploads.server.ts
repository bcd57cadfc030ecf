// Files that wait on the server between the steps of an import, in a private temporary folder: a CSV
// between its preview and its import, .ics texts between their preview and their import, and the
// receipt of a finished import or upload (what it added), which the page it redirects to shows. Each
// file is named by its organization and a random token, so that no organization can name another's
// file; server.ts deletes what is left a day later (removeStaleUploads).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const UPLOAD_DIR = path.join(os.tmpdir(), "followthrough-imports");

/** What a stored file holds: an uploaded CSV, .ics texts (JSON), a receipt (JSON), or a running import's progress (JSON). */
export type UploadKind = "csv" | "ics" | "progress" | ReceiptKind;
/** The receipt of a CSV import, of an .ics import, of an .eml upload's results, or of a mixed upload's. */
export type ReceiptKind = "csv-receipt" | "ics-receipt" | "eml-receipt" | "files-receipt";

const TOKEN = /^[0-9a-f]{24}$/;
const STORED_NAME =
  /^\d+-[0-9a-f]{24}\.(csv|ics|progress|csv-receipt|ics-receipt|eml-receipt|files-receipt)$/;

const fileOf = (organizationId: number, token: string, kind: UploadKind) =>
  path.join(UPLOAD_DIR, `${organizationId}-${token}.${kind}`);

/**
 * Keeps bytes for this organization, under `token` or a new random one; answers the token. Files are
 * readable by the server's user only.
 */
export async function storeUpload(
  organizationId: number,
  bytes: Uint8Array,
  kind: UploadKind = "csv",
  token: string = crypto.randomBytes(12).toString("hex"),
): Promise<string> {
  if (!TOKEN.test(token)) throw new Error("An upload token is 24 hexadecimal digits.");
  await fs.promises.mkdir(UPLOAD_DIR, { recursive: true, mode: 0o700 });
  await fs.promises.writeFile(fileOf(organizationId, token, kind), bytes, { mode: 0o600 });
  return token;
}

/** The stored file's path, or null when the token is not one of this organization's uploads. */
export function uploadPath(organizationId: number, token: string, kind: UploadKind = "csv"): string | null {
  if (!TOKEN.test(token)) return null;
  const file = fileOf(organizationId, token, kind);
  return fs.existsSync(file) ? file : null;
}

export async function removeUpload(
  organizationId: number,
  token: string,
  kind: UploadKind = "csv",
): Promise<void> {
  const file = uploadPath(organizationId, token, kind);
  if (file) await fs.promises.rm(file, { force: true });
}

/** .ics files as uploaded: each with its name (so that a file that cannot be read is named), or a bare text. */
export type StoredIcsFile = string | { name: string; text: string };

/** Keeps .ics files' texts until their events are imported; answers the token. */
export function storeIcsTexts(organizationId: number, texts: StoredIcsFile[]): Promise<string> {
  return storeUpload(organizationId, Buffer.from(JSON.stringify(texts)), "ics");
}

/** The .ics texts stored under this token, or null when they are gone (imported, or older than a day). */
export async function readIcsTexts(organizationId: number, token: string): Promise<StoredIcsFile[] | null> {
  const file = uploadPath(organizationId, token, "ics");
  return file ? (JSON.parse(await fs.promises.readFile(file, "utf8")) as StoredIcsFile[]) : null;
}

/**
 * Keeps what a finished import or upload did, for the page the browser is sent to next (so that
 * reloading that page shows it again and imports nothing twice); answers the token, by default the
 * upload's own.
 */
export function storeReceipt<T>(
  organizationId: number,
  kind: ReceiptKind,
  receipt: T,
  token?: string,
): Promise<string> {
  return storeUpload(organizationId, Buffer.from(JSON.stringify(receipt)), kind, token);
}

/** A receipt stored by storeReceipt with the same kind (so of the same type), or null when there is none. */
export async function readReceipt<T>(
  organizationId: number,
  kind: ReceiptKind,
  token: string,
): Promise<T | null> {
  const file = uploadPath(organizationId, token, kind);
  return file ? (JSON.parse(await fs.promises.readFile(file, "utf8")) as T) : null;
}

/** An upload neither imported nor cancelled, and a receipt, is deleted this long after it was made. */
export const UPLOAD_KEEP_MS = 24 * 3_600_000;

/**
 * Deletes the stored files older than `maxAgeMs` (by their last write): files someone previewed and
 * then left, and old receipts. server.ts runs it at start and every hour. Answers how many were deleted.
 */
export async function removeStaleUploads(
  maxAgeMs = UPLOAD_KEEP_MS,
  now = Date.now(),
  dir = UPLOAD_DIR,
): Promise<number> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!STORED_NAME.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > maxAgeMs) {
      await fs.promises.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** Where uploads wait: a test searches it byte by byte after an erasure. */
export const UPLOAD_FOLDER = UPLOAD_DIR;

/**
 * Deletes this organization's stored files that hold any of `needles` (an erased candidate's name
 * and email, as app/core/rights.ts personNeedles gives them), compared without regard to case: an
 * erasure must not leave the person in an upload waiting for its import. Answers how many went.
 */
export async function scrubUploads(
  organizationId: number,
  needles: readonly string[],
  dir = UPLOAD_DIR,
): Promise<number> {
  const wanted = [...new Set(needles.map((n) => n.toLowerCase()).filter(Boolean))];
  if (wanted.length === 0) return 0;
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!STORED_NAME.test(name) || !name.startsWith(`${organizationId}-`)) continue;
    const file = path.join(dir, name);
    const text = (await fs.promises.readFile(file).catch(() => null))?.toString("utf8").toLowerCase();
    if (text && wanted.some((n) => text.includes(n))) {
      await fs.promises.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
