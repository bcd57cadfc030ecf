// `npm run restore -- FILE`: replace the SQLite database named by DATABASE_URL (default
// data/followthrough.db) with a backup made by `npm run backup`. Stop the server first: the restore
// refuses while any process has the database open. The replaced database is kept as <database>.pre-restore.
import { DEFAULT_SQLITE_PATH, isPostgresUrl } from "../db/connection.server";
import { restoreDatabase } from "../db/backup.server";

const file = process.argv[2];
const database = process.env.DATABASE_URL ?? DEFAULT_SQLITE_PATH;
if (!file || file.startsWith("-")) {
  console.error(
    "Usage: npm run restore -- FILE   (stop the server first; replaces the database named by DATABASE_URL)",
  );
  process.exit(2);
}
if (isPostgresUrl(database)) {
  console.error("PostgreSQL: use pg_restore; npm run restore restores SQLite databases.");
  process.exit(2);
}
try {
  const result = restoreDatabase(file, database);
  console.log(`Restored ${file} over ${result.target} (integrity ok).`);
  if (result.previous) console.log(`The database it replaced is kept as ${result.previous}.`);
  console.log("Start the server again (npm start); it applies any newer migrations.");
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exit(1);
}
