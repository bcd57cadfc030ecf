// Scores one follow-up from files, without a database, and prints the score as JSON.
//   npm run score -- --notes NOTES.txt --email EMAIL.txt [--interviewer NAME] [--candidate NAME]
//                    [--ended ISO --received ISO [--tz ZONE]] [--settings SETTINGS.json]
// The email file is the message body, optionally preceded by header lines ("Subject: …") and a blank line.
import fs from "node:fs";
import {
  businessMinutes,
  calendarMinutes,
  isValidInstant,
  validateReceivedAt,
  windowFor,
} from "../app/core/latency";
import { isTimeZone } from "../app/core/time";
import { scoreFollowUp } from "../app/core/rubric/score";
import { splitOwnWords } from "../app/core/own-words";
import { DEFAULT_SETTINGS, parseSettings } from "../app/core/settings";
import { commandLine, fail } from "./cli";

const USAGE = `usage: npm run score -- --notes NOTES.txt --email EMAIL.txt [--interviewer NAME] [--candidate NAME]
                       [--ended ISO-8601 --received ISO-8601 [--tz IANA-ZONE]] [--settings SETTINGS.json]`;

function readText(file: string, option: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    fail(`cannot read --${option} file "${file}" (${reason})`);
  }
}

/** Header lines ("Subject: …", "From: …") up to the first blank line, when the file starts with one. */
function splitEmail(raw: string): { subject: string | null; body: string } {
  const text = raw.replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  if (!/^[A-Za-z][A-Za-z-]*:\s/.test(lines[0] ?? "")) return { subject: null, body: text.trim() };
  let subject: string | null = null;
  let i = 0;
  for (; i < lines.length && lines[i].trim() !== ""; i++) {
    const header = /^([A-Za-z][A-Za-z-]*):\s*(.*)$/.exec(lines[i]);
    if (!header) return { subject: null, body: text.trim() };
    if (header[1].toLowerCase() === "subject") subject = header[2].trim();
  }
  return { subject, body: lines.slice(i).join("\n").trim() };
}

const { values: args } = commandLine("score", USAGE, {
  notes: { type: "string" },
  email: { type: "string" },
  interviewer: { type: "string" },
  candidate: { type: "string" },
  ended: { type: "string" },
  received: { type: "string" },
  tz: { type: "string" },
  settings: { type: "string" },
});
if (!args.notes) fail("--notes is required (a text file with the interview notes)");
if (!args.email) fail("--email is required (a text file with the follow-up message)");
if ((args.ended === undefined) !== (args.received === undefined)) fail("--ended and --received go together");
if (args.tz !== undefined && args.ended === undefined) fail("--tz needs --ended and --received");

const settings = args.settings ? parseSettings(readText(args.settings, "settings")) : DEFAULT_SETTINGS;
const notes = readText(args.notes, "notes");
const { subject, body } = splitEmail(readText(args.email, "email"));
if (body === "") fail(`the --email file "${args.email}" has no message body`);

let latency: { calendarMinutes: number; businessMinutes: number; window: string; timeZone: string } | null =
  null;
if (args.ended !== undefined && args.received !== undefined) {
  if (!isValidInstant(args.ended)) fail(`--ended is not an ISO-8601 date and time: "${args.ended}"`);
  if (!isValidInstant(args.received)) fail(`--received is not an ISO-8601 date and time: "${args.received}"`);
  const timeZone = args.tz ?? "UTC";
  if (!isTimeZone(timeZone)) fail(`--tz is not an IANA time zone: "${timeZone}" (e.g. America/New_York)`);
  const problem = validateReceivedAt(args.ended, args.received);
  if (problem) fail(problem);
  const minutes = calendarMinutes(args.ended, args.received);
  latency = {
    calendarMinutes: minutes,
    businessMinutes: businessMinutes(args.ended, args.received, timeZone, settings.workingHours),
    window: windowFor(minutes, settings.windows),
    timeZone,
  };
}

const score = scoreFollowUp(
  {
    subject,
    body,
    notes,
    interviewerName: args.interviewer ?? "",
    candidateName: args.candidate ?? null,
    latencyMinutes: latency?.calendarMinutes ?? null,
    window: null,
  },
  settings,
);
// Evidence offsets point into the candidate's own words, printed with what was set aside.
const own = splitOwnWords(body);
console.log(
  JSON.stringify(
    {
      total: score.total,
      version: score.version,
      latency,
      parts: score.parts,
      ownWords: own.text,
      setAside: own.setAside,
    },
    null,
    2,
  ),
);
