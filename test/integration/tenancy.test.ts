import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createUser, createWorkspace, createClient, createPosition } from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

describe("organization scoping", () => {
  it("answers 404 for another organization's candidate by URL, and 200 for one's own", async () => {
    const { loader } = await import("../../app/routes/_app.candidates.$candidateId");
    const ours = await createWorkspace(db, { role: "recruiter" });
    const theirs = await createWorkspace(db, { role: "recruiter" });
    const mine = await createApplication(db, {
      position_id: ours.positionId,
      candidate: { name: "Our Candidate" },
    });
    const other = await createApplication(db, {
      position_id: theirs.positionId,
      candidate: { name: "Their Candidate" },
    });
    const cookie = await sessionCookie(ours.user.id);

    expect(
      await statusOf(() =>
        loader(
          routeArgs(`/candidates/${mine.candidate_id}`, cookie, { candidateId: String(mine.candidate_id) }),
        ),
      ),
    ).toBe(200);
    expect(
      await statusOf(() =>
        loader(
          routeArgs(`/candidates/${other.candidate_id}`, cookie, { candidateId: String(other.candidate_id) }),
        ),
      ),
    ).toBe(404);
  });

  it("lists only the signed-in organization's candidates", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const ours = await createWorkspace(db, { role: "admin" });
    const theirs = await createWorkspace(db, { role: "admin" });
    await createApplication(db, { position_id: ours.positionId, candidate: { name: "Visible Vera" } });
    await createApplication(db, { position_id: theirs.positionId, candidate: { name: "Hidden Hugo" } });
    const result = await loader(routeArgs("/candidates", await sessionCookie(ours.user.id)));
    const names = result.rows.map((r) => r.name);
    expect(names).toEqual(["Visible Vera"]);
  });

  it("shows a client viewer only candidates at their client's positions", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await createWorkspace(db, { role: "admin" });
    const otherClient = await createClient(db, { organization_id: org.organizationId, name: "Other Client" });
    const otherPosition = await createPosition(db, { client_id: otherClient.id, title: "SDR" });
    await createApplication(db, { position_id: org.positionId, candidate: { name: "Client Carla" } });
    await createApplication(db, { position_id: otherPosition.id, candidate: { name: "Elsewhere Eli" } });
    const viewer = await createUser(db, {
      organization_id: org.organizationId,
      role: "client_viewer",
      client_id: org.clientId,
    });
    const result = await loader(routeArgs("/candidates", await sessionCookie(viewer.id)));
    expect(result.rows.map((r) => r.name)).toEqual(["Client Carla"]);
  });

  it("redirects a signed-out visitor to sign in, keeping where they were going", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    try {
      await loader(routeArgs("/candidates?q=ann", null));
      expect.unreachable("the loader should have redirected");
    } catch (thrown) {
      expect(thrown).toBeInstanceOf(Response);
      const response = thrown as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fcandidates%3Fq%3Dann");
    }
  });

  it("ends a deactivated user's session at once", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await createWorkspace(db, { role: "recruiter" });
    const cookie = await sessionCookie(org.user.id);
    expect(await statusOf(() => loader(routeArgs("/candidates", cookie)))).toBe(200);
    await db.updateTable("users").set({ active: 0 }).where("id", "=", org.user.id).execute();
    expect(await statusOf(() => loader(routeArgs("/candidates", cookie)))).toBe(302);
  });
});

describe("the candidates list", () => {
  it("sorts by a summary of the candidate's applications, with candidates without any last", async () => {
    const { loader } = await import("../../app/routes/_app.candidates._index");
    const org = await createWorkspace(db, { role: "recruiter" });
    const high = await createApplication(db, {
      position_id: org.positionId,
      candidate: { name: "High Hana" },
    });
    const low = await createApplication(db, { position_id: org.positionId, candidate: { name: "Low Lars" } });
    await createApplication(db, { position_id: org.positionId, candidate: { name: "Unscored Uma" } });
    await db
      .updateTable("applications")
      .set({ best_score: 82, followed_up_count: 2, decided_interview_count: 2 })
      .where("id", "=", high.id)
      .execute();
    await db
      .updateTable("applications")
      .set({ best_score: 41, followed_up_count: 1, decided_interview_count: 4 })
      .where("id", "=", low.id)
      .execute();
    const cookie = await sessionCookie(org.user.id);

    const byScore = await loader(routeArgs("/candidates?sort=bestScore&dir=desc", cookie));
    expect(byScore.rows.map((r) => [r.name, r.bestScore, r.followUpRate])).toEqual([
      ["High Hana", "82", "100%"],
      ["Low Lars", "41", "25%"],
      ["Unscored Uma", "—", "—"],
    ]);
    const byRate = await loader(routeArgs("/candidates?sort=followUpRate&dir=asc", cookie));
    expect(byRate.rows.map((r) => r.name)).toEqual(["Low Lars", "High Hana", "Unscored Uma"]);
    expect(byRate.total).toBe(3);
  });
});
