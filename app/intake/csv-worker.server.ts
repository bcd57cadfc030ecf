// A worker thread that reads and checks a CSV file for an import (checkRowsOnWorker in
// csv-rows.server.ts), a batch at a time, while the main thread writes the batches before.
import { parentPort, workerData } from "node:worker_threads";
import type { ColumnMapping } from "../core/import/fields";
import { checkRows, CsvReadError, type CheckOptions, type WorkerReply } from "./csv-rows.server";
import { runBelowPages } from "../data/threads.server";

if (!parentPort) throw new Error("csv-worker.server.ts runs only as a worker thread");
const port = parentPort;
runBelowPages();
const { file, mapping, options } = workerData as {
  file: string;
  mapping: ColumnMapping;
  options: CheckOptions;
};

/** Batches sent and not yet taken by the main thread. */
const AHEAD = 2;
let credit = AHEAD;
let wake: (() => void) | null = null;
port.on("message", () => {
  credit += 1;
  wake?.();
});

const reply = (message: WorkerReply) => port.postMessage(message);
try {
  for await (const batch of checkRows({ path: file }, mapping, options)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    reply({ batch });
  }
  reply({ done: true });
} catch (error) {
  reply({
    error: error instanceof Error ? error.message : String(error),
    unreadable: error instanceof CsvReadError,
  });
}
port.close();
