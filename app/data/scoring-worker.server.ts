// A worker thread for rescoring: scores whole applications sent by ScoringPool (scoring-pool.server.ts).
// Scoring is CPU-bound and the rows are independent between positions, so a rescore spreads batches
// over cores while the main thread reads and writes the database.
import { parentPort } from "node:worker_threads";
import { scoreApplications, type ScoreApplicationsInput } from "../core/score-applications";
import { runBelowPages } from "./threads.server";

if (!parentPort) throw new Error("scoring-worker.server.ts runs only as a worker thread");
const port = parentPort;
runBelowPages();

port.on("message", ({ id, input }: { id: number; input: ScoreApplicationsInput }) => {
  try {
    port.postMessage({ id, result: scoreApplications(input) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
