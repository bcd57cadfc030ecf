import SQLite from "better-sqlite3";
const c = new SQLite("data/bench-200000-1.db");
const from = "2026-10-27", to = "2026-11-26";
const sub = `select s.application_id from dashboard_applications s where s.organization_id = 1 and s.last_day >= '${from}' and s.first_day <= '${to}' and not (s.first_day >= '${from}' and s.last_day <= '${to}')`;
const q = (f: string) => `select count(*), ${f} from interviews i left join follow_ups f on f.id = i.first_follow_up_id where i.organization_id=1 and i.application_id in (${sub}) and i.ends_at >= '${from}T00:00:00.000Z' and i.ends_at < '2026-11-27T00:00:00.000Z'`;
const qs: Record<string, string> = { none: q("1"), score: q("sum(f.score)"), parts: q("sum(f.score), sum(f.pts_timing), sum(f.pts_specificity), sum(f.pts_own_experience), sum(f.pts_interest), sum(f.pts_next_step), sum(f.pts_length), sum(f.pts_personal_tone)") };
const run = () => { for (let k = 0; k < 4; k++) for (const [name, s] of Object.entries(qs)) { const t = performance.now(); c.prepare(s).all(); if (k > 0) console.log(name, (performance.now() - t).toFixed(1)); } };
run();
if (process.argv[2] === "index") {
  c.exec("create index if not exists tmp_fu_scores on follow_ups (id, score, pts_timing, pts_specificity, pts_own_experience, pts_interest, pts_next_step, pts_length, pts_personal_tone)");
  console.log(c.prepare(`explain query plan ${qs.parts}`).all().map((r: any) => r.detail).join("\n"));
  run();
  c.exec("drop index tmp_fu_scores");
}
