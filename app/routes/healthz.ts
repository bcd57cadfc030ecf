import { sql } from "kysely";
import { getDb } from "../../db/connection.server";

/** Answers 200 when the server and the database are up. */
export async function loader() {
  try {
    await sql`select 1`.execute(getDb());
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503 });
  }
}
