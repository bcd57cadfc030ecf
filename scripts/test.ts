// `npm test`: every check, in stages; the steps of a stage run side by side, each step's commands in order.
//
// The checks are the same as running the npm scripts one after the other. What this adds is time: the
// browser tests run one test at a time and the integration tests in one vitest fork (SQLite, then
// PostgreSQL), so each keeps about one core busy; on a 2-core machine they run side by side.
// Each line of a step that runs beside another is prefixed with the step's name; every command's time
// is printed, and the first failing command fails the whole run (the other steps of its stage finish).
import { spawn } from "node:child_process";
import readline from "node:readline";

type Step = { name: string; commands: string[] };

const stages: Step[][] = [
  [
    { name: "typecheck", commands: ["npm run typecheck"] },
    { name: "lint", commands: ["npm run lint"] },
  ],
  [{ name: "unit", commands: ["npm run test:unit"] }],
  // Built once, before the two that use it: the integration tests that start an app server rebuild a
  // stale build (scripts/app-server.ts), and two builds into one folder at once could break both.
  [{ name: "build", commands: ["npm run build"] }],
  [
    { name: "integration", commands: ["npx vitest run --project integration", "npm run test:postgres"] },
    { name: "e2e", commands: ["npx playwright test"] },
  ],
];

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function run(command: string, prefix: string | null): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: prefix ? ["ignore", "pipe", "pipe"] : "inherit" });
    if (prefix) {
      for (const stream of [child.stdout, child.stderr])
        readline.createInterface({ input: stream! }).on("line", (line) => console.log(`${prefix} ${line}`));
    }
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function runStep(step: Step, alone: boolean): Promise<boolean> {
  for (const command of step.commands) {
    const started = performance.now();
    console.log(`\n[test] ${step.name}: ${command}`);
    const code = await run(command, alone ? null : `[${step.name}]`);
    console.log(
      `[test] ${step.name}: ${command} ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds(started)}`,
    );
    if (code !== 0) return false;
  }
  return true;
}

const started = performance.now();
for (const stage of stages) {
  const results = await Promise.all(stage.map((step) => runStep(step, stage.length === 1)));
  if (results.includes(false)) {
    console.log(`\n[test] failed after ${seconds(started)}`);
    process.exit(1);
  }
}
console.log(`\n[test] every check passed in ${seconds(started)}`);
