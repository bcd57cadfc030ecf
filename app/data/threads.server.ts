// Settings shared by the worker threads that read an import's file and score follow-ups.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Both kinds of worker make many short-lived objects (tokens, parsed rows, scores). V8's young
 * generation is sized for them at 48 MiB: at 192 MiB (and the main thread's
 * `--max-semi-space-size=64`), the 100,000-row import peaked at 952 MB; at 48 MiB with the main
 * thread on V8's default, 689 MB, for no more CPU (44.2 vs 47.7 s, measured one after the other on
 * a busy machine; docs/performance.md, "Memory").
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48 };

/** The niceness of a background thread: the scheduler then gives a page's thread the core first. */
const BACKGROUND_NICENESS = 10;

/**
 * Lowers the calling worker thread's scheduling priority, so that pages answered beside a rescore or
 * an import get the cores first, and the background work uses what they leave. Linux keeps a
 * priority per thread: the thread's own id is read from /proc/thread-self. Elsewhere, or where it is
 * not allowed, the thread keeps its priority.
 */
export function runBelowPages(): void {
  try {
    const threadId = Number(path.basename(fs.readlinkSync("/proc/thread-self")));
    if (Number.isSafeInteger(threadId) && threadId > 0) os.setPriority(threadId, BACKGROUND_NICENESS);
  } catch {
    // No /proc (macOS, Windows), or a sandbox that refuses: nothing to change.
  }
}
