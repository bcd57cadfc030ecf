// GET /api/v1/docs: the API reference, read from the same OpenAPI document as /api/v1/openapi.json,
// rendered on the server (no script from elsewhere: the CSP forbids it, and none is needed).
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { openApiDocument } from "~/core/api";

export const meta: MetaFunction = () => [{ title: "API reference · Followthrough" }];

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
type Operation = {
  operationId: string;
  summary: string;
  description: string;
  parameters: Parameter[];
  requestBody?: { description?: string; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

export function loader() {
  const doc = openApiDocument() as {
    info: { title: string; description: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    webhooks?: Record<string, { post: Operation }>;
    components: { schemas: Record<string, unknown> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: `/api/v1${path}`,
      id: op.operationId,
      summary: op.summary,
      description: op.description,
      parameters: op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        required: Boolean(p.required),
        description: p.description ?? "",
        type: typeLabel(p.schema),
      })),
      body: op.requestBody
        ? {
            description: op.requestBody.description ?? "",
            schema: JSON.stringify(op.requestBody.content["application/json"].schema, null, 2),
          }
        : null,
      responses: Object.entries(op.responses).map(([status, r]) => ({
        status,
        description: r.description,
        schema: schemaName(Object.values(r.content ?? {})[0]?.schema),
      })),
    })),
  );
  const schemas = Object.entries(doc.components.schemas).map(([name, schema]) => ({
    name,
    json: JSON.stringify(schema, null, 2),
  }));
  const webhooks = Object.entries(doc.webhooks ?? {}).map(([type, { post }]) => ({
    type,
    summary: post.summary,
    description: post.description,
    schema: JSON.stringify(post.requestBody?.content["application/json"].schema, null, 2),
  }));
  return { info: doc.info, operations, schemas, webhooks };
}

function typeLabel(schema: unknown): string {
  const s = schema as { type?: string; enum?: string[]; format?: string } | undefined;
  if (!s) return "";
  if (s.enum) return s.enum.join(" | ");
  return s.format ? `${s.type} (${s.format})` : (s.type ?? "");
}

function schemaName(schema: unknown): string | null {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? ref.replace("#/components/schemas/", "") : null;
}

export default function ApiReference() {
  const { info, operations, schemas, webhooks } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-4xl space-y-8 p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{info.title}</h1>
        <p className="text-slate-700">{info.description}</p>
        <p className="text-sm text-slate-700">
          Send a token as <code>Authorization: Bearer ftk_…</code>: make one under Account → API tokens (your
          own) or Settings → API tokens (the organization&apos;s). Errors are RFC 9457 problem details. The
          machine-readable document:{" "}
          <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1, version {info.version}).
        </p>
      </header>
      <nav aria-label="Operations">
        <h2 className="text-lg font-semibold">Operations</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {operations.map((op) => (
            <li key={op.id}>
              <a className="text-indigo-700 underline" href={`#${op.id}`}>
                <code>
                  {op.method} {op.path}
                </code>
              </a>{" "}
              — {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => (
        <section
          key={op.id}
          id={op.id}
          aria-labelledby={`${op.id}-title`}
          className="space-y-3 border-t pt-4"
        >
          <h2 id={`${op.id}-title`} className="text-lg font-semibold">
            <code>
              {op.method} {op.path}
            </code>
          </h2>
          <p>{op.summary}.</p>
          <p className="text-sm text-slate-700">{op.description}</p>
          {op.parameters.length > 0 && (
            <table className="w-full text-left text-sm">
              <caption className="text-left font-medium">Parameters</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`} className="border-t align-top">
                    <td>
                      <code>{p.name}</code>
                      {p.required ? " (required)" : ""}
                    </td>
                    <td>{p.in}</td>
                    <td>{p.type}</td>
                    <td>{p.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {op.body && (
            <details>
              <summary className="cursor-pointer font-medium">Request body (application/json)</summary>
              <p className="text-sm text-slate-700">{op.body.description}</p>
              <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">{op.body.schema}</pre>
            </details>
          )}
          <table className="w-full text-left text-sm">
            <caption className="text-left font-medium">Responses</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Meaning</th>
                <th scope="col">Body</th>
              </tr>
            </thead>
            <tbody>
              {op.responses.map((r) => (
                <tr key={r.status} className="border-t">
                  <td>{r.status}</td>
                  <td>{r.description}</td>
                  <td>
                    {r.schema ? (
                      <a className="text-indigo-700 underline" href={`#schema-${r.schema}`}>
                        {r.schema}
                      </a>
                    ) : (
                      ""
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section aria-labelledby="webhooks-title" className="space-y-3 border-t pt-4">
        <h2 id="webhooks-title" className="text-lg font-semibold">
          Webhooks
        </h2>
        <p className="text-sm text-slate-700">
          Followthrough POSTs these to the endpoints an admin registers (Settings → Webhooks), signed with the
          endpoint&apos;s secret in <code>Followthrough-Signature: t=…,v1=…</code>: the hex HMAC-SHA256 of{" "}
          <code>t.body</code>. Deduplicate by the event&apos;s <code>id</code>.
        </p>
        {webhooks.map((w) => (
          <div key={w.type} id={`webhook-${w.type}`}>
            <h3 className="font-medium">
              <code>{w.type}</code> — {w.summary}
            </h3>
            <p className="text-sm text-slate-700">{w.description}</p>
            <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">{w.schema}</pre>
          </div>
        ))}
      </section>
      <section aria-labelledby="schemas-title" className="space-y-3 border-t pt-4">
        <h2 id="schemas-title" className="text-lg font-semibold">
          Schemas
        </h2>
        {schemas.map((s) => (
          <div key={s.name} id={`schema-${s.name}`}>
            <h3 className="font-medium">{s.name}</h3>
            <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">{s.json}</pre>
          </div>
        ))}
      </section>
    </main>
  );
}
