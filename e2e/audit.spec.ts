// Issue 18, item 10: the audit log reads as sentences naming the candidate and position, with links.
import { recordAudit } from "../app/data/audit.server";
import {
  createApplication,
  createCandidate,
  createFollowUp,
  createInterview,
  createPosition,
} from "../test/factories";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

test("the audit log words each entry as a sentence with links", async ({ page, workspace, login }) => {
  const admin = await login("admin");
  const org = workspace.organization.id;
  const position = await createPosition(db, {
    client_id: workspace.client.id,
    title: `Inside Sales Representative ${org}`,
  });
  const candidate = await createCandidate(db, { organization_id: org, name: `Aisha Adams ${org}` });
  const application = await createApplication(db, { position_id: position.id, candidate_id: candidate.id });
  const interview = await createInterview(db, { application_id: application.id });
  const followUp = await createFollowUp(db, { interview_id: interview.id });
  const by = { organizationId: org, userId: admin.id };
  await recordAudit(db, { ...by, action: "create", entity: "follow_up", entityId: followUp.id });
  await recordAudit(db, {
    ...by,
    action: "update",
    entity: "application",
    entityId: application.id,
    detail: { change: "outcome", outcome: { from: "pending", to: "offer" } },
  });
  await recordAudit(db, {
    ...by,
    action: "import",
    entity: "csv",
    detail: { rows: 14, skippedBadRows: 0, created: { candidates: 6 } },
  });

  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log entries" });
  await expect(table).toContainText(
    `${admin.name} logged a follow-up from ${candidate.name} for ${position.title}.`,
  );
  await expect(table).toContainText(
    `${admin.name} changed the outcome of ${candidate.name} (${position.title}) from Pending to Offer.`,
  );
  await expect(table).toContainText(`${admin.name} imported a CSV file: 14 rows, 6 candidates.`);
  await expect(table).not.toContainText("{");
  await expectAccessible(page);
  await screenshot(page, "audit-words");

  // Filtering still works, and the names link to their pages.
  await page.getByLabel("Action").selectOption("update");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=update/);
  await expect(table).not.toContainText("imported");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "audit-words-390");
  await table.getByRole("link", { name: candidate.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`/candidates/${candidate.id}$`));
  await expect(page.getByRole("heading", { name: candidate.name, level: 1 })).toBeVisible();
});
