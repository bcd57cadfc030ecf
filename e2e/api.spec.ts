import { createPosition } from "../test/factories";
import { db, expect, expectAccessible, screenshot, test } from "./utils";

test("a recruiter makes an API token, copies it once, uses it, and revokes it", async ({
  page,
  request,
  workspace,
  login,
}) => {
  const position = await createPosition(db, { client_id: workspace.client.id, title: "API Closer" });
  await login("recruiter");
  await page.goto("/account");
  await page.getByRole("link", { name: "Your API tokens" }).click();
  await expect(page.getByRole("heading", { name: "Your API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  // Without a name the form says so beside the field.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Name the token after what will use it.")).toBeVisible();

  await page.getByLabel("Name").fill("Sync script");
  await page.getByLabel("Scope").selectOption("write");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^ftk_[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  await screenshot(page, "api-tokens");

  // The token reads and writes as the recruiter.
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/candidates", {
    headers: { ...headers, "Idempotency-Key": "e2e-1" },
    data: { name: "Rita Restful", email: "rita@example.test", positionId: position.id },
  });
  expect(created.status()).toBe(201);
  const listed = await request.get(`/api/v1/applications?position_id=${position.id}`, { headers });
  expect(listed.status()).toBe(200);
  expect(((await listed.json()) as { data: unknown[] }).data).toHaveLength(1);
  const invalid = await request.post("/api/v1/candidates", { headers, data: { name: "", email: "" } });
  expect(invalid.status()).toBe(422);
  expect(invalid.headers()["content-type"]).toBe("application/problem+json");

  // Shown once: after a reload only its first characters remain, with its use counted.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const row = page.getByRole("row", { name: /Sync script/ });
  await expect(row.getByText(`${token.slice(0, 10)}…`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "3", exact: true })).toBeVisible();

  await row.getByRole("button", { name: "Revoke Sync script" }).click();
  await expect(page.getByText("The token is revoked")).toBeVisible();
  await expect(page.getByRole("row", { name: /Sync script/ }).getByText("Revoked")).toBeVisible();
  const refused = await request.get("/api/v1/candidates", { headers });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { status: number }).status).toBe(401);
});

test("an admin finds the organization's tokens in Settings and the API reference", async ({
  page,
  login,
}) => {
  await login("admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Organization API tokens" }).click();
  await expect(page.getByRole("heading", { name: "Organization API tokens" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "REST API" }).click();
  await expect(page.getByRole("heading", { name: "Followthrough API", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /api/v1/follow-ups" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "api-reference", { fullPage: false });
});
