// Worker threads on Node 20 do not run tsx's loader for their entry module, so this plain module
// registers it and then loads the TypeScript worker (see ScoringPool in scoring-pool.server.ts).
import { tsImport } from "tsx/esm/api";

await tsImport("./scoring-worker.server.ts", import.meta.url);
