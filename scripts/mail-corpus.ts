// How well .eml intake reads real mail: every .eml under a folder goes through the parser and the
// own-words split the scorer uses, and the measures of issue 17 are counted.
//   npm run mail-corpus -- DIR [--list]
// Exits 1 when a target is missed: a crash, a wrong sender, more than 1 % of bodies emptied, more than
// 2 % with a quoted line or a "wrote:" / "Original Message" header left in the own words, more than 5 %
// with a mailing-list footer left, or any replacement character (U+FFFD) in the own words.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PostalMime, { addressParser } from "postal-mime";
import { EmlError, parseEml, previewable, previewMessage } from "../app/intake/eml.server";

export interface MailCorpusReport {
  messages: number;
  /** Files the parser refused with a reason (not an email, too large, undecodable text). */
  refused: { file: string; reason: string }[];
  /** Anything thrown other than a refusal. */
  crashes: { file: string; error: string }[];
  /** The sender differs from the From header's address read on its own. */
  wrongSenders: { file: string; got: string | null; expected: string }[];
  /** The message has words (by our parser or by postal-mime alone) but no own words are left. */
  emptied: string[];
  quotedLeft: string[];
  headerLeft: string[];
  footerLeft: string[];
  replacement: string[];
}

export const TARGETS = {
  crashes: 0,
  wrongSenders: 0,
  emptied: 0.01,
  quotedOrHeaderLeft: 0.02,
  footerLeft: 0.05,
  replacement: 0,
} as const;

// What must not be left in the own words. These are the measures, written apart from own-words.ts's
// rules on purpose: a rule that misses a shape must not also blind the measure to it.
// A line quoted with ">", " >", or a short name or initials before it ("Sarah> ", "JD> ").
const QUOTED_LINE = /^[ \t]*(?:>|[\p{L}][\p{L}\d._-]{0,19}>(?:[ \t]|$))/mu;
const QUOTE_HEADER_LINE =
  /(?:\b(?:wrote|writes|schrieb|escribió|escreveu|schreef|skrev)|a\s+écrit|ha\s+scritto)\s*:\s*$|^[ \t]*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht)\s*-{2,}/imu;
const LIST_FOOTER =
  /mailman\/listinfo|\/lists?\/listinfo|^[^\n]{0,80}\bmailing list(?:\s*$|\s+<?[\w.+-]+@|\s+--\s)|^[ \t]*To unsubscribe\b|unsubscribe from this (?:group|list)|^[ \t]*You received this (?:message|email) because you are subscribed|Yahoo! Groups (?:Links|Sponsor)|This (?:sf|SF)\.net email is sponsored|\(un\)subscription information|^[ \t]*(?:List-Unsubscribe|Unsubscribe)\s*:/imu;
const HAS_WORD = /\p{L}{2}/u;

/** The sender's address as the From header gives it, read without the parser under test. */
function fromHeader(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.max(0, raw.indexOf("\n\n") < 0 ? raw.length : raw.indexOf("\n\n")));
  const text = head.toString("latin1").replace(/\r?\n[ \t]+/g, " ");
  const line = /^From:[ \t]*(.*)$/im.exec(text)?.[1];
  if (!line) return null;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(line)?.[1];
  if (angle) return angle.toLowerCase();
  const parsed = addressParser(line, { flatten: true })[0]?.address;
  return parsed
    ? parsed.toLowerCase()
    : (/[^\s<>"(),;:]+@[^\s<>"(),;:]+/.exec(line)?.[0].toLowerCase() ?? null);
}

/**
 * Whether the message has words by another parser's reading (postal-mime's text, or its HTML with the
 * tags taken out), so that a body our parser empties counts as emptied too.
 */
async function hasWords(raw: Buffer): Promise<boolean> {
  try {
    const email = await PostalMime.parse(raw);
    const html = (email.html ?? "")
      .replace(/<(style|script|title)\b[^]*?<\/\1\s*>/gi, " ")
      .replace(/<[^>]*>/g, " ");
    return HAS_WORD.test(email.text ?? "") || HAS_WORD.test(html);
  } catch {
    return false;
  }
}

export function emlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...emlFiles(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(".eml")) out.push(full);
  }
  return out.sort();
}

export async function measureMailCorpus(dir: string): Promise<MailCorpusReport> {
  const report: MailCorpusReport = {
    messages: 0,
    refused: [],
    crashes: [],
    wrongSenders: [],
    emptied: [],
    quotedLeft: [],
    headerLeft: [],
    footerLeft: [],
    replacement: [],
  };
  for (const file of emlFiles(dir)) {
    report.messages++;
    const name = path.relative(dir, file);
    const raw = fs.readFileSync(file);
    let parsed;
    try {
      parsed = await parseEml(raw);
    } catch (error) {
      if (error instanceof EmlError) report.refused.push({ file: name, reason: error.message });
      else
        report.crashes.push({
          file: name,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      continue;
    }
    const expected = fromHeader(raw);
    if (expected && parsed.from.address !== expected)
      report.wrongSenders.push({ file: name, got: parsed.from.address, expected });
    let own;
    try {
      own = previewMessage(name, previewable(parsed)).body;
    } catch (error) {
      report.crashes.push({
        file: name,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      continue;
    }
    if (!HAS_WORD.test(own) && (HAS_WORD.test(parsed.text) || (await hasWords(raw))))
      report.emptied.push(name);
    if (QUOTED_LINE.test(own)) report.quotedLeft.push(name);
    if (QUOTE_HEADER_LINE.test(own)) report.headerLeft.push(name);
    if (LIST_FOOTER.test(own)) report.footerLeft.push(name);
    if (own.includes("\ufffd")) report.replacement.push(name);
  }
  return report;
}

export interface TargetCheck {
  measure: string;
  count: number;
  share: number;
  target: string;
  met: boolean;
}

export function checkTargets(report: MailCorpusReport): TargetCheck[] {
  const n = Math.max(1, report.messages);
  const quotedOrHeader = new Set([...report.quotedLeft, ...report.headerLeft]).size;
  const row = (measure: string, count: number, limit: number, asShare: boolean): TargetCheck => ({
    measure,
    count,
    share: count / n,
    target: asShare ? `≤ ${(limit * 100).toFixed(0)} %` : `${limit}`,
    met: asShare ? count / n <= limit : count <= limit,
  });
  return [
    row("crashes", report.crashes.length, TARGETS.crashes, false),
    row("wrong senders", report.wrongSenders.length, TARGETS.wrongSenders, false),
    row("bodies emptied", report.emptied.length, TARGETS.emptied, true),
    row("quoted line or quote header left", quotedOrHeader, TARGETS.quotedOrHeaderLeft, true),
    row("list footer left", report.footerLeft.length, TARGETS.footerLeft, true),
    row("replacement characters (U+FFFD)", report.replacement.length, TARGETS.replacement, false),
  ];
}

function percent(count: number, n: number): string {
  return `${((count / Math.max(1, n)) * 100).toFixed(1)} %`;
}

async function main(): Promise<number> {
  const { commandLine, fail } = await import("./cli");
  const USAGE = "usage: npm run mail-corpus -- DIR [--list]";
  const { values, positionals } = commandLine(
    "mail-corpus",
    USAGE,
    { list: { type: "boolean", default: false } },
    true,
  );
  const dir = positionals[0];
  if (!dir || positionals.length > 1) fail("give one folder of .eml files");
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`"${dir}" is not a folder`);
  const report = await measureMailCorpus(dir);
  const n = report.messages;
  const lines = [
    `mail-corpus: ${dir}`,
    `  messages                            ${n}`,
    `  refused with a reason               ${report.refused.length}`,
    `  crashes                             ${report.crashes.length}`,
    `  wrong senders                       ${report.wrongSenders.length}`,
    `  bodies emptied                      ${report.emptied.length} (${percent(report.emptied.length, n)})`,
    `  with a quoted line left             ${report.quotedLeft.length} (${percent(report.quotedLeft.length, n)})`,
    `  with a wrote: / Original Message    ${report.headerLeft.length} (${percent(report.headerLeft.length, n)})`,
    `  with a list footer left             ${report.footerLeft.length} (${percent(report.footerLeft.length, n)})`,
    `  with U+FFFD                         ${report.replacement.length}`,
  ];
  console.log(lines.join("\n"));
  if (values.list) {
    const show = (title: string, files: string[]) => {
      if (files.length) console.log(`\n${title}:\n${files.map((f) => `  ${f}`).join("\n")}`);
    };
    show(
      "refused",
      report.refused.map((r) => `${r.file}: ${r.reason}`),
    );
    show(
      "crashes",
      report.crashes.map((c) => `${c.file}: ${c.error}`),
    );
    show(
      "wrong senders",
      report.wrongSenders.map((w) => `${w.file}: ${w.got} (From: ${w.expected})`),
    );
    show("emptied", report.emptied);
    show("quoted line left", report.quotedLeft);
    show("quote header left", report.headerLeft);
    show("list footer left", report.footerLeft);
    show("U+FFFD", report.replacement);
  }
  const checks = checkTargets(report);
  const missed = checks.filter((c) => !c.met);
  console.log(
    missed.length
      ? `\ntargets missed: ${missed.map((c) => `${c.measure} ${c.count} (target ${c.target})`).join("; ")}`
      : "\nall targets met",
  );
  return missed.length ? 1 : 0;
}

// Run as a script (npm run mail-corpus), not when imported by a test.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (status) => process.exit(status),
    (error: unknown) => {
      console.error("mail-corpus: FAILED:", error);
      process.exit(1);
    },
  );
}
