// The words of every mail the app sends, as plain text (and, for the client report, HTML too). Pure:
// the callers pass names, figures and links in (app/data/*-mail.server.ts), so each mail can be read
// and tested here.
import { DEFAULT_BRAND_COLOR, normalizeHex } from "./branding";

export type MailContent = { subject: string; text: string; html?: string };

const SIGNATURE = "\n\n— Followthrough";

function unsubscribeFooter(link: string | null, what: string): string {
  return link ? `\n\nYou receive ${what}. Stop these mails: ${link}` : "";
}

export function inviteMail(input: {
  name: string;
  organizationName: string;
  invitedBy: string;
  link: string;
  days: number;
}): MailContent {
  return {
    subject: `${input.invitedBy} invited you to ${input.organizationName} on Followthrough`,
    text:
      `Hello ${input.name},\n\n${input.invitedBy} invited you to ${input.organizationName} on Followthrough, ` +
      `where the team logs interviews and measures how candidates follow up.\n\n` +
      `Choose your password here (the link works once, for ${input.days} days):\n${input.link}` +
      SIGNATURE,
  };
}

export function passwordResetMail(input: { name: string; link: string; minutes: number }): MailContent {
  return {
    subject: "Reset your Followthrough password",
    text:
      `Hello ${input.name},\n\nSomeone (we hope you) asked to reset the password of this account. ` +
      `Choose a new one here; the link works once, for ${input.minutes} minutes:\n${input.link}\n\n` +
      `If you did not ask, ignore this mail: your password stays as it is.` +
      SIGNATURE,
  };
}

export function followUpMail(input: {
  recipientName: string;
  candidate: string;
  position: string;
  window: string | null;
  latency: string | null;
  score: number | null;
  link: string;
  unsubscribe: string | null;
}): MailContent {
  const when = input.window
    ? `It arrived ${input.latency ? `${input.latency} after the interview, ` : ""}in the ${input.window} window.`
    : "It arrived outside every follow-up window.";
  const score = input.score === null ? "It is not scored yet." : `Its quality score is ${input.score}/100.`;
  return {
    subject: `${input.candidate} followed up (${input.position})`,
    text:
      `Hello ${input.recipientName},\n\n${input.candidate} sent a follow-up after their interview for ` +
      `${input.position}. ${when} ${score}\n\nRead it and the evidence behind the score:\n${input.link}` +
      unsubscribeFooter(
        input.unsubscribe,
        "a mail for each follow-up to the positions you manage or recruit for",
      ) +
      SIGNATURE,
  };
}

export function digestMail(input: {
  recipientName: string;
  day: string;
  closing: { candidate: string; position: string; closesIn: string }[];
  link: string;
  unsubscribe: string | null;
}): MailContent {
  const lines = input.closing.map((c) => `- ${c.candidate} (${c.position}): closes in ${c.closesIn}`);
  const n = input.closing.length;
  return {
    subject: `${n} follow-up window${n === 1 ? "" : "s"} closing in the next day`,
    text:
      `Hello ${input.recipientName},\n\nThese candidates have not followed up yet, and their window ` +
      `closes within the next 24 hours:\n\n${lines.join("\n")}\n\nEverything awaiting a follow-up:\n${input.link}` +
      unsubscribeFooter(input.unsubscribe, "a daily digest of the follow-up windows closing") +
      SIGNATURE,
  };
}

/** The agency's branding as a client report mail shows it; the logo travels as an inline attachment. */
export type MailBrand = {
  name: string;
  /** "#rrggbb", or null for the default colour. */
  color: string | null;
  /** The Content-ID of the logo attached to the message, and its size in pixels; null without a logo. */
  logo: { cid: string; width: number; height: number } | null;
};

/** One line of the report's figures: "Followed up" and "9 of 12, 95% interval 46%–91%". */
export type MailFigure = { label: string; value: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** The logo's height in the mail's band, as on the report; its width follows, within LOGO_MAX_WIDTH. */
const LOGO_HEIGHT = 40;
const LOGO_MAX_WIDTH = 200;

export function clientReportMail(input: {
  contactName: string;
  clientName: string;
  brand: MailBrand;
  periodLabel: string;
  figures: MailFigure[];
  findings: string[];
  shareLink: string;
  expiresOn: string;
  pdfAttached: boolean;
  unsubscribe: string | null;
}): MailContent {
  const { brand } = input;
  const figures = input.figures.map((f) => `- ${f.label}: ${f.value}`).join("\n");
  const findings = input.findings.length
    ? `\n\nWhat the numbers say:\n${input.findings.map((f) => `- ${f}`).join("\n")}`
    : "";
  const subject = `${input.clientName}: follow-up report for ${input.periodLabel}`;
  const text =
    `Hello ${input.contactName},\n\nHere is how candidates for ${input.clientName} followed up after their ` +
    `interviews in ${input.periodLabel}.\n\n${figures}${findings}\n\n` +
    `The whole report, with each position's pipeline (a read-only link, valid until ${input.expiresOn}):\n` +
    `${input.shareLink}${input.pdfAttached ? "\n\nThe report is attached as a PDF too." : ""}` +
    unsubscribeFooter(input.unsubscribe, `this report from ${brand.name}`) +
    `\n\n— ${brand.name}, with Followthrough`;
  return { subject, text, html: clientReportHtml({ ...input, subject }) };
}

/**
 * The report mail's HTML part: the agency's band (logo and name in white on its colour, as on the
 * report), the figures, the findings and a button to the report. Tables and inline styles, which
 * mail clients keep; the logo is referenced by its Content-ID, so clients show it without fetching.
 */
function clientReportHtml(input: Parameters<typeof clientReportMail>[0] & { subject: string }): string {
  const e = escapeHtml;
  const { brand } = input;
  const color = (brand.color && normalizeHex(brand.color)) || DEFAULT_BRAND_COLOR;
  const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  let logo = "";
  if (brand.logo) {
    const width = Math.min(
      LOGO_MAX_WIDTH,
      Math.max(1, Math.round((brand.logo.width / brand.logo.height) * LOGO_HEIGHT)),
    );
    const height = Math.round((width / brand.logo.width) * brand.logo.height) || LOGO_HEIGHT;
    logo =
      `<td width="${width + 20}" style="width:${width + 20}px;padding:0 12px 0 0;vertical-align:middle;"><img src="cid:${e(brand.logo.cid)}" alt="${e(brand.name)} logo" ` +
      `width="${width}" height="${height}" style="display:block;border:0;background:#ffffff;border-radius:4px;padding:4px;"></td>`;
  }
  const figures = input.figures
    .map(
      (f) =>
        `<tr><td style="padding:8px 12px 8px 0;border-top:1px solid #e2e8f0;color:#475569;vertical-align:top;">${e(f.label)}</td>` +
        `<td style="padding:8px 0;border-top:1px solid #e2e8f0;font-weight:600;vertical-align:top;">${e(f.value)}</td></tr>`,
    )
    .join("");
  const findings = input.findings.length
    ? `<h2 style="margin:24px 0 8px;font-size:16px;">What the numbers say</h2>` +
      `<ul style="margin:0;padding:0 0 0 20px;">${input.findings.map((f) => `<li style="margin:0 0 6px;">${e(f)}</li>`).join("")}</ul>`
    : "";
  const unsubscribe = input.unsubscribe
    ? ` <a href="${e(input.unsubscribe)}" style="color:#475569;">Stop these mails</a>.`
    : "";
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(input.subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f1f5f9;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;${font}color:#0f172a;font-size:15px;line-height:1.5;">` +
    // The band: white on the brand colour (the colour was checked for 4.5:1 contrast when saved).
    `<tr><td style="background:${color};border-radius:8px 8px 0 0;padding:16px 24px;color:#ffffff;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr>${logo}` +
    `<td style="vertical-align:middle;color:#ffffff;font-size:17px;font-weight:600;">${e(brand.name)}</td>` +
    `<td align="right" style="vertical-align:middle;white-space:nowrap;padding-left:12px;color:#ffffff;font-size:12px;font-weight:600;letter-spacing:0.05em;text-transform:uppercase;">Follow-up report</td>` +
    `</tr></table></td></tr>` +
    `<tr><td style="padding:24px;">` +
    `<h1 style="margin:0 0 4px;font-size:20px;">${e(input.clientName)}</h1>` +
    `<p style="margin:0 0 16px;color:#475569;">${e(input.periodLabel[0]!.toUpperCase() + input.periodLabel.slice(1))}</p>` +
    `<p style="margin:0 0 12px;">Hello ${e(input.contactName)},</p>` +
    `<p style="margin:0 0 16px;">Here is how candidates for ${e(input.clientName)} followed up after their interviews in ${e(input.periodLabel)}.</p>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-bottom:1px solid #e2e8f0;">${figures}</table>` +
    findings +
    `<p style="margin:24px 0 8px;"><a href="${e(input.shareLink)}" style="display:inline-block;background:${color};color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px;">Open the whole report</a></p>` +
    `<p style="margin:0;color:#475569;font-size:13px;">Each position's pipeline, read-only; the link works until ${e(input.expiresOn)}.` +
    `${input.pdfAttached ? " The report is attached as a PDF too." : ""}</p>` +
    `</td></tr>` +
    `<tr><td style="padding:16px 24px;border-top:1px solid #e2e8f0;color:#475569;font-size:12px;">` +
    `You receive this report from ${e(brand.name)}.${unsubscribe}<br>— ${e(brand.name)}, with Followthrough</td></tr>` +
    `</table></td></tr></table></body></html>`
  );
}
