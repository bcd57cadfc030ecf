import { Form, useNavigation } from "@remix-run/react";
import { TOKEN_LIFETIMES, TOKEN_SCOPE_LABELS } from "~/core/api-tokens";
import { Field, FormAlert, FormNotice, SelectField } from "./form-fields";
import { ShownOnce } from "./shown-once";

export type TokenRow = {
  id: number;
  name: string;
  scope: "read" | "write";
  prefix: string;
  createdBy: string | null;
  created: string;
  expires: string;
  lastUsed: string;
  uses: number;
  state: string;
};

export type TokenResult =
  | { ok: true; created?: { name: string; token: string }; revoked?: boolean }
  | { ok: false; errors: Record<string, string[]>; values: Record<string, string> };

/** A new token, shown this once, with a button that copies it. */
function NewToken({ name, token }: { name: string; token: string }) {
  return (
    <ShownOnce value={token} testId="new-token" copyLabel="Copy token">
      Token “{name}” created. Copy it now: it is shown only this once, and Followthrough keeps only a hash of
      it.
    </ShownOnce>
  );
}

/** The token list, a form for a new one, and the new token once made. */
export function ApiTokens({
  tokens,
  result,
  who,
}: {
  tokens: TokenRow[];
  result: TokenResult | undefined;
  who: string;
}) {
  const busy = useNavigation().state !== "idle";
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : {};
  return (
    <div className="space-y-6">
      {result?.ok && result.created ? <NewToken {...result.created} /> : null}
      {result?.ok && result.revoked ? (
        <FormNotice>The token is revoked: requests with it now get 401.</FormNotice>
      ) : null}
      <FormAlert>{errors.form?.join(" ")}</FormAlert>
      <section className="card max-w-xl" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          New token
        </h2>
        <p className="mt-1 text-sm text-slate-600">{who}</p>
        <Form method="post" className="mt-4 space-y-4" noValidate key={result?.ok ? "done" : "form"}>
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            defaultValue={values.name}
            hint="What will use it, e.g. “Greenhouse sync”."
            errors={errors.name}
          />
          <SelectField
            label="Scope"
            name="scope"
            defaultValue={values.scope ?? "read"}
            options={Object.entries(TOKEN_SCOPE_LABELS).map(([value, label]) => ({ value, label }))}
            errors={errors.scope}
          />
          <SelectField
            label="Expires after"
            name="lifetime"
            defaultValue={values.lifetime ?? "90"}
            options={TOKEN_LIFETIMES.map((l) => ({ value: l.value, label: l.label }))}
            errors={errors.lifetime}
          />
          <button type="submit" className="btn" disabled={busy}>
            Create token
          </button>
        </Form>
      </section>
      <section aria-labelledby="tokens-heading" className="space-y-2">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600">No tokens yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b">
                  <th scope="col" className="py-2 pr-3">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Token
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Scope
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Created
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Expires
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Last used
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Requests
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    <span className="sr-only">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-b align-top">
                    <td className="py-2 pr-3">
                      {t.name}
                      {t.createdBy ? (
                        <span className="block text-xs text-slate-600">by {t.createdBy}</span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3">
                      <code>{t.prefix}…</code>
                    </td>
                    <td className="py-2 pr-3">{t.scope}</td>
                    <td className="py-2 pr-3">{t.created}</td>
                    <td className="py-2 pr-3">
                      {t.state === "expired" ? `expired ${t.expires}` : t.expires}
                    </td>
                    <td className="py-2 pr-3">{t.lastUsed}</td>
                    <td className="py-2 pr-3">{t.uses}</td>
                    <td className="py-2 pr-3">
                      {t.state === "revoked" ? (
                        <span className="text-slate-600">Revoked</span>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={t.id} />
                          <button
                            type="submit"
                            className="btn-secondary py-0.5"
                            disabled={busy}
                            aria-label={`Revoke ${t.name}`}
                          >
                            Revoke
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="text-sm text-slate-600">
        Send a token as <code>Authorization: Bearer …</code> to the{" "}
        <a className="underline" href="/api/v1/docs">
          REST API
        </a>
        . Each token may make 120 requests a minute.
      </p>
    </div>
  );
}
