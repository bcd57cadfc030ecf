import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import crypto from "node:crypto";
import { FormAlert, FormNotice } from "~/components/form-fields";
import {
  FollowUpFields,
  FormKeyInput,
  InterviewFields,
  MoveToStageField,
} from "~/components/interview-fields";
import { FollowUpStatus, WindowBadge } from "~/components/follow-up-status";
import { HighlightedText, ScoreBreakdown } from "~/components/score-breakdown";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { candidatesOfFollowUps, getCandidateRecord } from "~/data/candidates.server";
import { logFollowUp, logInterview } from "~/data/interviews.server";
import { oncePerKey, type OnceResult } from "~/data/form-submissions.server";
import { candidateTimeline, type TimelineEntry } from "~/data/timeline.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { reviewsOfFollowUps } from "~/data/score-reviews.server";
import { reviewWords } from "~/core/rights";
import {
  fieldErrors,
  LogFollowUpSchema,
  LogInterviewSchema,
  MAX_FOLLOW_UP_BODY_CHARS,
  MoveToStageSchema,
} from "~/core/schemas";
import { STAGE_LABELS, type Stage } from "~/core/stages";
import { OUTCOME_LABELS } from "~/core/outcomes";
import { formatDateTime, formatDay, formatHeld, formatMinutes, formatPercent } from "~/core/format";
import { interviewStatus } from "~/core/latency";
import { timeZoneChoices, utcToZoned } from "~/core/time";
import { formValues, idOr404 } from "~/core/params";
import { EmlError, MAX_EML_BYTES, parseEml } from "~/intake/eml.server";
import { mailInAddress, mailInState } from "~/intake/smtp.server";
import { CopyAddress } from "~/components/copy-address";
import { BEHAVIOUR_LABELS } from "~/core/behaviours";
import { CHANNEL_LABELS } from "~/core/channels";
import { thresholdLabel, windowLabel } from "~/core/windows";
import { decodeScoreParts } from "~/core/rubric/stored-score";
import { splitOwnWords, type SetAsideKind } from "~/core/own-words";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.candidate.name ?? "Candidate"} · Followthrough` },
];

const SET_ASIDE_LABELS: Record<SetAsideKind, string> = {
  "quoted reply": "Quoted reply",
  "forwarded message": "Forwarded message",
  signature: "Signature",
  "sign-off": "Sign-off",
  disclaimer: "Disclaimer",
  "list footer": "Mailing-list footer",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "candidates:read");
  const record = await getCandidateRecord(getDb(), user, idOr404(params.candidateId));
  if (!record) throw new Response(null, { status: 404 });
  const settings = await getOrganizationSettings(getDb(), user.organization_id);
  const now = new Date();
  // Addresses are offered only when the receiver listens on a domain mail from outside can reach.
  const mailIn = mailInState(request.url);
  // A near-copy's evidence names the other candidate's follow-up: link to it.
  const partsOf = new Map(
    record.followUps.map((f) => [f.id, (f.score_parts ? decodeScoreParts(f.score_parts) : null) ?? []]),
  );
  const copied = [...partsOf.values()].flatMap((parts) =>
    parts.flatMap((p) => p.evidence.flatMap((e) => (e.followUpId === undefined ? [] : [e.followUpId]))),
  );
  const candidateOf = await candidatesOfFollowUps(getDb(), user, copied);
  const reviews = await reviewsOfFollowUps(
    getDb(),
    user.organization_id,
    record.followUps.map((f) => f.id),
  );
  const withLinks = (parts: ReturnType<typeof decodeScoreParts> & object) =>
    parts.map((p) => ({
      ...p,
      evidence: p.evidence.map((e) => {
        const other = e.followUpId === undefined ? undefined : candidateOf.get(e.followUpId);
        return other === undefined ? e : { ...e, href: `/candidates/${other}#follow-up-${e.followUpId}` };
      }),
    }));

  const applications = record.applications.map((a) => ({
    id: a.id,
    title: a.position_title,
    positionId: a.position_id,
    client: a.client_name,
    stage: a.stage,
    outcome: a.outcome,
    outcomeOn: a.outcome_on,
    recruiter: a.recruiter_name,
    behaviour: a.behaviour ? BEHAVIOUR_LABELS[a.behaviour] : null,
    followUpRate: formatPercent(
      a.decided_interview_count ? a.followed_up_count / a.decided_interview_count : null,
    ),
    medianLatency: formatMinutes(a.median_latency_minutes),
    bestScore: a.best_score == null ? "—" : String(Math.round(a.best_score)),
    meanScore: a.mean_score == null ? "—" : String(Math.round(a.mean_score)),
    interviews: record.interviews
      .filter((i) => i.application_id === a.id)
      .map((i) => {
        const status = interviewStatus(
          {
            endsAt: i.ends_at,
            firstFollowUpAt: i.first_follow_up_at,
            window: i.window,
            latencyMinutes: i.latency_minutes,
          },
          now,
          settings.windows,
        );
        return {
          id: i.id,
          when: formatHeld(i.starts_at, user.timeZone, i.time_zone),
          endsLocal: utcToZoned(i.ends_at, user.timeZone),
          timeZone: user.timeZone,
          interviewer: i.interviewer_name,
          // Forward or BCC the candidate's message here to log it (app/intake/smtp.server.ts).
          mailIn:
            i.mail_token && can(user, "follow-ups:write") && mailIn.canReceive
              ? mailInAddress(i.mail_token, mailIn.domain)
              : null,
          // Admins are told why there is none, and where to set it up.
          mailInHint: Boolean(i.mail_token) && !mailIn.canReceive && can(user, "settings:write"),
          format: i.format,
          round: i.round,
          title: i.title,
          notes: can(user, "interview-notes:read") ? i.notes : "",
          latencyExemptReason: i.latency_exempt_reason,
          status: i.latency_exempt_reason
            ? { kind: "exempt" as const, received: i.first_follow_up_at !== null }
            : status.kind === "awaiting"
              ? {
                  kind: "awaiting" as const,
                  deadlines: status.deadlines.map((d) => ({
                    window: d.window,
                    at: d.at,
                    thresholdLabel: thresholdLabel(d.window, settings.windows),
                  })),
                }
              : status.kind === "received"
                ? {
                    kind: "received" as const,
                    window: status.window,
                    label: windowLabel(status.window, settings.windows),
                    latency: formatMinutes(status.latencyMinutes),
                  }
                : { kind: "none" as const },
          followUps: record.followUps
            .filter((f) => f.interview_id === i.id)
            .map((f) => {
              // The scorer reads only the candidate's own words, and its evidence offsets point into them.
              const own = splitOwnWords(f.body);
              return {
                id: f.id,
                received: formatDateTime(f.received_at, user.timeZone),
                channel: f.channel,
                sender: f.sender,
                subject: f.subject,
                ownText: own.text,
                setAside: own.setAside.map((p) => ({ label: SET_ASIDE_LABELS[p.kind], text: p.text })),
                window: f.window,
                windowLabel: f.window ? windowLabel(f.window, settings.windows) : null,
                latency: f.latency_minutes == null ? null : formatMinutes(f.latency_minutes),
                businessLatency: formatMinutes(f.business_latency_minutes),
                score: f.score == null ? null : Math.round(f.score),
                scorerVersion: f.scorer_version,
                parts: withLinks(partsOf.get(f.id) ?? []),
                review: (() => {
                  const r = reviews.get(f.id);
                  return r
                    ? {
                        words: reviewWords(r),
                        override: r.verdict === "override",
                        reason: r.reason,
                        reviewer: r.reviewer ?? "a former user",
                        at: formatDateTime(r.at, user.timeZone),
                        stale:
                          r.score !== null && f.score !== null && Math.round(r.score) !== Math.round(f.score),
                      }
                    : null;
                })(),
              };
            }),
        };
      }),
  }));

  // Forms start in the reader's zone, which they name; times are shown in it too.
  const defaultTimeZone = user.timeZone;
  // The team's record of who did what: not for client viewers, who see the interviews and follow-ups.
  const timeline = can(user, "interviews:write")
    ? await candidateTimeline(getDb(), user, record, defaultTimeZone)
    : null;
  return {
    now: now.toISOString(),
    candidate: record.candidate,
    applications,
    canLog: can(user, "interviews:write"),
    canLogFollowUps: can(user, "follow-ups:write"),
    canEdit: can(user, "candidates:write"),
    canDelete: can(user, "candidates:delete"),
    // A link only: the answers have a page of their own, never shown beside scores (issue 21).
    canSelfIdentify: can(user, "compliance:read"),
    canReview: can(user, "scores:review"),
    canExportData: can(user, "candidates:export-data"),
    defaultTimeZone,
    timeZones: timeZoneChoices(),
    timeline: timeline && { timeZone: defaultTimeZone, entries: timeline },
    // A new key per page load: each form posts it, so a double submit stores once (oncePerKey), and
    // a stored form comes back empty, with a new key, when the page revalidates.
    formKey: crypto.randomUUID(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Read-only roles may not post here at all, whatever the intent.
  if (!can(user, "interviews:write") && !can(user, "follow-ups:write"))
    requirePermission(user, "interviews:write");
  const candidateId = idOr404(params.candidateId);
  const record = await getCandidateRecord(getDb(), user, candidateId);
  if (!record) throw new Response(null, { status: 404 });
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_EML_BYTES + 100_000) {
    throw new Response("That upload is larger than 10 MB; upload one message at a time.", { status: 413 });
  }
  const formData = await request.formData();
  const form = formValues(formData);

  if (form.intent === "log-interview") {
    requirePermission(user, "interviews:write");
    const failed = (errors: Record<string, string[]>) =>
      data(
        { intent: "log-interview", target: String(form.applicationId), values: form, errors },
        { status: 400 },
      );
    const parsed = LogInterviewSchema.safeParse(form);
    const stage = MoveToStageSchema.safeParse(form);
    if (!parsed.success || !stage.success)
      return failed({
        ...(parsed.success ? {} : fieldErrors(parsed.error)),
        ...(stage.success ? {} : fieldErrors(stage.error)),
      });
    // The stage moves in the interview's transaction: both are stored, or neither.
    const result = await storeOnce(user, form.formKey, "interview", (db) =>
      logInterview(db, user, parsed.data, { moveToStage: stage.data.moveToStage }),
    );
    if (!result.ok) return failed({ [result.field]: [result.message] });
    const moved = stage.data.moveToStage ? ` Moved to ${STAGE_LABELS[stage.data.moveToStage]}.` : "";
    return {
      intent: "log-interview",
      target: String(form.applicationId),
      values: {},
      errors: {},
      done: result.repeated
        ? "Interview logged (the form was sent twice; it is stored once)."
        : `Interview logged.${moved}`,
    };
  }
  if (form.intent === "log-follow-up") {
    requirePermission(user, "follow-ups:write");
    const failed = (errors: Record<string, string[]>) =>
      data(
        { intent: "log-follow-up", target: String(form.interviewId), values: form, errors },
        { status: 400 },
      );
    const interview = record.interviews.find((i) => String(i.id) === form.interviewId);
    let fields: Record<string, string> = form;
    let headers: Record<string, string> | undefined;
    let sentAt: string | null = null;
    const file = formData.get("eml");
    if (file instanceof File && file.size > 0 && interview) {
      try {
        const email = await parseEml(Buffer.from(await file.arrayBuffer()));
        headers = email.headers;
        sentAt = email.date;
        // What the message says wins over the typed fields: its sender, its Date, its own words.
        fields = {
          ...form,
          channel: "email",
          sender: email.from.address ?? form.sender ?? "",
          subject: email.subject || form.subject || "",
          // Stored whole: the scorer and this page set quotes and signature aside. A thread over the
          // limit loses its end, the oldest history; the candidate's own words come first.
          body: (email.text || form.body || "").slice(0, MAX_FOLLOW_UP_BODY_CHARS),
          receivedAt: email.date ? utcToZoned(email.date, user.timeZone) : (form.receivedAt ?? ""),
        };
      } catch (error) {
        if (error instanceof EmlError) return failed({ eml: [error.message] });
        throw error;
      }
    }
    const parsed = LogFollowUpSchema.safeParse(fields);
    if (!parsed.success) return failed(fieldErrors(parsed.error));
    const result = await storeOnce(user, form.formKey, "follow_up", (db) =>
      logFollowUp(db, user, { ...parsed.data, headers, sentAt }),
    );
    if (!result.ok) return failed({ [result.field]: [result.message] });
    return {
      intent: "log-follow-up",
      target: String(form.interviewId),
      values: {},
      errors: {},
      done: result.repeated
        ? "Follow-up logged and scored (the form was sent twice; it is stored once)."
        : "Follow-up logged and scored.",
    };
  }
  throw new Response("Unknown action.", { status: 400 });
}

/** A write made once per form key (a form without one, from an old page or a script, is written as it comes). */
function storeOnce(
  user: Awaited<ReturnType<typeof requireUser>>,
  key: string | undefined,
  entity: "interview" | "follow_up",
  write: Parameters<typeof oncePerKey>[4],
): Promise<OnceResult> {
  const valid = key && /^[\w-]{8,100}$/.test(key);
  return valid ? oncePerKey(getDb(), user, key, entity, write) : write(getDb());
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionResult = {
  intent: string;
  target: string;
  values: Record<string, unknown>;
  errors: Record<string, string[]>;
  done?: string;
};

export default function CandidatePage() {
  const {
    candidate,
    applications,
    now,
    canLog,
    canLogFollowUps,
    canEdit,
    canDelete,
    canSelfIdentify,
    canReview,
    canExportData,
    timeline,
  } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <Link to="/candidates" className="text-sm">
          ← All candidates
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="mt-1 text-2xl font-semibold">{candidate.name}</h1>
          <div className="flex flex-wrap gap-2">
            {timeline ? (
              <a href="#timeline" className="btn-secondary">
                Timeline
              </a>
            ) : null}
            <a href={`/candidates/${candidate.id}/export.csv`} className="btn-secondary" download>
              Download record (CSV)
            </a>
            {canExportData ? (
              <Link to={`/candidates/${candidate.id}/data`} className="btn-secondary">
                All data held
              </Link>
            ) : null}
            {canEdit ? (
              <Link to={`/candidates/${candidate.id}/edit`} className="btn-secondary">
                Edit
              </Link>
            ) : null}
            {canSelfIdentify ? (
              <Link to={`/candidates/${candidate.id}/self-identification`} className="btn-secondary">
                Self-identification
              </Link>
            ) : null}
            {canDelete ? (
              <Link to={`/candidates/${candidate.id}/delete`} className="btn-secondary text-red-800">
                Delete…
              </Link>
            ) : null}
          </div>
        </div>
        <p className="break-words text-sm text-slate-600">
          {[candidate.email, candidate.phone, candidate.source && `Source: ${candidate.source}`]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </div>
      {applications.length === 0 ? (
        <p className="card text-sm text-slate-700">
          {candidate.name} has no applications yet, so there are no interviews or follow-ups to show.
        </p>
      ) : null}
      {applications.map((a) => (
        <section key={a.id} className="card space-y-4" aria-labelledby={`application-${a.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <h2 id={`application-${a.id}`} className="text-lg font-semibold">
                {a.title} <span className="font-normal text-slate-600">at {a.client}</span>
              </h2>
              <p className="text-sm text-slate-600">
                Stage: {STAGE_LABELS[a.stage]} · Outcome: {OUTCOME_LABELS[a.outcome]}
                {a.outcomeOn ? ` (${formatDay(a.outcomeOn)})` : ""}
                {a.recruiter ? ` · Recruiter: ${a.recruiter}` : ""}
              </p>
            </div>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
              <Figure label="Follow-up rate" value={a.followUpRate} />
              <Figure label="Median latency" value={a.medianLatency} />
              <Figure label="Best / mean score" value={`${a.bestScore} / ${a.meanScore}`} />
              <Figure label="Follows up" value={a.behaviour ?? "—"} />
            </dl>
          </div>
          {a.interviews.length === 0 ? (
            <p className="text-sm text-slate-600">No interviews logged for this application yet.</p>
          ) : null}
          <ol className="space-y-4">
            {a.interviews.map((i) => (
              <InterviewItem
                key={i.id}
                interview={i}
                now={now}
                canLog={canLogFollowUps}
                canEdit={canLog}
                canReview={canReview}
              />
            ))}
          </ol>
          {canLog ? <LogInterviewForm applicationId={a.id} stage={a.stage} /> : null}
        </section>
      ))}
      {timeline ? <Timeline entries={timeline.entries} timeZone={timeline.timeZone} /> : null}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}

/** Who did what to this candidate, oldest first, in words with links to what still exists. */
function Timeline({ entries, timeZone }: { entries: TimelineEntry[]; timeZone: string }) {
  return (
    <section className="card scroll-mt-4 space-y-3" aria-labelledby="timeline">
      <div>
        <h2 id="timeline" className="text-lg font-semibold">
          Timeline
        </h2>
        <p className="text-sm text-slate-600">Oldest first. Times in {timeZone}.</p>
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4" data-testid="timeline">
          {entries.map((e, k) => {
            const actor = e.actor ?? (/^[a-z]/.test(e.text) ? "Someone" : null);
            const sentence = (
              <>
                {actor ? <span className="font-medium">{actor}</span> : null}
                {actor ? " " : ""}
                {e.text}
              </>
            );
            return (
              <li key={k} className="text-sm" data-kind={e.kind}>
                <time dateTime={e.at} className="block text-xs text-slate-600">
                  {e.when}
                </time>
                {e.href ? (
                  <Link to={e.href} className="text-slate-900 no-underline hover:underline">
                    {sentence}
                  </Link>
                ) : (
                  <span className="text-slate-900">{sentence}</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function InterviewItem({
  interview: i,
  now,
  canLog,
  canEdit,
  canReview,
}: {
  interview: Loaded["applications"][number]["interviews"][number];
  now: string;
  canLog: boolean;
  canEdit: boolean;
  canReview: boolean;
}) {
  return (
    <li
      id={`interview-${i.id}`}
      className="scroll-mt-4 rounded-md border border-slate-200 p-3"
      aria-label={`Interview round ${i.round} with ${i.interviewer}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-medium">
            Round {i.round}
            {i.title ? ` (${i.title})` : ""}: {i.format} interview with {i.interviewer}
          </h3>
          <p className="text-sm text-slate-600">{i.when}</p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <div data-testid={`interview-status-${i.id}`}>
            <FollowUpStatus status={i.status} serverNow={now} />
          </div>
          {canEdit ? (
            <RowActions
              editTo={`/interviews/${i.id}/edit`}
              deleteTo={`/interviews/${i.id}/delete`}
              what={`round ${i.round} interview with ${i.interviewer}`}
            />
          ) : null}
        </div>
      </div>
      {i.latencyExemptReason !== null ? (
        <p className="mt-2 text-sm text-violet-900" data-testid={`latency-exempt-${i.id}`}>
          <span className="font-medium">Latency not applicable: </span>
          {i.latencyExemptReason}. Left out of every latency figure and the score&apos;s timing part.
        </p>
      ) : null}
      {i.notes ? (
        <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">
          <span className="font-medium">Notes: </span>
          {i.notes}
        </p>
      ) : null}
      {i.followUps.map((f, index) => (
        <article
          key={f.id}
          id={`follow-up-${f.id}`}
          className="mt-3 scroll-mt-4 rounded-md bg-slate-50 p-3"
          aria-label={`Follow-up ${index + 1}`}
        >
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{index === 0 ? "Follow-up" : `Follow-up ${index + 1}`}</span>
            <span className="text-slate-600">
              {CHANNEL_LABELS[f.channel]} · received {f.received}
              {f.latency === null
                ? ""
                : ` · ${f.latency} after the interview (${f.businessLatency} of working time)`}
            </span>
            {f.window && f.windowLabel ? <WindowBadge window={f.window} label={f.windowLabel} /> : null}
            {canLog ? (
              <span className="ml-auto">
                <RowActions
                  editTo={`/follow-ups/${f.id}/edit`}
                  deleteTo={`/follow-ups/${f.id}/delete`}
                  what={`follow-up received ${f.received}`}
                />
              </span>
            ) : null}
          </div>
          {f.subject ? <p className="mt-2 break-words text-sm font-medium">Subject: {f.subject}</p> : null}
          <div className="mt-1" data-testid="scored-message">
            {f.ownText ? (
              <HighlightedText text={f.ownText} parts={f.parts} />
            ) : (
              <p className="text-sm italic text-slate-600">
                No words of the candidate's own: everything in this message was set aside.
              </p>
            )}
          </div>
          {f.setAside.length ? <SetAsideParts parts={f.setAside} /> : null}
          {f.score != null ? (
            <div className="mt-3 border-t border-slate-200 pt-3">
              <ScoreBreakdown total={f.score} parts={f.parts} />
              <p className="mt-2 text-xs text-slate-500">
                Scorer version {f.scorerVersion}. Scores advise; they never decide.
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid={`review-${f.id}`}>
                {f.review ? (
                  <span className={f.review.override ? "text-amber-900" : "text-emerald-900"}>
                    <span className="font-medium">Reviewed · {f.review.words}</span> by {f.review.reviewer},{" "}
                    {f.review.at}
                    {f.review.reason ? `: “${f.review.reason}”` : ""}
                    {f.review.stale ? " (the score has changed since)" : ""}
                  </span>
                ) : (
                  <span className="text-slate-600">Not reviewed by a person yet.</span>
                )}
                {canReview ? (
                  <Link
                    to={`/follow-ups/${f.id}/review`}
                    className="btn-secondary px-2 py-1"
                    aria-label={`Review the score of the follow-up received ${f.received}`}
                  >
                    {f.review ? "Review again" : "Review score"}
                  </Link>
                ) : null}
              </div>
            </div>
          ) : null}
        </article>
      ))}
      {i.mailIn ? (
        <CopyAddress address={i.mailIn} />
      ) : i.mailInHint ? (
        <p className="mt-3 text-sm text-slate-700">
          No mail-in address: it cannot receive mail yet. <Link to="/settings#mail-in">Set up mail-in</Link>
        </p>
      ) : null}
      {canLog ? <LogFollowUpForm interviewId={i.id} endsLocal={i.endsLocal} timeZone={i.timeZone} /> : null}
    </li>
  );
}

/** Edit and delete links for one interview or follow-up; `what` names it for screen readers. */
function RowActions({ editTo, deleteTo, what }: { editTo: string; deleteTo: string; what: string }) {
  return (
    <span className="flex gap-2 text-sm">
      <Link to={editTo} className="btn-secondary px-2 py-1" aria-label={`Edit ${what}`}>
        Edit
      </Link>
      <Link to={deleteTo} className="btn-secondary px-2 py-1 text-red-800" aria-label={`Delete ${what}`}>
        Delete…
      </Link>
    </span>
  );
}

/** What the scorer left out of a message, collapsed, so that a person can check it. */
function SetAsideParts({ parts }: { parts: { label: string; text: string }[] }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-slate-700">Set aside ({parts.length}): not scored</summary>
      <ul className="mt-2 space-y-2">
        {parts.map((p, k) => (
          <li key={k}>
            <span className="text-xs font-medium text-slate-600">{p.label}</span>
            <div className="mt-0.5 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white px-2 py-1.5 text-xs leading-relaxed text-slate-600">
              {p.text}
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}

function useFormResult(intent: string, target: string) {
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const mine = result?.intent === intent && result.target === target ? result : undefined;
  const value = (name: string) =>
    typeof mine?.values[name] === "string" ? (mine.values[name] as string) : undefined;
  return {
    errors: mine?.errors ?? {},
    value,
    done: mine?.done,
    failed: Boolean(mine && Object.keys(mine.errors).length),
  };
}

function LogInterviewForm({ applicationId, stage }: { applicationId: number; stage: Stage }) {
  const { defaultTimeZone, timeZones, formKey } = useLoaderData<typeof loader>();
  const { errors, value, done, failed } = useFormResult("log-interview", String(applicationId));
  const busy = useNavigation().formData?.get("applicationId") === String(applicationId);
  return (
    <details className="rounded-md border border-dashed border-slate-300 p-3" open={failed}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">Log an interview</summary>
      <FormNotice>{done}</FormNotice>
      {/* Keyed on the page's form key: once stored, the page revalidates with a new key and the form empties. */}
      <Form key={formKey} method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="log-interview" />
        <input type="hidden" name="applicationId" value={applicationId} />
        <FormKeyInput formKey={`${formKey}-i${applicationId}`} />
        <InterviewFields
          value={value}
          errors={errors}
          timeZones={timeZones}
          defaultTimeZone={defaultTimeZone}
        />
        <MoveToStageField current={stage} value={value("moveToStage")} errors={errors.moveToStage} />
        <FormAlert>{[errors.applicationId, errors.form].flat().filter(Boolean).join(" ")}</FormAlert>
        <div className="sm:col-span-2">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Saving…" : "Log interview"}
          </button>
        </div>
      </Form>
    </details>
  );
}

function LogFollowUpForm({
  interviewId,
  endsLocal,
  timeZone,
}: {
  interviewId: number;
  endsLocal: string;
  timeZone: string;
}) {
  const { formKey } = useLoaderData<typeof loader>();
  const { errors, value, done, failed } = useFormResult("log-follow-up", String(interviewId));
  const busy = useNavigation().formData?.get("interviewId") === String(interviewId);
  return (
    <details className="mt-3" open={failed}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">Log a follow-up</summary>
      <FormNotice>{done}</FormNotice>
      <Form
        key={formKey}
        method="post"
        encType="multipart/form-data"
        className="mt-3 grid gap-3 sm:grid-cols-3"
        noValidate
      >
        <input type="hidden" name="intent" value="log-follow-up" />
        <input type="hidden" name="interviewId" value={interviewId} />
        <FormKeyInput formKey={`${formKey}-f${interviewId}`} />
        <FollowUpFields value={value} errors={errors} timeZone={timeZone} endsLocal={endsLocal} withUpload />
        <FormAlert>{[errors.interviewId, errors.form].flat().filter(Boolean).join(" ")}</FormAlert>
        <div className="sm:col-span-3">
          <button type="submit" className="btn" disabled={busy}>
            {busy ? "Scoring…" : "Log follow-up"}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
