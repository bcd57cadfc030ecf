// The words of every mail the app sends, as plain text. Pure: the callers pass names, figures and
// links in (app/data/*-mail.server.ts), so each mail can be read and tested here.

export type MailContent = { subject: string; text: string };

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

export function clientReportMail(input: {
  contactName: string;
  clientName: string;
  agencyName: string;
  periodLabel: string;
  figures: string[];
  findings: string[];
  shareLink: string;
  expiresOn: string;
  pdfAttached: boolean;
  unsubscribe: string | null;
}): MailContent {
  const figures = input.figures.map((f) => `- ${f}`).join("\n");
  const findings = input.findings.length
    ? `\n\nWhat the numbers say:\n${input.findings.map((f) => `- ${f}`).join("\n")}`
    : "";
  return {
    subject: `${input.clientName}: follow-up report for ${input.periodLabel}`,
    text:
      `Hello ${input.contactName},\n\nHere is how candidates for ${input.clientName} followed up after their ` +
      `interviews in ${input.periodLabel}.\n\n${figures}${findings}\n\n` +
      `The whole report, with each position's pipeline (a read-only link, valid until ${input.expiresOn}):\n` +
      `${input.shareLink}${input.pdfAttached ? "\n\nThe report is attached as a PDF too." : ""}` +
      unsubscribeFooter(input.unsubscribe, `this report from ${input.agencyName}`) +
      `\n\n— ${input.agencyName}, with Followthrough`,
  };
}
