// A bench dataset copied into a temporary folder with an admin of a known password, for the scripts that
// run the real server on it (scripts/bench-pages.ts, scripts/load-test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { hashPassword } from "../app/auth/password.server";

export interface DatasetCopy {
  dir: string;
  dbFile: string;
  db: Kysely<Database>;
  organizationId: number;
}

/**
 * Copies `template` (SQLite's backup API: consistent even while another process has it open) into a new
 * temporary folder named after `prefix`, migrates it, and adds `admin` to its first organization that
 * is not the demo's.
 */
export async function copyDatasetWithAdmin(
  template: string,
  prefix: string,
  admin: { email: string; password: string; name: string },
): Promise<DatasetCopy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `followthrough-${prefix}-`));
  const dbFile = path.join(dir, `${prefix}.db`);
  const source = new SQLite(template, { readonly: true, fileMustExist: true });
  await source.backup(dbFile);
  source.close();
  const db = openDatabase(dbFile);
  await migrateToLatest(db);
  const organization = await db
    .selectFrom("organizations")
    .select("id")
    .where("is_demo", "=", 0)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("users")
    .values({
      organization_id: organization.id,
      email: admin.email,
      name: admin.name,
      password_hash: await hashPassword(admin.password),
      role: "admin",
      client_id: null,
      created_at: new Date().toISOString(),
    })
    .execute();
  return { dir, dbFile, db, organizationId: organization.id };
}
