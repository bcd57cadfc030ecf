// Time zones (issue 18 item 4): the organization's default zone (Settings, admins) and each user's
// display zone (Account), stored only when they are listed IANA zones, and every time shown in the
// reader's zone, named.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import {
  createApplication,
  createCandidate,
  createInterview,
  createUser,
  createWorkspace,
} from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

type Posted = {
  data: Record<string, unknown> & { errors?: Record<string, string[]> };
  init?: { status: number };
};

const form = (url: string, cookie: string, body: Record<string, string>, params = {}) =>
  routeArgs(url, cookie, params, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });

async function zoneOf(cookie: string): Promise<string> {
  const { getUser } = await import("../../app/auth/session.server");
  const user = await getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return user!.timeZone;
}

const orgZone = async (organizationId: number) =>
  (
    await db
      .selectFrom("organizations")
      .select("time_zone")
      .where("id", "=", organizationId)
      .executeTakeFirstOrThrow()
  ).time_zone;

const settingsAudits = (organizationId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "detail"])
    .where("organization_id", "=", organizationId)
    .where("entity", "=", "settings")
    .execute();

describe("the organization's time zone", () => {
  it("is stored when an admin chooses a listed zone, audited, and refused beside the field otherwise", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    const cookie = await sessionCookie(org.user.id);
    const settings = await import("../../app/routes/_app.settings");
    expect(await orgZone(org.organizationId)).toBe("UTC");

    for (const bad of ["Mars/Olympus", "europe/berlin", "", "EST"]) {
      const refused = (await settings.action(
        form("/settings", cookie, { intent: "time-zone", timeZone: bad }),
      )) as unknown as { data: { zoneErrors: Record<string, string[]> }; init: { status: number } };
      expect(refused.init.status).toBe(400);
      expect(refused.data.zoneErrors.timeZone).toEqual([
        "Choose a time zone from the list, like Europe/Berlin.",
      ]);
    }
    expect(await orgZone(org.organizationId)).toBe("UTC");
    expect(await settingsAudits(org.organizationId)).toEqual([]);

    const saved = (await settings.action(
      form("/settings", cookie, { intent: "time-zone", timeZone: "Europe/Berlin" }),
    )) as Response;
    expect(saved.status).toBe(302);
    expect(await orgZone(org.organizationId)).toBe("Europe/Berlin");
    const [audit] = await settingsAudits(org.organizationId);
    expect(audit.action).toBe("update");
    expect(JSON.parse(audit.detail!)).toEqual({
      before: { display: { timeZone: "UTC" } },
      after: { display: { timeZone: "Europe/Berlin" } },
    });
    // Users who chose no zone read times in it; the settings page says so.
    expect(await zoneOf(cookie)).toBe("Europe/Berlin");
    const page = await settings.loader(routeArgs("/settings", cookie));
    expect(page.zone.value).toBe("Europe/Berlin");
    expect(page.zone.described).toMatch(/^Europe\/Berlin \(CES?T, UTC\+0[12]:00\)$/);
  });

  it("may be changed by admins only", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const cookie = await sessionCookie(org.user.id);
    const settings = await import("../../app/routes/_app.settings");
    await expect(
      settings.action(form("/settings", cookie, { intent: "time-zone", timeZone: "Asia/Tokyo" })),
    ).rejects.toMatchObject({ status: 403 });
    expect(await orgZone(org.organizationId)).toBe("UTC");
  });
});

describe("a user's display zone", () => {
  it("is stored when listed, refused beside the field otherwise, and 'Organization default' clears it", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    await db
      .updateTable("organizations")
      .set({ time_zone: "America/Chicago" })
      .where("id", "=", org.organizationId)
      .execute();
    const cookie = await sessionCookie(org.user.id);
    const account = await import("../../app/routes/_app.account");
    const own = async () =>
      (
        await db
          .selectFrom("users")
          .select("time_zone")
          .where("id", "=", org.user.id)
          .executeTakeFirstOrThrow()
      ).time_zone;
    expect(await zoneOf(cookie)).toBe("America/Chicago");

    const refused = (await account.action(
      form("/account", cookie, { intent: "time-zone", timeZone: "Asia/Tokio" }),
    )) as unknown as Posted;
    expect(refused.init?.status).toBe(400);
    expect(refused.data.errors?.timeZone).toEqual(["Choose a time zone from the list, like Europe/Berlin."]);
    expect(await own()).toBeNull();

    const saved = (await account.action(
      form("/account", cookie, { intent: "time-zone", timeZone: "Asia/Tokyo" }),
    )) as unknown as { zoneSaved: boolean };
    expect(saved.zoneSaved).toBe(true);
    expect(await own()).toBe("Asia/Tokyo");
    expect(await zoneOf(cookie)).toBe("Asia/Tokyo");
    const page = await account.loader(routeArgs("/account", cookie));
    expect(page.zone).toMatchObject({ own: "Asia/Tokyo", organization: "America/Chicago" });
    expect(page.zone.shown).toBe("Asia/Tokyo (UTC+09:00)");

    await account.action(form("/account", cookie, { intent: "time-zone", timeZone: "" }));
    expect(await own()).toBeNull();
    expect(await zoneOf(cookie)).toBe("America/Chicago");
  });

  it("is the zone every time is shown in, named, and the zone the follow-up form reads a typed time in", async () => {
    const org = await createWorkspace(db, { role: "admin" });
    await db.updateTable("users").set({ time_zone: "Europe/Berlin" }).where("id", "=", org.user.id).execute();
    const other = await createUser(db, {
      organization_id: org.organizationId,
      last_sign_in_at: "2026-12-05T13:30:00.000Z",
    });
    const cookie = await sessionCookie(org.user.id);

    const users = await import("../../app/routes/_app.users");
    const list = await users.loader(routeArgs("/users", cookie));
    expect(list.users.find((u) => u.id === other.id)?.lastSignIn).toBe("Sat 5 Dec 2026, 14:30 CET");

    // An interview held in New York, read by a user in Berlin.
    const candidate = await createCandidate(db, {
      organization_id: org.organizationId,
      name: "Ada Lovelace",
    });
    const application = await createApplication(db, {
      candidate_id: candidate.id,
      position_id: org.positionId,
    });
    const interview = await createInterview(db, {
      application_id: application.id,
      ends_at: "2026-12-01T15:00:00.000Z",
      time_zone: "America/New_York",
    });
    const page = await import("../../app/routes/_app.candidates.$candidateId");
    const loaded = await page.loader(
      routeArgs(`/candidates/${candidate.id}`, cookie, { candidateId: String(candidate.id) }),
    );
    const shown = loaded.applications[0].interviews[0];
    expect(shown).toMatchObject({
      when: "Tue 1 Dec 2026, 15:00 CET · held at 09:00 EST (America/New_York)",
      timeZone: "Europe/Berlin",
    });
    expect(loaded.defaultTimeZone).toBe("Europe/Berlin");
    expect(loaded.timeline?.timeZone).toBe("Europe/Berlin");

    // Typed as 18:30 on the form that names Berlin: 17:30 UTC, shown back in Berlin.
    await page.action(
      form(
        `/candidates/${candidate.id}`,
        cookie,
        {
          intent: "log-follow-up",
          interviewId: String(interview.id),
          timeZone: "Europe/Berlin",
          receivedAt: "2026-12-01T18:30",
          channel: "email",
          body: "Thank you for the conversation about the Salesforce migration.",
        },
        { candidateId: String(candidate.id) },
      ),
    );
    const stored = await db
      .selectFrom("follow_ups")
      .select("received_at")
      .where("interview_id", "=", interview.id)
      .executeTakeFirstOrThrow();
    expect(stored.received_at).toBe("2026-12-01T17:30:00.000Z");
    const again = await page.loader(
      routeArgs(`/candidates/${candidate.id}`, cookie, { candidateId: String(candidate.id) }),
    );
    expect(again.applications[0].interviews[0].followUps[0].received).toBe("Tue 1 Dec 2026, 18:30 CET");
  });
});
