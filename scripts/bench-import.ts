// CSV import throughput: generates a CSV of N rows (default 100,000: 50,000 candidates with two
// interviews each, 60% followed up) into the temp folder, imports it into a fresh SQLite database
// through the same code as `npm run import`, and prints the time and peak memory.
//   npx tsx scripts/bench-import.ts [--rows 100000] [--seed 1] [--keep]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, seed: { type: "string", default: "1" }, keep: { type: "boolean", default: false } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows <= 0) {
  console.error("--rows must be a positive whole number");
  process.exit(2);
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const FIRST = ["Ada", "Grace", "Alan", "Katherine", "Dorothy", "Mary", "Hedy", "Linus", "Margaret", "Edsger", "Barbara", "Donald"];
const LAST = ["Lovelace", "Hopper", "Turing", "Johnson", "Vaughan", "Jackson", "Lamarr", "Torvalds", "Hamilton", "Dijkstra", "Liskov", "Knuth"];
const INTERVIEWERS = ["Priya Shah", "Marco Diaz", "Sarah Chen", "Tom Becker", "Aisha Bello"];
const TOPICS = ["the Q3 pipeline", "the Salesforce migration", "quota ramp", "the Acme renewal", "territory planning", "the partner channel", "forecast accuracy", "CFO alignment"];
const COMPANIES = ["Initech", "Globex", "Umbrella", "Hooli", "Vandelay", "Stark Industries"];
const ZONES = ["America/New_York", "America/Chicago", "Europe/London", "Europe/Berlin"];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-bench-import-"));
const file = path.join(dir, "import.csv");
const out = fs.createWriteStream(file);
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
out.write("name,email,position,client,interview_start,interview_end,time_zone,interviewer,format,round,notes,follow_up_at,follow_up_subject,follow_up_body\n");
const began = performance.now();
for (let i = 0; i < rows; i++) {
  const person = Math.floor(i / 2);
  const round = (i % 2) + 1;
  const name = `${pick(FIRST)} ${pick(LAST)} ${person}`;
  const day = 1 + (person % 27) + (round - 1);
  const hour = 9 + Math.floor(random() * 8);
  const start = `2026-10-${String(day).padStart(2, "0")} ${String(hour).padStart(2, "0")}:00`;
  const end = `2026-10-${String(day).padStart(2, "0")} ${String(hour + 1).padStart(2, "0")}:00`;
  const interviewer = pick(INTERVIEWERS);
  const topicA = pick(TOPICS);
  const topicB = pick(TOPICS);
  const notes = `Discussed ${topicA} and ${topicB}; asked about experience with enterprise deals.`;
  let followUp = ",,";
  if (random() < 0.6) {
    const delayHours = Math.floor(random() * 30) + 1;
    // A wall-clock time in the row's zone, like the interview's.
    const at = new Date(Date.UTC(2026, 9, day, hour + 1 + delayHours)).toISOString().slice(0, 16).replace("T", " ");
    const body =
      `Hi ${interviewer.split(" ")[0]}, thank you for the conversation about ${topicA} round ${round}. ` +
      `At ${pick(COMPANIES)} I led work on ${topicB} for ${2 + Math.floor(random() * 8)} years and grew the book by ${10 + Math.floor(random() * 40)}%. ` +
      `I am very interested in this role; could we set up a call with the team next ${pick(["Monday", "Tuesday", "Thursday"])}? Best, ${name}`;
    followUp = `${at},Thank you,${quote(body)}`;
  }
  out.write(`${quote(name)},cand${person}@bench.test,Account Executive ${person % 200},Bench Client ${person % 5},${start},${end},${pick(ZONES)},${interviewer},video,${round},${quote(notes)},${followUp}\n`);
}
await new Promise<void>((resolve) => out.end(resolve));
const size = fs.statSync(file).size;
console.log(`generated ${rows.toLocaleString("en")} rows (${(size / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - began) / 1000).toFixed(1)} s: ${file}`);

process.env.DATABASE_URL = path.join(dir, "bench.db");
const { getDb } = await import("../db/connection.server");
const { migrateToLatest } = await import("../db/migrate.server");
const { importCsv, previewCsv } = await import("../app/intake/csv.server");
const db = getDb();
await migrateToLatest(db);
const now = new Date().toISOString();
const org = await db.insertInto("organizations").values({ name: "Bench", created_at: now }).returning("id").executeTakeFirstOrThrow();
const client = await db.insertInto("clients").values({ organization_id: org.id, name: "Bench Client 0", created_at: now }).returning("id").executeTakeFirstOrThrow();
const user = await db
  .insertInto("users")
  .values({ organization_id: org.id, email: "bench@bench.test", name: "Bench", password_hash: null, role: "recruiter", client_id: null, created_at: now })
  .returning(["id", "organization_id", "role", "client_id"])
  .executeTakeFirstOrThrow();

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const phases: Record<string, number> = {};
let phase = "";
let phaseStart = performance.now();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const { summary } = await importCsv(db, user, { path: file }, (await previewCsv({ path: file })).suggested, {
  timeZone: "UTC",
  dateOrder: "mdy",
  defaultDurationMinutes: 60,
  clientId: client.id,
  onProgress: (p) => {
    if (p !== phase) {
      if (phase) phases[phase] = performance.now() - phaseStart;
      phase = p;
      phaseStart = performance.now();
    }
  },
});
phases[phase] = performance.now() - phaseStart;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
const scored = await db.selectFrom("follow_ups").select((eb) => eb.fn.countAll<number>().as("n")).where("score", "is not", null).executeTakeFirstOrThrow();
console.log(
  `imported ${summary.rows.toLocaleString("en")} rows (${summary.created.candidates.toLocaleString("en")} candidates, ${summary.created.interviews.toLocaleString("en")} interviews, ` +
    `${summary.created.followUps.toLocaleString("en")} follow-ups, ${Number(scored.n).toLocaleString("en")} scored) in ${seconds.toFixed(1)} s ` +
    `(${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU): reading, checking and writing ${(phases.writing / 1000).toFixed(1)} s, scoring ${((phases.scoring ?? 0) / 1000).toFixed(1)} s; ` +
    `peak memory ${(peakRss / 1024 / 1024).toFixed(0)} MB (Node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(1)})`,
);
await db.destroy();
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
