// The PDF of a shared report, printed by a headless Chromium when the server has one (CHROMIUM_PATH,
// or Debian's /usr/bin/chromium), for the scheduled report mail. Best effort: without a Chromium, or
// when the page does not answer, the mail goes without it (its link opens the same report).
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type RenderPdf = (url: string) => Promise<Buffer | null>;

export function chromiumPath(): string | null {
  const given = process.env.CHROMIUM_PATH?.trim();
  if (given) return fs.existsSync(given) ? given : null;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}

/** Prints the page at `url` to PDF; null when there is no Chromium, the page fails, or it takes too long. */
export const renderPdfWithChromium: RenderPdf = async (url) => {
  const chromium = chromiumPath();
  if (!chromium) return null;
  // Chromium prints whatever it gets, an error page too: the page must answer 200 first.
  const check = await fetch(url).catch(() => null);
  if (!check?.ok) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "followthrough-pdf-"));
  const file = path.join(dir, "report.pdf");
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        chromium,
        [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-pdf-header-footer",
          // Time for the page to hydrate and draw its charts (recharts draws in the browser only).
          "--virtual-time-budget=10000",
          `--print-to-pdf=${file}`,
          url,
        ],
        { timeout: 90_000 },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    const pdf = fs.readFileSync(file);
    return pdf.subarray(0, 5).toString() === "%PDF-" ? pdf : null;
  } catch (error) {
    console.error(
      `Could not print the report to PDF: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
    return null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
