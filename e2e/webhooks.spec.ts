// Outgoing webhooks (issue 22, item 4): an admin registers a receiver this test starts on loopback,
// a recruiter logs a follow-up, and the deliveries show as delivered on the page, signed with the
// secret the page showed once. The server must allow loopback destinations: playwright.config.ts's
// webServer passes WEBHOOKS_ALLOW_PRIVATE=1 (or run `WEBHOOKS_ALLOW_PRIVATE=1 npx playwright test …`).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createPosition } from "../test/factories";
import {
  db,
  expect,
  expectAccessible,
  insertInterviewedCandidate,
  screenshot,
  setOrganizationZone,
  test,
} from "./utils";

type Received = { signature: string; body: string };

async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ signature: String(req.headers["followthrough-signature"] ?? ""), body });
      res.writeHead(202, { "Content-Type": "application/json" });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { received, url: `http://127.0.0.1:${port}/followthrough`, close: () => server.close() };
}

function signedWith(r: Received, secret: string): boolean {
  const t = /(?:^|,)t=(\d+)/.exec(r.signature)?.[1];
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${r.body}`).digest("hex");
  return r.signature.split(",").includes(`v1=${expected}`);
}

test("an admin registers a webhook receiver and sees a logged follow-up delivered to it", async ({
  page,
  workspace,
  login,
}) => {
  const receiver = await startReceiver();
  try {
    await setOrganizationZone(workspace, "America/Chicago");
    const position = await createPosition(db, { client_id: workspace.client.id });
    const candidateId = await insertInterviewedCandidate(position.id, {
      name: "Wendy Hookfield",
      email: `wendy.${Date.now()}@example.test`,
      interview: {
        interviewerName: "Omar Reyes",
        startsAt: "2026-11-24T19:00:00.000Z",
        endsAt: "2026-11-24T20:00:00.000Z",
        timeZone: "America/Chicago",
        notes: "Discussed the renewal playbook and the EMEA territory.",
        closesAt: "2026-11-27T20:00:00.000Z",
      },
    });

    await login("admin");
    await page.goto("/settings");
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(
      page.getByText(/lets webhooks reach private addresses/),
      "the e2e server must run with WEBHOOKS_ALLOW_PRIVATE=1 to reach this test's receiver",
    ).toBeVisible();

    // A URL that is not http(s) is refused beside the field; what was typed stays.
    const form = page.getByRole("region", { name: "New endpoint" });
    await form.getByLabel("URL").fill("ftp://files.example.com/in");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("Only https:// and http:// URLs can receive webhooks.")).toBeVisible();
    await expect(form.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("URL")).toHaveValue("ftp://files.example.com/in");

    await form.getByLabel("URL").fill(receiver.url);
    await expect(form.getByLabel(/Follow-up received/)).toBeChecked();
    await expect(form.getByLabel(/Follow-up scored/)).toBeChecked();
    await form.getByLabel(/Outcome changed/).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByRole("article", { name: `Endpoint ${receiver.url}` })).toBeVisible();
    await expectAccessible(page);

    // A recruiter logs the candidate's follow-up by the form.
    await login("recruiter");
    await page.goto(`/candidates/${candidateId}`);
    const interview = page.getByRole("listitem", { name: "Interview round 1 with Omar Reyes" });
    await interview.getByText("Log a follow-up").click();
    await interview.getByLabel("Received (America/Chicago)").fill("2026-11-24T16:30");
    await interview
      .getByLabel("Message", { exact: true })
      .fill("Omar, thank you for walking me through the renewal playbook. I am very interested in the role.");
    await interview.getByRole("button", { name: "Log follow-up" }).click();
    await expect(interview.getByRole("article", { name: "Follow-up 1" })).toBeVisible();

    // The server's sender posts within seconds; the page lists both deliveries as delivered.
    await login("admin");
    await page.goto("/settings/webhooks");
    const rows = page.getByTestId("webhook-delivery");
    await expect(async () => {
      await page.reload();
      await expect(rows).toHaveCount(2);
      await expect(rows.filter({ hasText: "Delivered" })).toHaveCount(2, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(rows.filter({ hasText: "Follow-up received" })).toContainText("HTTP 202");
    await expect(rows.filter({ hasText: "Follow-up scored" })).toContainText('{"received":true}');

    // What arrived is signed with the secret shown once, and says which follow-up.
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) expect(signedWith(r, secret)).toBe(true);
    const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type).sort();
    expect(types).toEqual(["follow_up.received", "follow_up.scored"]);

    await expectAccessible(page);
    await screenshot(page, "webhooks");
  } finally {
    receiver.close();
  }
});
