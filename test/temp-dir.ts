// Every temporary folder the tests make (databases, CSV files, backups) goes under one folder for the
// run, removed when the run ends: without it, each run left hundreds of folders in the machine's /tmp.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup() {
  // Once per run: each vitest project runs this, and folders nested three deep made Chromium's socket
  // path (in the PDF test) longer than Unix allows.
  if (path.basename(os.tmpdir()).startsWith("followthrough-run-")) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-run-"));
  process.env.TMPDIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
