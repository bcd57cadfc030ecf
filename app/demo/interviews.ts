// A generated application's interviews: when they take place (business hours, rounds days apart, or
// for a recent application ending in the last hours), who runs them, what the notes say, and whether
// and when the candidate follows up.
import type { Insertable } from "kysely";
import type { InterviewFormat, InterviewTable } from "../../db/schema";
import { businessSlot, CLOSE_AFTER, DAY, HOUR, MINUTE } from "./calendar";
import { generateFollowUp, generateSecondFollowUp, type GenFollowUp } from "./follow-ups";
import type { Person } from "./people";
import type { PlanPosition } from "./plan";
import { childSeed, distinctIndexes, Rng } from "./random";
import * as text from "./text";
import { STYLE_MEDIAN_MINUTES, type CandidateTraits } from "./traits";

export interface GenInterview {
  round: number;
  row: Omit<Insertable<InterviewTable>, "organization_id" | "application_id">;
  followUps: GenFollowUp[];
}

export interface Slot {
  start: number;
  end: number;
}

/**
 * The interview slots of one application, in UTC milliseconds: forward from a first interview near
 * `at` within the position's active range [lo, hi], or, for a recent application, backward from one
 * that ended in the last 70 hours. `truncated` when the range ended before the planned rounds did.
 */
export function interviewSlots(
  r: Rng,
  o: {
    recent: boolean;
    plannedRounds: number;
    lo: number;
    hi: number;
    at: number;
    timeZone: string;
    now: number;
  },
): { slots: Slot[]; truncated: boolean } {
  const { plannedRounds, lo, hi, timeZone, now } = o;
  const slots: Slot[] = [];
  let truncated = false;
  if (o.recent) {
    const end = now - Math.round(r.between(0.5 * HOUR, 70 * HOUR) / (5 * MINUTE)) * 5 * MINUTE;
    const length = r.pick([30, 45, 60]) * MINUTE;
    slots.push({ start: end - length, end });
    for (let k = 1; k < plannedRounds; k++) {
      const slot = businessSlot(r, slots[0].start - r.between(2, 9) * DAY, timeZone);
      if (slot.end >= slots[0].start - HOUR || slot.start < lo) break;
      slots.unshift(slot);
    }
  } else {
    let target = Math.min(hi, Math.max(lo, o.at));
    let slot = businessSlot(r, target, timeZone);
    while (slot.end > hi) {
      target -= DAY;
      slot = businessSlot(r, target, timeZone);
    }
    slots.push(slot);
    for (let k = 1; k < plannedRounds; k++) {
      const next = businessSlot(r, slots[k - 1].end + r.between(2, 9) * DAY, timeZone);
      if (next.end > hi || next.start <= slots[k - 1].end) {
        truncated = next.end > hi;
        break;
      }
      slots.push(next);
    }
  }
  return { slots, truncated };
}

/**
 * Interview `k` of `slots` (round k + 1) with its follow-ups. It draws from its own stream, seeded
 * from the application's `seed`, so its interviewer, notes and follow-up text stay the same when `now`
 * moves the calendar. `latency` is the first follow-up's, or null when the candidate sent none (in an
 * `awaiting` application, never after the last interview).
 */
export function generateInterview(o: {
  now: number;
  seed: number;
  slots: Slot[];
  k: number;
  c: CandidateTraits;
  position: PlanPosition;
  timeZone: string;
  recruiterId: number;
  awaiting: boolean;
}): { interview: GenInterview; latency: number | null } {
  const { now, slots, k, c, position, recruiterId } = o;
  const { start, end } = slots[k];
  const round = k + 1;
  const r = new Rng(childSeed(o.seed, 100 + round));
  const interviewer: Person =
    round === 2 && position.manager && r.chance(0.7)
      ? position.manager
      : r.pick(position.client.interviewers);
  const format: InterviewFormat =
    round === 1
      ? r.chance(0.45)
        ? "phone"
        : "video"
      : r.weighted<InterviewFormat>([
          ["video", 55],
          ["onsite", 35],
          ["phone", 10],
        ]);
  const ctx: text.TopicContext = { interviewer: interviewer.first, employer: c.employer };
  const topicCount = r.chance(0.6) ? 2 : 3;
  const topics = distinctIndexes(r, text.TOPICS.length, topicCount).map((i) => text.TOPICS[i](r, ctx));
  const sentences = topics.map((t) => t.note);
  if (topicCount === 2 ? r.chance(0.5) : r.chance(0.3)) sentences.push(r.pick(text.NOTE_FILLERS));
  const logged = Math.min(now, end + Math.round(r.between(5 * MINUTE, 6 * HOUR)));

  const followUps: GenFollowUp[] = [];
  let firstLatency: number | null = null;
  const isLast = k === slots.length - 1;
  const followsUp = r.chance(0.86);
  const median = STYLE_MEDIAN_MINUTES[c.style] * c.speed;
  const latency = Math.min(12 * DAY, Math.max(4 * MINUTE, median * MINUTE * Math.exp(1.1 * r.normal())));
  const received = end + Math.round(latency / 1000) * 1000;
  if (c.follower && followsUp && !(o.awaiting && isLast) && received <= now) {
    followUps.push(
      generateFollowUp(now, r, c, position, interviewer, topics, latency, received, recruiterId),
    );
    firstLatency = latency;
    if (r.chance(0.04)) {
      const second = received + Math.round(r.between(1.5 * DAY, 5 * DAY) / 1000) * 1000;
      if (second <= now)
        followUps.push(generateSecondFollowUp(now, r, c, position, interviewer, second, recruiterId));
    }
  }
  return {
    interview: {
      round,
      row: {
        interviewer_name: interviewer.name,
        interviewer_email: interviewer.email,
        starts_at: new Date(start).toISOString(),
        ends_at: new Date(end).toISOString(),
        time_zone: o.timeZone,
        format,
        round,
        notes: sentences.join(" "),
        logged_by: recruiterId,
        created_at: new Date(logged).toISOString(),
        closes_at: new Date(end + CLOSE_AFTER).toISOString(),
      },
      followUps,
    },
    latency: firstLatency,
  };
}
