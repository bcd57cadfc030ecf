import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { recordAudit } from "../../app/data/audit.server";
import { segmentsText } from "../../app/core/audit-words";
import {
  createApplication,
  createAuditEntry,
  createCandidate,
  createFollowUp,
  createInterview,
  createPosition,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

describe("audit log viewer", () => {
  it("pages, filters by user, action and date, and shows only the organization's entries", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const other = await createWorkspace(db, { role: "admin" });
    const recruiter = await createUser(db, { organization_id: org.organizationId, role: "recruiter" });
    for (let i = 0; i < 60; i++) {
      await createAuditEntry(db, {
        organization_id: org.organizationId,
        user_id: i % 2 ? recruiter.id : org.user.id,
        action: i % 3 ? "update" : "create",
        entity: "candidate",
        entity_id: i,
        created_at: `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T12:00:00.000Z`,
      });
    }
    await createAuditEntry(db, {
      organization_id: other.organizationId,
      user_id: other.user.id,
      action: "delete",
      entity: "client",
      entity_id: 1,
      detail: JSON.stringify({ secret: "Other Org Secret" }),
      created_at: "2026-10-05T12:00:00.000Z",
    });

    const { loader } = await import("../../app/routes/_app.audit");
    const cookie = await sessionCookie(org.user.id);
    const first = await loader(routeArgs("/audit", cookie));
    expect(first.total).toBe(60);
    expect(first.rows).toHaveLength(50);
    expect(first.options.actions.map((a) => a.value)).toEqual(["create", "update"]);
    expect(JSON.stringify(first)).not.toContain("Other Org Secret");
    const second = await loader(routeArgs("/audit?page=2", cookie));
    expect(second.rows).toHaveLength(10);

    const byUser = await loader(routeArgs(`/audit?user=${recruiter.id}`, cookie));
    expect(byUser.total).toBe(30);
    const byAction = await loader(routeArgs("/audit?action=create", cookie));
    expect(byAction.total).toBe(20);
    // An action the log does not hold is ignored rather than reaching SQL.
    expect((await loader(routeArgs("/audit?action=drop%20table", cookie))).total).toBe(60);
    const byDate = await loader(routeArgs("/audit?from=2026-10-01&to=2026-10-02", cookie));
    // Days 1 and 2 of each 28-day cycle: i = 0, 1, 28, 29, 56, 57.
    expect(byDate.total).toBe(6);
    const oldest = await loader(routeArgs("/audit?dir=asc", cookie));
    expect(oldest.rows[0].when).toContain("1 Oct 2026");
  });

  it("words each entry as a sentence naming the candidate and position, with links", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const other = await createWorkspace(db, { role: "admin" });
    const kim = await createUser(db, {
      organization_id: org.organizationId,
      role: "recruiter",
      name: "Kim Lau",
    });
    const position = await createPosition(db, {
      organization_id: org.organizationId,
      client_id: org.clientId,
      title: "Inside Sales Representative",
    });
    const aisha = await createCandidate(db, { organization_id: org.organizationId, name: "Aisha Adams" });
    const application = await createApplication(db, { position_id: position.id, candidate_id: aisha.id });
    const interview = await createInterview(db, { application_id: application.id });
    const followUp = await createFollowUp(db, { interview_id: interview.id });
    const gone = await createFollowUp(db, {
      interview_id: interview.id,
      received_at: "2026-11-25T09:00:00.000Z",
    });
    const stranger = await createCandidate(db, {
      organization_id: other.organizationId,
      name: "Other Org Person",
    });
    const base = { organizationId: org.organizationId, userId: kim.id };
    await recordAudit(db, { ...base, action: "create", entity: "follow_up", entityId: followUp.id });
    await recordAudit(db, {
      ...base,
      action: "update",
      entity: "application",
      entityId: application.id,
      detail: { change: "outcome", outcome: { from: "pending", to: "offer" } },
    });
    await recordAudit(db, { ...base, action: "create", entity: "follow_up", entityId: gone.id });
    await db.deleteFrom("follow_ups").where("id", "=", gone.id).execute();
    // An entry that names another organization's candidate does not reveal them.
    await recordAudit(db, { ...base, action: "update", entity: "candidate", entityId: stranger.id });
    await recordAudit(db, {
      ...base,
      action: "import",
      entity: "csv",
      detail: { rows: 14, skippedBadRows: 0, created: { candidates: 6 } },
    });

    const { loader } = await import("../../app/routes/_app.audit");
    const page = await loader(routeArgs("/audit?dir=asc", await sessionCookie(org.user.id)));
    const sentences = page.rows.map((r) => `${r.who} ${segmentsText(r.words)}`);
    expect(sentences).toEqual([
      "Kim Lau logged a follow-up from Aisha Adams for Inside Sales Representative.",
      "Kim Lau changed the outcome of Aisha Adams (Inside Sales Representative) from Pending to Offer.",
      "Kim Lau logged a follow-up, since deleted.",
      "Kim Lau edited the details of a candidate, since deleted.",
      "Kim Lau imported a CSV file: 14 rows, 6 candidates.",
    ]);
    expect(page.rows[0].words).toContainEqual({ text: "Aisha Adams", href: `/candidates/${aisha.id}` });
    expect(page.rows[0].words).toContainEqual({ text: "follow-up", href: `/applications/${application.id}` });
    expect(page.rows[1].words).toContainEqual({
      text: "Inside Sales Representative",
      href: `/positions/${position.id}`,
    });
    expect(JSON.stringify(page)).not.toContain("Other Org Person");
  });
});
