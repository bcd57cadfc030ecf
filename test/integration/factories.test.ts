// The factories of test/factories.ts make rows the app accepts: every parent in the organization of
// its child, and the tokens they return open what the app's own tokens open.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createFollowUp,
  createInterview,
  createPosition,
  createSession,
  createShareLink,
  createUser,
  createWorkspace,
  FACTORIES,
} from "../factories";
import { freshDatabase, routeArgs, SESSION_COOKIE, sessionCookieValue, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

describe("the factories", () => {
  it("insert a valid row into every table, each with no overrides at all", async () => {
    for (const [table, create] of Object.entries(FACTORIES)) {
      const row = (await create(db)) as { id: number };
      expect(row.id, table).toBeGreaterThan(0);
    }
  });

  it("make a follow-up's missing parents, all in one organization", async () => {
    const followUp = await createFollowUp(db);
    const chain = await db
      .selectFrom("follow_ups as f")
      .innerJoin("interviews as i", "i.id", "f.interview_id")
      .innerJoin("applications as a", "a.id", "i.application_id")
      .innerJoin("candidates as c", "c.id", "a.candidate_id")
      .innerJoin("positions as p", "p.id", "a.position_id")
      .innerJoin("clients as cl", "cl.id", "p.client_id")
      .select([
        "f.organization_id as f",
        "i.organization_id as i",
        "a.organization_id as a",
        "c.organization_id as c",
        "p.organization_id as p",
        "cl.organization_id as cl",
      ])
      .where("f.id", "=", followUp.id)
      .executeTakeFirstOrThrow();
    expect(new Set(Object.values(chain))).toEqual(new Set([followUp.organization_id]));
  });

  it("take the organization from the parent they are given", async () => {
    const org = await createWorkspace(db);
    const application = await createApplication(db, { position_id: org.positionId });
    expect(application.organization_id).toBe(org.organizationId);
    const interview = await createInterview(db, { application_id: application.id });
    expect(interview.organization_id).toBe(org.organizationId);
    expect(interview.starts_at).toBe("2026-11-24T15:00:00.000Z");
    expect(interview.closes_at).toBe("2026-11-27T16:00:00.000Z");
    const position = await createPosition(db, { client_id: org.clientId });
    expect(position.organization_id).toBe(org.organizationId);
    const viewer = await createUser(db, { role: "client_viewer", client_id: org.clientId });
    expect(viewer.organization_id).toBe(org.organizationId);
  });

  it("make a session whose token, in a cookie signed as the app signs it, signs its user in", async () => {
    const org = await createWorkspace(db, { role: "hiring_manager" });
    const session = await createSession(db, { user_id: org.user.id });
    expect(session.organization_id).toBe(org.organizationId);
    const cookie = `${SESSION_COOKIE}=${await sessionCookieValue(session.token, process.env.SESSION_SECRET!)}`;
    const { getUser } = await import("../../app/auth/session.server");
    const user = await getUser(routeArgs("/", cookie).request);
    expect(user).toMatchObject({ id: org.user.id, role: "hiring_manager", sessionId: session.id });
    const forged = `${SESSION_COOKIE}=${await sessionCookieValue(session.token, "another secret")}`;
    expect(await getUser(routeArgs("/", forged).request)).toBeNull();
  });

  it("make a share link whose token opens the client's report", async () => {
    const org = await createWorkspace(db);
    const link = await createShareLink(db, { client_id: org.clientId });
    const { loader } = await import("../../app/routes/share.$token");
    const token = { token: link.token };
    expect(await statusOf(() => loader(routeArgs(`/share/${link.token}`, null, token)))).toBe(200);
    await db
      .updateTable("share_links")
      .set({ revoked_at: new Date().toISOString() })
      .where("id", "=", link.id)
      .execute();
    expect(await statusOf(() => loader(routeArgs(`/share/${link.token}`, null, token)))).toBe(410);
  });
});
