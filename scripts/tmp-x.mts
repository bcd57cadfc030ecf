import SQLite from "better-sqlite3";
const c = new SQLite("data/bench-200000-1.db", { readonly: true });
const from = "2026-10-27", to = "2026-11-26";
const sub = `select s.application_id from dashboard_applications s where s.organization_id = 1 and s.last_day >= '${from}' and s.first_day <= '${to}' and not (s.first_day >= '${from}' and s.last_day <= '${to}')`;
const qs: Record<string, string> = {
  ids: sub,
  interviews: `select count(*) from interviews i where i.organization_id=1 and i.application_id in (${sub}) and i.ends_at >= '${from}T00:00:00.000Z' and i.ends_at < '2026-11-27T00:00:00.000Z'`,
  withA: `select count(*), sum(a.position_id) from interviews i join applications a on a.id=i.application_id where i.organization_id=1 and i.application_id in (${sub}) and i.ends_at >= '${from}T00:00:00.000Z' and i.ends_at < '2026-11-27T00:00:00.000Z'`,
  withF: `select count(*), sum(f.score), sum(f.pts_timing) from interviews i left join follow_ups f on f.id = i.first_follow_up_id where i.organization_id=1 and i.application_id in (${sub}) and i.ends_at >= '${from}T00:00:00.000Z' and i.ends_at < '2026-11-27T00:00:00.000Z'`,
};
for (let k = 0; k < 3; k++) for (const [name, q] of Object.entries(qs)) { const t = performance.now(); const r = c.prepare(q).all(); console.log(name, (performance.now() - t).toFixed(1), JSON.stringify(r).slice(0, 80)); }
