// How well the scorer agrees with hiring managers, on the labelled sets in test/scorer-eval:
//   npm run validate-scorer [-- --set tuning|held-out|all --details]
// Each labelled interview becomes a position whose candidates each had that interview and sent one
// follow-up; they are scored together through scoreApplications, as the import scores a position (so
// that near-copies between candidates are found). Prints Spearman's rho per interview and its mean,
// band agreement, and stability: the share of trivial edits that move a score more than 5 points.
// It prints figures; it does not fail on them (the targets are in docs/scoring.md).
import fs from "node:fs";
import path from "node:path";
import {
  scoreApplications,
  type ApplicationSource,
  type FollowUpSource,
  type InterviewSource,
} from "../app/core/score-applications";
import {
  agreement,
  bandOf,
  LabelledSetSchema,
  trivialEdits,
  type LabelledInterview,
  type LabelledSet,
} from "../app/core/rubric/evaluation";
import { SCORER_VERSION } from "../app/core/rubric/score";
import { decodeScoreParts } from "../app/core/rubric/stored-score";
import { DEFAULT_SETTINGS } from "../app/core/settings";
import { commandLine, fail } from "./cli";

const USAGE = "usage: npm run validate-scorer [-- --set tuning|held-out|all] [--details]";
const SETS = ["tuning", "held-out"] as const;
const DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../test/scorer-eval");
const MOVE_LIMIT = 5;

const { values: args } = commandLine("validate-scorer", USAGE, {
  set: { type: "string", default: "all" },
  details: { type: "boolean", default: false },
});
const chosen = args.set === "all" ? SETS : SETS.filter((s) => s === args.set);
if (chosen.length === 0) fail(`--set must be tuning, held-out or all, got "${args.set}"`);

function load(name: string): LabelledSet {
  const file = path.join(DIR, `${name}.json`);
  const parsed = LabelledSetSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    fail(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

interface Scored {
  total: number;
  parts: string;
}

/** Scores an interview's follow-ups together, as one position; `bodies` replaces some bodies by id. */
function scoreInterview(
  interview: LabelledInterview,
  positionId: number,
  bodies: ReadonlyMap<string, string> = new Map(),
): Map<string, Scored> {
  const applications: ApplicationSource[] = [];
  const interviews: InterviewSource[] = [];
  const followUps: FollowUpSource[] = [];
  interview.followUps.forEach((f, i) => {
    const id = positionId * 100 + i + 1;
    applications.push({
      id,
      position_id: positionId,
      candidate_id: id,
      candidate_name: f.candidate,
      position_title: interview.position,
      client_name: interview.client,
    });
    interviews.push({
      id,
      application_id: id,
      ends_at: interview.end,
      time_zone: interview.timeZone,
      notes: interview.notes,
      interviewer_name: interview.interviewer,
    });
    followUps.push({
      id,
      interview_id: id,
      received_at: f.receivedAt,
      subject: f.subject,
      body: bodies.get(f.id) ?? f.body,
    });
  });
  const now = Math.max(...interview.followUps.map((f) => Date.parse(f.receivedAt))) + 30 * 86_400_000;
  const result = scoreApplications({ settings: DEFAULT_SETTINGS, now, applications, interviews, followUps });
  const byId = new Map(result.followUps.map((r) => [r.id, r]));
  return new Map(
    interview.followUps.map((f, i) => {
      const r = byId.get(positionId * 100 + i + 1)!;
      return [f.id, { total: r.score ?? 0, parts: r.score_parts ?? "[]" }];
    }),
  );
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const fixed = (x: number) => (x >= 0 ? " " : "") + x.toFixed(2);

console.log(
  `validate-scorer: scorer ${SCORER_VERSION}, default settings, sets in ${path.relative(process.cwd(), DIR)}`,
);
let position = 0;
const moves: { kind: string; moved: boolean }[] = [];
for (const name of chosen) {
  const set = load(name);
  const scores = new Map<string, number>();
  const details: string[] = [];
  for (const interview of set.interviews) {
    const pos = ++position;
    const scored = scoreInterview(interview, pos);
    for (const [id, s] of scored) scores.set(id, s.total);
    for (const f of interview.followUps) {
      const base = scored.get(f.id)!;
      for (const edit of trivialEdits(f.body, f.candidate, f.id)) {
        const after = scoreInterview(interview, pos, new Map([[f.id, edit.body]])).get(f.id)!;
        moves.push({ kind: edit.kind, moved: Math.abs(after.total - base.total) > MOVE_LIMIT });
        if (args.details && Math.abs(after.total - base.total) > MOVE_LIMIT)
          details.push(`    ${f.id}: ${edit.kind} moved ${base.total} -> ${after.total}`);
      }
      if (args.details) {
        const parts = (decodeScoreParts(base.parts) ?? []).map((p) => `${p.key} ${p.points}`).join(", ");
        const mark = bandOf(base.total) === f.band ? " " : "x";
        details.push(
          `  ${mark} ${f.id.padEnd(34)} rank ${f.rank} ${f.band.padEnd(6)} ${String(base.total).padStart(3)}  ${f.kind.padEnd(24)} ${parts}`,
        );
      }
    }
  }
  const a = agreement(set, scores);
  console.log(`\n${name} (${set.judge})`);
  console.log(`  ${a.followUps} follow-ups over ${a.interviews.length} interviews`);
  for (const i of a.interviews) console.log(`  rho ${fixed(i.rho)}  ${i.id}`);
  console.log(`  mean rho ${fixed(a.meanRho)}, bands ${pct(a.bandAgreement)}`);
  if (args.details) console.log(details.join("\n"));
}
const moved = moves.filter((m) => m.moved).length;
console.log(
  `\nstability: ${moves.length} trivial edits, ${moved} (${pct(moved / Math.max(1, moves.length))}) move a score more than ${MOVE_LIMIT} points; within ${MOVE_LIMIT}: ${pct(1 - moved / Math.max(1, moves.length))}`,
);
for (const kind of [...new Set(moves.map((m) => m.kind))]) {
  const of = moves.filter((m) => m.kind === kind);
  console.log(`  ${kind.padEnd(15)} ${of.filter((m) => m.moved).length} of ${of.length} moved`);
}
