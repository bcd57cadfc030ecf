// A candidate's self-identified sex, race/ethnicity and age band (issue 21), on a page of its own: never on
// the candidate page beside scores. Only the compliance permission reads or writes it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { findVisibleCandidate } from "~/data/candidate-writes.server";
import {
  getCandidateDemographics,
  getDemographicCategories,
  saveCandidateDemographics,
} from "~/data/demographics.server";
import {
  DECLINED,
  DECLINED_LABEL,
  DEMOGRAPHIC_DIMENSIONS,
  DEMOGRAPHIC_LABELS,
  demographicAnswersSchema,
} from "~/core/demographics";
import { formatDateTime } from "~/core/format";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Self-identification · ${data?.candidate.name ?? "Candidate"} · Followthrough` },
];

async function load(request: Request, candidateIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "compliance:read");
  const candidate = await findVisibleCandidate(getDb(), user, idOr404(candidateIdParam));
  if (!candidate) throw new Response(null, { status: 404 });
  return { user, candidate };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  const stored = await getCandidateDemographics(getDb(), user, candidate.id);
  const categories = await getDemographicCategories(getDb(), user.organization_id);
  return {
    candidate: { id: candidate.id, name: candidate.name },
    categories,
    values: Object.fromEntries(DEMOGRAPHIC_DIMENSIONS.map((d) => [d, stored[d] ?? ""])),
    recorded: stored.updatedAt
      ? {
          at: formatDateTime(stored.updatedAt, user.timeZone),
          source: stored.source === "import" ? "imported" : "entered",
        }
      : null,
    canWrite: can(user, "compliance:write"),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, candidate } = await load(request, params.candidateId);
  requirePermission(user, "compliance:write");
  const values = formValues(await request.formData());
  const categories = await getDemographicCategories(getDb(), user.organization_id);
  const parsed = demographicAnswersSchema(categories).safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  await saveCandidateDemographics(getDb(), user, candidate.id, parsed.data);
  return redirect(`/candidates/${candidate.id}/self-identification?saved`);
}

export default function SelfIdentification() {
  const { candidate, categories, values, recorded, canWrite, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const shown = failed?.values ?? values;
  const errors = failed?.errors ?? {};
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/candidates/${candidate.id}`, label: candidate.name }}
        title={`Self-identification: ${candidate.name}`}
        subtitle="Optional answers the candidate gave about themselves, for the adverse-impact report."
      />
      <aside className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
        Record only what the candidate chose to tell you, in their words; never guess. Answering is optional
        and “{DECLINED_LABEL}” is always a choice. These answers are kept apart from the candidate’s record:
        only admins see them, and they appear on no pipeline, score, client report, share link or export —
        only as counts in the{" "}
        <Link to="/compliance" className="underline">
          adverse-impact report
        </Link>
        .
      </aside>
      {saved && !failed ? <FormNotice>Saved.</FormNotice> : null}
      <Form method="post" className="card max-w-xl space-y-4" noValidate>
        {DEMOGRAPHIC_DIMENSIONS.map((d) => (
          <SelectField
            key={d}
            label={DEMOGRAPHIC_LABELS[d]}
            name={d}
            defaultValue={shown[d] ?? ""}
            disabled={!canWrite}
            emptyOption="Not answered"
            options={[
              ...categories[d].map((c) => ({ value: c, label: c })),
              // An answer stored before the choices changed stays selectable until changed.
              ...(values[d] && values[d] !== DECLINED && !categories[d].includes(values[d])
                ? [{ value: values[d], label: `${values[d]} (no longer a choice)` }]
                : []),
              { value: DECLINED, label: DECLINED_LABEL },
            ]}
            errors={errors[d]}
          />
        ))}
        {recorded ? (
          <p className="text-xs text-slate-600">
            Last {recorded.source} {recorded.at}.
          </p>
        ) : null}
        {canWrite ? (
          <div className="flex gap-2">
            <button type="submit" className="btn" disabled={busy}>
              Save answers
            </button>
            <Link to={`/candidates/${candidate.id}`} className="btn-secondary">
              Back to the candidate
            </Link>
          </div>
        ) : null}
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
