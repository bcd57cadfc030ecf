// No redirect leaves the site: sign-in's redirectTo and the application page's returnTo both go
// through safeRedirect (app/core/redirect.ts), which let "/<TAB>/host" through before.
import { beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createApplication, createWorkspace } from "../factories";
import { freshDatabase, routeArgs, sessionCookie } from "../helpers";

let db: Kysely<Database>;
beforeAll(async () => {
  db = await freshDatabase();
});

const OFF_SITE = [
  "/\t/evil.example",
  "/%09/evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example",
  "javascript:alert(1)",
  " /candidates",
];

describe("redirects", () => {
  it("sign-in sends the user home, not off the site, whatever redirectTo says", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { hashPassword } = await import("../../app/auth/password.server");
    const password = "redirect-test-pass-1";
    await db
      .updateTable("users")
      .set({ password_hash: await hashPassword(password) })
      .where("id", "=", org.user.id)
      .execute();
    const signIn = await import("../../app/routes/sign-in");
    for (const redirectTo of [...OFF_SITE, "/candidates?page=2"]) {
      const response = (await signIn.action({
        ...routeArgs(
          "/sign-in",
          null,
          {},
          { method: "POST", body: new URLSearchParams({ email: org.user.email, password, redirectTo }) },
        ),
        context: { clientAddress: "127.0.0.1" },
      })) as Response;
      expect(response.headers.get("Location"), JSON.stringify(redirectTo)).toBe(
        redirectTo === "/candidates?page=2" ? redirectTo : "/",
      );
    }
  });

  it("the application page's back link stays on the site", async () => {
    const org = await createWorkspace(db, { role: "recruiter" });
    const { id: applicationId } = await createApplication(db, { position_id: org.positionId });
    const cookie = await sessionCookie(org.user.id);
    const route = await import("../../app/routes/_app.applications.$applicationId._index");
    const load = async (returnTo: string) =>
      (
        (await route.loader(
          routeArgs(`/applications/${applicationId}?${new URLSearchParams({ returnTo })}`, cookie, {
            applicationId: String(applicationId),
          }),
        )) as { returnTo: string }
      ).returnTo;
    for (const returnTo of OFF_SITE)
      expect(await load(returnTo), JSON.stringify(returnTo)).toBe(`/positions/${org.positionId}`);
    expect(await load(`/positions/${org.positionId}?stage=final`)).toBe(
      `/positions/${org.positionId}?stage=final`,
    );
  });
});
