// Settings shared by the worker threads that read an import's file and score follow-ups.

/**
 * Both kinds of worker make many short-lived objects (tokens, parsed rows, scores), so a young
 * generation larger than V8's default (16 MiB semi-spaces) spares them most of their garbage
 * collections: the 100,000-row import ran about 0.7 s faster with 192 MiB, for about 150 MB more peak
 * memory while the workers live. The main thread gets the same from `--max-semi-space-size=64` in
 * package.json's scripts.
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 192 };
