// Worker threads for scoring (scoring-worker.mjs loads scoring-worker.server.ts in each). Scoring is
// CPU-bound and positions are independent, so a rescore or an import spreads batches over cores while
// the main thread reads and writes the database; scoring.server.ts decides when a pool is worth it.
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { BatchResult, ScoreApplicationsInput } from "../core/score-applications";
import { WORKER_RESOURCE_LIMITS } from "./threads.server";
import { workerEntry } from "./worker-entry.server";

/**
 * Worker threads for scoring inside a server (a background rescore, an import from the page): every
 * core but one, which is left to answer pages; at least one.
 */
export function backgroundWorkers(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

type PoolReply = { id: number; result: BatchResult; error?: undefined } | { id: number; error: string };

/**
 * The worker's entry module: compiled once (worker-entry.server.ts), else the shim that loads it with
 * tsx. Resolved from the project folder, where the command-line scripts and `npm start` run, rather
 * than from this module, which the server build moves into build/.
 */
const workerModule = () => workerEntry("app/data/scoring-worker.server.ts", "app/data/scoring-worker.mjs");

/**
 * Worker threads that run scoreApplications; jobs are handed out in turn and queue at each worker. A
 * worker takes about a second of CPU to start (tsx and the language model load), so a caller with a
 * long job ahead, such as a large import, may start them before it has scoring to hand out.
 */
export class ScoringPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: BatchResult) => void; reject: (e: Error) => void }
  >();
  private sequence = 0;
  private failure: Error | null = null;

  constructor(readonly size: number) {
    const entry = workerModule();
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(entry, { resourceLimits: WORKER_RESOURCE_LIMITS });
      worker.on("message", (reply: PoolReply) => {
        const job = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (reply.error !== undefined) job?.reject(new Error(`A scoring worker failed: ${reply.error}`));
        else job?.resolve(reply.result);
      });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`A scoring worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.waiting.values()) job.reject(error);
    this.waiting.clear();
  }

  score(input: ScoreApplicationsInput): Promise<BatchResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.sequence;
    const worker = this.workers[id % this.size];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, input });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
