import { createApplication, createFollowUp, createInterview, createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

const HOUR = 3_600_000;

/** A follow-up in the position, `hours` after its interview ended, in the best window. */
async function followUpAfter(positionId: number, hours: number) {
  const application = await createApplication(db, { position_id: positionId });
  const endsAt = "2026-11-24T16:00:00.000Z";
  const interview = await createInterview(db, { application_id: application.id, ends_at: endsAt });
  await createFollowUp(db, {
    interview_id: interview.id,
    received_at: new Date(Date.parse(endsAt) + hours * HOUR).toISOString(),
    latency_minutes: hours * 60,
    window: "best",
  });
}

test("an admin previews a settings change, is told what is wrong beside the field, saves, and sees the rescore finish", async ({
  page,
  workspace,
  login,
}) => {
  // Follow-ups 1, 3 and 5 hours after their interviews: the last two leave the best window at 2 hours.
  const position = await createPosition(db, { client_id: workspace.client.id });
  for (const hours of [1, 3, 5]) await followUpAfter(position.id, hours);
  await login("admin");
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expectAccessible(page);

  // Points that do not add up to 100: the message stands beside the points, and what was typed stays.
  await page.getByLabel("Timing").fill("30");
  await page.getByRole("button", { name: "Preview the effect" }).click();
  await expect(page.getByText("The points must add up to 100.")).toBeVisible();
  await expect(page.getByLabel("Timing")).toHaveValue("30");

  // A valid change: the best window shrinks from 6 to 2 hours, so two follow-ups change window.
  await page.getByLabel("Timing").fill("15");
  await page.getByLabel("Best: within (hours)").fill("2");
  await page.getByRole("button", { name: "Preview the effect" }).click();
  const preview = page.getByRole("status").filter({ hasText: "If you save these settings" });
  await expect(preview).toBeVisible();
  const moved = Number(
    (await preview.textContent())?.match(/([\d,]+) of [\d,]+ follow-ups move/)?.[1].replace(/,/g, ""),
  );
  expect(moved).toBe(2);

  await page.getByRole("button", { name: "Save and rescore" }).click();
  await expect(page.getByText(/Last rescored on/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel("Best: within (hours)")).toHaveValue("2");
  await screenshot(page, "settings");
});

test("an admin chooses whether machine-polished wording costs points; it is off until turned on", async ({
  page,
  login,
}) => {
  await login("admin");
  await page.goto("/settings");
  const box = () => page.getByLabel("Take points off personal tone for it");
  await expect(box()).not.toBeChecked();
  await expect(page.getByText(/misjudge people writing in a second language/)).toBeVisible();

  /** Saves the form and reads the settings page afresh, so that what is shown is what was stored. */
  const saveAndReload = async () => {
    const saved = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/settings"),
    );
    await page.getByRole("button", { name: "Save and rescore" }).click();
    await saved;
    await page.goto("/settings");
  };

  await box().check();
  await saveAndReload();
  await expect(box()).toBeChecked();
  await screenshot(
    page.locator("fieldset", { hasText: "Machine-polished wording" }),
    "settings-machine-style",
  );

  // And off again.
  await box().uncheck();
  await saveAndReload();
  await expect(box()).not.toBeChecked();
});

for (const device of [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test.describe(`at ${device.name} size`, () => {
    test.use({ viewport: device.viewport });

    test("an admin sees in Settings that the mail-in address cannot receive yet, and what to set", async ({
      page,
      workspace,
      login,
    }) => {
      // e2e's server runs without the receiver (SMTP_PORT=0) on 127.0.0.1: no address, a hint to Settings.
      const position = await createPosition(db, { client_id: workspace.client.id });
      const application = await createApplication(db, { position_id: position.id });
      await createInterview(db, {
        application_id: application.id,
        mail_token: `e2emailinhint-${device.name}`,
      });
      await login("admin");
      await page.goto(`/candidates/${application.candidate_id}`);
      await expect(page.getByText(/followup\+/)).toHaveCount(0);
      await screenshot(page, `candidate-mail-in-hint-${device.name}`);
      await page.getByRole("link", { name: "Set up mail-in" }).first().click();
      await expect(page).toHaveURL(/\/settings#mail-in$/);
      const section = page.getByRole("region", { name: "Mail-in" });
      await expect(section).toBeVisible();
      await expect(section).toContainText("Not listening: turned off (SMTP_PORT is 0)");
      await expect(section).toContainText("127.0.0.1 (cannot receive mail from outside)");
      await expect(section.getByRole("status")).toContainText("Set MAIL_DOMAIN to a domain whose MX record");
      await expect(section.getByRole("status")).toContainText("Set SMTP_PORT to a free port");
      await expectAccessible(page);
      await screenshot(section, `settings-mail-in-${device.name}`);
      if (device.name === "phone")
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });
}
