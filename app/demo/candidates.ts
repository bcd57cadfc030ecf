// Generated candidates: who they are (name, unique e-mail, phone, source, follow-up traits) and which
// positions they apply to, near a moment that moves from `days` ago to now as the index grows.
import type { Insertable } from "kysely";
import type { CandidateTable } from "../../db/schema";
import {
  activeRange,
  generateApplication,
  type ApplicationContext,
  type GenApplication,
} from "./applications";
import { DAY } from "./calendar";
import { mailPart } from "./people";
import type { Plan, PlanPosition } from "./plan";
import { childSeed, pickCumulative, Rng } from "./random";
import * as text from "./text";
import { STYLE_WEIGHTS, type CandidateTraits } from "./traits";

const US_AREA_CODES = ["312", "415", "212", "617", "512", "303", "206", "404", "214", "646", "773", "858"];

export interface GenCandidate {
  row: Omit<Insertable<CandidateTable>, "organization_id">;
  email: string;
  applications: GenApplication[];
}

/**
 * Every candidate draws from its own stream (seeded from the workspace seed and its index), every
 * application and every interview from streams of their own. So a candidate's name, the notes of
 * an interview and the text of a follow-up do not change when `now` moves and shifts the calendar
 * (weekends, daylight saving, what has already "arrived"), and the demo reads the same every day.
 */
export class CandidateFactory {
  private readonly emails = new Set<string>();
  private readonly context: ApplicationContext;

  constructor(
    private readonly seed: number,
    private readonly plan: Plan,
    days: number,
    now: Date,
    /** Share of applications whose last interview ended in the last three days. */
    recentShare: number,
  ) {
    const end = now.getTime();
    this.context = { plan, now: end, windowStart: end - days * DAY, recentShare };
  }

  /**
   * Candidate `index` of `total`. Candidates are generated in time order (their first interview moves
   * from `days` ago to now as the index grows), as rows in a real database are; this also keeps the
   * time-ordered indexes appending at their right edge, which makes large seeds much faster.
   */
  candidate(index: number, total: number): GenCandidate {
    const { now, windowStart } = this.context;
    const seed = childSeed(this.seed, index);
    const r = new Rng(seed);
    const first = r.pick(text.FIRST_NAMES);
    const last = r.pick(text.LAST_NAMES);
    const name = `${first} ${last}`;
    const email = this.uniqueEmail(r, first, last);
    const phone = r.chance(0.08)
      ? null
      : r.chance(0.85)
        ? `+1 (${r.pick(US_AREA_CODES)}) 555-01${String(r.int(0, 99)).padStart(2, "0")}`
        : `+44 7700 900${String(r.int(0, 999)).padStart(3, "0")}`;
    const traits: CandidateTraits = {
      name,
      first,
      email,
      phone,
      employer: r.pick(text.EMPLOYERS),
      follower: r.chance(0.64),
      style: r.weighted(STYLE_WEIGHTS),
      sharedTemplate: r.pick(text.SHARED_TEMPLATES),
      speed: Math.exp(0.4 * r.normal()),
      // From a stream of its own, so that adding it moved none of the draws above or below.
      strength: new Rng(childSeed(seed, 9)).normal(),
    };
    const source = r.weighted(text.SOURCES);

    const anchor = windowStart + ((index + r.next()) / total) * (now - windowStart);
    const applicationCount = r.chance(0.12) ? 2 : 1;
    const createdBefore = Math.round(r.between(0, 2 * DAY));
    const applications: GenApplication[] = [];
    const used = new Set<PlanPosition>();
    for (let i = 0; i < applicationCount; i++) {
      const applicationSeed = childSeed(seed, 1_000 + i);
      const ar = new Rng(applicationSeed);
      const at = i === 0 ? anchor : Math.min(now, Math.max(windowStart, anchor + ar.between(-20, 20) * DAY));
      // A position that is taking applications at that time, if one turns up in a few tries.
      let position = this.plan.positions[pickCumulative(ar, this.positionCumulative())];
      for (let tries = 0; tries < 8 && (used.has(position) || !this.isActive(position, at)); tries++) {
        position = this.plan.positions[pickCumulative(ar, this.positionCumulative())];
      }
      if (used.has(position)) continue;
      used.add(position);
      applications.push(generateApplication(this.context, ar, applicationSeed, traits, position, at));
    }
    let created = Infinity;
    for (const a of applications) created = Math.min(created, Date.parse(a.row.created_at));
    created -= createdBefore;
    return {
      row: { name, email, phone, source, created_at: new Date(created).toISOString() },
      email,
      applications,
    };
  }

  private cumulativeCache: number[] | null = null;
  private positionCumulative(): number[] {
    this.cumulativeCache ??= this.plan.positions.map((p) => p.cumulative);
    return this.cumulativeCache;
  }

  private uniqueEmail(r: Rng, first: string, last: string): string {
    const f = mailPart(first);
    const l = mailPart(last);
    const domain = r.pick(text.MAIL_DOMAINS);
    const local = r.pick([
      `${f}.${l}`,
      `${f}${l}`,
      `${f[0]}${l}`,
      `${f}.${l[0]}`,
      `${f}_${l}`,
      `${f}${l}${r.int(1, 99)}`,
    ]);
    let email = `${local}@${domain}`;
    for (let n = 2; this.emails.has(email); n++) email = `${local}${n}@${domain}`;
    this.emails.add(email);
    return email;
  }

  private isActive(position: PlanPosition, at: number): boolean {
    const [lo, hi] = activeRange(this.context, position);
    return at >= lo && at <= hi;
  }
}
