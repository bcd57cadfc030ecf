// Scores whole applications from their rows: each interview's follow-ups are timed and scored, the
// first one sets the interview's latency, and the interviews make the application's summary. Pure, so
// that a rescore can run it on worker threads; app/data/scoring.server.ts loads and stores the rows.
import type { Behaviour } from "./behaviours";
import { isAutoReply } from "./auto-reply";
import { closesAt, timeFollowUps } from "./latency";
import { scoreFollowUp, type Score } from "./rubric/score";
import { findNearDuplicates, type NearDuplicateMatch, type SimilarityItem } from "./rubric/similarity";
import { encodeScoreParts } from "./rubric/stored-score";
import { notesProfile } from "./rubric/text";
import { splitOwnWords } from "./own-words";
import type { RubricPart } from "./rubric-parts";
import type { OrgSettings } from "./settings";
import type { FollowUpWindow } from "./windows";
import { summarizeApplication, type InterviewForSummary } from "./summary";

/**
 * Jaccard similarity of word 3-shingles, over nearDuplicateText, from which two candidates' follow-ups
 * count as near-copies. Chosen on the labelled pairs in test/scorer-eval (docs/scoring.md): the four
 * copied pairs there share 0.71–0.81 of their shingles once names and greetings are masked, the 290
 * other pairs of notes on the same interview at most 0.08.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.5;

/** A greeting line: "Hi Sarah,", "Dear Mr. Chen and Tom —", "Sarah,", "Hello team!". */
const GREETING_LINE =
  /^\s*(?:(?:hi|hello|hey|dear|hiya|good\s+(?:morning|afternoon|evening))\b[^\n]{0,60}|[^\s,\n]+(?:[ \t]+[^\s,\n]+)?[ \t]*[,!—–-])[ \t]*(?:\n|$)/i;
const LETTERS = /[\p{L}'’-]+/gu;

/**
 * What near-copies are compared on: the candidate's own words, without the greeting line, and with the
 * candidate's and the interviewer's names masked, so that a template with the names swapped is seen
 * for what it is.
 */
export function nearDuplicateText(body: string, names: readonly string[]): string {
  const text = splitOwnWords(body).text.replace(GREETING_LINE, "");
  const masked = new Set(
    names.flatMap((n) => n.toLowerCase().split(/[\s,&/]+/)).filter((p) => p.length >= 2),
  );
  return masked.size === 0
    ? text
    : text.replace(LETTERS, (word) => (masked.has(word.toLowerCase()) ? "NAME" : word));
}

export interface ApplicationSource {
  id: number;
  position_id: number;
  candidate_id: number;
  candidate_name: string;
  /** The position's title and its client's name: words the scorer does not count as specific. */
  position_title?: string;
  client_name?: string;
}

export interface InterviewSource {
  id: number;
  application_id: number;
  ends_at: string;
  time_zone: string;
  notes: string;
  interviewer_name: string;
  /**
   * The interview's latency is marked "not applicable" (an accommodation): no latency or window is
   * stored for it or its follow-ups, the score's timing part is neutral, and the application's
   * summary leaves the interview out of its follow-up counts and median latency (its scores count).
   */
  latency_exempt?: boolean;
}

export interface FollowUpSource {
  id: number;
  interview_id: number;
  received_at: string;
  subject: string | null;
  body: string;
}

export interface FollowUpResult {
  id: number;
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  score: number | null;
  /** The parts as stored (rubric/stored-score.ts). */
  score_parts: string | null;
  scorer_version: string | null;
  /** The other candidate's follow-up this one nearly copies. */
  near_duplicate_of: number | null;
  points: Partial<Record<RubricPart, number>>;
}

export interface InterviewResult {
  id: number;
  first_follow_up_id: number | null;
  first_follow_up_at: string | null;
  latency_minutes: number | null;
  business_latency_minutes: number | null;
  window: FollowUpWindow | null;
  closes_at: string;
}

export interface ApplicationResult {
  id: number;
  interview_count: number;
  decided_interview_count: number;
  followed_up_count: number;
  behaviour: Behaviour | null;
  median_latency_minutes: number | null;
  best_score: number | null;
  mean_score: number | null;
  last_interview_end: string | null;
}

export interface BatchResult {
  applications: ApplicationResult[];
  interviews: InterviewResult[];
  followUps: FollowUpResult[];
}

export interface NearDuplicates {
  matches: Map<number, NearDuplicateMatch>;
  candidateNameOf: Map<number, string>;
}

/** Auto-replies and messages dated before the interview ended are stored (if at all) but are not follow-ups. */
export function countsAsFollowUp(followUp: FollowUpSource, interviewEnd: string): boolean {
  return (
    Date.parse(followUp.received_at) >= Date.parse(interviewEnd) &&
    !isAutoReply({ subject: followUp.subject, body: followUp.body })
  );
}

const NOT_SCORED = {
  latency_minutes: null,
  business_latency_minutes: null,
  window: null,
  score: null,
  score_parts: null,
  scorer_version: null,
  near_duplicate_of: null,
  points: {},
} as const;

export interface ScoreApplicationsInput {
  settings: OrgSettings;
  /** Epoch milliseconds: the moment that decides which windows have closed. */
  now: number;
  /** Whole applications: every interview and follow-up of each one. */
  applications: readonly ApplicationSource[];
  interviews: readonly InterviewSource[];
  followUps: readonly FollowUpSource[];
  /** Near-duplicates found over a wider set (a whole position); found among these follow-ups when absent. */
  nearDuplicates?: NearDuplicates;
}

/** Near-duplicates among follow-ups that count, by position. */
function nearDuplicatesAmong(
  counting: readonly FollowUpSource[],
  interviewById: ReadonlyMap<number, InterviewSource>,
  applicationById: ReadonlyMap<number, ApplicationSource>,
): NearDuplicates {
  const items: SimilarityItem[] = [];
  const candidateNameOf = new Map<number, string>();
  for (const f of counting) {
    const application = applicationById.get(interviewById.get(f.interview_id)!.application_id);
    if (!application) continue;
    const interview = interviewById.get(f.interview_id)!;
    items.push({
      id: f.id,
      groupKey: application.position_id,
      ownerKey: application.candidate_id,
      text: nearDuplicateText(f.body, [application.candidate_name, interview.interviewer_name]),
    });
    candidateNameOf.set(f.id, application.candidate_name);
  }
  return { matches: findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD), candidateNameOf };
}

/**
 * The near-duplicates that scoreApplications would find among these rows. A caller that scores on a
 * worker thread can find them on its own thread meanwhile, and pass them in.
 */
export function findApplicationNearDuplicates({
  applications,
  interviews,
  followUps,
}: Pick<ScoreApplicationsInput, "applications" | "interviews" | "followUps">): NearDuplicates {
  const interviewById = new Map(interviews.map((i) => [i.id, i]));
  const counting = followUps.filter((f) => {
    const interview = interviewById.get(f.interview_id);
    return interview !== undefined && countsAsFollowUp(f, interview.ends_at);
  });
  return nearDuplicatesAmong(counting, interviewById, new Map(applications.map((a) => [a.id, a])));
}

export function scoreApplications({
  settings,
  now,
  applications,
  interviews,
  followUps,
  nearDuplicates,
}: ScoreApplicationsInput): BatchResult {
  const applicationById = new Map(applications.map((a) => [a.id, a]));
  const interviewById = new Map(interviews.map((i) => [i.id, i]));
  const followUpsOf = new Map<number, FollowUpSource[]>();
  const counting: FollowUpSource[] = [];
  for (const f of followUps) {
    const interview = interviewById.get(f.interview_id);
    if (!interview) continue;
    const list = followUpsOf.get(f.interview_id);
    if (list) list.push(f);
    else followUpsOf.set(f.interview_id, [f]);
    if (countsAsFollowUp(f, interview.ends_at)) counting.push(f);
  }
  const countingIds = new Set(counting.map((f) => f.id));
  nearDuplicates ??= nearDuplicatesAmong(counting, interviewById, applicationById);

  const result: BatchResult = { applications: [], interviews: [], followUps: [] };
  const summaryInputs = new Map<number, InterviewForSummary[]>();
  const lastEnd = new Map<number, string>();
  for (const interview of interviews) {
    const application = applicationById.get(interview.application_id);
    if (!application) continue;
    const exempt = interview.latency_exempt === true;
    const own = followUpsOf.get(interview.id) ?? [];
    const valid = own.filter((f) => countingIds.has(f.id));
    const timing = timeFollowUps(
      { endsAt: interview.ends_at, timeZone: interview.time_zone },
      valid.map((f) => ({ id: f.id, receivedAt: f.received_at })),
      settings,
    );
    const timingOf = new Map(timing.each.map((t) => [t.id, t]));
    const profile = timing.each.length > 0 ? notesProfile(interview.notes) : undefined;
    const scores: number[] = [];
    for (const f of own) {
      const t = timingOf.get(f.id);
      if (!t) {
        result.followUps.push({ id: f.id, ...NOT_SCORED });
        continue;
      }
      const match = nearDuplicates.matches.get(f.id);
      const score: Score = scoreFollowUp(
        {
          subject: f.subject,
          body: f.body,
          notes: interview.notes,
          notesProfile: profile,
          interviewerName: interview.interviewer_name,
          candidateName: application.candidate_name,
          positionTitle: application.position_title,
          clientName: application.client_name,
          latencyMinutes: exempt ? null : t.latencyMinutes,
          window: exempt ? null : t.window,
          latencyExempt: exempt,
          nearDuplicate: match
            ? {
                otherFollowUpId: match.otherId,
                otherCandidateName: nearDuplicates.candidateNameOf.get(match.otherId) ?? "another candidate",
                similarity: match.similarity,
              }
            : null,
        },
        settings,
      );
      if (exempt || t.window !== "none") scores.push(score.total);
      result.followUps.push({
        id: f.id,
        latency_minutes: exempt ? null : t.latencyMinutes,
        business_latency_minutes: exempt ? null : t.businessLatencyMinutes,
        window: exempt ? null : t.window,
        score: score.total,
        score_parts: encodeScoreParts(score.parts),
        scorer_version: score.version,
        near_duplicate_of: match?.otherId ?? null,
        points: Object.fromEntries(score.parts.map((p) => [p.key, p.points])),
      });
    }
    const first = timing.first;
    const closes = closesAt(interview.ends_at, settings.windows);
    result.interviews.push({
      id: interview.id,
      first_follow_up_id: first?.id ?? null,
      first_follow_up_at: first ? own.find((f) => f.id === first.id)!.received_at : null,
      latency_minutes: exempt ? null : (first?.latencyMinutes ?? null),
      business_latency_minutes: exempt ? null : (first?.businessLatencyMinutes ?? null),
      window: exempt ? null : (first?.window ?? null),
      closes_at: closes,
    });
    const inputs = summaryInputs.get(application.id) ?? [];
    inputs.push({
      closed: first !== null || now >= Date.parse(closes),
      latencyMinutes: first?.latencyMinutes ?? null,
      window: first?.window ?? null,
      exempt,
      scores,
    });
    summaryInputs.set(application.id, inputs);
    const last = lastEnd.get(application.id);
    if (last === undefined || Date.parse(interview.ends_at) > Date.parse(last))
      lastEnd.set(application.id, interview.ends_at);
  }

  for (const application of applications) {
    const s = summarizeApplication(summaryInputs.get(application.id) ?? []);
    result.applications.push({
      id: application.id,
      interview_count: s.interviewCount,
      decided_interview_count: s.decidedInterviewCount,
      followed_up_count: s.followedUpCount,
      behaviour: s.behaviour,
      median_latency_minutes: s.medianLatencyMinutes,
      best_score: s.bestScore,
      mean_score: s.meanScore,
      last_interview_end: lastEnd.get(application.id) ?? null,
    });
  }
  return result;
}
