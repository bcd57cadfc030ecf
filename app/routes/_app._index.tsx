// Today: the home page of admins, recruiters and hiring managers. What needs them now: windows about
// to close, follow-ups that arrived since their last visit, and decided applications without an
// outcome, each with its action in place. Client viewers keep their report as home.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FIRST_STEPS, FirstSteps } from "~/components/first-steps";
import { Field, FormNotice, PageHeader, SelectField, TextAreaField } from "~/components/form-fields";
import { FollowUpStatus, WindowBadge, type StatusView } from "~/components/follow-up-status";
import { requireUser } from "~/auth/session.server";
import { can, requirePermission } from "~/auth/permissions.server";
import { getOrganizationSettings } from "~/data/organizations.server";
import {
  listAwaitingOutcome,
  listClosingSoon,
  listFollowUpsSince,
  markTodaySeen,
  organizationHasCandidates,
  type ClosingSoonRow,
} from "~/data/today.server";
import { CHANNEL_LABELS, CHANNELS } from "~/core/channels";
import { formatDateTime, formatDay } from "~/core/format";
import { OUTCOME_LABELS, OUTCOMES } from "~/core/outcomes";
import { SCORE_BAND_LABELS, statusViewModel } from "~/core/pipeline";
import { utcToZoned } from "~/core/time";
import { scoreBand } from "~/core/today";
import { windowLabel } from "~/core/windows";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Today · Followthrough" }];

/** Rows shown per list; the count says how many there are in all. */
const SHOWN = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A client viewer's home is their client's report (/reports sends them to it).
  if (user.role === "client_viewer") return redirect("/reports");
  requirePermission(user, "positions:read");
  const db = getDb();
  const now = new Date().toISOString();
  const firstRun = !(await organizationHasCandidates(db, user.organization_id));
  if (firstRun) {
    return {
      firstRun: true as const,
      steps: FIRST_STEPS.filter((s) => can(user, s.permission)).map(({ to, label, why }) => ({
        to,
        label,
        why,
      })),
    };
  }
  const { windows } = await getOrganizationSettings(db, user.organization_id);
  const since = await markTodaySeen(db, user.id, now);
  const [closing, followUps, outcomes] = await Promise.all([
    listClosingSoon(db, user, now, windows),
    listFollowUpsSince(db, user, since, SHOWN),
    listAwaitingOutcome(db, user, SHOWN),
  ]);
  const closingRow = (r: ClosingSoonRow) => ({
    id: r.id,
    candidate: r.candidate_name,
    candidateId: r.candidate_id,
    position: r.position_title,
    interviewer: r.interviewer_name,
    round: r.round,
    endedAt: formatDateTime(r.ends_at, user.timeZone),
    timeZone: user.timeZone,
    endsLocal: utcToZoned(r.ends_at, user.timeZone),
    nowLocal: utcToZoned(now, user.timeZone),
    status: statusViewModel(
      { endsAt: r.ends_at, firstFollowUpAt: null, window: null, latencyMinutes: null },
      now,
      windows,
    ) as StatusView,
  });
  return {
    firstRun: false as const,
    now,
    // A new key per load, sent with each follow-up form: where the candidate page's action stores a
    // form once per key, a double submit from here stores once too; once stored, the page reloads
    // its data with a new key.
    formKey: crypto.randomUUID(),
    since: formatDay(since, user.timeZone),
    today: utcToZoned(now, user.timeZone).slice(0, 10),
    canLogFollowUp: can(user, "follow-ups:write"),
    canSetOutcome: can(user, "applications:write"),
    seesTeam: user.role !== "hiring_manager",
    closing: {
      total: closing.mine.length + closing.team.length,
      mine: { total: closing.mine.length, rows: closing.mine.slice(0, SHOWN).map(closingRow) },
      team: { total: closing.team.length, rows: closing.team.slice(0, SHOWN).map(closingRow) },
    },
    followUps: {
      total: followUps.total,
      rows: followUps.rows.map((f) => ({
        id: f.id,
        candidate: f.candidate_name,
        candidateId: f.candidate_id,
        position: f.position_title,
        receivedAt: formatDateTime(f.received_at, user.timeZone),
        score: f.score == null ? null : Math.round(f.score),
        band: SCORE_BAND_LABELS[scoreBand(f.score)],
        window: f.window,
        windowLabel: f.window ? windowLabel(f.window, windows) : null,
      })),
    },
    outcomes: {
      total: outcomes.total,
      rows: outcomes.rows.map((a) => ({
        id: a.id,
        candidate: a.candidate_name,
        candidateId: a.candidate_id,
        position: a.position_title,
        lastInterview: formatDay(a.last_interview_end, user.timeZone),
        followedUp: `${a.followed_up_count} of ${a.interview_count} interview${a.interview_count === 1 ? "" : "s"} followed up`,
        bestScore: a.best_score == null ? null : Math.round(a.best_score),
      })),
    },
  };
}

type Loaded = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { firstRun: false }>;

export default function Today() {
  const data = useLoaderData<typeof loader>();
  const dashboardLink = (
    <Link to="/dashboard" className="btn-secondary">
      Open the dashboard
    </Link>
  );
  if (data.firstRun) {
    return (
      <div className="space-y-5">
        <PageHeader title="Today" subtitle="Welcome to Followthrough." actions={dashboardLink} />
        <FirstSteps steps={data.steps} />
      </div>
    );
  }
  return (
    <div className="space-y-5">
      <PageHeader
        title="Today"
        subtitle="Who needs your attention now. The figures and charts are on the dashboard."
        actions={dashboardLink}
      />
      <ClosingSoon data={data} />
      <NewFollowUps data={data} />
      <AwaitingOutcome data={data} />
    </div>
  );
}

function Section({
  id,
  title,
  count,
  intro,
  children,
}: {
  id: string;
  title: string;
  count: number;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card space-y-3">
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {title}
          <span className="ml-2 whitespace-nowrap rounded-full bg-slate-100 px-2 py-0.5 align-middle text-sm font-medium tabular-nums text-slate-800">
            {count}
          </span>
        </h2>
        <p className="text-sm text-slate-600">{intro}</p>
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">{children}</p>;
}

/** "5 of 13 shown", with a link to a page that lists them all when there is one. */
function More({
  shown,
  total,
  link,
}: {
  shown: number;
  total: number;
  link?: { to: string; label: string };
}) {
  if (total <= shown) return null;
  return (
    <p className="text-sm text-slate-600">
      {shown} of {total} shown
      {link ? (
        <>
          : <Link to={link.to}>{link.label}</Link>
        </>
      ) : (
        "."
      )}
    </p>
  );
}

/** The action result of a form posted in place; each section's forms share one fetcher. */
type PostResult = { values?: Record<string, string>; errors?: Record<string, string[]>; done?: string };

/** The notice after a form of the section succeeded, naming whom it was for. */
function useDoneNotice(fetcher: ReturnType<typeof useFetcher<PostResult>>) {
  const [who, setWho] = useState("");
  const submitted = fetcher.formData?.get("todayLabel");
  useEffect(() => {
    if (typeof submitted === "string") setWho(submitted);
  }, [submitted]);
  return fetcher.state === "idle" && fetcher.data?.done ? `${who}: ${fetcher.data.done}` : null;
}

function ClosingSoon({ data }: { data: Loaded }) {
  const { closing } = data;
  const fetcher = useFetcher<PostResult>({ key: "today-follow-up" });
  const notice = useDoneNotice(fetcher);
  return (
    <Section
      id="closing"
      title="Windows closing soon"
      count={closing.total}
      intro="Interviews without a follow-up whose next window closes within 24 hours, soonest first."
    >
      <FormNotice>{notice}</FormNotice>
      {closing.total === 0 ? (
        <Empty>
          No window closes in the next 24 hours. Interviews appear here from the moment they are logged until
          their last window closes; the <Link to="/awaiting">Awaiting follow-up</Link> page lists every open
          one.
        </Empty>
      ) : (
        <>
          <ClosingList title="Mine" rows={closing.mine.rows} total={closing.mine.total} data={data} />
          {data.seesTeam ? (
            <ClosingList title="My team's" rows={closing.team.rows} total={closing.team.total} data={data} />
          ) : null}
        </>
      )}
    </Section>
  );
}

function ClosingList({
  title,
  rows,
  total,
  data,
}: {
  title: string;
  rows: Loaded["closing"]["mine"]["rows"];
  total: number;
  data: Loaded;
}) {
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">
        {title} <span className="font-normal tabular-nums text-slate-600">({total})</span>
      </h3>
      {rows.length === 0 ? (
        <Empty>
          {title === "Mine"
            ? "None of the interviews you logged, recruit for or manage has a window closing in the next 24 hours."
            : "Nothing else in your team closes in the next 24 hours."}
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {rows.map((row) => (
            <ClosingRow key={row.id} row={row} data={data} />
          ))}
        </ul>
      )}
      <More
        shown={rows.length}
        total={total}
        link={{ to: "/awaiting", label: "every interview awaiting a follow-up" }}
      />
    </div>
  );
}

function ClosingRow({ row, data }: { row: Loaded["closing"]["mine"]["rows"][number]; data: Loaded }) {
  const fetcher = useFetcher<PostResult>({ key: "today-follow-up" });
  const mine = fetcher.data?.values?.interviewId === String(row.id);
  const errors = mine ? (fetcher.data?.errors ?? {}) : {};
  const value = (name: string) => (mine ? fetcher.data?.values?.[name] : undefined);
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("interviewId") === String(row.id);
  const [open, setOpen] = useState(false);
  const formOpen = open;
  const formId = `log-follow-up-${row.id}`;
  return (
    <li className="space-y-2 p-3" data-testid={`closing-${row.id}`}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <Link to={`/candidates/${row.candidateId}`} className="font-medium">
            {row.candidate}
          </Link>
          <span className="block text-sm text-slate-700">
            {row.position} · round {row.round} with {row.interviewer}
          </span>
          <span className="block text-xs text-slate-600">Ended {row.endedAt}</span>
        </div>
        <div className="flex flex-col gap-2 sm:items-end">
          <FollowUpStatus status={row.status} serverNow={data.now} compact />
          <div className="flex flex-wrap gap-2">
            {data.canLogFollowUp ? (
              <button
                type="button"
                className="btn-secondary"
                aria-expanded={formOpen}
                aria-controls={formOpen ? formId : undefined}
                onClick={() => setOpen(!formOpen)}
              >
                Log follow-up<span className="sr-only"> from {row.candidate}</span>
              </button>
            ) : null}
            <Link to={`/candidates/${row.candidateId}`} className="btn-secondary">
              Open candidate<span className="sr-only"> {row.candidate}</span>
            </Link>
          </div>
        </div>
      </div>
      {data.canLogFollowUp && formOpen ? (
        <fetcher.Form
          id={formId}
          method="post"
          action={`/candidates/${row.candidateId}`}
          className="mt-2 grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2"
          noValidate
        >
          <input type="hidden" name="intent" value="log-follow-up" />
          <input type="hidden" name="interviewId" value={row.id} />
          <input type="hidden" name="todayLabel" value={row.candidate} />
          <input type="hidden" name="formKey" value={`${data.formKey}-today-f${row.id}`} />
          <input type="hidden" name="timeZone" value={row.timeZone} />
          <Field
            label={`Received (${row.timeZone})`}
            name="receivedAt"
            type="datetime-local"
            min={row.endsLocal}
            defaultValue={value("receivedAt") ?? row.nowLocal}
            errors={errors.receivedAt}
          />
          <SelectField
            label="Channel"
            name="channel"
            options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
            defaultValue={value("channel") ?? "email"}
            errors={errors.channel}
          />
          <TextAreaField
            className="sm:col-span-2"
            label="Message"
            name="body"
            rows={4}
            defaultValue={value("body")}
            errors={errors.body}
          />
          {errors.interviewId ? (
            <p role="alert" className="text-sm text-red-700 sm:col-span-2">
              {errors.interviewId.join(" ")}
            </p>
          ) : null}
          <div className="sm:col-span-2">
            <button type="submit" className="btn" disabled={busy}>
              {busy ? "Scoring…" : `Log ${row.candidate}'s follow-up`}
            </button>
          </div>
        </fetcher.Form>
      ) : null}
    </li>
  );
}

function NewFollowUps({ data }: { data: Loaded }) {
  const { followUps } = data;
  return (
    <Section
      id="new-follow-ups"
      title="Follow-ups since your last visit"
      count={followUps.total}
      intro={`Received since ${data.since}, newest first, with their scores. Scores advise; they never decide.`}
    >
      {followUps.total === 0 ? (
        <Empty>
          No follow-up has arrived since your last visit. They appear here as they are logged, imported or
          forwarded to an interview&apos;s mail-in address.
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {followUps.rows.map((f) => (
            <li key={f.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link to={`/candidates/${f.candidateId}#follow-up-${f.id}`} className="font-medium">
                  {f.candidate}
                </Link>
                <span className="block text-sm text-slate-700">{f.position}</span>
                <span className="block text-xs text-slate-600">Received {f.receivedAt}</span>
              </div>
              <div className="flex flex-wrap items-center gap-2 text-sm sm:justify-end">
                {f.window && f.windowLabel ? <WindowBadge window={f.window} label={f.windowLabel} /> : null}
                <span>
                  {f.score == null ? (
                    "Not scored yet"
                  ) : (
                    <>
                      Score <strong className="tabular-nums">{f.score}</strong>{" "}
                      <span className="text-slate-600">(band {f.band})</span>
                    </>
                  )}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <More shown={followUps.rows.length} total={followUps.total} />
    </Section>
  );
}

function AwaitingOutcome({ data }: { data: Loaded }) {
  const { outcomes } = data;
  const fetcher = useFetcher<PostResult>({ key: "today-outcome" });
  const notice = useDoneNotice(fetcher);
  return (
    <Section
      id="outcomes"
      title="Decided, no outcome yet"
      count={outcomes.total}
      intro="Every interview of these applications has its follow-up or its closed window, and the outcome is still pending. Longest waiting first."
    >
      <FormNotice>{notice}</FormNotice>
      {outcomes.total === 0 ? (
        <Empty>
          Every application whose interviews are decided has its outcome. Applications appear here once the
          last interview&apos;s follow-up arrives or its window closes.
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {outcomes.rows.map((a) => (
            <OutcomeRow key={a.id} row={a} data={data} />
          ))}
        </ul>
      )}
      <More shown={outcomes.rows.length} total={outcomes.total} />
    </Section>
  );
}

function OutcomeRow({ row, data }: { row: Loaded["outcomes"]["rows"][number]; data: Loaded }) {
  const fetcher = useFetcher<PostResult>({ key: "today-outcome" });
  const mine = fetcher.data?.values?.applicationId === String(row.id);
  const errors = mine ? (fetcher.data?.errors ?? {}) : {};
  const value = (name: string) => (mine ? fetcher.data?.values?.[name] : undefined);
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("applicationId") === String(row.id);
  return (
    <li
      className="flex flex-col gap-2 p-3 lg:flex-row lg:items-end lg:justify-between"
      data-testid={`outcome-${row.id}`}
    >
      <div className="min-w-0">
        <Link to={`/candidates/${row.candidateId}#application-${row.id}`} className="font-medium">
          {row.candidate}
        </Link>
        <span className="block text-sm text-slate-700">{row.position}</span>
        <span className="block text-xs text-slate-600">
          Last interview {row.lastInterview} · {row.followedUp}
          {row.bestScore == null ? "" : ` · best score ${row.bestScore}`}
        </span>
      </div>
      <div className="flex flex-wrap items-end gap-2 lg:justify-end">
        {data.canSetOutcome ? (
          <fetcher.Form
            method="post"
            action={`/applications/${row.id}?index`}
            className="flex flex-wrap items-end gap-2"
            noValidate
          >
            <input type="hidden" name="intent" value="outcome" />
            <input type="hidden" name="applicationId" value={row.id} />
            <input type="hidden" name="todayLabel" value={row.candidate} />
            <SelectField
              label="Outcome"
              name="outcome"
              className="w-36"
              options={OUTCOMES.filter((o) => o !== "pending").map((o) => ({
                value: o,
                label: OUTCOME_LABELS[o],
              }))}
              defaultValue={value("outcome") ?? "offer"}
              errors={errors.outcome}
            />
            <Field
              label="Decided on"
              name="outcomeOn"
              type="date"
              className="w-40"
              defaultValue={value("outcomeOn") ?? data.today}
              errors={errors.outcomeOn}
            />
            <button type="submit" className="btn" disabled={busy}>
              {busy ? "Saving…" : "Set outcome"}
              <span className="sr-only"> for {row.candidate}</span>
            </button>
          </fetcher.Form>
        ) : null}
        <Link to={`/candidates/${row.candidateId}#application-${row.id}`} className="btn-secondary">
          Open candidate<span className="sr-only"> {row.candidate}</span>
        </Link>
      </div>
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
