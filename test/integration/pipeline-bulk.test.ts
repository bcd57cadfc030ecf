// Issue 18, item 7: bulk stage and outcome changes (one transaction, one audit entry per changed
// application, nothing written when any id is foreign), saved views (each user's own, within their
// organization) and logging an interview that moves the application's stage.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import type { Stage } from "../../app/core/stages";
import {
  createApplication,
  createPosition,
  createSavedView,
  createUser,
  createWorkspace,
  type Workspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie, statusOf } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const bulkRoute = () => import("../../app/routes/_app.positions.$positionId.bulk");
const pipelineRoute = () => import("../../app/routes/_app.positions.$positionId._index");

/** A `data(body, { status })` result, as an action returns it on a refusal. */
type Refusal = { data: { errors: Record<string, string[]> }; init: { status: number } };

async function applications(org: Workspace, stages: Stage[]) {
  const rows = [];
  for (const [i, stage] of stages.entries())
    rows.push(
      await createApplication(db, {
        position_id: org.positionId,
        stage,
        candidate: { name: `Candidate ${i} ${stage}` },
      }),
    );
  return rows;
}

const auditCount = async (organizationId: number) =>
  Number(
    (
      await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("organization_id", "=", organizationId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const stagesOf = async (ids: number[]) =>
  (
    await db.selectFrom("applications").select(["id", "stage"]).where("id", "in", ids).orderBy("id").execute()
  ).map((r) => r.stage);

function post(path: string, cookie: string, params: Record<string, string>, body: [string, string][]) {
  return routeArgs(path, cookie, params, { method: "POST", body: new URLSearchParams(body) });
}

describe("bulk stage and outcome changes", () => {
  it("moves every chosen application in one go, auditing each one that changed", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const apps = await applications(org, ["screen", "screen", "interview", "final"]);
    const ids = apps.map((a) => a.id);
    const cookie = await sessionCookie(org.user.id);
    const route = await bulkRoute();
    const params = { positionId: String(org.positionId) };
    const returnTo = `/positions/${org.positionId}?status=awaiting&sort=score`;

    // The confirmation says what will change, and from which values, and changes nothing.
    const query = new URLSearchParams([
      ["ids", ids.slice(0, 2).join(",")],
      ...ids.slice(1).map((id): [string, string] => ["ids", String(id)]),
      ["change", "stage"],
      ["stage", "final"],
      ["outcome", ""],
      ["returnTo", returnTo],
    ]);
    const review = await route.loader(
      routeArgs(`/positions/${org.positionId}/bulk?${query}`, cookie, params),
    );
    expect(review.problem).toBeNull();
    expect(review.headline).toBe("Move 3 applications to Final");
    expect(review.review?.summary).toMatchObject({
      changing: 3,
      unchanged: 1,
      from: [
        { label: "Screen", count: 2 },
        { label: "Interview", count: 1 },
      ],
    });
    expect(review.returnTo).toBe(returnTo);
    expect(await stagesOf(ids)).toEqual(["screen", "screen", "interview", "final"]);

    const before = await auditCount(org.organizationId);
    const response = (await route.action(
      post(`/positions/${org.positionId}/bulk`, cookie, params, [
        ["ids", review.review!.ids],
        ["change", "stage"],
        ["stage", "final"],
        ["returnTo", returnTo],
      ]),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      `/positions/${org.positionId}?status=awaiting&sort=score&done=stage%3Afinal%3A3`,
    );
    expect(await stagesOf(ids)).toEqual(["final", "final", "final", "final"]);
    // One entry per application that changed, each as the application page writes it.
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity", "entity_id", "detail", "user_id"])
      .where("organization_id", "=", org.organizationId)
      .where("id", ">", 0)
      .orderBy("id")
      .execute();
    expect(audit.length - before).toBe(3);
    const entries = audit.slice(before);
    expect(entries.map((e) => e.entity_id).sort()).toEqual(ids.slice(0, 3).sort());
    for (const e of entries) {
      expect(e).toMatchObject({ entity: "application", user_id: org.user.id });
      expect(JSON.parse(e.detail ?? "{}")).toMatchObject({ change: "stage", stage: { to: "final" } });
    }
  });

  it("sets an outcome with its date and reason, refusing a missing date with nothing written", async () => {
    const org = await createWorkspace(db, { role: "hiring_manager" });
    await db
      .updateTable("positions")
      .set({ hiring_manager_id: org.user.id })
      .where("id", "=", org.positionId)
      .execute();
    const apps = await applications(org, ["final", "final"]);
    const cookie = await sessionCookie(org.user.id);
    const route = await bulkRoute();
    const params = { positionId: String(org.positionId) };
    const body = (outcomeOn: string): [string, string][] => [
      ["ids", apps.map((a) => a.id).join(",")],
      ["change", "outcome"],
      ["outcome", "rejected"],
      ["outcomeOn", outcomeOn],
      ["reason", "Role filled"],
    ];
    const before = await auditCount(org.organizationId);
    const refused = (await route.action(
      post(`/positions/${org.positionId}/bulk`, cookie, params, body("")),
    )) as unknown as Refusal;
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors.outcomeOn).toBeTruthy();
    expect(await auditCount(org.organizationId)).toBe(before);

    const done = (await route.action(
      post(`/positions/${org.positionId}/bulk`, cookie, params, body("2026-12-04")),
    )) as Response;
    expect(done.status).toBe(302);
    const rows = await db
      .selectFrom("applications")
      .select(["outcome", "outcome_on", "outcome_reason"])
      .where(
        "id",
        "in",
        apps.map((a) => a.id),
      )
      .execute();
    expect(rows).toEqual([
      { outcome: "rejected", outcome_on: "2026-12-04", outcome_reason: "Role filled" },
      { outcome: "rejected", outcome_on: "2026-12-04", outcome_reason: "Role filled" },
    ]);
    expect(await auditCount(org.organizationId)).toBe(before + 2);
  });

  it("refuses the whole change when any id is another position's or another organization's", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const ours = await applications(org, ["screen", "screen"]);
    const otherPosition = await createPosition(db, {
      organization_id: org.organizationId,
      client_id: org.clientId,
    });
    const sameOrgOtherPosition = await createApplication(db, {
      position_id: otherPosition.id,
      stage: "screen",
    });
    const other = await createWorkspace(db);
    const foreign = await createApplication(db, { position_id: other.positionId, stage: "screen" });
    const cookie = await sessionCookie(org.user.id);
    const route = await bulkRoute();
    const params = { positionId: String(org.positionId) };
    const every = [...ours.map((a) => a.id), sameOrgOtherPosition.id, foreign.id];
    const before = [await auditCount(org.organizationId), await auditCount(other.organizationId)];

    for (const stranger of [sameOrgOtherPosition.id, foreign.id]) {
      const ids = [...ours.map((a) => a.id), stranger].join(",");
      const review = await route.loader(
        routeArgs(`/positions/${org.positionId}/bulk?ids=${ids}&change=stage&stage=final`, cookie, params),
      );
      expect(review.review).toBeNull();
      expect(review.problem).toMatch(/1 of the chosen applications is not in this pipeline/);
      const refused = (await route.action(
        post(`/positions/${org.positionId}/bulk`, cookie, params, [
          ["ids", ids],
          ["change", "stage"],
          ["stage", "final"],
        ]),
      )) as unknown as Refusal;
      expect(refused.init.status).toBe(400);
      expect(refused.data.errors.form?.join()).toMatch(/Nothing was changed/);
    }
    expect(await stagesOf(every)).toEqual(["screen", "screen", "screen", "screen"]);
    expect([await auditCount(org.organizationId), await auditCount(other.organizationId)]).toEqual(before);

    // The data function on its own refuses the same way.
    const { bulkChangeApplications } = await import("../../app/data/pipeline.server");
    const result = await bulkChangeApplications(db, org.user, org.positionId, every, {
      field: "stage",
      to: "offer",
    });
    expect(result.ok).toBe(false);
    expect(await stagesOf(every)).toEqual(["screen", "screen", "screen", "screen"]);
  });

  it("bounds the input and answers read-only roles and other managers with 403 and 404", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const [app] = await applications(org, ["screen"]);
    const route = await bulkRoute();
    const params = { positionId: String(org.positionId) };
    const cookie = await sessionCookie(org.user.id);

    const many = Array.from({ length: 501 }, (_, i) => String(app.id + i)).join(",");
    const tooMany = (await route.action(
      post(`/positions/${org.positionId}/bulk`, cookie, params, [
        ["ids", many],
        ["change", "stage"],
        ["stage", "final"],
      ]),
    )) as unknown as Refusal;
    expect(tooMany.init.status).toBe(400);
    expect(tooMany.data.errors.form?.join()).toMatch(/at most 500/);
    const none = await route.loader(
      routeArgs(`/positions/${org.positionId}/bulk?change=stage`, cookie, params),
    );
    expect(none.problem).toMatch(/Tick at least one/);

    const viewer = await createUser(db, {
      organization_id: org.organizationId,
      role: "client_viewer",
      client_id: org.clientId,
    });
    const manager = await createUser(db, { organization_id: org.organizationId, role: "hiring_manager" });
    const body: [string, string][] = [
      ["ids", String(app.id)],
      ["change", "stage"],
      ["stage", "final"],
    ];
    const as = async (userId: number) => {
      const c = await sessionCookie(userId);
      return [
        await statusOf(() =>
          route.loader(
            routeArgs(`/positions/${org.positionId}/bulk?ids=${app.id}&change=stage&stage=final`, c, params),
          ),
        ),
        await statusOf(() => route.action(post(`/positions/${org.positionId}/bulk`, c, params, body))),
      ];
    };
    expect(await as(viewer.id)).toEqual([403, 403]);
    // A hiring manager who does not manage this position does not see it.
    expect(await as(manager.id)).toEqual([404, 404]);
    expect(await stagesOf([app.id])).toEqual(["screen"]);
  });
});

describe("saved views", () => {
  it("keeps each user's views to themselves, canonical, and opens the same view for a colleague", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const colleague = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    const route = await pipelineRoute();
    const params = { positionId: String(org.positionId) };
    const path = `/positions/${org.positionId}`;
    const mine = await sessionCookie(org.user.id);
    const theirs = await sessionCookie(colleague.id);
    const save = (cookie: string, body: Record<string, string>) =>
      route.action(post(`${path}?index`, cookie, params, Object.entries(body)));

    const saved = (await save(mine, {
      intent: "save-view",
      name: "Awaiting, best first",
      search: "?status=awaiting&sort=score&dir=desc&page=3&bogus=1&stage=nonsense",
    })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`${path}?status=awaiting&sort=score&dir=desc`);

    const page = await route.loader(routeArgs(`${path}?dir=desc&status=awaiting&sort=score`, mine, params));
    expect(page.views.map((v) => [v.name, v.search])).toEqual([
      ["Awaiting, best first", "?status=awaiting&sort=score&dir=desc"],
    ]);
    expect(page.view).toBe("?status=awaiting&sort=score&dir=desc");

    // The colleague has no views of their own, and the shared link shows them the same view.
    const shared = await route.loader(routeArgs(`${path}${page.views[0].search}`, theirs, params));
    expect(shared.views).toEqual([]);
    expect(shared.filters).toEqual(page.filters);
    expect(shared.list).toEqual(page.list);

    // Names are unique per user (not across users), and nobody renames or deletes another's view.
    const duplicate = (await save(mine, {
      intent: "save-view",
      name: "awaiting, BEST first",
      search: "",
    })) as unknown as Refusal;
    expect(duplicate.init.status).toBe(400);
    expect(duplicate.data.errors.name?.join()).toMatch(/already have a view/);
    expect(
      ((await save(theirs, { intent: "save-view", name: "Awaiting, best first", search: "" })) as Response)
        .status,
    ).toBe(302);
    const viewId = String(page.views[0].id);
    const rename = (await save(theirs, {
      intent: "rename-view",
      viewId,
      name: "Mine now",
    })) as unknown as Refusal;
    expect(rename.init.status).toBe(400);
    const remove = (await save(theirs, { intent: "delete-view", viewId })) as unknown as Refusal;
    expect(remove.init.status).toBe(400);
    const empty = (await save(mine, { intent: "rename-view", viewId, name: "  " })) as unknown as Refusal;
    expect(empty.data.errors.name).toEqual(["Name the view."]);

    expect(((await save(mine, { intent: "rename-view", viewId, name: "Hot list" })) as Response).status).toBe(
      302,
    );
    const renamed = await route.loader(routeArgs(path, mine, params));
    expect(renamed.views.map((v) => v.name)).toEqual(["Hot list"]);
    expect(((await save(mine, { intent: "delete-view", viewId })) as Response).status).toBe(302);
    expect((await route.loader(routeArgs(path, mine, params))).views).toEqual([]);
    expect((await route.loader(routeArgs(path, theirs, params))).views.map((v) => v.name)).toEqual([
      "Awaiting, best first",
    ]);
  });

  it("lists no view of another organization's user, even one with the same id range", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const other = await createWorkspace(db, { role: "admin" });
    await createSavedView(db, { user_id: other.user.id, name: "Theirs" });
    const { listSavedViews, deleteView } = await import("../../app/data/pipeline.server");
    expect(await listSavedViews(db, org.user)).toEqual([]);
    const theirs = await listSavedViews(db, other.user);
    expect(theirs.map((v) => v.name)).toEqual(["Theirs"]);
    expect((await deleteView(db, org.user, theirs[0].id)).ok).toBe(false);
    expect(await listSavedViews(db, other.user)).toHaveLength(1);
  });
});

describe("logging an interview", () => {
  const form = (applicationId: number, extra: Record<string, string>) => ({
    intent: "log-interview",
    applicationId: String(applicationId),
    interviewerName: "Priya Shah",
    interviewerEmail: "",
    startsAt: "2026-11-24T10:00",
    endsAt: "2026-11-24T11:00",
    timeZone: "America/New_York",
    format: "video",
    round: "1",
    notes: "Territory planning.",
    ...extra,
  });

  it("moves the application's stage in the same transaction, audited, or leaves it", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const [moving, staying] = await applications(org, ["screen", "screen"]);
    const route = await import("../../app/routes/_app.candidates.$candidateId");
    const cookie = await sessionCookie(org.user.id);
    const submit = (app: typeof moving, extra: Record<string, string>) =>
      route.action(
        post(
          `/candidates/${app.candidate_id}`,
          cookie,
          { candidateId: String(app.candidate_id) },
          Object.entries(form(app.id, extra)),
        ),
      );

    const result = (await submit(moving, { moveToStage: "interview" })) as { done?: string };
    expect(result.done).toBe("Interview logged. Moved to Interview.");
    expect(await stagesOf([moving.id])).toEqual(["interview"]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity", "entity_id", "detail"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.entity)).toEqual(["interview", "application"]);
    expect(JSON.parse(audit[1].detail ?? "{}")).toMatchObject({ stage: { from: "screen", to: "interview" } });

    await submit(staying, { moveToStage: "" });
    expect(await stagesOf([staying.id])).toEqual(["screen"]);

    // A bad stage, or a bad interview, stores neither.
    const before = await auditCount(org.organizationId);
    const badStage = (await submit(staying, { moveToStage: "boss" })) as unknown as Refusal;
    expect(badStage.init.status).toBe(400);
    expect(badStage.data.errors.moveToStage).toEqual(["Choose a stage from the list."]);
    const badInterview = (await submit(staying, {
      moveToStage: "final",
      endsAt: "2026-11-24T09:00",
    })) as unknown as Refusal;
    expect(badInterview.init.status).toBe(400);
    expect(await stagesOf([staying.id])).toEqual(["screen"]);
    expect(await auditCount(org.organizationId)).toBe(before);
  });
});
