// Writes test/api-client/schema.ts: the TypeScript types openapi-typescript generates from the API's
// OpenAPI document (app/core/api.ts), which test/api-client/usage.ts, a small typed client, is
// type-checked against by `npm run typecheck`. test/integration/api-openapi.test.ts fails when the
// file is out of date:  npm run api-client
import fs from "node:fs";
import path from "node:path";
import { apiClientTypes } from "../test/api-client/generate";

const file = path.resolve("test/api-client/schema.ts");
fs.writeFileSync(file, await apiClientTypes());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
