// A candidate's timeline: what happened to them and who did it, in time order, in words. Built from
// the rows' own times (interviews held, follow-ups received) and the audit log's entries about the
// candidate (audit_log.candidate_id, migration 0019), which still describe rows since deleted.
import type { Db } from "../../db/schema";
import {
  FOLLOW_UP_FIELDS,
  INTERVIEW_FIELDS,
  changedFields,
  channelLabel,
  importSource,
  interviewName,
  list,
  outcomeLabel,
  parseDetail,
  stageLabel,
} from "../core/audit-words";
import { CHANNEL_LABELS } from "../core/channels";
import { formatDateTime, formatMinutes } from "../core/format";
import type { getCandidateRecord } from "./candidates.server";
import type { Viewer } from "./scope.server";

type CandidateRecord = NonNullable<Awaited<ReturnType<typeof getCandidateRecord>>>;

export interface TimelineEntry {
  /** ISO instant, for ordering; `when` is it in words. */
  at: string;
  when: string;
  /** Who did it: a person's name, or null for what happened by itself (a message received). */
  actor: string | null;
  text: string;
  href: string | null;
  kind: "interview" | "follow-up" | "application" | "candidate" | "import";
}

/** How long after an import's rows were made its audit entry may be written (scoring comes between). */
const IMPORT_SLACK_MS = 30 * 60_000;

/**
 * The candidate's timeline, oldest first, within what the viewer sees of them (`record`, from
 * getCandidateRecord): entries about applications, interviews and follow-ups outside it are left out.
 * Times are shown in `timeZone`, named.
 */
export async function candidateTimeline(
  db: Db,
  viewer: Viewer,
  record: CandidateRecord,
  timeZone: string,
): Promise<TimelineEntry[]> {
  const { candidate } = record;
  const when = (iso: string) => formatDateTime(iso, timeZone);
  const applications = new Map(record.applications.map((a) => [a.id, a]));
  const interviews = new Map(record.interviews.map((i) => [i.id, i]));
  const followUps = new Map(record.followUps.map((f) => [f.id, f]));
  const positionOf = (applicationId: unknown) =>
    typeof applicationId === "number" ? applications.get(applicationId)?.position_title : undefined;
  const inPosition = (applicationId: number) => {
    const title = positionOf(applicationId);
    return title ? ` for ${title}` : "";
  };

  const audit = await db
    .selectFrom("audit_log as l")
    .leftJoin("users as u", "u.id", "l.user_id")
    .select(["l.id", "l.action", "l.entity", "l.entity_id", "l.detail", "l.created_at", "u.name as actor"])
    .where("l.organization_id", "=", viewer.organization_id)
    .where("l.candidate_id", "=", candidate.id)
    .orderBy("l.created_at")
    .orderBy("l.id")
    .execute();

  const entries: TimelineEntry[] = [];
  const add = (e: Omit<TimelineEntry, "when">) => entries.push({ ...e, when: when(e.at) });

  // What happened by itself: interviews held, messages received.
  for (const i of record.interviews) {
    add({
      at: i.starts_at,
      actor: null,
      kind: "interview",
      href: `#interview-${i.id}`,
      text: `${interviewName(i).replace(/^the/, "The")}${inPosition(i.application_id)} took place.`,
    });
  }
  for (const f of record.followUps) {
    const parts = [
      `${CHANNEL_LABELS[f.channel]} follow-up received`,
      f.latency_minutes == null ? null : `${formatMinutes(f.latency_minutes)} after the interview`,
      f.score == null ? null : `scored ${Math.round(f.score)}`,
    ].filter(Boolean);
    add({
      at: f.received_at,
      actor: null,
      kind: "follow-up",
      href: `#follow-up-${f.id}`,
      text: `${parts.join(", ")}.`,
    });
  }

  const created = new Set<string>();
  for (const row of audit) {
    const detail = parseDetail(row.detail);
    const base = { at: row.created_at, actor: row.actor };
    if (row.action === "create") created.add(`${row.entity}:${row.entity_id}`);
    if (row.entity === "interview" && row.entity_id != null) {
      const i = interviews.get(row.entity_id);
      const applicationId = i?.application_id ?? (detail.applicationId as number | undefined);
      // Another position's interview, not visible to this viewer.
      if (!i && (applicationId === undefined || !applications.has(applicationId))) continue;
      const href = i ? `#interview-${i.id}` : null;
      if (row.action === "create") {
        add({
          ...base,
          kind: "interview",
          href,
          text: i
            ? `logged ${interviewName(i)}${inPosition(i.application_id)}.`
            : "logged an interview, since deleted.",
        });
      } else if (row.action === "update" && detail.change === "latency_exempt") {
        const name = i ? interviewName(i) : "an interview";
        add({
          ...base,
          kind: "interview",
          href,
          text: detail.exempt
            ? `marked the latency of ${name} not applicable.`
            : `counted the latency of ${name} again.`,
        });
      } else if (row.action === "update") {
        add({
          ...base,
          kind: "interview",
          href,
          text: `corrected ${i ? interviewName(i) : "an interview"}: ${changedFields(detail.changed, INTERVIEW_FIELDS, when)}.`,
        });
      } else if (row.action === "delete") {
        const name =
          typeof detail.round === "number" && typeof detail.format === "string"
            ? interviewName({
                round: detail.round,
                format: detail.format,
                interviewer_name: String(detail.interviewer ?? "someone"),
              })
            : "an interview";
        const n = Number(detail.followUps ?? 0);
        add({
          ...base,
          kind: "interview",
          href: null,
          text: `deleted ${name}${inPosition(applicationId!)}${n ? ` and its ${n === 1 ? "follow-up" : `${n} follow-ups`}` : ""}.`,
        });
      }
    } else if (row.entity === "follow_up" && row.entity_id != null) {
      const f = followUps.get(row.entity_id);
      const interviewId = f?.interview_id ?? (detail.interviewId as number | undefined);
      const applicationId =
        (interviewId !== undefined ? interviews.get(interviewId)?.application_id : undefined) ??
        (detail.applicationId as number | undefined);
      if (!f && (applicationId === undefined || !applications.has(applicationId))) continue;
      const href = f ? `#follow-up-${f.id}` : null;
      const received = f ? ` received ${when(f.received_at)}` : "";
      if (row.action === "create") {
        add({
          ...base,
          kind: "follow-up",
          href,
          text:
            detail.via === "mail-in"
              ? `The follow-up${received} arrived at the interview's mail-in address and was logged.`
              : f
                ? `logged the follow-up${received}.`
                : "logged a follow-up, since deleted.",
        });
      } else if (row.action === "review") {
        add({
          ...base,
          kind: "follow-up",
          href,
          text:
            detail.verdict === "override"
              ? `overrode the score of the follow-up${received}${typeof detail.reason === "string" ? `: “${detail.reason}”` : ""}.`
              : `agreed with the score of the follow-up${received}.`,
        });
      } else if (row.action === "update") {
        add({
          ...base,
          kind: "follow-up",
          href,
          text: `corrected the follow-up${received}: ${changedFields(detail.changed, FOLLOW_UP_FIELDS, when)}.`,
        });
      } else if (row.action === "delete") {
        const channel = channelLabel(detail.channel)?.toLowerCase();
        const at = typeof detail.receivedAt === "string" ? ` received ${when(detail.receivedAt)}` : "";
        add({
          ...base,
          kind: "follow-up",
          href: null,
          text: `deleted the ${channel ? `${channel} ` : ""}follow-up${at}${inPosition(applicationId!)}.`,
        });
      }
    } else if (row.entity === "application" && row.entity_id != null) {
      const a = applications.get(row.entity_id);
      if (!a) continue;
      const position = a.position_title;
      const base2 = { ...base, kind: "application" as const, href: `/applications/${a.id}` };
      if (row.action === "create")
        add({ ...base2, text: `added ${candidate.name} to the pipeline for ${position}.` });
      else if (row.action === "update") {
        const change = (k: string) => (detail[k] ?? {}) as { from?: unknown; to?: unknown };
        if (detail.change === "stage") {
          const { from, to } = change("stage");
          add({
            ...base2,
            text: `moved ${candidate.name} in ${position} from ${stageLabel(from)} to ${stageLabel(to)}.`,
          });
        } else if (detail.change === "outcome") {
          const { to } = change("outcome");
          add({
            ...base2,
            text: `recorded the outcome ${outcomeLabel(to)} for ${position}.`,
          });
        } else if (detail.change === "recruiter")
          add({ ...base2, text: `changed the recruiter for ${position}.` });
        else add({ ...base2, text: `updated the application for ${position}.` });
      }
    } else if (row.entity === "candidate") {
      const text =
        row.action === "create"
          ? `added ${candidate.name}.`
          : row.action === "update"
            ? `edited ${candidate.name}'s details.`
            : null;
      if (text) add({ ...base, kind: "candidate", href: null, text });
    }
  }

  // Rows made without an entry of their own were imported (or made by the demo): the import's entry says so.
  const imported = [
    ...record.interviews
      .filter((i) => !created.has(`interview:${i.id}`))
      .map((i) => ({ kind: "interview" as const, by: i.logged_by, at: i.created_at })),
    ...record.followUps
      .filter((f) => !created.has(`follow_up:${f.id}`))
      .map((f) => ({ kind: "follow-up" as const, by: f.logged_by, at: f.created_at })),
  ];
  const importers = [...new Set(imported.map((r) => r.by).filter((by): by is number => by != null))];
  const imports = importers.length
    ? await db
        .selectFrom("audit_log as l")
        .leftJoin("users as u", "u.id", "l.user_id")
        .select(["l.id", "l.entity", "l.user_id", "l.created_at", "u.name as actor"])
        .where("l.organization_id", "=", viewer.organization_id)
        .where("l.action", "=", "import")
        .where("l.user_id", "in", importers)
        .where("l.created_at", ">=", imported.map((r) => r.at).sort()[0])
        .where(
          "l.created_at",
          "<=",
          new Date(
            Date.parse(
              imported
                .map((r) => r.at)
                .sort()
                .at(-1)!,
            ) + IMPORT_SLACK_MS,
          ).toISOString(),
        )
        .orderBy("l.created_at")
        .execute()
    : [];
  const byImport = new Map<number, { interviews: number; followUps: number }>();
  for (const r of imported) {
    const match = imports.find(
      (e) =>
        e.user_id === r.by &&
        e.created_at >= r.at &&
        Date.parse(e.created_at) - Date.parse(r.at) <= IMPORT_SLACK_MS,
    );
    if (!match) continue;
    const tally = byImport.get(match.id) ?? { interviews: 0, followUps: 0 };
    if (r.kind === "interview") tally.interviews += 1;
    else tally.followUps += 1;
    byImport.set(match.id, tally);
  }
  for (const e of imports) {
    const tally = byImport.get(e.id);
    if (!tally) continue;
    const what = [
      tally.interviews ? `${tally.interviews} ${tally.interviews === 1 ? "interview" : "interviews"}` : null,
      tally.followUps ? `${tally.followUps} ${tally.followUps === 1 ? "follow-up" : "follow-ups"}` : null,
    ].filter((w): w is string => w !== null);
    const source = importSource(e.entity);
    add({
      at: e.created_at,
      actor: e.actor,
      kind: "import",
      href: null,
      text: `imported ${list(what)} of ${candidate.name} from ${source}.`,
    });
  }

  return entries.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}
