// The mail the app writes by itself: a note to the hiring manager and recruiter when a follow-up
// arrives, a daily digest of the windows about to close, and each client's scheduled report. The
// background work (startMailWork) looks every minute and queues what is due in the outbox; the
// sender loop sends it. Every message is queued once whatever the number of servers: a follow-up's
// note by the outbox's unique dedupe key, a digest or a report by its unique mail_runs key, inserted
// in the transaction that queues its messages. Demo workspaces get no mail.
import type { Kysely } from "kysely";
import type { Database, Db } from "../../db/schema";
import { newToken, signLinkPayload } from "../auth/tokens.server";
import { formatCount, formatInterval } from "../core/analytics";
import { formatDay, formatMinutes } from "../core/format";
import {
  clientReportMail,
  digestMail,
  followUpMail,
  type MailBrand,
  type MailFigure,
} from "../core/mail-templates";
import { digestDay, reportPeriod } from "../core/mail-schedule";
import { WINDOW_LABELS } from "../core/windows";
import { getBranding, getBrandingLogo } from "./branding.server";
import {
  appUrl,
  followUpNoteKey,
  queueMail,
  sendDueMail,
  smtpUrl,
  transportFor,
  type NewMail,
} from "./outbox.server";
import { loadClientReport } from "./reports.server";
import { shareViewer } from "./share-links.server";
import { inTransaction } from "./transaction.server";
import { chromiumPath, renderPdfWithChromium, type RenderPdf } from "./report-pdf.server";

/** A follow-up is announced when it was stored within this long and received within NOTIFY_RECEIVED_MS. */
const NOTIFY_STORED_MS = 60 * 60_000;
const NOTIFY_RECEIVED_MS = 3 * 24 * 3_600_000;
/** How long the share link in a scheduled report works. */
export const REPORT_LINK_DAYS = 30;
/** How long a report's messages wait for their PDF before they go without it (a stopped server). */
const PDF_WAIT_MS = 10 * 60_000;

export type Unsubscribe = "follow_ups" | "digest" | "contact";

/** The one-click unsubscribe link for a user's kind of mail, or a client contact's report. */
export function unsubscribeLink(kind: Unsubscribe, id: number): string {
  return `${appUrl()}/unsubscribe/${signLinkPayload(`${kind}:${id}`)}`;
}

/** RFC 8058 headers: mail clients show "Unsubscribe", and a POST to the link stops the mail at once. */
function unsubscribeHeaders(link: string): Record<string, string> {
  return { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Stops the mail a signed unsubscribe link names; false when the payload names nothing. */
export async function unsubscribe(db: Db, payload: string, now = new Date()): Promise<boolean> {
  const [kind, idText] = payload.split(":");
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) return false;
  if (kind === "follow_ups" || kind === "digest") {
    const r = await db
      .updateTable("users")
      .set(kind === "digest" ? { notify_digest: 0 } : { notify_follow_ups: 0 })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  if (kind === "contact") {
    const r = await db
      .updateTable("client_contacts")
      .set({ unsubscribed_at: now.toISOString() })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  return false;
}

/** Queues a note to the hiring manager and recruiter of each follow-up stored lately; returns how many. */
export async function queueFollowUpNotes(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .innerJoin("organizations as o", "o.id", "f.organization_id")
    .select([
      "f.id",
      "f.organization_id",
      "f.window",
      "f.score",
      "f.latency_minutes",
      "f.logged_by",
      "a.id as application_id",
      "a.recruiter_id",
      "p.hiring_manager_id",
      "p.title",
      "c.name as candidate",
    ])
    .where("f.created_at", ">", new Date(now.getTime() - NOTIFY_STORED_MS).toISOString())
    .where("f.received_at", ">", new Date(now.getTime() - NOTIFY_RECEIVED_MS).toISOString())
    .where("o.is_demo", "=", 0)
    .orderBy("f.id")
    .limit(500)
    .execute();
  let queued = 0;
  for (const f of rows) {
    const ids = [...new Set([f.hiring_manager_id, f.recruiter_id])].filter(
      (id): id is number => id !== null && id !== f.logged_by,
    );
    if (!ids.length) continue;
    const recipients = await db
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("id", "in", ids)
      .where("organization_id", "=", f.organization_id)
      .where("active", "=", 1)
      .where("notify_follow_ups", "=", 1)
      .execute();
    for (const user of recipients) {
      const unsubscribe = unsubscribeLink("follow_ups", user.id);
      const mail = followUpMail({
        recipientName: user.name,
        candidate: f.candidate,
        position: f.title,
        window: f.window && f.window !== "none" ? WINDOW_LABELS[f.window].toLowerCase() : null,
        latency: f.latency_minutes === null ? null : formatMinutes(f.latency_minutes),
        score: f.score === null ? null : Math.round(f.score),
        link: `${appUrl()}/applications/${f.application_id}`,
        unsubscribe,
      });
      const id = await queueMail(
        db,
        {
          organizationId: f.organization_id,
          kind: "follow_up",
          to: user.email,
          ...mail,
          headers: unsubscribeHeaders(unsubscribe),
          dedupeKey: followUpNoteKey(f.id, user.id),
        },
        now,
      );
      if (id) queued++;
    }
  }
  return queued;
}

/** Claims a batch key; false when another pass (or server) has it already. */
async function claimRun(db: Db, key: string, organizationId: number, now: Date): Promise<boolean> {
  const row = await db
    .insertInto("mail_runs")
    .values({ key, organization_id: organizationId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return Boolean(row);
}

/** Queues each user's daily digest of windows closing within a day, once a day from the morning. */
export async function queueDigests(db: Kysely<Database>, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const dayLater = new Date(now.getTime() + 24 * 3_600_000).toISOString();
  const rows = await db
    .selectFrom("interviews as i")
    .innerJoin("applications as a", "a.id", "i.application_id")
    .innerJoin("candidates as c", "c.id", "a.candidate_id")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .innerJoin("organizations as o", "o.id", "i.organization_id")
    .select([
      "i.organization_id",
      "i.closes_at",
      "a.recruiter_id",
      "p.hiring_manager_id",
      "p.title",
      "c.name as candidate",
      "o.time_zone as org_zone",
    ])
    .where("o.is_demo", "=", 0)
    .where("i.first_follow_up_at", "is", null)
    .where("i.latency_exempt_reason", "is", null)
    .where("i.closes_at", ">", at)
    .where("i.closes_at", "<=", dayLater)
    .orderBy("i.closes_at")
    .limit(5000)
    .execute();
  const byUser = new Map<number, typeof rows>();
  for (const r of rows)
    for (const id of new Set([r.recruiter_id, r.hiring_manager_id]))
      if (id !== null) {
        const list = byUser.get(id) ?? [];
        list.push(r);
        byUser.set(id, list);
      }
  if (!byUser.size) return 0;
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "organization_id", "time_zone"])
    .where("id", "in", [...byUser.keys()])
    .where("active", "=", 1)
    .where("notify_digest", "=", 1)
    .execute();
  let queued = 0;
  for (const user of users) {
    const closing = byUser.get(user.id)!.filter((r) => r.organization_id === user.organization_id);
    if (!closing.length) continue;
    const day = digestDay(now, user.time_zone ?? closing[0]!.org_zone);
    if (!day) continue;
    const unsubscribe = unsubscribeLink("digest", user.id);
    const mail = digestMail({
      recipientName: user.name,
      day,
      closing: closing.slice(0, 50).map((r) => ({
        candidate: r.candidate,
        position: r.title,
        closesIn: formatMinutes((Date.parse(r.closes_at) - now.getTime()) / 60_000),
      })),
      link: `${appUrl()}/awaiting`,
      unsubscribe,
    });
    const done = await inTransaction(db, async (trx) => {
      if (!(await claimRun(trx, `digest:${user.id}:${day}`, user.organization_id, now))) return false;
      await queueMail(
        trx,
        {
          organizationId: user.organization_id,
          kind: "digest",
          to: user.email,
          ...mail,
          headers: unsubscribeHeaders(unsubscribe),
        },
        now,
      );
      return true;
    });
    if (done) queued++;
  }
  return queued;
}

/** The report figures a mail states, one line each. */
function reportFigures(report: Awaited<ReturnType<typeof loadClientReport>>): MailFigure[] {
  const h = report.headline;
  const rate = h.followUpRate;
  return [
    {
      label: "Interviews",
      value: `${h.interviews}${h.awaiting ? ` (${h.awaiting} still inside their follow-up window)` : ""}`,
    },
    {
      label: "Followed up",
      value: `${formatCount(rate.successes, rate.n)}${rate.n ? `, 95% interval ${formatInterval(rate.interval)}` : ""}`,
    },
    {
      label: "Median time to follow up",
      value: `${formatMinutes(h.latency.median)} (${h.latency.n} follow-ups)`,
    },
    {
      label: "Mean quality score",
      value: `${h.meanScore === null ? "—" : `${Math.round(h.meanScore)}/100`} (${h.scored} scored)`,
    },
  ];
}

type Attachment = NonNullable<NewMail["attachments"]>[number];

/** The agency's branding for its report mails, with its logo as an inline attachment to reference by cid. */
async function mailBranding(
  db: Db,
  organizationId: number,
): Promise<{ brand: MailBrand; inline: Attachment[] }> {
  const branding = await getBranding(db, organizationId);
  const logo = branding.logo ? await getBrandingLogo(db, organizationId) : null;
  if (!branding.logo || !logo)
    return { brand: { name: branding.name, color: branding.color, logo: null }, inline: [] };
  const cid = `logo-${logo.hash}@followthrough`;
  return {
    brand: {
      name: branding.name,
      color: branding.color,
      logo: { cid, width: branding.logo.width, height: branding.logo.height },
    },
    inline: [
      {
        filename: `logo.${logo.type === "image/png" ? "png" : "jpg"}`,
        contentType: logo.type,
        base64: logo.bytes.toString("base64"),
        cid,
      },
    ],
  };
}

/**
 * Queues each scheduled client report that is due: once per client and period (mail_runs key
 * "report:<client>:<period>"), to each of the client's contacts who has not unsubscribed, with a
 * new share link to the period's report. Returns the reports queued.
 */
export async function queueDueReports(
  db: Kysely<Database>,
  now = new Date(),
  { renderPdf = chromiumPath() ? renderPdfWithChromium : null }: { renderPdf?: RenderPdf | null } = {},
): Promise<number> {
  const schedules = await db
    .selectFrom("report_schedules as s")
    .innerJoin("clients as c", "c.id", "s.client_id")
    .innerJoin("organizations as o", "o.id", "s.organization_id")
    .select([
      "s.organization_id",
      "s.client_id",
      "s.frequency",
      "s.created_by",
      "c.name as client_name",
      "o.time_zone",
    ])
    .where("o.is_demo", "=", 0)
    .orderBy("s.id")
    .execute();
  let queued = 0;
  for (const s of schedules) {
    const period = reportPeriod(s.frequency, now, s.time_zone);
    if (!period) continue;
    const key = `report:${s.client_id}:${period.key}`;
    const seen = await db.selectFrom("mail_runs").select("id").where("key", "=", key).executeTakeFirst();
    if (seen) continue;
    const contacts = await db
      .selectFrom("client_contacts")
      .select(["id", "name", "email"])
      .where("client_id", "=", s.client_id)
      .where("unsubscribed_at", "is", null)
      .orderBy("id")
      .execute();
    if (!contacts.length) continue;
    const viewer = shareViewer({ organizationId: s.organization_id, clientId: s.client_id });
    const report = await loadClientReport(
      db,
      viewer,
      { id: s.client_id, name: s.client_name },
      { from: period.from, to: period.to },
      now,
    );
    const figures = reportFigures(report);
    const { brand, inline } = await mailBranding(db, s.organization_id);
    const findings = report.findings.filter((f) => f.enough).map((f) => f.text);
    const expiresAt = new Date(now.getTime() + REPORT_LINK_DAYS * 86_400_000);
    const mailFor = (contact: (typeof contacts)[number], shareLink: string, pdfAttached: boolean) => {
      const unsubscribe = unsubscribeLink("contact", contact.id);
      const content = clientReportMail({
        contactName: contact.name,
        clientName: s.client_name,
        brand,
        periodLabel: period.label,
        figures,
        findings,
        shareLink,
        expiresOn: formatDay(expiresAt.toISOString(), s.time_zone),
        pdfAttached,
        unsubscribe,
      });
      return { ...content, headers: unsubscribeHeaders(unsubscribe) };
    };
    // With a PDF to print, the messages wait (PDF_WAIT_MS at most) until it is attached.
    const sendAt = renderPdf ? new Date(now.getTime() + PDF_WAIT_MS) : now;
    const done = await inTransaction(db, async (trx) => {
      if (!(await claimRun(trx, key, s.organization_id, now))) return null;
      const { token, hash } = newToken();
      await trx
        .insertInto("share_links")
        .values({
          organization_id: s.organization_id,
          client_id: s.client_id,
          token_hash: hash,
          label: `Scheduled report, ${period.label}`,
          from_date: period.from,
          to_date: period.to,
          expires_at: expiresAt.toISOString(),
          created_by: s.created_by,
          created_at: now.toISOString(),
        })
        .execute();
      const shareLink = `${appUrl()}/share/${token}`;
      const ids: { id: number; contact: (typeof contacts)[number] }[] = [];
      for (const contact of contacts) {
        const id = await queueMail(
          trx,
          {
            organizationId: s.organization_id,
            kind: "client_report",
            to: contact.email,
            ...mailFor(contact, shareLink, false),
            attachments: inline,
            notBefore: sendAt,
          },
          now,
        );
        if (id) ids.push({ id, contact });
      }
      return { shareLink, ids };
    });
    if (!done) continue;
    queued++;
    if (renderPdf) {
      const pdf = await renderPdf(done.shareLink).catch(() => null);
      for (const { id, contact } of done.ids) {
        const withPdf = pdf ? mailFor(contact, done.shareLink, true) : null;
        await db
          .updateTable("outbox")
          .set(
            pdf && withPdf
              ? {
                  text_body: withPdf.text,
                  html_body: withPdf.html ?? null,
                  attachments: JSON.stringify([
                    ...inline,
                    {
                      filename: `${s.client_name} follow-up report ${period.from} to ${period.to}.pdf`,
                      contentType: "application/pdf",
                      base64: pdf.toString("base64"),
                    },
                  ]),
                  next_attempt_at: now.toISOString(),
                }
              : { next_attempt_at: now.toISOString() },
          )
          .where("id", "=", id)
          .where("status", "=", "queued")
          .execute();
      }
    }
  }
  return queued;
}

const SEND_EVERY_MS = 5_000;
const SCHEDULE_EVERY_MS = 60_000;

/**
 * The background work of mail (server.ts): every minute, queue the notes, digests and reports that
 * are due; every few seconds, send what is due. Without SMTP_URL nothing is queued by itself and
 * nothing sent: invitations and resets wait in the outbox, and its page says mail is not configured.
 */
export function startMailWork(db: Kysely<Database>): void {
  let sending = false;
  const send = () => {
    const url = smtpUrl();
    if (!url || sending) return;
    sending = true;
    sendDueMail(db, transportFor(url))
      .catch((error: unknown) => console.error("Could not send mail:", error))
      .finally(() => (sending = false));
  };
  let scheduling = false;
  const schedule = () => {
    if (!smtpUrl() || scheduling) return;
    scheduling = true;
    (async () => {
      await queueFollowUpNotes(db);
      await queueDigests(db);
      await queueDueReports(db);
    })()
      .catch((error: unknown) => console.error("Could not queue scheduled mail:", error))
      .finally(() => (scheduling = false));
  };
  schedule();
  send();
  setInterval(schedule, SCHEDULE_EVERY_MS).unref();
  setInterval(send, SEND_EVERY_MS).unref();
}
