// `npm test`: every check, in stages; a stage's commands run two at a time, one per core.
//
// The checks are the same as running the npm scripts one after the other. What this adds is time: each
// command here keeps about one core busy (vitest runs the integration files one after another in one
// process, Playwright one test at a time), so on a 2-core machine two run side by side. The second
// stage is a queue, longest first: the integration tests on SQLite and on PostgreSQL, the browser tests
// cut into shards, then the unit tests, so that whichever runner is free takes the next and both finish
// near the same time.
// Each runner's browser tests use a port of their own (E2E_PORT, E2E_PORT + 1), hence a server and a
// database of their own (playwright.config.ts).
//
// Every line of output is prefixed with its command's name, every command's time is printed, and the
// first failing command fails the run: nothing new starts, what is running finishes.
import { spawn } from "node:child_process";
import readline from "node:readline";

type Command = { name: string; run: string };

const E2E_SHARDS = 4;
const e2ePort = Number(process.env.E2E_PORT ?? 3107);
const RUNNERS = 2;

const stages: Command[][] = [
  // The build comes before the second stage because the integration tests that start an app server
  // rebuild a stale build (scripts/app-server.ts), and two builds into one folder at once could break both.
  [
    { name: "typecheck", run: "npm run typecheck" },
    { name: "build", run: "npm run build" },
    { name: "lint", run: "npm run lint" },
  ],
  // Longest first; the unit tests, short, fill the end of whichever runner finishes first.
  [
    { name: "integration", run: "npx vitest run --project integration" },
    { name: "postgres", run: "npm run test:postgres" },
    ...Array.from({ length: E2E_SHARDS }, (_, i) => ({
      name: `e2e ${i + 1}/${E2E_SHARDS}`,
      // No traces: nobody can open them from CI's printed output, and recording them cost about a tenth.
      run: `npx playwright test --shard=${i + 1}/${E2E_SHARDS} --trace off`,
    })),
    { name: "unit", run: "npm run test:unit" },
  ],
];

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function run(command: Command, env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command.run, {
      shell: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    for (const stream of [child.stdout, child.stderr])
      readline
        .createInterface({ input: stream })
        .on("line", (line) => console.log(`[${command.name}] ${line}`));
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let failed = false;

/** Runs the stage's commands in order, RUNNERS at a time; false when one failed. */
async function runStage(commands: Command[]): Promise<boolean> {
  const queue = [...commands];
  const runner = async (index: number) => {
    for (let command = queue.shift(); command && !failed; command = queue.shift()) {
      const started = performance.now();
      console.log(`[test] ${command.name}: ${command.run} (runner ${index + 1})`);
      const code = await run(command, { E2E_PORT: String(e2ePort + index) });
      console.log(
        `[test] ${command.name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds(started)}`,
      );
      if (code !== 0) failed = true;
    }
  };
  await Promise.all(Array.from({ length: RUNNERS }, (_, i) => runner(i)));
  return !failed;
}

const started = performance.now();
for (const stage of stages) {
  if (!(await runStage(stage))) {
    console.log(`\n[test] failed after ${seconds(started)}`);
    process.exit(1);
  }
}
console.log(`\n[test] every check passed in ${seconds(started)}`);
