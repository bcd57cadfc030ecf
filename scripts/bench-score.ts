// Scoring throughput on ~100-word follow-ups, one per interview: synthetic ones, or with --db the
// follow-ups and interview notes of a database (e.g. one made by `npm run seed`).
//   npx tsx scripts/bench-score.ts [--n 20000] [--seed 1] [--db data/followthrough.db]
// Prints follow-ups per second with the interview notes already tokenized (as in a rescore, where the
// notes' keys are cached per interview) and with the notes tokenized afresh for every follow-up.
import { parseArgs } from "node:util";
import { openDatabase } from "../db/connection.server";
import { mulberry32 } from "../app/demo/random";
import { scoreFollowUp } from "../app/core/rubric/score";
import { notesProfile, type NotesProfile } from "../app/core/rubric/text";
import { DEFAULT_SETTINGS } from "../app/core/settings";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "20000" },
    seed: { type: "string", default: "1" },
    db: { type: "string" },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n <= 0) {
  console.error("--n must be a positive whole number");
  process.exit(2);
}

const random = mulberry32(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const TOPICS = [
  "pipeline coverage",
  "discovery calls",
  "CFO alignment",
  "territory planning",
  "quota attainment",
  "renewal risk",
  "channel partners",
  "pricing objections",
  "champion building",
  "procurement delays",
  "forecast accuracy",
  "outbound cadence",
  "enterprise expansion",
  "onboarding ramp",
  "competitive displacement",
  "security reviews",
  "mid-market deals",
  "multi-threading",
  "proof of concept",
  "MEDDICC qualification",
  "board reporting",
];
const OPENERS = [
  "Good talking today.",
  "Thanks again for the time this afternoon.",
  "I hope this email finds you well.",
  "Really enjoyed our conversation.",
  "Thank you for taking the time to meet with me.",
];
const MIDDLES = [
  "That challenge you mentioned about {t} is exactly what I have been dealing with at {c}.",
  "You said the team struggles with {t}; at {c} we built a process around it and cut cycle time.",
  "Our discussion about {t} stuck with me, and I have a few ideas on {t2} I would love to share.",
  "I led a small team at {c} that focused on {t} and {t2} for two years.",
  "The way your team approaches {t} is different from what I saw at {c}, and I liked it.",
];
const CLOSERS = [
  "I'm very interested in this role and would love to keep the conversation going.",
  "Happy to send references whenever you need them.",
  "Would a call next Tuesday work to talk through compensation?",
  "I look forward to hearing from you at your earliest convenience.",
  "Excited about what comes next.",
];
const FILLER = [
  "In my last role I carried a quota of around one million a year and spent most of my time on new logos.",
  "I also spent a lot of time coaching newer reps on call structure and follow-up discipline.",
  "Before that I worked in customer success, which taught me how renewals really get won or lost.",
  "Most of my deals involved three or four stakeholders and a security review near the end.",
];
const COMPANIES = ["TechCorp", "Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"];
const NAMES = ["Sarah Chen", "Tom Okafor", "Priya Natarajan", "Luis Ortega", "Anna Berg"];

function fill(template: string): string {
  return template.replace("{t}", pick(TOPICS)).replace("{t2}", pick(TOPICS)).replace("{c}", pick(COMPANIES));
}

interface Case {
  body: string;
  notes: string;
  interviewerName: string;
  latencyMinutes: number;
  notesProfile?: NotesProfile;
}
const cases: Case[] = [];
if (values.db) {
  const db = openDatabase(values.db);
  const rows = await db
    .selectFrom("follow_ups as f")
    .innerJoin("interviews as i", "i.id", "f.interview_id")
    .select(["f.body", "i.notes", "i.interviewer_name", "f.received_at", "i.ends_at"])
    .orderBy("f.id")
    .limit(n)
    .execute();
  await db.destroy();
  for (const r of rows) {
    cases.push({
      body: r.body,
      notes: r.notes,
      interviewerName: r.interviewer_name,
      latencyMinutes: (Date.parse(r.received_at) - Date.parse(r.ends_at)) / 60_000,
    });
  }
  if (cases.length < n) {
    console.error(`--db holds ${cases.length} follow-ups, fewer than --n ${n}`);
    process.exit(2);
  }
}
for (let i = cases.length; i < n; i++) {
  const interviewerName = pick(NAMES);
  const sentences = [
    `${interviewerName.split(" ")[0]},`,
    pick(OPENERS),
    fill(pick(MIDDLES)),
    fill(pick(MIDDLES)),
  ];
  while (sentences.join(" ").split(/\s+/).length < 80) sentences.push(pick(FILLER));
  sentences.push(pick(CLOSERS), pick(CLOSERS), "Marcus");
  const notes = `Discussed ${pick(TOPICS)} and ${pick(TOPICS)}; team size ${2 + (i % 9)}; ${pick(TOPICS)}; candidate #${i} asked about ${pick(TOPICS)}.`;
  cases.push({
    body: sentences.join(" "),
    notes,
    interviewerName,
    latencyMinutes: Math.floor(random() * 5000),
  });
}
const words = cases.reduce((s, c) => s + c.body.split(/\s+/).length, 0) / n;

function run(label: string, prepare: () => void) {
  prepare();
  let checksum = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const c of cases) {
    checksum += scoreFollowUp(
      {
        subject: "Thanks for today",
        body: c.body,
        notes: c.notes,
        notesProfile: c.notesProfile,
        interviewerName: c.interviewerName,
        latencyMinutes: c.latencyMinutes,
        window: null,
      },
      DEFAULT_SETTINGS,
    ).total;
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU time is what one core spent; wall time also counts waiting for a busy machine.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rate = (s: number) => Math.round(n / s).toLocaleString("en");
  console.log(
    `${label}: ${rate(cpuSeconds)} follow-ups per CPU second (${cpuSeconds.toFixed(2)} s); ` +
      `${rate(seconds)} per wall-clock second (${seconds.toFixed(2)} s); mean score ${(checksum / n).toFixed(1)}`,
  );
}

// Warm-up: let the JIT compile the scorer before anything is timed.
for (const c of cases.slice(0, 500))
  scoreFollowUp(
    {
      subject: null,
      body: c.body,
      notes: "warm up",
      interviewerName: c.interviewerName,
      latencyMinutes: 1,
      window: null,
    },
    DEFAULT_SETTINGS,
  );

console.log(
  `${n.toLocaleString("en")} ${values.db ? `follow-ups from ${values.db}` : "synthetic follow-ups"}, ${words.toFixed(0)} words on average, one core (Node ${process.version})`,
);
run("notes cached per interview", () => {
  for (const c of cases) c.notesProfile = notesProfile(c.notes);
});
// Distinct notes text defeats the memo, so every follow-up pays for its notes' tokenization too.
for (const c of cases) {
  c.notesProfile = undefined;
  c.notes = `${c.notes} (${random().toString(36).slice(2, 8)})`;
}
run("notes tokenized each time   ", () => {});
