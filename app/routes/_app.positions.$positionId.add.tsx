import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { addApplication, searchCandidatesToAdd } from "~/data/applications.server";
import { createCandidate } from "~/data/candidate-writes.server";
import { getVisiblePosition } from "~/data/pipeline.server";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { AddApplicationSchema, fieldErrors, NewCandidateSchema } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Add a candidate to ${data?.position.title ?? "a position"} · Followthrough` },
];

async function load(request: Request, positionIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "applications:write");
  const position = await getVisiblePosition(getDb(), user, idOr404(positionIdParam));
  if (!position) throw new Response(null, { status: 404 });
  return { user, position };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  return {
    position: { id: position.id, title: position.title, client: position.client_name },
    q,
    matches: await searchCandidatesToAdd(getDb(), user, position.id, q),
    // The person adding is the recruiter unless they say otherwise on the application page.
    recruiterId: user.role === "recruiter" ? String(user.id) : "",
  };
}

type ActionResult = FormFailure & { intent: "existing" | "new" };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, position } = await load(request, params.positionId);
  const values = formValues(await request.formData());
  if (values.intent === "existing") {
    requirePermission(user, "applications:write");
    const parsed = AddApplicationSchema.safeParse(values);
    if (!parsed.success)
      return data<ActionResult>(
        { intent: "existing", values, errors: fieldErrors(parsed.error) },
        { status: 400 },
      );
    const result = await addApplication(getDb(), user, position.id, parsed.data);
    if (!result.ok)
      return data<ActionResult>(
        { intent: "existing", values, errors: { [result.field]: [result.message] } },
        { status: 400 },
      );
    return redirect(`/candidates/${parsed.data.candidateId}#application-${result.id}`);
  }
  if (values.intent === "new") {
    requirePermission(user, "candidates:write");
    const parsed = NewCandidateSchema.safeParse({ ...values, positionId: String(position.id) });
    if (!parsed.success)
      return data<ActionResult>(
        { intent: "new", values, errors: fieldErrors(parsed.error) },
        { status: 400 },
      );
    const result = await createCandidate(getDb(), user, parsed.data);
    if (!result.ok)
      return data<ActionResult>(
        { intent: "new", values, errors: { [result.field]: [result.message] } },
        { status: 400 },
      );
    return redirect(
      `/candidates/${result.id}${result.applicationId ? `#application-${result.applicationId}` : ""}`,
    );
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function AddCandidate() {
  const { position, q, matches, recruiterId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const newErrors = result?.intent === "new" ? result.errors : {};
  const newValues = result?.intent === "new" ? result.values : {};
  const existingError = result?.intent === "existing" ? Object.values(result.errors).flat().join(" ") : "";
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ to: `/positions/${position.id}`, label: position.title }}
        title="Add a candidate to this position"
        subtitle={`${position.title} at ${position.client}`}
      />

      <section aria-labelledby="existing-heading" className="card max-w-2xl space-y-3">
        <h2 id="existing-heading" className="text-lg font-semibold">
          Someone already in Followthrough
        </h2>
        <Form method="get" role="search" className="flex items-end gap-2">
          <label className="flex-1 text-sm">
            <span className="block font-medium text-slate-800">Search by name or email</span>
            <input type="search" name="q" defaultValue={q} className="input mt-1" />
          </label>
          <button type="submit" className="btn-secondary">
            Search
          </button>
        </Form>
        <FormAlert>{existingError}</FormAlert>
        {q ? (
          matches.length ? (
            <ul className="divide-y divide-slate-100" aria-label="Matching candidates">
              {matches.map((m) => (
                <li key={m.id} className="flex items-center justify-between gap-3 py-2">
                  <span>
                    <span className="font-medium">{m.name}</span>
                    {m.email ? <span className="block text-xs text-slate-600">{m.email}</span> : null}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="existing" />
                    <input type="hidden" name="candidateId" value={m.id} />
                    <input type="hidden" name="recruiterId" value={recruiterId} />
                    <button
                      type="submit"
                      className="btn-secondary"
                      aria-label={`Add ${m.name} to this position`}
                    >
                      Add
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700">
              No candidate matches “{q}” who is not already in this pipeline. Add them as a new candidate
              below.
            </p>
          )
        ) : (
          <p className="text-sm text-slate-600">Search first, so the same person is not added twice.</p>
        )}
      </section>

      <section aria-labelledby="new-heading" className="card max-w-2xl space-y-3">
        <h2 id="new-heading" className="text-lg font-semibold">
          A new candidate
        </h2>
        <Form method="post" noValidate className="grid gap-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value="new" />
          <Field
            label="Name"
            name="name"
            defaultValue={newValues.name}
            errors={newErrors.name}
            autoComplete="off"
          />
          <Field
            label="Email (optional)"
            name="email"
            type="email"
            defaultValue={newValues.email}
            errors={newErrors.email}
            autoComplete="off"
          />
          <Field
            label="Phone (optional)"
            name="phone"
            type="tel"
            defaultValue={newValues.phone}
            errors={newErrors.phone}
            autoComplete="off"
          />
          <Field
            label="Source (optional)"
            name="source"
            defaultValue={newValues.source}
            errors={newErrors.source}
            hint="e.g. referral, LinkedIn, job board"
          />
          {newErrors.positionId ? (
            <p className="text-sm text-red-700 sm:col-span-2">{newErrors.positionId.join(" ")}</p>
          ) : null}
          <div className="flex gap-2 sm:col-span-2">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              Add candidate
            </button>
            <Link to={`/positions/${position.id}`} className="btn-secondary">
              Cancel
            </Link>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
