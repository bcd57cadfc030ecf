// Everything held about one candidate, readable (/candidates/:id/data): what the JSON download holds,
// laid out for a person answering an access request. Printable.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { candidateData } from "~/data/candidate-data.server";
import { actionLabel } from "~/core/audit-words";
import { formatDateTime } from "~/core/format";
import { idOr404 } from "~/core/params";
import { reviewWords } from "~/core/rights";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Data held about ${data?.data.candidate.name ?? "a candidate"} · Followthrough` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:export-data");
  const data = await candidateData(getDb(), user, idOr404(params.candidateId));
  if (!data) throw new Response(null, { status: 404 });
  const when = (iso: string) => formatDateTime(iso, user.timeZone);
  return {
    data,
    timeZone: user.timeZone,
    times: {
      exportedAt: when(data.exportedAt),
      created: when(data.candidate.created_at),
      audit: data.auditLog.map((e) => when(e.created_at)),
      inbound: data.inboundMessages.map((m) => when(m.received_at)),
    },
  };
}

function Row({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="col-span-2 whitespace-pre-wrap break-words">
        {value == null || value === "" ? "—" : value}
      </dd>
    </div>
  );
}

export default function CandidateDataPage() {
  const { data, times, timeZone } = useLoaderData<typeof loader>();
  const c = data.candidate;
  return (
    <div className="space-y-4">
      <PageHeader
        back={{ to: `/candidates/${c.id}`, label: c.name }}
        title={`Everything held about ${c.name}`}
        subtitle={`As of ${times.exportedAt} (${timeZone}). For an access request: send the JSON file, or print this page.`}
        actions={
          <>
            <a href={`/candidates/${c.id}/data.json`} className="btn" download>
              Download JSON
            </a>
            <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
              Print
            </button>
          </>
        }
      />
      {data.notice ? (
        <section className="card" aria-labelledby="notice">
          <h2 id="notice" className="text-lg font-semibold">
            Notice to candidates
          </h2>
          <p className="mt-2 whitespace-pre-wrap text-sm">{data.notice}</p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="person">
        <h2 id="person" className="text-lg font-semibold">
          The person
        </h2>
        <dl className="mt-2 divide-y divide-slate-100">
          <Row label="Name" value={c.name} />
          <Row label="Email" value={c.email} />
          <Row label="Phone" value={c.phone} />
          <Row label="Source" value={c.source} />
          <Row label="Added" value={times.created} />
        </dl>
      </section>
      {data.applications.map((a) => (
        <section key={a.id} className="card space-y-2" aria-labelledby={`application-${a.id}`}>
          <h2 id={`application-${a.id}`} className="text-lg font-semibold">
            {a.position} ({a.client})
          </h2>
          <dl className="divide-y divide-slate-100">
            <Row label="Stage" value={a.stage} />
            <Row label="Outcome" value={a.outcomeOn ? `${a.outcome} on ${a.outcomeOn}` : a.outcome} />
            <Row label="Recruiter" value={a.recruiter} />
            <Row label="Best score" value={a.bestScore == null ? null : Math.round(a.bestScore)} />
          </dl>
          {a.interviews.map((i) => (
            <div key={i.id} className="rounded-md border border-slate-200 p-3">
              <h3 className="font-medium">
                Round {i.round}: {i.format} interview with {i.interviewer}
              </h3>
              <dl className="divide-y divide-slate-100">
                <Row label="Held" value={`${i.startsAt} – ${i.endsAt} (${i.timeZone})`} />
                <Row label="Notes" value={i.notes} />
                <Row label="Latency not applicable" value={i.latencyNotApplicable} />
              </dl>
              {i.followUps.map((f) => (
                <div key={f.id} className="mt-2 rounded-md bg-slate-50 p-3">
                  <dl className="divide-y divide-slate-100">
                    <Row label="Follow-up received" value={`${f.receivedAt} by ${f.channel}`} />
                    <Row label="Subject" value={f.subject} />
                    <Row label="Message" value={f.body} />
                    <Row label="Score" value={f.score == null ? null : Math.round(f.score)} />
                    <Row
                      label="Score parts"
                      value={f.scoreParts.map((p) => `${p.label} ${p.points}/${p.max}`).join(", ")}
                    />
                    <Row
                      label="Reviewed by a person"
                      value={
                        f.review
                          ? `${reviewWords(f.review)}${f.review.reason ? `: ${f.review.reason}` : ""} (${f.review.reviewer ?? "a former user"})`
                          : null
                      }
                    />
                  </dl>
                </div>
              ))}
            </div>
          ))}
        </section>
      ))}
      <section className="card" aria-labelledby="mail">
        <h2 id="mail" className="text-lg font-semibold">
          Mail kept for the inbox
        </h2>
        {data.inboundMessages.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None.</p>
        ) : (
          <ul className="mt-2 space-y-2 text-sm">
            {data.inboundMessages.map((m, k) => (
              <li key={m.id}>
                {times.inbound[k]} · {m.subject ?? "(no subject)"} · {m.status} (
                {m.raw.length.toLocaleString("en")} characters, in the JSON file)
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="audit">
        <h2 id="audit" className="text-lg font-semibold">
          What was done with the record
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {data.auditLog.map((e, k) => (
            <li key={k}>
              {times.audit[k]} · {e.by ?? "The system"} · {actionLabel(e.action)}{" "}
              {e.entity.replace(/_/g, " ")}
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-slate-600">
          <Link to={`/candidates/${c.id}#timeline`}>The candidate&apos;s timeline</Link> tells the same in
          words.
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
