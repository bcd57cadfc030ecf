// The worker threads of a rescore and of an import run below the pages: on Linux each lowers its own
// scheduling priority (app/data/threads.server.ts), so that a page answered beside them gets a core
// first. Read back from /proc, where Linux keeps a niceness per thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "~/core/settings";
import { ScoringPool } from "~/data/scoring-pool.server";
import { checkRowsOnWorker } from "~/intake/csv-rows.server";

/** Each thread of this process with its niceness (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(): Map<number, number> {
  const niceness = new Map<number, number>();
  for (const tid of fs.readdirSync("/proc/self/task")) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses: state is field 3, nice field 19.
    niceness.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return niceness;
}

/** The threads at niceness 10 that were not in `before`. */
function newBackgroundThreads(before: Map<number, number>): number[] {
  return [...threadNiceness()].filter(([tid, nice]) => !before.has(tid) && nice === 10).map(([tid]) => tid);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe.runIf(fs.existsSync("/proc/thread-self"))("background threads", () => {
  it("scores a rescore's batches on threads below the pages, and leaves the server's own thread as it was", async () => {
    const before = threadNiceness();
    const mainNiceness = os.getPriority();
    const pool = new ScoringPool(2);
    cleanups.push(() => pool.close());
    // A reply from each worker: both have started, and so have set their priority.
    for (let i = 0; i < 2; i++) {
      const result = await pool.score({
        settings: DEFAULT_SETTINGS,
        now: Date.now(),
        applications: [],
        interviews: [],
        followUps: [],
      });
      expect(result).toBeDefined();
    }
    // At least: a thread another file left running in this process may have started meanwhile.
    expect(newBackgroundThreads(before).length).toBeGreaterThanOrEqual(2);
    expect(os.getPriority()).toBe(mainNiceness);
  });

  it("reads an import's file on a thread below the pages", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-threads-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "rows.csv");
    // Four batches of rows: the reader stays alive, two batches ahead, while the first is looked at.
    const rows = Array.from(
      { length: 4_000 },
      (_, i) => `Candidate ${i},c${i}@example.test,Engineer,2026-11-0${1 + (i % 9)} 10:00,Dana Reyes`,
    );
    fs.writeFileSync(file, ["name,email,position,interview_start,interviewer", ...rows].join("\n"));
    const before = threadNiceness();
    const batches = checkRowsOnWorker(
      file,
      { name: 0, email: 1, position: 2, interview_start: 3, interviewer: 4 },
      { timeZone: "UTC", dateOrder: "mdy", defaultDurationMinutes: 60 },
    );
    cleanups.push(async () => void (await batches.return(undefined)));
    const first = await batches.next();
    expect(first.done).toBe(false);
    expect(first.value?.badRows).toEqual([]);
    expect(first.value?.records.length).toBeGreaterThan(0);
    expect(newBackgroundThreads(before).length).toBeGreaterThanOrEqual(1);
  });
});
