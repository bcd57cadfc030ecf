import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, SelectField, TextAreaField } from "~/components/form-fields";
import { FollowUpStatus, WindowBadge } from "~/components/follow-up-status";
import { HighlightedText, ScoreBreakdown } from "~/components/score-breakdown";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { candidatesOfFollowUps, getCandidateRecord } from "~/data/candidates.server";
import { logFollowUp, logInterview } from "~/data/interviews.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import { fieldErrors, LogFollowUpSchema, LogInterviewSchema, MAX_FOLLOW_UP_BODY_CHARS } from "~/core/schemas";
import { formatDateTime, formatDay, formatMinutes, formatPercent } from "~/core/format";
import { interviewStatus } from "~/core/latency";
import { utcToZoned } from "~/core/time";
import { formValues, idOr404 } from "~/core/params";
import { EmlError, MAX_EML_BYTES, parseEml } from "~/intake/eml.server";
import { mailInAddress, mailInDomain } from "~/intake/smtp.server";
import { CopyAddress } from "~/components/copy-address";
import { FoldChoice } from "~/components/fold-choice";
import { BEHAVIOUR_LABELS } from "~/core/behaviours";
import { CHANNEL_LABELS, CHANNELS } from "~/core/channels";
import { INTERVIEW_FORMAT_LABELS, INTERVIEW_FORMATS } from "~/core/interview-formats";
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
  // A near-copy's evidence names the other candidate's follow-up: link to it.
  const partsOf = new Map(
    record.followUps.map((f) => [f.id, (f.score_parts ? decodeScoreParts(f.score_parts) : null) ?? []]),
  );
  const copied = [...partsOf.values()].flatMap((parts) =>
    parts.flatMap((p) => p.evidence.flatMap((e) => (e.followUpId === undefined ? [] : [e.followUpId]))),
  );
  const candidateOf = await candidatesOfFollowUps(getDb(), user, copied);
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
          when: formatDateTime(i.starts_at, i.time_zone),
          endsLocal: utcToZoned(i.ends_at, i.time_zone),
          timeZone: i.time_zone,
          interviewer: i.interviewer_name,
          // Forward or BCC the candidate's message here to log it (app/intake/smtp.server.ts).
          mailIn:
            i.mail_token && can(user, "follow-ups:write")
              ? mailInAddress(i.mail_token, mailInDomain(request.url))
              : null,
          format: i.format,
          round: i.round,
          title: i.title,
          notes: can(user, "interview-notes:read") ? i.notes : "",
          status:
            status.kind === "awaiting"
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
                received: formatDateTime(f.received_at, i.time_zone),
                channel: f.channel,
                sender: f.sender,
                subject: f.subject,
                ownText: own.text,
                setAside: own.setAside.map((p) => ({ label: SET_ASIDE_LABELS[p.kind], text: p.text })),
                window: f.window,
                windowLabel: f.window ? windowLabel(f.window, settings.windows) : null,
                latency: formatMinutes(f.latency_minutes),
                businessLatency: formatMinutes(f.business_latency_minutes),
                score: f.score == null ? null : Math.round(f.score),
                scorerVersion: f.scorer_version,
                parts: withLinks(partsOf.get(f.id) ?? []),
              };
            }),
        };
      }),
  }));

  return {
    now: now.toISOString(),
    candidate: record.candidate,
    applications,
    canLog: can(user, "interviews:write"),
    canEdit: can(user, "candidates:write"),
    canDelete: can(user, "candidates:delete"),
    defaultTimeZone: record.interviews.at(-1)?.time_zone ?? "America/New_York",
    timeZones: Intl.supportedValuesOf("timeZone"),
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
    if (!parsed.success) return failed(fieldErrors(parsed.error));
    const result = await logInterview(getDb(), user, parsed.data);
    if (!result.ok) return failed({ [result.field]: [result.message] });
    return {
      intent: "log-interview",
      target: String(form.applicationId),
      values: {},
      errors: {},
      done: "Interview logged.",
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
          receivedAt: email.date ? utcToZoned(email.date, interview.time_zone) : (form.receivedAt ?? ""),
        };
      } catch (error) {
        if (error instanceof EmlError) return failed({ eml: [error.message] });
        throw error;
      }
    }
    const parsed = LogFollowUpSchema.safeParse(fields);
    if (!parsed.success) return failed(fieldErrors(parsed.error));
    const result = await logFollowUp(getDb(), user, { ...parsed.data, headers, sentAt });
    if (!result.ok) return failed({ [result.field]: [result.message] });
    return {
      intent: "log-follow-up",
      target: String(form.interviewId),
      values: {},
      errors: {},
      done: "Follow-up logged and scored.",
    };
  }
  throw new Response("Unknown action.", { status: 400 });
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
  const { candidate, applications, now, canLog, canEdit, canDelete } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <Link to="/candidates" className="text-sm">
          ← All candidates
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h1 className="mt-1 text-2xl font-semibold">{candidate.name}</h1>
          <div className="flex gap-2">
            <a href={`/candidates/${candidate.id}/export.csv`} className="btn-secondary" download>
              Download record (CSV)
            </a>
            {canEdit ? (
              <Link to={`/candidates/${candidate.id}/edit`} className="btn-secondary">
                Edit
              </Link>
            ) : null}
            {canDelete ? (
              <Link to={`/candidates/${candidate.id}/delete`} className="btn-secondary text-red-800">
                Delete…
              </Link>
            ) : null}
          </div>
        </div>
        <p className="text-sm text-slate-600">
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
                Stage: {a.stage} · Outcome: {a.outcome}
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
              <InterviewItem key={i.id} interview={i} now={now} canLog={canLog} />
            ))}
          </ol>
          {canLog ? <LogInterviewForm applicationId={a.id} /> : null}
        </section>
      ))}
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

function InterviewItem({
  interview: i,
  now,
  canLog,
}: {
  interview: Loaded["applications"][number]["interviews"][number];
  now: string;
  canLog: boolean;
}) {
  return (
    <li
      className="rounded-md border border-slate-200 p-3"
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
        <div data-testid={`interview-status-${i.id}`}>
          <FollowUpStatus status={i.status} serverNow={now} />
        </div>
      </div>
      {i.notes ? (
        <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">
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
              {CHANNEL_LABELS[f.channel]} · received {f.received} · {f.latency} after the interview (
              {f.businessLatency} of working time)
            </span>
            {f.window && f.windowLabel ? <WindowBadge window={f.window} label={f.windowLabel} /> : null}
          </div>
          {f.subject ? <p className="mt-2 text-sm font-medium">Subject: {f.subject}</p> : null}
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
            </div>
          ) : null}
        </article>
      ))}
      {i.mailIn ? <CopyAddress address={i.mailIn} /> : null}
      {canLog ? <LogFollowUpForm interviewId={i.id} endsLocal={i.endsLocal} timeZone={i.timeZone} /> : null}
    </li>
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

function LogInterviewForm({ applicationId }: { applicationId: number }) {
  const { defaultTimeZone, timeZones } = useLoaderData<typeof loader>();
  const { errors, value, done, failed } = useFormResult("log-interview", String(applicationId));
  const busy = useNavigation().formData?.get("applicationId") === String(applicationId);
  return (
    <details className="rounded-md border border-dashed border-slate-300 p-3" open={failed}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">Log an interview</summary>
      <FormNotice>{done}</FormNotice>
      <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2" noValidate>
        <input type="hidden" name="intent" value="log-interview" />
        <input type="hidden" name="applicationId" value={applicationId} />
        <Field
          label="Interviewer"
          name="interviewerName"
          defaultValue={value("interviewerName")}
          errors={errors.interviewerName}
        />
        <Field
          label="Interviewer email (optional)"
          name="interviewerEmail"
          type="email"
          defaultValue={value("interviewerEmail")}
          errors={errors.interviewerEmail}
        />
        <Field
          label="Started"
          name="startsAt"
          type="datetime-local"
          defaultValue={value("startsAt")}
          errors={errors.startsAt}
        />
        <Field
          label="Ended"
          name="endsAt"
          type="datetime-local"
          defaultValue={value("endsAt")}
          errors={errors.endsAt}
        />
        <FoldChoice
          name="startsAt"
          value={value("startsAt")}
          timeZone={value("timeZone")}
          chosen={value("startsAtFold")}
        />
        <FoldChoice
          name="endsAt"
          value={value("endsAt")}
          timeZone={value("timeZone")}
          chosen={value("endsAtFold")}
        />
        <SelectField
          label="Time zone of those times"
          name="timeZone"
          options={timeZones.map((z) => ({ value: z, label: z }))}
          defaultValue={value("timeZone") ?? defaultTimeZone}
          errors={errors.timeZone}
        />
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            label="Format"
            name="format"
            options={INTERVIEW_FORMATS.map((f) => ({ value: f, label: INTERVIEW_FORMAT_LABELS[f] }))}
            defaultValue={value("format") ?? "video"}
            errors={errors.format}
          />
          <Field
            label="Round"
            name="round"
            type="number"
            min={1}
            defaultValue={value("round") ?? "1"}
            errors={errors.round}
          />
        </div>
        <TextAreaField
          className="sm:col-span-2"
          label="Notes: what was discussed"
          name="notes"
          rows={3}
          hint="The scorer compares follow-ups with these notes to judge how specific they are."
          defaultValue={value("notes")}
          errors={errors.notes}
        />
        <FormAlert>{errors.applicationId?.join(" ")}</FormAlert>
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
  const { errors, value, done, failed } = useFormResult("log-follow-up", String(interviewId));
  const busy = useNavigation().formData?.get("interviewId") === String(interviewId);
  return (
    <details className="mt-3" open={failed}>
      <summary className="cursor-pointer text-sm font-medium text-indigo-800">Log a follow-up</summary>
      <FormNotice>{done}</FormNotice>
      <Form method="post" encType="multipart/form-data" className="mt-3 grid gap-3 sm:grid-cols-3" noValidate>
        <input type="hidden" name="intent" value="log-follow-up" />
        <input type="hidden" name="interviewId" value={interviewId} />
        <Field
          className="sm:col-span-3"
          label="Upload the message as an .eml file"
          name="eml"
          type="file"
          accept=".eml,message/rfc822"
          hint="Sender, time and text are read from the file. Or fill in the fields below by hand."
          errors={errors.eml}
        />
        <Field
          label={`Received (${timeZone})`}
          name="receivedAt"
          type="datetime-local"
          min={endsLocal}
          defaultValue={value("receivedAt")}
          errors={errors.receivedAt}
        />
        <FoldChoice
          name="receivedAt"
          value={value("receivedAt")}
          timeZone={timeZone}
          chosen={value("receivedAtFold")}
        />
        <SelectField
          label="Channel"
          name="channel"
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          defaultValue={value("channel") ?? "email"}
          errors={errors.channel}
        />
        <Field
          label="Sender (optional)"
          name="sender"
          defaultValue={value("sender")}
          errors={errors.sender}
        />
        <Field
          className="sm:col-span-3"
          label="Subject (optional)"
          name="subject"
          defaultValue={value("subject")}
          errors={errors.subject}
        />
        <TextAreaField
          className="sm:col-span-3"
          label="Message"
          name="body"
          rows={6}
          defaultValue={value("body")}
          errors={errors.body}
        />
        <FormAlert>{errors.interviewId?.join(" ")}</FormAlert>
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
