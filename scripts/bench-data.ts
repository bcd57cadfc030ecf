// The CSV of scripts/bench-import.ts, shared with the load test (scripts/load-test.ts): N rows (two
// interviews per candidate, 60% followed up), the same bytes for the same rows and seed.
import fs from "node:fs";
import { mulberry32 } from "../app/demo/random";

const FIRST = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Dorothy",
  "Mary",
  "Hedy",
  "Linus",
  "Margaret",
  "Edsger",
  "Barbara",
  "Donald",
];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Vaughan",
  "Jackson",
  "Lamarr",
  "Torvalds",
  "Hamilton",
  "Dijkstra",
  "Liskov",
  "Knuth",
];
const INTERVIEWERS = ["Priya Shah", "Marco Diaz", "Sarah Chen", "Tom Becker", "Aisha Bello"];
const TOPICS = [
  "the Q3 pipeline",
  "the Salesforce migration",
  "quota ramp",
  "the Acme renewal",
  "territory planning",
  "the partner channel",
  "forecast accuracy",
  "CFO alignment",
];
const COMPANIES = ["Initech", "Globex", "Umbrella", "Hooli", "Vandelay", "Stark Industries"];
const ZONES = ["America/New_York", "America/Chicago", "Europe/London", "Europe/Berlin"];

/** Writes `rows` rows of import CSV (with its header) to `file`, deterministically from `seed`. */
export async function writeImportCsv(file: string, rows: number, seed: number): Promise<void> {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const out = fs.createWriteStream(file);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  out.write(
    "name,email,position,client,interview_start,interview_end,time_zone,interviewer,format,round,notes,follow_up_at,follow_up_subject,follow_up_body\n",
  );
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
      // A wall-clock time in the row's zone, like the interview's. Not between 01:00 and 03:00 on
      // 25 October: London's and Berlin's clocks go back that night, so those times happen twice and
      // an import refuses them without an offset.
      let wall = Date.UTC(2026, 9, day, hour + 1 + delayHours);
      if (wall >= Date.UTC(2026, 9, 25, 1) && wall < Date.UTC(2026, 9, 25, 3)) wall += 2 * 3_600_000;
      const at = new Date(wall).toISOString().slice(0, 16).replace("T", " ");
      const body =
        `Hi ${interviewer.split(" ")[0]}, thank you for the conversation about ${topicA} round ${round}. ` +
        `At ${pick(COMPANIES)} I led work on ${topicB} for ${2 + Math.floor(random() * 8)} years and grew the book by ${10 + Math.floor(random() * 40)}%. ` +
        `I am very interested in this role; could we set up a call with the team next ${pick(["Monday", "Tuesday", "Thursday"])}? Best, ${name}`;
      followUp = `${at},Thank you,${quote(body)}`;
    }
    out.write(
      `${quote(name)},cand${person}@bench.test,Account Executive ${person % 200},Bench Client ${person % 5},${start},${end},${pick(ZONES)},${interviewer},video,${round},${quote(notes)},${followUp}\n`,
    );
  }
  await new Promise<void>((resolve) => out.end(resolve));
}
