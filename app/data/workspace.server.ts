import type { Db } from "../../db/schema";
import { hashPassword } from "../auth/password.server";
import { recordAudit } from "./audit.server";
import { inTransaction } from "./transaction.server";

export async function hasAnyOrganization(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst());
}

/** First run: the organization, its own client (an in-house team hires for itself) and its first admin. */
export async function createOrganizationWithAdmin(
  db: Db,
  input: {
    organizationName: string;
    name: string;
    email: string;
    password: string;
  },
) {
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    // Checked inside the transaction: two first-run submissions must not create two organizations.
    if (await trx.selectFrom("organizations").select("id").limit(1).executeTakeFirst()) return null;
    const org = await trx
      .insertInto("organizations")
      .values({ name: input.organizationName, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("clients")
      .values({ organization_id: org.id, name: input.organizationName, created_at: now })
      .execute();
    const user = await trx
      .insertInto("users")
      .values({
        organization_id: org.id,
        email: input.email.trim().toLowerCase(),
        name: input.name,
        password_hash: passwordHash,
        role: "admin",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      organizationId: org.id,
      userId: user.id,
      action: "create",
      entity: "organization",
      entityId: org.id,
    });
    return user.id;
  });
}
