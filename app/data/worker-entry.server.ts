// The entry modules of worker threads (scoring, reading a CSV), compiled to plain JavaScript. A worker
// started on a `.mjs` shim loads tsx and compiles the TypeScript it imports in its own thread: about
// 30 MB more per thread than the same code compiled once by esbuild (the one `remix build` uses), which
// is what a 100,000-row import's peak memory needed (docs/performance.md, "Import memory").
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Where compiled entries go (build/ is not committed), beside `remix build`'s output. */
const OUT_DIR = "build/workers";
/** The folders whose sources a worker can import: a newer file there means compiling again. */
const SOURCES = ["app/core", "app/data", "app/intake", "db"];

/** The latest modification time of a file, or of anything under a folder (scripts/app-server.ts too). */
export function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(p)
    .reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

/** esbuild's options for one module of this project run by Node (packages left to node_modules). */
export const NODE_BUNDLE = {
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "silent",
} as const;

type BuildSync = (options: Record<string, unknown>) => unknown;

/** esbuild's buildSync, or null where it is not installed (a production install without dev tools). */
function esbuild(): BuildSync | null {
  try {
    return (createRequire(import.meta.url)("esbuild") as { buildSync: BuildSync }).buildSync;
  } catch {
    return null;
  }
}

/**
 * The path of `source` (a worker's TypeScript entry, from the project folder) compiled to
 * build/workers/, compiled first when it is missing or a source is newer; `fallback` (the `.mjs`
 * shim that loads it with tsx) when it cannot be compiled. Paths resolve from the working directory,
 * the project folder, as the workers' shims always have.
 */
export function workerEntry(source: string, fallback: string): string {
  const out = path.resolve(OUT_DIR, `${path.basename(source, ".ts").replace(/\.server$/, "")}.js`);
  try {
    const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
    const newest = Math.max(...SOURCES.filter((s) => fs.existsSync(s)).map(newestMtime));
    if (built > newest) return out;
    const buildSync = esbuild();
    if (!buildSync) return path.resolve(fallback);
    // Written beside and renamed, so that a process starting a worker meanwhile never reads half a file.
    const temporary = `${out}.${process.pid}.tmp`;
    buildSync({ entryPoints: [path.resolve(source)], outfile: temporary, ...NODE_BUNDLE });
    fs.renameSync(temporary, out);
    return out;
  } catch {
    return path.resolve(fallback);
  }
}
