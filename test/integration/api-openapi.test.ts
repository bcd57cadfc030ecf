// The OpenAPI document (issue 22) cannot drift from the API: its paths are exactly the api.v1.* route
// files' (bar the document and its reference page), each route answers the methods it lists, the
// served document is the built one, and a client generated from it with openapi-typescript (which
// validates the document with Redocly's checker first) is the one checked in, which `npm run typecheck`
// compiles a small typed client against (test/api-client/usage.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_OPERATIONS, openApiDocument } from "../../app/core/api";

const NOT_OPERATIONS = new Set(["api.v1.openapi[.json]", "api.v1.docs"]);

/** app/routes/api.v1.candidates.$id.ts → /candidates/{id} */
function routePath(file: string): string {
  return `/${file
    .replace(/^api\.v1\./, "")
    .split(".")
    .map((segment) => (segment.startsWith("$") ? `{${segment.slice(1)}}` : segment))
    .join("/")}`;
}

describe("the OpenAPI document", () => {
  const files = fs
    .readdirSync(path.resolve("app/routes"))
    .filter((f) => f.startsWith("api.v1."))
    .map((f) => f.replace(/\.tsx?$/, ""))
    .filter((f) => !NOT_OPERATIONS.has(f));

  it("has exactly the api.v1 routes' paths, with the methods each route takes", async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>>; openapi: string };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(files.map(routePath).sort());
    for (const file of files) {
      const mod = (await import(`../../app/routes/${file}.ts`)) as { loader?: unknown; action?: unknown };
      const methods = Object.keys(doc.paths[routePath(file)]).sort();
      expect(Boolean(mod.loader), `${file} answers GET as the document says`).toBe(methods.includes("get"));
      expect(Boolean(mod.action), `${file} takes a write as the document says`).toBe(
        methods.some((m) => m !== "get"),
      );
    }
    expect(new Set(API_OPERATIONS.map((o) => o.operationId)).size).toBe(API_OPERATIONS.length);
  });

  it("is served as built", async () => {
    const mod = await import("../../app/routes/api.v1.openapi[.json]");
    const res = mod.loader();
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(await res.json()).toEqual(openApiDocument());
  });

  it("validates, and the client types checked in are openapi-typescript's of it", async () => {
    // `npm run typecheck` compiles test/api-client/usage.ts, a typed client, against these types.
    const { apiClientTypes } = await import("../api-client/generate");
    const generated = await apiClientTypes();
    const checkedIn = fs.readFileSync(path.resolve("test/api-client/schema.ts"), "utf8");
    expect(checkedIn === generated, "test/api-client/schema.ts is out of date: run npm run api-client").toBe(
      true,
    );
  });
});
