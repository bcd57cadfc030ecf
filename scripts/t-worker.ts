import { checkRowsOnWorker, checkRows } from "../app/intake/csv-rows.server";
import { previewCsv } from "../app/intake/csv.server";
const file = process.argv[2];
const mapping = (await previewCsv({ path: file })).suggested;
for (const useWorker of [false]) {
  const t = performance.now(); let first = 0; let n = 0;
  const cpu = process.cpuUsage();
  for await (const b of (useWorker ? checkRowsOnWorker(file, mapping, { timeZone: "UTC", dateOrder: "mdy", defaultDurationMinutes: 60 }) : checkRows({ path: file }, mapping, { timeZone: "UTC", dateOrder: "mdy", defaultDurationMinutes: 60 }))) { if (!first) first = performance.now() - t; n += b.records.length; }
  const c = process.cpuUsage(cpu);
  console.log(useWorker ? "worker" : "thread", "first batch", first.toFixed(0), "ms; all", (performance.now() - t).toFixed(0), "ms", n, "cpu", ((c.user + c.system) / 1000).toFixed(0));
}
