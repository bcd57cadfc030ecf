// The session secret and the mailbox key, generated into data/ on first use, when several processes
// start at the same moment (npm start's web processes on a fresh machine): they must agree on one.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const TOKENS = path.resolve("app/auth/tokens.server.ts");
// tsx from this project (the processes run in a folder of their own).
const TSX = path.resolve("node_modules/tsx/dist/loader.mjs");
const PROCESSES = 8;
// Each a race of its own, run one after the other: the more races, the likelier a broken one shows.
const NAMES = ["session-secret", "mailbox-key", "race-3", "race-4", "race-5", "race-6"];

/** Runs keptSecret(name) for each name in a node process in `cwd` once the file `go` exists. */
function contender(cwd: string, go: string) {
  const script = `
    import fs from "node:fs";
    const { keptSecret } = await import(${JSON.stringify(TOKENS)});
    process.stdout.write("ready\\n");
    while (!fs.existsSync(${JSON.stringify(go)})) {}
    for (const name of ${JSON.stringify(NAMES)}) process.stdout.write(name + " " + keptSecret(name) + "\\n");`;
  const child = spawn(
    process.execPath,
    ["--import", pathToFileURL(TSX).href, "--input-type=module", "-e", script],
    {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes("ready")) resolve();
      if (child.exitCode !== null) reject(new Error(`exited before it was ready: ${err}`));
      if (out.includes("ready") || child.exitCode !== null) clearInterval(check);
    }, 20);
  });
  const done = new Promise<{ code: number | null; secrets: Record<string, string>; err: string }>((resolve) =>
    child.on("exit", (code) => {
      const secrets = Object.fromEntries(
        [...out.matchAll(/^(\S+) (\S*)$/gm)].map(([, name, secret]) => [name, secret]),
      );
      resolve({ code, secrets, err });
    }),
  );
  return { ready, done };
}

describe("a secret kept in data/", () => {
  it("is one secret, whole, when processes ask for it at the same moment", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "kept-secret-"));
    const go = path.join(cwd, "go");
    const contenders = Array.from({ length: PROCESSES }, () => contender(cwd, go));
    await Promise.all(contenders.map((c) => c.ready));
    fs.writeFileSync(go, "");
    const results = await Promise.all(contenders.map((c) => c.done));

    expect(results.map((r) => r.err.trim())).toEqual(results.map(() => ""));
    expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
    const kept: Record<string, string> = {};
    for (const name of NAMES) {
      const file = path.join(cwd, "data", name);
      kept[name] = fs.readFileSync(file, "utf8");
      expect(kept[name]).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(new Set(Object.values(kept)).size).toBe(NAMES.length);
    expect(results.map((r) => r.secrets)).toEqual(results.map(() => kept));
    // Each process's own candidates are gone: the folder holds the secrets alone.
    expect(fs.readdirSync(path.join(cwd, "data")).sort()).toEqual([...NAMES].sort());
  }, 120_000);
});
