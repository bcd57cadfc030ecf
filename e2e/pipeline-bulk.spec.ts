// Issue 18, item 7, at desktop width and on a 390 px phone: bulk stage and outcome changes through
// their confirmation, saving and opening a view (and its link, for a colleague), and logging an
// interview that moves the application's stage. Each test works in a workspace of its own.
import type { Stage } from "../app/core/stages";
import { utcToZoned } from "../app/core/time";
import { createApplication, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test, type Workspace } from "./utils";

const HOUR = 3_600_000;
const ZONE = "America/New_York";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const WIDTHS = [
  { name: "desktop", size: null },
  { name: "phone", size: { width: 390, height: 844 } },
] as const;

/** A position managed by the workspace's hiring manager, with candidates at these stages. */
async function pipeline(workspace: Workspace, stages: Stage[]) {
  const id = stamp();
  const position = await createPosition(db, {
    client_id: workspace.client.id,
    title: `Account Executive ${id}`,
    hiring_manager_id: workspace.users.hiring_manager.id,
  });
  const names = ["Ada Abbott", "Bo Baptiste", "Cy Cardenas", "Di Dlamini"];
  const applications = [];
  for (const [i, stage] of stages.entries())
    applications.push(
      await createApplication(db, {
        position_id: position.id,
        stage,
        candidate: { name: `${names[i]} ${id}`, email: `c${i}.${id}@example.test` },
      }),
    );
  return { position, applications, name: (i: number) => `${names[i]} ${id}` };
}

const auditEntries = async (organizationId: number) =>
  db
    .selectFrom("audit_log")
    .select(["entity", "entity_id", "detail"])
    .where("organization_id", "=", organizationId)
    .where("entity", "=", "application")
    .execute();

for (const width of WIDTHS) {
  test.describe(`at ${width.name} width`, () => {
    test.beforeEach(async ({ page }) => {
      if (width.size) await page.setViewportSize(width.size);
    });

    test("a recruiter moves several applications through a confirmation, then sets their outcome", async ({
      page,
      workspace,
      login,
    }) => {
      const p = await pipeline(workspace, ["screen", "screen", "interview", "final"]);
      await login("recruiter");
      await page.goto(`/positions/${p.position.id}`);
      const bar = page.getByRole("form", { name: "Change the ticked applications" });
      await expect(bar).toContainText("None selected");

      // Keyboard: Tab reaches a row's box, Space ticks it.
      await page.getByRole("checkbox", { name: `Select ${p.name(0)}` }).focus();
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab");
      await expect(page.getByRole("checkbox", { name: `Select ${p.name(0)}` })).toBeChecked();
      await page.getByRole("checkbox", { name: `Select ${p.name(1)}` }).check();
      await page.getByRole("checkbox", { name: `Select ${p.name(2)}` }).check();
      await expect(bar).toContainText("3 selected");
      await expect(page.getByRole("checkbox", { name: /Select all 4/ })).toHaveJSProperty(
        "indeterminate",
        true,
      );
      await expectAccessible(page);
      await screenshot(page, `pipeline-bulk-selected-${width.name}`);

      await bar.getByLabel("New stage").selectOption("final");
      await bar.getByRole("button", { name: "Review stage change" }).click();
      await expect(page.getByRole("heading", { name: "Move 3 applications to Final?" })).toBeVisible();
      await expect(page.getByRole("list", { name: "What will change" })).toContainText(
        "3 applications move to Final: 2 from Screen, 1 from Interview.",
      );
      await expect(page.getByText(`${p.name(2)}`)).toBeVisible();
      await expectAccessible(page);
      await screenshot(page, `pipeline-bulk-confirm-${width.name}`);
      // Nothing has changed yet.
      expect(await auditEntries(workspace.organization.id)).toEqual([]);

      await page.getByRole("button", { name: "Move 3 applications to Final" }).click();
      await expect(page.getByText("Moved 3 applications to Final.")).toBeVisible();
      for (const i of [0, 1, 2, 3])
        await expect(page.getByRole("row", { name: new RegExp(p.name(i)) })).toContainText("Final");
      const entries = await auditEntries(workspace.organization.id);
      expect(entries.map((e) => e.entity_id).sort()).toEqual(
        p.applications
          .slice(0, 3)
          .map((a) => a.id)
          .sort(),
      );

      // The page's box ticks every row; the outcome needs its date on the confirmation.
      await page.getByRole("checkbox", { name: /Select all 4/ }).check();
      await expect(bar).toContainText("4 selected");
      await bar.getByLabel("New outcome").selectOption("rejected");
      await bar.getByRole("button", { name: "Review outcome change" }).click();
      await expect(
        page.getByRole("heading", { name: "Set the outcome of 4 applications to Rejected?" }),
      ).toBeVisible();
      await expect(page.getByRole("list", { name: "What will change" })).toContainText("4 now Pending");
      await page.getByLabel("Decided on (Rejected)").fill("");
      await page.getByRole("button", { name: "Set the outcome of 4 applications to Rejected" }).click();
      await expect(page.getByText("Enter the date it was decided.")).toBeVisible();
      await page.getByLabel("Decided on (Rejected)").fill("2026-12-04");
      await page.getByLabel("Reason (optional, the same for each)").fill("Role filled internally");
      await page.getByRole("button", { name: "Set the outcome of 4 applications to Rejected" }).click();
      await expect(page.getByText("Set the outcome of 4 applications to Rejected.")).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(p.name(3)) })).toContainText("Rejected");
      expect(await auditEntries(workspace.organization.id)).toHaveLength(7);
      await screenshot(page, `pipeline-bulk-done-${width.name}`);
      // The notice is said once: sorting the list afterwards does not repeat it.
      await page
        .getByRole("columnheader", { name: /Candidate/ })
        .getByRole("link")
        .click();
      await expect(page).toHaveURL(/sort=candidate/);
      await expect(page.getByText("Set the outcome of 4 applications to Rejected.")).toHaveCount(0);
    });

    test("a recruiter saves a view, opens it again, and a colleague opens its link", async ({
      page,
      workspace,
      login,
      context,
    }) => {
      const p = await pipeline(workspace, ["screen", "final", "final"]);
      await login("recruiter");
      await page.goto(`/positions/${p.position.id}`);
      const filters = page.getByRole("search", { name: "Filter the pipeline" });
      await filters.getByLabel("Stage").selectOption("final");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page.getByText("2 matching applications")).toBeVisible();

      const views = page.getByRole("region", { name: "Views:" });
      await expect(views).toContainText("none saved yet");
      await page.getByText("Save this view or manage views").click();
      await page.getByRole("button", { name: "Save current view" }).click();
      await expect(page.getByText("Name the view.")).toBeVisible();
      await page.getByLabel("Name of this view").fill("Finalists");
      await page.getByRole("button", { name: "Save current view" }).click();
      const chip = views.getByRole("link", { name: "Finalists" });
      await expect(chip).toHaveAttribute("aria-current", "page");
      await expectAccessible(page);
      await screenshot(page, `pipeline-views-${width.name}`);

      // Cleared, then back through the view.
      await page.getByRole("link", { name: "Clear filters" }).first().click();
      await expect(page.getByText("3 applications")).toBeVisible();
      await expect(chip).not.toHaveAttribute("aria-current", "page");
      await chip.click();
      await expect(page.getByText("2 matching applications")).toBeVisible();
      await expect(filters.getByLabel("Stage")).toHaveValue("final");

      // Its link, copied, opens the same view for a colleague (who has no views of their own).
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await views.getByRole("button", { name: "Copy link to this view" }).click();
      await expect(views.getByRole("button", { name: "Link copied" })).toBeVisible();
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(new RegExp(`/positions/${p.position.id}\\?stage=final$`));

      // Renamed, then deleted.
      await page.getByText("Manage views").click();
      await page.getByLabel("Name of view “Finalists”").fill("Final round");
      await page.getByRole("button", { name: "Rename" }).click();
      await expect(views.getByRole("link", { name: "Final round" })).toBeVisible();

      await login("hiring_manager");
      await page.goto(link);
      await expect(page.getByText("2 matching applications")).toBeVisible();
      await expect(filters.getByLabel("Stage")).toHaveValue("final");
      await expect(views).toContainText("none saved yet");

      await login("recruiter");
      await page.goto(link);
      await page.getByText("Manage views").click();
      await page.getByRole("button", { name: "Delete view “Final round”" }).click();
      await expect(views).toContainText("none saved yet");
    });

    test("logging an interview moves the application to the interview stage", async ({
      page,
      workspace,
      login,
    }) => {
      const p = await pipeline(workspace, ["screen"]);
      const [application] = p.applications;
      await login("recruiter");
      await page.goto(`/candidates/${application.candidate_id}`);
      await expect(page.getByText("Stage: Screen")).toBeVisible();
      await page.getByText("Log an interview").click();
      // Offered, not forced: the next stage for an application not yet at the interview stage.
      await expect(page.getByLabel("Move to stage")).toHaveValue("interview");
      const now = Date.now();
      await page.getByLabel("Interviewer", { exact: true }).fill("Hal Jordan");
      await page.getByLabel("Time zone of those times").selectOption(ZONE);
      await page.getByLabel("Started").fill(utcToZoned(new Date(now - 3 * HOUR).toISOString(), ZONE));
      await page.getByLabel("Ended").fill(utcToZoned(new Date(now - 2 * HOUR).toISOString(), ZONE));
      await page.getByLabel("Notes: what was discussed").fill("Discussed the Midwest territory.");
      await expectAccessible(page);
      await screenshot(page, `log-interview-stage-${width.name}`);
      await page.getByRole("button", { name: "Log interview" }).click();
      await expect(page.getByText("Interview logged. Moved to Interview.")).toBeVisible();
      await expect(page.getByText("Stage: Interview")).toBeVisible();
      // The next interview leaves it where it is unless told otherwise.
      await page.getByText("Log an interview").click();
      await expect(page.getByLabel("Move to stage")).toHaveValue("");
      const entries = await auditEntries(workspace.organization.id);
      expect(entries.map((e) => JSON.parse(e.detail ?? "{}").stage)).toEqual([
        { from: "screen", to: "interview" },
      ]);
    });
  });
}
