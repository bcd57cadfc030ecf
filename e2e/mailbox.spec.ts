// Issue 20: a recruiter connects a mailbox (a real IMAP server, dovecot, started by this spec on
// loopback: test/dovecot.ts), a candidate writes to it, and the follow-up appears on the candidate's
// page, scored, without anyone forwarding or uploading anything.
import { dovecotAvailable, mailMessage, startDovecot, type Dovecot } from "../test/dovecot";
import { expect, expectAccessible, insertInterviewedCandidate, screenshot, test } from "./utils";
import { createPosition } from "../test/factories";
import { db } from "./utils";

const HOUR = 3_600_000;
let server: Dovecot;

test.skip(!dovecotAvailable, "dovecot is not installed (apt-get install dovecot-imapd)");
test.beforeAll(async () => {
  server = await startDovecot();
});
test.afterAll(async () => {
  await server?.close();
});

test("a recruiter connects a mailbox and a candidate's message there appears as a scored follow-up", async ({
  page,
  workspace,
  login,
}) => {
  const position = await createPosition(db, {
    organization_id: workspace.organization.id,
    client_id: workspace.client.id,
    title: "Enterprise Account Executive",
  });
  const ended = new Date(Date.now() - 3 * HOUR);
  const email = `maya.${workspace.organization.id}@candidate.e2e.test`;
  const candidateId = await insertInterviewedCandidate(position.id, {
    name: "Maya Lindqvist",
    email,
    interview: {
      interviewerName: "Sarah Chen",
      startsAt: new Date(ended.getTime() - HOUR).toISOString(),
      endsAt: ended.toISOString(),
      timeZone: "Europe/Stockholm",
      notes: "Discussed the Nordic expansion and the quarterly pipeline review.",
      closesAt: new Date(ended.getTime() + 72 * HOUR).toISOString(),
    },
  });

  await login("recruiter");
  await page.goto("/settings/mailboxes");
  await expect(page.getByRole("heading", { name: "Mailboxes", level: 1 })).toBeVisible();
  await expect(page.getByText("Nothing else of the mailbox is stored.")).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("region", { name: "Connect a mailbox" });
  await form.getByLabel("IMAP server").fill(server.host);
  await form.getByLabel("Port").fill(String(server.port));
  await form.getByLabel("TLS").selectOption("off");
  await form.getByLabel("User", { exact: true }).fill(server.user);
  await form.getByLabel("Password").fill("a wrong password");
  await form.getByRole("button", { name: "Connect" }).click();
  // Tried before it is saved: the refusal is beside the password, and what was typed stays.
  await expect(form.getByText(/The server refused this user and password/)).toBeVisible();
  await expect(form.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("IMAP server")).toHaveValue(server.host);

  await form.getByLabel("Password").fill(server.password);
  await form.getByRole("button", { name: "Connect" }).click();
  await expect(page.getByText("Mailbox connected.")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(`${server.user} on ${server.host}`) });
  await expect(async () => {
    await page.reload();
    await expect(row.getByText(/Connected since/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  await server.append(
    mailMessage({
      from: `Maya Lindqvist <${email}>`,
      to: server.user,
      date: new Date(Date.now() - HOUR),
      subject: "Thank you for today",
      messageId: `<maya-${workspace.organization.id}@candidate.e2e.test>`,
      body: "Hi Sarah,\n\nThank you for walking me through the Nordic expansion. You mentioned the quarterly pipeline review: at Klarna I ran ours for three years.\n\nI'm very interested in the role and happy to send references.\n\nMaya",
    }),
  );

  await page.goto(`/candidates/${candidateId}`);
  const interview = page.getByRole("listitem", { name: "Interview round 1 with Sarah Chen" });
  await expect(async () => {
    await page.reload();
    await expect(interview.getByRole("article", { name: "Follow-up 1" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const followUp = interview.getByRole("article", { name: "Follow-up 1" });
  await expect(followUp.getByText("Subject: Thank you for today")).toBeVisible();
  await expect(followUp.getByLabel(/Quality score \d+ out of 100/)).toBeVisible();

  await page.goto("/settings/mailboxes");
  await expect(row.getByText("1 follow-up")).toBeVisible();
  await screenshot(page, "mailboxes");

  await row.getByRole("button", { name: /Disconnect/ }).click();
  await expect(page.getByText("Mailbox disconnected")).toBeVisible();
  await expect(page.getByText("No mailbox is connected yet.")).toBeVisible();
});
