// `npm run migrate`: bring the database named by DATABASE_URL (or data/followthrough.db) up to date.
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";

const db = openDatabase();
const applied = await migrateToLatest(db);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date.");
await db.destroy();
