// Audit log entries in words, shared by the audit page and a candidate's timeline: the phrases
// ("corrected the follow-up: the channel", "from Pending to Offer") live here once. Pure: the names of
// what an entry is about are looked up by the caller (app/data) and passed in.
import { CHANNEL_LABELS, type Channel } from "./channels";
import { INTERVIEW_FORMAT_LABELS, type InterviewFormat } from "./interview-formats";
import { OUTCOME_LABELS, type Outcome } from "./outcomes";
import { SCORE_BAND_LABELS } from "./pipeline";
import { ROLE_LABELS, type Role } from "./roles";
import { PART_LABELS, type RubricPart } from "./rubric-parts";
import { STAGE_LABELS, type Stage } from "./stages";
import { WINDOW_LABELS, formatThreshold, type FollowUpWindow } from "./windows";

/** A piece of a sentence: plain words, or words linking to a page. */
export type Segment = string | { text: string; href: string };

export const INTERVIEW_FIELDS: Record<string, string> = {
  interviewer_name: "interviewer",
  interviewer_email: "interviewer email",
  starts_at: "start",
  ends_at: "end",
  time_zone: "time zone",
  format: "format",
  round: "round",
  notes: "notes",
};
export const FOLLOW_UP_FIELDS: Record<string, string> = {
  received_at: "received time",
  channel: "channel",
  sender: "sender",
  subject: "subject",
  body: "message",
};
const TIME_FIELDS = new Set(["starts_at", "ends_at", "received_at"]);

/** An entry's detail column as an object ({} when empty or not JSON). */
export function parseDetail(detail: string | null): Record<string, unknown> {
  if (!detail) return {};
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** "a", "a and b", "a, b and c". */
export function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "the round 2 video interview with Kim Lau". */
export function interviewName(i: {
  round: number;
  format: InterviewFormat | string;
  interviewer_name: string;
}) {
  const format = INTERVIEW_FORMAT_LABELS[i.format as InterviewFormat] ?? String(i.format);
  return `the round ${i.round} ${format.toLowerCase()} interview with ${i.interviewer_name}`;
}

/** The fields an interview's or follow-up's correction changed: "the channel and the start from … to …". */
export function changedFields(
  changed: unknown,
  labels: Record<string, string>,
  when: (iso: string) => string,
): string {
  const entries = changed && typeof changed === "object" ? Object.entries(changed) : [];
  return list(
    entries.map(([field, change]) => {
      const label = labels[field] ?? field.replace(/_/g, " ");
      const c = (change ?? {}) as { from?: unknown; to?: unknown };
      if (TIME_FIELDS.has(field) && typeof c.from === "string" && typeof c.to === "string")
        return `the ${label} from ${when(c.from)} to ${when(c.to)}`;
      return `the ${label}`;
    }),
  );
}

/** The Action filter's words for the log's action names; others read as the name with spaces. */
const ACTION_LABELS: Record<string, string> = {
  archive: "Archived",
  create: "Created",
  delete: "Deleted",
  import: "Imported",
  invite: "Invited",
  password: "Changed a password",
  erase: "Erased",
  rescore: "Rescored",
  review: "Reviewed a score",
  revoke: "Revoked",
  sign_in: "Signed in",
  update: "Changed",
};
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action.replace(/_/g, " ");

export const stageLabel = (s: unknown) => STAGE_LABELS[s as Stage] ?? String(s ?? "none");
export const outcomeLabel = (o: unknown) => OUTCOME_LABELS[o as Outcome] ?? String(o ?? "none");
export const channelLabel = (c: unknown) => CHANNEL_LABELS[c as Channel] as string | undefined;

/** An import's tally: "14 rows, 6 candidates, 9 interviews". */
export function importTally(detail: Record<string, unknown>): string {
  const count = (n: unknown, one: string, many: string) =>
    typeof n === "number" && n > 0 ? `${n} ${n === 1 ? one : many}` : null;
  const created = (detail.created ?? {}) as Record<string, unknown>;
  return [
    count(detail.rows, "row", "rows"),
    count(created.clients, "client", "clients"),
    count(created.positions, "position", "positions"),
    count(created.candidates, "candidate", "candidates"),
    count(created.interviews, "interview", "interviews"),
    count(created.followUps, "follow-up", "follow-ups"),
    count(detail.skippedBadRows, "row skipped", "rows skipped"),
  ]
    .filter((w): w is string => w !== null)
    .join(", ");
}

const SOURCE_WORDS: Record<string, string> = { csv: "a CSV file", ics: "a calendar file" };
/** What an import read from: "a CSV file", "a calendar file". */
export function importSource(entity: string): string {
  return SOURCE_WORDS[entity] ?? "a file";
}

function scalar(v: unknown): string {
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "boolean") return v ? "on" : "off";
  return String(v);
}

/** What a settings change changed: "best window 6 h → 4 h, working hours end 17:00 → 18:00". */
export function settingsChanges(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, Record<string, unknown>>;
  const a = (after ?? {}) as Record<string, Record<string, unknown>>;
  const words: string[] = [];
  for (const group of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const g1 = b[group] ?? {};
    const g2 = a[group] ?? {};
    for (const key of new Set([...Object.keys(g1), ...Object.keys(g2)])) {
      const x = g1[key];
      const y = g2[key];
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      if (group === "windows" && typeof x === "number" && typeof y === "number")
        words.push(
          `${(WINDOW_LABELS[key as FollowUpWindow] ?? key).toLowerCase()} window ${formatThreshold(x)} → ${formatThreshold(y)}`,
        );
      else if (group === "weights")
        words.push(`${PART_LABELS[key as RubricPart] ?? key} weight ${scalar(x)} → ${scalar(y)}`);
      else if (group === "workingHours")
        words.push(`working ${key === "days" ? "days" : `hours ${key}`} ${scalar(x)} → ${scalar(y)}`);
      else words.push(`${key.replace(/([A-Z])/g, " $1").toLowerCase()} ${scalar(x)} → ${scalar(y)}`);
    }
  }
  return words.join(", ");
}

/** What an entry is about, as the caller found it (null: not found, or deleted since). */
export interface AuditSubjects {
  candidate: { id: number; name: string } | null;
  position: { id: number; title: string } | null;
  application: { id: number } | null;
  interview: { round: number; format: string; interviewer_name: string } | null;
  user: { name: string } | null;
  client: { id: number; name: string } | null;
}

export interface AuditFacts {
  action: string;
  entity: string;
  entityId: number | null;
  detail: Record<string, unknown>;
}

const ENTITY_WORDS: Record<string, string> = {
  follow_up: "follow-up",
  interview: "interview",
  application: "application",
  candidate: "candidate",
  position: "position",
  client: "client",
  user: "user",
  share_link: "share link",
  settings: "settings",
  organization: "organization",
  organization_export: "organization export",
  inbound_message: "mail-in message",
  branding: "report branding",
  webhook_endpoint: "webhook endpoint",
};

const ACTION_WORDS: Record<string, string> = {
  create: "created",
  update: "updated",
  delete: "deleted",
  sign_in: "signed in to",
  rescore: "rescored",
  import: "imported",
  invite: "invited",
  revoke: "revoked",
  password: "changed the password of",
};

/**
 * An entry as the rest of a sentence after who did it ("logged a follow-up from Aisha Adams for
 * Inside Sales Representative."), with links to what still exists. Never raw JSON: an unknown action or
 * detail is worded generically from the action and entity.
 */
export function describeAudit(entry: AuditFacts, s: AuditSubjects, when: (iso: string) => string): Segment[] {
  const { action, entity, detail } = entry;
  const str = (k: string) => (typeof detail[k] === "string" ? (detail[k] as string) : null);
  const cand: Segment = s.candidate
    ? { text: s.candidate.name, href: `/candidates/${s.candidate.id}` }
    : (str("candidateName") ?? "a deleted candidate");
  const pos: Segment | null = s.position
    ? { text: s.position.title, href: `/positions/${s.position.id}` }
    : (str("positionTitle") ?? str("title"));
  const forPos = (p: Segment | null): Segment[] => (p ? [" for ", p] : []);
  const what = ENTITY_WORDS[entity] ?? entity.replace(/_/g, " ");

  if (entity === "follow_up") {
    const link = (text: string): Segment =>
      s.application ? { text, href: `/applications/${s.application.id}` } : text;
    if (!s.candidate && action === "create") return ["logged a follow-up, since deleted."];
    if (!s.candidate && action === "update") return ["corrected a follow-up, since deleted."];
    if (action === "create")
      return detail.via === "mail-in"
        ? ["received a ", link("follow-up"), " from ", cand, ...forPos(pos), " at its mail-in address."]
        : detail.via === "mailbox"
          ? ["received a ", link("follow-up"), " from ", cand, ...forPos(pos), " in a watched mailbox."]
          : ["logged a ", link("follow-up"), " from ", cand, ...forPos(pos), "."];
    if (action === "update")
      return [
        "corrected the ",
        link("follow-up"),
        " from ",
        cand,
        ...forPos(pos),
        `: ${changedFields(detail.changed, FOLLOW_UP_FIELDS, when) || "no change"}.`,
      ];
    if (action === "review") {
      const score = typeof detail.score === "number" ? ` (${detail.score})` : "";
      const band = SCORE_BAND_LABELS[detail.band as keyof typeof SCORE_BAND_LABELS];
      return detail.verdict === "override"
        ? [
            `overrode the score${score} of the `,
            link("follow-up"),
            " from ",
            cand,
            ...forPos(pos),
            `${band ? `: ${band}` : ""}${str("reason") ? `, because “${str("reason")}”` : ""}.`,
          ]
        : [
            "agreed with the score",
            score,
            " of the ",
            link("follow-up"),
            " from ",
            cand,
            ...forPos(pos),
            ".",
          ];
    }
    if (action === "delete") {
      const channel = channelLabel(detail.channel)?.toLowerCase();
      return [`deleted the ${channel ? `${channel} ` : ""}follow-up from `, cand, ...forPos(pos), "."];
    }
  }
  if (entity === "interview") {
    const name = s.interview
      ? interviewName(s.interview)
      : typeof detail.round === "number" && typeof detail.format === "string"
        ? interviewName({
            round: detail.round,
            format: detail.format,
            interviewer_name: String(detail.interviewer ?? "someone"),
          })
        : "an interview";
    const link: Segment =
      s.application && s.interview ? { text: name, href: `/applications/${s.application.id}` } : name;
    if (action === "create") return ["logged ", link, " of ", cand, ...forPos(pos), "."];
    if (action === "update" && detail.change === "latency_exempt")
      return detail.exempt
        ? ["marked the latency of ", link, " of ", cand, ...forPos(pos), " not applicable."]
        : ["counted the latency of ", link, " of ", cand, ...forPos(pos), " again."];
    if (action === "update")
      return [
        "corrected ",
        link,
        " of ",
        cand,
        ...forPos(pos),
        `: ${changedFields(detail.changed, INTERVIEW_FIELDS, when) || "no change"}.`,
      ];
    if (action === "delete") {
      const n = Number(detail.followUps ?? 0);
      return [
        `deleted ${name} of `,
        cand,
        ...forPos(pos),
        n ? ` and its ${n === 1 ? "follow-up" : `${n} follow-ups`}.` : ".",
      ];
    }
  }
  if (entity === "application") {
    const within: Segment[] = pos ? [" (", pos, ")"] : [];
    const change = (k: string) => (detail[k] ?? {}) as { from?: unknown; to?: unknown };
    if (action === "create") return ["added ", cand, " to the pipeline", ...forPos(pos), "."];
    if (action === "delete") return ["removed ", cand, " from the pipeline", ...forPos(pos), "."];
    if (action === "update") {
      if (detail.change === "stage")
        return [
          "moved ",
          cand,
          ...within,
          ` from ${stageLabel(change("stage").from)} to ${stageLabel(change("stage").to)}.`,
        ];
      if (detail.change === "outcome")
        return [
          "changed the outcome of ",
          cand,
          ...within,
          ` from ${outcomeLabel(change("outcome").from)} to ${outcomeLabel(change("outcome").to)}.`,
        ];
      if (detail.change === "recruiter") return ["changed the recruiter of ", cand, ...within, "."];
      return ["updated the application of ", cand, ...within, "."];
    }
  }
  if (entity === "candidate") {
    const name: Segment | null = s.candidate ? cand : (str("name") ?? str("candidateName"));
    if (action === "create")
      return name ? ["added the candidate ", name, "."] : ["added a candidate, since deleted."];
    if (action === "update")
      return name
        ? ["edited the details of ", name, "."]
        : ["edited the details of a candidate, since deleted."];
    if (action === "delete") {
      const n = Number(detail.applications ?? 0);
      const also = n ? ` and their ${n === 1 ? "application" : `${n} applications`}` : "";
      return name ? ["deleted the candidate ", name, `${also}.`] : [`deleted a candidate${also}.`];
    }
  }
  if (entity === "position") {
    const name: Segment = s.position
      ? { text: s.position.title, href: `/positions/${s.position.id}` }
      : (str("title") ?? "a position, since deleted");
    if (action === "create") return ["opened the position ", name, "."];
    if (action === "update") return ["edited the position ", name, "."];
    if (action === "delete") {
      const n = Number(detail.applications ?? 0);
      return [
        "deleted the position ",
        name,
        n ? ` and its ${n === 1 ? "application" : `${n} applications`}.` : ".",
      ];
    }
  }
  if (entity === "client") {
    const name = s.client?.name ?? str("after") ?? str("name") ?? "a client, since deleted";
    if (action === "create") return [`added the client ${name}.`];
    if (action === "update")
      return str("before") && str("before") !== name
        ? [`renamed the client ${str("before")} to ${name}.`]
        : [`edited the client ${name}.`];
    if (action === "delete") return [`deleted the client ${name}.`];
  }
  if (entity === "user") {
    const name = s.user?.name ?? "a user, since deleted";
    if (action === "sign_in") return ["signed in."];
    if (action === "invite")
      return detail.reissued
        ? [`sent ${name} a new invitation.`]
        : [`invited ${name}${detail.role ? ` as ${ROLE_LABELS[detail.role as Role] ?? detail.role}` : ""}.`];
    if (action === "update" && typeof detail.to === "string" && typeof detail.from === "string")
      return [
        `changed ${name}'s role from ${ROLE_LABELS[detail.from as Role] ?? detail.from} to ${ROLE_LABELS[detail.to as Role] ?? detail.to}.`,
      ];
    if (action === "update") return [`updated ${name}'s account.`];
    if (action === "password") return [`changed ${name}'s password.`];
  }
  if (entity === "settings" && action === "update") {
    const changes = settingsChanges(detail.before, detail.after);
    return [changes ? `changed the settings: ${changes}.` : "saved the settings unchanged."];
  }
  if (entity === "branding" && action === "update" && Array.isArray(detail.changed))
    return [`changed the report branding: ${detail.changed.join(", ")}.`];
  if (entity === "share_link") {
    const client = s.client?.name;
    if (action === "create")
      return [
        `shared a report${client ? ` with ${client}` : ""}${str("expiresOn") ? ` until ${str("expiresOn")}` : ""}.`,
      ];
    if (action === "revoke") return [`revoked a share link${client ? ` of ${client}` : ""}.`];
  }
  if (action === "import") {
    const tally = importTally(detail);
    return [`imported ${importSource(entity)}${tally ? `: ${tally}` : ""}.`];
  }
  if (entity === "mailbox" && (action === "create" || action === "delete"))
    return [`${action === "create" ? "connected" : "disconnected"} the mailbox ${str("mailbox") ?? ""}.`];
  if (entity === "inbound_message" && action === "delete") return ["discarded an unmatched mail-in message."];
  if (action === "rescore") {
    const n = typeof detail.followUps === "number" ? detail.followUps : null;
    return [
      n === null
        ? "rescored the organization's follow-ups."
        : `rescored the organization's ${n === 1 ? "follow-up" : `${n} follow-ups`}.`,
    ];
  }
  if (entity === "organization_export" && action === "create") return ["exported the organization's data."];
  if (entity === "candidate_notice" && action === "update")
    return [detail.set ? "changed the notice to candidates." : "removed the notice to candidates."];
  if (entity === "retention" && action === "update")
    return [
      typeof detail.to === "number"
        ? `set candidates to be erased after ${detail.to} months without activity.`
        : "turned off the erasure of inactive candidates.",
    ];
  if (entity === "retention" && action === "erase") {
    const n = Number(detail.candidates ?? 0);
    return [
      `erased ${n === 1 ? "1 candidate" : `${n} candidates`} with no activity for ${String(detail.months ?? "?")} months (retention rule).`,
    ];
  }
  if (entity === "candidate_data" && action === "create")
    return ["exported everything held about a candidate."];
  const thing = entity === "settings" ? "the settings" : `${/^[aeiou]/.test(what) ? "an" : "a"} ${what}`;
  return [`${ACTION_WORDS[action] ?? `recorded “${action.replace(/_/g, " ")}” on`} ${thing}.`];
}

/** A sentence's words without its links. */
export function segmentsText(parts: Segment[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
}
