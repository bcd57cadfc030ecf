// The organization's answer choices for self-identification (issue 21): one per line for each question.
// "Declined to self-identify" is always offered and is not listed. Answers already stored are kept.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormNotice, PageHeader, TextAreaField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getDemographicCategories, saveDemographicCategories } from "~/data/demographics.server";
import {
  DECLINED_LABEL,
  DEFAULT_DEMOGRAPHIC_CATEGORIES,
  DemographicCategoriesFormSchema,
  DEMOGRAPHIC_DIMENSIONS,
  DEMOGRAPHIC_LABELS,
} from "~/core/demographics";
import { formValues, type FormFailure } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Self-identification choices · Settings · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "compliance:write");
  const categories = await getDemographicCategories(getDb(), user.organization_id);
  return {
    values: Object.fromEntries(DEMOGRAPHIC_DIMENSIONS.map((d) => [d, categories[d].join("\n")])),
    defaults: Object.fromEntries(
      DEMOGRAPHIC_DIMENSIONS.map((d) => [d, DEFAULT_DEMOGRAPHIC_CATEGORIES[d].join(", ")]),
    ),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "compliance:write");
  const values = formValues(await request.formData());
  const parsed = DemographicCategoriesFormSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  await saveDemographicCategories(getDb(), user, parsed.data);
  return redirect("/settings/self-identification?saved");
}

export default function SelfIdentificationChoices() {
  const { values, defaults, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const shown = failed?.values ?? values;
  const errors = failed?.errors ?? {};
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Self-identification choices"
        subtitle="The answers offered for each question, in the order the adverse-impact report lists them."
      />
      {saved && !failed ? <FormNotice>Saved.</FormNotice> : null}
      <Form method="post" className="card max-w-2xl space-y-4" noValidate>
        <p className="text-sm text-slate-700">
          One choice per line. “{DECLINED_LABEL}” is always offered and need not be listed. Answers already
          recorded keep their wording: a renamed choice shows its old answers as “no longer a choice” until
          they are changed. Imports read a choice in any case, and the usual other spellings of the defaults
          (“F”, “Latina”, “White (Not Hispanic or Latino)”).
        </p>
        {DEMOGRAPHIC_DIMENSIONS.map((d) => (
          <TextAreaField
            key={d}
            label={DEMOGRAPHIC_LABELS[d]}
            name={d}
            rows={d === "raceEthnicity" ? 8 : 4}
            defaultValue={shown[d] ?? ""}
            hint={`Default: ${defaults[d]}.`}
            errors={errors[d]}
          />
        ))}
        <div className="flex gap-2">
          <button type="submit" className="btn" disabled={busy}>
            Save choices
          </button>
          <Link to="/compliance" className="btn-secondary">
            Adverse-impact audit
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
