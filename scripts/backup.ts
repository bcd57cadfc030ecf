// `npm run backup -- FILE`: a consistent copy of the SQLite database named by DATABASE_URL (default
// data/followthrough.db), taken online: the server may keep running and writing.
import { DEFAULT_SQLITE_PATH, isPostgresUrl } from "../db/connection.server";
import { backupDatabase } from "../db/backup.server";

const file = process.argv[2];
const database = process.env.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
if (!file || file.startsWith("-")) {
  console.error("Usage: npm run backup -- FILE   (copies the database named by DATABASE_URL to FILE)");
  process.exit(2);
}
if (isPostgresUrl(database)) {
  console.error("PostgreSQL: use pg_dump; npm run backup copies SQLite databases.");
  process.exit(2);
}
try {
  const started = performance.now();
  const result = await backupDatabase(database, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up ${database} to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB, ${result.pages} pages, ${seconds} s); integrity ok.`,
  );
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
