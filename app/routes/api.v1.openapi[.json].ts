// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, built from the zod schemas (app/core/api.ts).
import { openApiDocument } from "~/core/api";

let document: string | null = null;

export function loader() {
  document ??= JSON.stringify(openApiDocument(), null, 2);
  return new Response(document, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
