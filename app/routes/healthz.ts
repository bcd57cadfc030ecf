import { sql } from "kysely";
import { getDb } from "../../db/connection.server";

/**
 * Answers 200 when the server and the database are up. X-Process-Id names the web process that
 * answered: with several (WEB_CONCURRENCY, server.ts), a check can see that each one serves.
 */
export async function loader() {
  const headers = { "Cache-Control": "no-store", "X-Process-Id": String(process.pid) };
  try {
    await sql`select 1`.execute(getDb());
    return new Response("ok", { headers });
  } catch {
    return new Response("database unavailable", { status: 503, headers });
  }
}
