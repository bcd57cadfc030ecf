// The demo accounts the sign-in page lists, so that a visitor can try each role. Here rather than in
// app/data, which must not depend on the demo (the demo builds on app/data, not the other way round).
import type { Db } from "../../db/schema";
import { ROLE_LABELS } from "../core/roles";
import { DEMO_ACCOUNTS } from "./accounts";

/** The demo accounts while the demo workspace is in the database; none otherwise. */
export async function listDemoAccounts(db: Db) {
  const demo = await db.selectFrom("organizations").select("id").where("is_demo", "=", 1).executeTakeFirst();
  if (!demo) return [];
  return DEMO_ACCOUNTS.map((a) => ({ email: a.email, password: a.password, label: ROLE_LABELS[a.role] }));
}
