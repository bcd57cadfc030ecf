// Settings shared by the worker threads that read an import's file and score follow-ups.

/**
 * Both kinds of worker make many short-lived objects (tokens, parsed rows, scores). V8's young
 * generation is sized for them at 48 MiB: at 192 MiB (and the main thread's
 * `--max-semi-space-size=64`), the 100,000-row import peaked at 952 MB; at 48 MiB with the main
 * thread on V8's default, 689 MB, for no more CPU (44.2 vs 47.7 s, measured one after the other on
 * a busy machine; docs/performance.md, "Memory").
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48 };
