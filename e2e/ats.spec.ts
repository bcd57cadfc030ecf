import crypto from "node:crypto";
import { createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

test("an admin turns on the Greenhouse receiver; a signed stage change puts the candidate in the pipeline", async ({
  page,
  request,
  workspace,
  login,
}) => {
  const title = `Account Executive ${workspace.organization.id}`;
  const position = await createPosition(db, { client_id: workspace.client.id, title });
  await login("admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Applicant tracking system" }).click();
  await expect(page.getByRole("heading", { name: "Applicant tracking system", level: 1 })).toBeVisible();
  await expect(page.getByText("No events yet.")).toBeVisible();

  // Without a client the form says so beside the field.
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("Choose the client new positions open for.")).toBeVisible();
  await page.getByLabel("Client for new positions").selectOption(String(workspace.client.id));
  await page.getByRole("button", { name: "Turn on" }).click();
  const secret = (await page.getByTestId("ats-secret").textContent())!.trim();
  expect(secret).toMatch(/^[0-9a-f]{48}$/);
  const url = (await page.getByTestId("ats-url").textContent())!.trim();
  expect(url).toMatch(/\/ats\/greenhouse\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("ats-state")).toContainText("On");
  await expectAccessible(page);

  // Greenhouse sends a stage change, signed with the secret, to the URL shown.
  const body = JSON.stringify({
    action: "candidate_stage_change",
    payload: {
      application: {
        id: 265277,
        status: "active",
        current_stage: { id: 71416, name: "Reference Check", interviews: [] },
        source: { id: 31, public_name: "Referral" },
        candidate: {
          id: 265772,
          first_name: "Giuseppe",
          last_name: "Hurley",
          email_addresses: [
            { value: `giuseppe.${workspace.organization.id}@example.test`, type: "personal" },
          ],
          phone_numbers: [],
        },
        jobs: [{ id: 3485, name: title, opened_at: "2026-11-01T00:00:00Z" }],
      },
    },
  });
  const signature = `sha256 ${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
  const path = new URL(url).pathname;
  const refused = await request.post(path, {
    headers: { "Content-Type": "application/json", Signature: "sha256 " + "0".repeat(64) },
    data: body,
  });
  expect(refused.status()).toBe(401);
  const sent = await request.post(path, {
    headers: { "Content-Type": "application/json", Signature: signature, "Greenhouse-Event-ID": "e2e-1" },
    data: body,
  });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toMatchObject({ status: "applied" });

  // "Reference Check" is Greenhouse's default final stage: the candidate is in the pipeline at Final.
  await page.goto(`/positions/${position.id}`);
  const row = page.getByRole("row", { name: /Giuseppe Hurley/ });
  await expect(row).toContainText("Final");

  await page.goto("/settings/ats");
  const events = page.getByTestId("ats-events");
  const applied = events.getByRole("row", { name: /candidate_stage_change Applied/ });
  await expect(applied).toContainText("Giuseppe Hurley");
  await expect(applied).toContainText(`added to ${title} at Final`);
  await expect(events.getByRole("row", { name: /Refused/ })).toContainText("Signature");
  await expectAccessible(page);
  await screenshot(page, "ats-settings");
});
