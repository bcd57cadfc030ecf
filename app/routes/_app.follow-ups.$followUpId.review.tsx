// A person reviews a follow-up's score (issue 21, item 3): agree, or override with a band and a reason.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, PageHeader, SelectField, TextAreaField } from "~/components/form-fields";
import { ScoreBreakdown } from "~/components/score-breakdown";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { findFollowUp } from "~/data/interviews.server";
import { reviewScore, reviewsOfFollowUps } from "~/data/score-reviews.server";
import { formatDateTime } from "~/core/format";
import { formValues, idOr404, type FormFailure } from "~/core/params";
import { SCORE_BAND_LABELS } from "~/core/pipeline";
import { REVIEW_BANDS, ScoreReviewSchema, reviewWords } from "~/core/rights";
import { decodeScoreParts } from "~/core/rubric/stored-score";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Review the score of ${data?.followUp.candidate ?? "a follow-up"} · Followthrough` },
];

async function load(request: Request, followUpIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "scores:review");
  const followUp = await findFollowUp(getDb(), user, idOr404(followUpIdParam));
  if (!followUp) throw new Response(null, { status: 404 });
  return { user, followUp };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, followUp: f } = await load(request, params.followUpId);
  const review = (await reviewsOfFollowUps(getDb(), user.organization_id, [f.id])).get(f.id) ?? null;
  return {
    followUp: {
      id: f.id,
      candidate: f.candidate_name,
      candidateId: f.candidate_id,
      position: f.position_title,
      interview: `round ${f.round} with ${f.interviewer_name}`,
      received: formatDateTime(f.received_at, user.timeZone),
      score: f.score == null ? null : Math.round(f.score),
      parts: (f.score_parts ? decodeScoreParts(f.score_parts) : null) ?? [],
    },
    review: review && {
      words: reviewWords(review),
      reviewer: review.reviewer ?? "A former user",
      at: formatDateTime(review.at, user.timeZone),
      verdict: review.verdict,
      band: review.band ?? "",
      reason: review.reason ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, followUp } = await load(request, params.followUpId);
  const values = formValues(await request.formData());
  const parsed = ScoreReviewSchema.safeParse(values);
  if (!parsed.success)
    return data<FormFailure>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await reviewScore(getDb(), user, followUp.id, parsed.data);
  if (!result.ok)
    return data<FormFailure>({ values, errors: { [result.field]: [result.message] } }, { status: 400 });
  return redirect(`/candidates/${followUp.candidate_id}#follow-up-${followUp.id}`);
}

export default function ReviewScore() {
  const { followUp: f, review } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors ?? {};
  const shown: Record<string, string> = failed?.values ?? {
    verdict: review?.verdict ?? "agree",
    band: review?.band ?? "",
    reason: review?.reason ?? "",
  };
  const busy = useNavigation().state === "submitting";
  const back = `/candidates/${f.candidateId}#follow-up-${f.id}`;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: back, label: f.candidate }}
        title={`Review the score of ${f.candidate}'s follow-up`}
        subtitle={`Received ${f.received}, after ${f.interview} for ${f.position}. Scores advise; a person decides.`}
      />
      {review ? (
        <p className="card text-sm text-slate-800" data-testid="current-review">
          <span className="font-medium">{review.words}</span> by {review.reviewer}, {review.at}
          {review.reason ? `: “${review.reason}”` : "."} A new review replaces it; the audit log keeps both.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card" aria-label="The score">
          {f.score == null ? (
            <p className="text-sm text-slate-700">This follow-up has no score to review.</p>
          ) : (
            <ScoreBreakdown total={f.score} parts={f.parts} />
          )}
        </section>
        <Form method="post" className="card space-y-3" noValidate>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Your review</legend>
            <div className="mt-2 space-y-2 text-sm">
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="verdict"
                  value="agree"
                  defaultChecked={shown.verdict !== "override"}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">Agree</span>: the score and its evidence match what I read.
                </span>
              </label>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name="verdict"
                  value="override"
                  defaultChecked={shown.verdict === "override"}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">Override</span>: I put this follow-up in another band, and say
                  why.
                </span>
              </label>
            </div>
            {errors.verdict ? <p className="mt-1 text-sm text-red-700">{errors.verdict.join(" ")}</p> : null}
          </fieldset>
          <SelectField
            label="Band (for an override)"
            name="band"
            defaultValue={shown.band ?? ""}
            emptyOption="Choose a band"
            options={REVIEW_BANDS.map((b) => ({ value: b, label: SCORE_BAND_LABELS[b] }))}
            errors={errors.band}
          />
          <TextAreaField
            label="Reason (required for an override)"
            name="reason"
            rows={3}
            defaultValue={shown.reason ?? ""}
            errors={errors.reason}
            hint="Shown on the candidate's page and kept in the audit log."
          />
          <FormAlert>{errors.form?.join(" ")}</FormAlert>
          <div className="flex gap-2">
            <button type="submit" className="btn" disabled={busy || f.score == null}>
              {busy ? "Saving…" : "Save review"}
            </button>
            <Link to={back} className="btn-secondary">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
