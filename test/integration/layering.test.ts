// The layering rule (.dependency-cruiser.cjs, run by `npm run lint`) refuses backward imports. It is
// run here, through the same command line as lint, on a small made-up project that breaks each rule
// once and keeps each allowed exception once, so a rule that stops matching fails this test.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      baseUrl: ".",
      paths: { "~/*": ["./app/*"] },
      module: "ESNext",
      moduleResolution: "Bundler",
      jsx: "react-jsx",
    },
  }),
  // Allowed: db/schema.ts takes a word list from a top-level app/core module. Refused: anything else of app/.
  "db/schema.ts": `import { ROLES } from "../app/core/roles";\nimport "../app/data/things.server";\nexport type Db = { roles: typeof ROLES };\n`,
  "db/migrations/0001-start.ts": `import { ROLES } from "../../app/core/roles";\nexport const roles = ROLES;\n`,
  "app/core/roles.ts": `export const ROLES = ["admin"] as const;\n`,
  "app/core/summary.ts": `import { ROLES } from "./roles";\nexport const first = ROLES[0];\n`,
  // A type is still knowledge of the other layer.
  "app/core/typed.ts": `import type { Db } from "../../db/schema";\nexport type Rows = Db;\n`,
  // Through the ~/ alias: backward, and a .server value in browser code.
  "app/core/aliased.ts": `import { listThings } from "~/data/things.server";\nexport const things = listThings;\n`,
  "app/data/things.server.ts": `import { parseUpload } from "../intake/upload.server";\nexport const listThings = () => parseUpload;\n`,
  "app/data/users.server.ts": `import { signIn } from "../auth/sign-in.server";\nexport const findUser = () => signIn;\n`,
  "app/data/sample.server.ts": `import { SAMPLE } from "../demo/text";\nexport const sample = SAMPLE;\n`,
  "app/demo/text.ts": `export const SAMPLE = "Thank you";\n`,
  "app/core/text.test.ts": `import { SAMPLE } from "../demo/text";\nexport const sample = SAMPLE;\n`,
  "app/data/report.server.ts": `export type Report = { title: string };\nexport const loadReport = (): Report => ({ title: "" });\n`,
  "app/intake/upload.server.ts": `import { findUser } from "../data/users.server";\nexport const parseUpload = findUser;\n`,
  "app/auth/sign-in.server.ts": `import { findUser } from "../data/users.server";\nexport const signIn = () => findUser;\n`,
  "app/auth/session.server.ts": `import { meta } from "~/routes/_app";\nexport const session = meta;\n`,
  "app/routes/_app.tsx": `import { loadReport } from "~/data/report.server";\nexport const meta = loadReport;\n`,
  "app/components/report-view.tsx": `import type { Report } from "../data/report.server";\nexport const title = (r: Report) => r.title;\n`,
  "app/components/report-loader.tsx": `import { loadReport } from "../data/report.server";\nexport const load = loadReport;\n`,
};

let dir: string;
let violations: string[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-layering-"));
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
      "--config",
      path.join(ROOT, ".dependency-cruiser.cjs"),
      "--output-type",
      "json",
      "app",
      "db",
    ],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })); // exit code = violations
  const result = JSON.parse(stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// A cycle is reported once, at the edge where dependency-cruiser first walks into it.
it("refuses every backward import and cycle, and nothing else", () => {
  expect(violations).toEqual(
    [
      "auth-below-pages: app/auth/session.server.ts → app/routes/_app.tsx",
      "core-is-pure: app/core/aliased.ts → app/data/things.server.ts",
      "core-is-pure: app/core/typed.ts → db/schema.ts",
      "data-below-intake-and-pages: app/data/things.server.ts → app/intake/upload.server.ts",
      "db-knows-no-app: db/migrations/0001-start.ts → app/core/roles.ts",
      "demo-on-top: app/data/sample.server.ts → app/demo/text.ts",
      "db-schema-only-from-core: db/schema.ts → app/data/things.server.ts",
      "no-circular: app/auth/sign-in.server.ts → app/data/users.server.ts",
      "no-server-in-browser-code: app/components/report-loader.tsx → app/data/report.server.ts",
      "no-server-in-browser-code: app/core/aliased.ts → app/data/things.server.ts",
    ].sort(),
  );
});
