// Deterministic, realistic data for development, load tests and the demo workspace.
//
// Everything random goes through one seeded PRNG (mulberry32), so the same seed, candidate count and
// `now` give the same rows every time. Dates are relative to `now`: interviews fall in the last
// `days` days, and follow-ups that would arrive after `now` are left out, which leaves recent
// interviews "awaiting" a follow-up.
//
// Rows are written with kysely only (no dialect-only SQL): small setup tables one row at a time with
// `returning("id")`, the bulk tables in multi-row inserts whose ids come back through `returning` and
// are matched on a natural key (candidate e-mail, candidate × position, application × round), so
// nothing depends on the order in which a database returns rows. Computed columns stay at their
// defaults; `rescoreOrganization` fills them in at the end.
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { tzOffset } from "@date-fns/tz";
import type { Insertable, Kysely } from "kysely";
import { rescoreOrganization } from "../app/data/scoring.server";
import type {
  ApplicationTable,
  CandidateTable,
  Channel,
  Database,
  Db,
  FollowUpTable,
  InterviewFormat,
  InterviewTable,
  Outcome,
  Role,
  Stage,
} from "./schema";
import * as text from "./seed-text";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Interviews close for follow-ups 72 h after they end (the "late" window's end). */
const CLOSE_AFTER = 72 * HOUR;
/** Candidates generated and written per transaction. */
const CANDIDATES_PER_TRANSACTION = 2_000;
/** Bound on bound parameters per statement: under SQLite's 32,766 (and PostgreSQL's 65,535). */
const MAX_PARAMETERS = 30_000;
/** Rows per multi-row insert: large enough to amortize the statement, small enough to compile fast. */
const MAX_ROWS_PER_INSERT = 1_000;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng implements text.Picker {
  readonly next: () => number;

  constructor(seed: number) {
    // Mix the seed so that neighbouring seeds (1, 2, 3…) start far apart.
    let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.next = mulberry32((s ^ (s >>> 16)) >>> 0);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

/** A 32-bit seed for part `part` of whatever `seed` stands for (a candidate, an application, …). */
export function childSeed(seed: number, part: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul((part + 0x632be5ab) >>> 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Public API

export interface GenerateOptions {
  candidates: number;
  seed: number;
  /** The moment the data is generated "as of"; defaults to the current time. */
  now?: Date;
  organizationName?: string;
  /** How many days back interviews reach (default 120). */
  days?: number;
  /** Run rescoreOrganization at the end (default true); without it computed columns stay empty. */
  score?: boolean;
  /** Generation reports candidates written; scoring reports what rescoreOrganization reports. */
  onProgress?: (done: number, total: number, phase: "generate" | "score") => void;
}

export interface SeedSummary {
  organizationId: number;
  clients: number;
  users: number;
  positions: number;
  candidates: number;
  applications: number;
  interviews: number;
  followUps: number;
  /** What rescoreOrganization reported (zeros when scoring was skipped). */
  rescored: { interviews: number; followUps: number };
}

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  name: string;
}

export const DEMO_ORGANIZATION_NAME = "Northwind Talent (demo)";
export const DEMO_SEED = 20_261_126;
export const DEMO_CANDIDATES = 300;

/**
 * The demo's sign-in accounts. The first hiring manager manages every position of the first client,
 * the second one the second client's; the client viewer sees the first client.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@demo.followthrough.test",
    password: "demo-admin-pass",
    role: "admin",
    name: "Dana Whitfield",
  },
  {
    email: "recruiter@demo.followthrough.test",
    password: "demo-recruiter-pass",
    role: "recruiter",
    name: "Riley Chen",
  },
  {
    email: "manager@demo.followthrough.test",
    password: "demo-manager-pass",
    role: "hiring_manager",
    name: "Sarah Lindqvist",
  },
  {
    email: "manager2@demo.followthrough.test",
    password: "demo-manager2-pass",
    role: "hiring_manager",
    name: "Marco Alvarez",
  },
  {
    email: "client@demo.followthrough.test",
    password: "demo-client-pass",
    role: "client_viewer",
    name: "Priya Nair",
  },
];

/** Generates one organization with `candidates` candidates and everything around them. */
export async function generateWorkspace(
  db: Kysely<Database>,
  options: GenerateOptions,
): Promise<SeedSummary> {
  return generate(db, options, null);
}

/**
 * Replaces the demo organization (is_demo = 1) with a fresh one: the same data every time, relative
 * to `now`, plus the DEMO_ACCOUNTS with argon2-hashed passwords.
 */
export async function loadDemoWorkspace(db: Kysely<Database>, options: { now?: Date } = {}): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hash(a.password)));
  // Deleting the organization cascades to everything it owns.
  await db.deleteFrom("organizations").where("is_demo", "=", 1).execute();
  await generate(
    db,
    {
      candidates: DEMO_CANDIDATES,
      seed: DEMO_SEED,
      now: options.now,
      organizationName: DEMO_ORGANIZATION_NAME,
    },
    { hashes },
  );
  // Mail-in addresses must not be guessable, so they come from the system's randomness, not the seed.
  const demo = await db
    .selectFrom("organizations")
    .select("id")
    .where("is_demo", "=", 1)
    .executeTakeFirstOrThrow();
  const interviews = await db
    .selectFrom("interviews")
    .select("id")
    .where("organization_id", "=", demo.id)
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const { id } of interviews) {
      await trx
        .updateTable("interviews")
        .set({ mail_token: randomBytes(9).toString("base64url") })
        .where("id", "=", id)
        .execute();
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// The plan: organization-level structure, generated before any candidate

interface Person {
  name: string;
  first: string;
  email: string;
}

interface PlanClient {
  id: number;
  name: string;
  domain: string;
  timeZone: string;
  interviewers: Person[];
  /** Indexes into plan.managers. */
  managers: number[];
}

interface PlanUser {
  id: number;
  name: string;
  first: string;
  email: string;
}

interface PlanPosition {
  id: number;
  client: PlanClient;
  title: string;
  manager: PlanUser | null;
  open: boolean;
  openedAt: number;
  closedAt: number | null;
  /** Cumulative weight, for weighted picking. */
  cumulative: number;
}

interface Plan {
  organizationId: number;
  clients: PlanClient[];
  positions: PlanPosition[];
  recruiters: PlanUser[];
  /** Cumulative weights over recruiters. */
  recruiterCumulative: number[];
  users: number;
}

interface DemoSpec {
  hashes: string[];
}

/** Candidate follow-up styles. */
type Style = "specific" | "terse" | "generic" | "shared" | "stiff";

const STYLE_WEIGHTS: readonly (readonly [Style, number])[] = [
  ["specific", 35],
  ["generic", 28],
  ["terse", 13],
  ["shared", 12],
  ["stiff", 12],
];

/** Median latency of each style, in minutes (log-normal around it). */
const STYLE_MEDIAN_MINUTES: Record<Style, number> = {
  specific: 3 * 60,
  terse: 6 * 60,
  generic: 14 * 60,
  shared: 16 * 60,
  stiff: 22 * 60,
};

const CHANNELS_BY_STYLE: Record<Style, readonly (readonly [Channel, number])[]> = {
  specific: [
    ["email", 78],
    ["linkedin", 14],
    ["text", 8],
  ],
  terse: [
    ["email", 45],
    ["linkedin", 30],
    ["text", 25],
  ],
  generic: [
    ["email", 95],
    ["linkedin", 5],
  ],
  shared: [
    ["email", 95],
    ["linkedin", 5],
  ],
  stiff: [
    ["email", 97],
    ["linkedin", 3],
  ],
};

const US_AREA_CODES = ["312", "415", "212", "617", "512", "303", "206", "404", "214", "646", "773", "858"];

function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Lower-case ASCII letters only, for the local part of an address. */
function mailPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

function randomPerson(r: Rng, domain: string, taken: Set<string>): Person {
  for (;;) {
    const first = r.pick(text.FIRST_NAMES);
    const last = r.pick(text.LAST_NAMES);
    const email = `${mailPart(first)}.${mailPart(last)}@${domain}`;
    if (taken.has(email)) continue;
    taken.add(email);
    return { name: `${first} ${last}`, first, email };
  }
}

function firstName(name: string): string {
  return name.split(" ")[0];
}

async function insertUser(
  db: Db,
  organizationId: number,
  u: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string | null;
    clientId: number | null;
    createdAt: string;
  },
): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      organization_id: organizationId,
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role,
      client_id: u.clientId,
      created_at: u.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

interface PlanOptions {
  candidates: number;
  now: Date;
  days: number;
  organizationName: string;
}

async function createPlan(db: Db, r: Rng, o: PlanOptions, demo: DemoSpec | null): Promise<Plan> {
  const now = o.now.getTime();
  const windowStart = now - o.days * DAY;
  const orgCreated = new Date(windowStart - 90 * DAY).toISOString();
  const org = await db
    .insertInto("organizations")
    .values({ name: o.organizationName, is_demo: demo ? 1 : 0, created_at: orgCreated })
    .returning("id")
    .executeTakeFirstOrThrow();
  const organizationId = org.id;
  const orgDomain = demo ? "demo.followthrough.test" : `${slug(o.organizationName) || "workspace"}.example`;
  const userEmails = new Set<string>(demo ? DEMO_ACCOUNTS.map((a) => a.email) : []);
  let users = 0;
  const createdAt = (daysAfterOrg: number) =>
    new Date(windowStart - 90 * DAY + daysAfterOrg * DAY).toISOString();

  // Clients, each with a home time zone and a pool of interviewers at its own domain.
  const clientCount = demo ? 4 : o.candidates <= 1_000 ? r.int(3, 4) : r.int(5, 8);
  const clientSpecs = r.shuffled(text.CLIENTS).slice(0, clientCount);
  const positionCount = Math.max(clientCount * 3, Math.round(o.candidates / 60));
  const clients: PlanClient[] = [];
  const zones = r.shuffled(text.TIME_ZONES);
  for (const spec of clientSpecs) {
    const row = await db
      .insertInto("clients")
      .values({ organization_id: organizationId, name: spec.name, created_at: createdAt(r.int(0, 30)) })
      .returning("id")
      .executeTakeFirstOrThrow();
    const taken = new Set<string>();
    const poolSize = Math.min(40, 4 + Math.ceil(positionCount / clientCount / 3));
    const interviewers = Array.from({ length: poolSize }, () => randomPerson(r, spec.domain, taken));
    clients.push({
      id: row.id,
      name: spec.name,
      domain: spec.domain,
      timeZone: zones[clients.length % zones.length],
      interviewers,
      managers: [],
    });
  }

  // Hiring managers: the demo's two accounts lead the first two clients; generated managers (without
  // passwords) cover the rest, at least one per client.
  const managers: { user: PlanUser; client: PlanClient }[] = [];
  const recruiters: PlanUser[] = [];
  const recruiterWeights: number[] = [];
  if (demo) {
    for (let i = 0; i < DEMO_ACCOUNTS.length; i++) {
      const a = DEMO_ACCOUNTS[i];
      const managerIndex = DEMO_ACCOUNTS.slice(0, i).filter((x) => x.role === "hiring_manager").length;
      const clientId = a.role === "client_viewer" ? clients[0].id : null;
      const id = await insertUser(db, organizationId, {
        email: a.email,
        name: a.name,
        role: a.role,
        passwordHash: demo.hashes[i],
        clientId,
        createdAt: createdAt(1),
      });
      users++;
      const user = { id, name: a.name, first: firstName(a.name), email: a.email };
      if (a.role === "hiring_manager") {
        const client = clients[managerIndex % clients.length];
        client.managers.push(managers.length);
        managers.push({ user, client });
      } else if (a.role === "recruiter") {
        recruiters.push(user);
        recruiterWeights.push(6);
      }
    }
  }
  const managerCount = Math.max(clientCount, Math.ceil(positionCount / 5));
  for (let i = 0; i < clientCount; i++) {
    if (clients[i].managers.length > 0) continue;
    const p = randomPerson(r, clients[i].domain, userEmails);
    const id = await insertUser(db, organizationId, {
      ...p,
      role: "hiring_manager",
      passwordHash: null,
      clientId: null,
      createdAt: createdAt(r.int(0, 60)),
    });
    users++;
    clients[i].managers.push(managers.length);
    managers.push({ user: { id, ...p }, client: clients[i] });
  }
  // In the demo the first two clients belong to the two manager accounts alone.
  const openClients = demo ? clients.slice(2) : clients;
  while (managers.length < managerCount && openClients.length > 0) {
    const client = r.pick(openClients);
    const p = randomPerson(r, client.domain, userEmails);
    const id = await insertUser(db, organizationId, {
      ...p,
      role: "hiring_manager",
      passwordHash: null,
      clientId: null,
      createdAt: createdAt(r.int(0, 60)),
    });
    users++;
    client.managers.push(managers.length);
    managers.push({ user: { id, ...p }, client });
  }

  // Recruiters at the organization's own domain.
  const recruiterCount = demo ? 1 : Math.min(60, Math.max(3, Math.round(o.candidates / 2_500)));
  for (let i = 0; i < recruiterCount; i++) {
    const p = randomPerson(r, orgDomain, userEmails);
    const id = await insertUser(db, organizationId, {
      ...p,
      role: "recruiter",
      passwordHash: null,
      clientId: null,
      createdAt: createdAt(r.int(0, 60)),
    });
    users++;
    recruiters.push({ id, ...p });
    recruiterWeights.push(r.between(1, 4));
  }
  const recruiterCumulative = cumulate(recruiterWeights);

  // Positions: every client gets at least one; a quarter of the rest are closed.
  const positions: PlanPosition[] = [];
  const titlesByClient = new Map<number, Set<string>>();
  let cumulative = 0;
  for (let i = 0; i < positionCount; i++) {
    const client =
      i < clientCount
        ? clients[i]
        : clients[Math.min(clientCount - 1, Math.floor(Math.pow(r.next(), 1.25) * clientCount))];
    const titles = titlesByClient.get(client.id) ?? new Set<string>();
    titlesByClient.set(client.id, titles);
    let title: string = r.pick(text.POSITION_TITLES);
    if (titles.has(title)) title = `${title}, ${r.pick(text.POSITION_SUFFIXES)}`;
    for (let n = 2; titles.has(title); n++) title = `${title.replace(/ \(\d+\)$/, "")} (${n})`;
    titles.add(title);
    const manager = managers[client.managers[i % client.managers.length]].user;
    const openedAt = now - Math.round(r.between(25, o.days + 60)) * DAY;
    let closedAt: number | null = null;
    if (i >= clientCount && r.chance(0.25)) {
      const from = Math.max(openedAt, windowStart);
      const candidate = from + Math.round(r.between(35, 100)) * DAY;
      if (candidate <= now - 14 * DAY) closedAt = candidate;
    }
    const opened = new Date(openedAt);
    const row = await db
      .insertInto("positions")
      .values({
        organization_id: organizationId,
        client_id: client.id,
        title,
        hiring_manager_id: manager.id,
        status: closedAt === null ? "open" : "closed",
        opened_on: toDateText(opened),
        closed_on: closedAt === null ? null : toDateText(new Date(closedAt)),
        created_at: opened.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    cumulative += r.between(0.4, 2);
    positions.push({
      id: row.id,
      client,
      title,
      manager,
      open: closedAt === null,
      openedAt,
      closedAt,
      cumulative,
    });
  }

  return { organizationId, clients, positions, recruiters, recruiterCumulative, users };
}

function cumulate(weights: number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) out.push((sum += w));
  return out;
}

/** Index of the first cumulative weight above x·total. */
function pickCumulative(r: Rng, cumulative: readonly number[]): number {
  const x = r.next() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function toDateText(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------
// Time: business-hour interview slots in the interview's time zone

const offsetCache = new Map<string, number>();

/** `count` distinct integers from [0, n), in random order. */
function distinctIndexes(r: Rng, n: number, count: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const i = Math.floor(r.next() * n);
    if (!out.includes(i)) out.push(i);
  }
  return out;
}

/** UTC offset in minutes of `timeZone` around noon UTC of the day containing `ms`. */
function offsetOn(timeZone: string, ms: number): number {
  const day = Math.floor(ms / DAY);
  const key = `${timeZone}|${day}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(day * DAY + 12 * HOUR));
    offsetCache.set(key, offset);
  }
  return offset;
}

/**
 * A weekday slot between 09:00 and 16:30 local time on the local day around `target`, 30–60 minutes
 * long. Returns UTC milliseconds.
 */
function businessSlot(r: Rng, target: number, timeZone: string): { start: number; end: number } {
  const localDay = new Date(target + offsetOn(timeZone, target) * MINUTE);
  let y = localDay.getUTCFullYear();
  let m = localDay.getUTCMonth();
  let d = localDay.getUTCDate();
  const weekday = localDay.getUTCDay();
  if (weekday === 6 || weekday === 0) {
    // Saturday moves back to Friday, Sunday forward to Monday.
    const shifted = new Date(Date.UTC(y, m, d + (weekday === 6 ? -1 : 1)));
    y = shifted.getUTCFullYear();
    m = shifted.getUTCMonth();
    d = shifted.getUTCDate();
  }
  const minutes = 9 * 60 + r.int(0, 30) * 15;
  const localMidnight = Date.UTC(y, m, d);
  const start = localMidnight + minutes * MINUTE - offsetOn(timeZone, localMidnight) * MINUTE;
  const length = r.pick([30, 45, 45, 60, 60]);
  return { start, end: start + length * MINUTE };
}

// ---------------------------------------------------------------------------------------------------
// Per-candidate generation

interface GenFollowUp {
  row: Omit<Insertable<FollowUpTable>, "organization_id" | "interview_id">;
}

interface GenInterview {
  round: number;
  row: Omit<Insertable<InterviewTable>, "organization_id" | "application_id">;
  followUps: GenFollowUp[];
}

interface GenApplication {
  position: PlanPosition;
  row: Omit<Insertable<ApplicationTable>, "organization_id" | "candidate_id" | "position_id">;
  interviews: GenInterview[];
}

interface GenCandidate {
  row: Omit<Insertable<CandidateTable>, "organization_id">;
  email: string;
  applications: GenApplication[];
}

interface CandidateTraits {
  name: string;
  first: string;
  email: string;
  phone: string | null;
  employer: string;
  follower: boolean;
  style: Style;
  sharedTemplate: string;
  /** Multiplies this candidate's latencies. */
  speed: number;
}

/**
 * Every candidate draws from its own stream (seeded from the workspace seed and its index), every
 * application and every interview from streams of their own. So a candidate's name, the notes of
 * an interview and the text of a follow-up do not change when `now` moves and shifts the calendar
 * (weekends, daylight saving, what has already "arrived"), and the demo reads the same every day.
 */
class CandidateFactory {
  private readonly emails = new Set<string>();
  private readonly now: number;
  private readonly windowStart: number;

  constructor(
    private readonly seed: number,
    private readonly plan: Plan,
    days: number,
    now: Date,
    /** Share of applications whose last interview ended in the last three days. */
    private readonly recentShare: number,
  ) {
    this.now = now.getTime();
    this.windowStart = this.now - days * DAY;
  }

  /**
   * Candidate `index` of `total`. Candidates are generated in time order (their first interview moves
   * from `days` ago to now as the index grows), as rows in a real database are; this also keeps the
   * time-ordered indexes appending at their right edge, which makes large seeds much faster.
   */
  candidate(index: number, total: number): GenCandidate {
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
    };
    const source = r.weighted(text.SOURCES);

    const anchor = this.windowStart + ((index + r.next()) / total) * (this.now - this.windowStart);
    const applicationCount = r.chance(0.12) ? 2 : 1;
    const createdBefore = Math.round(r.between(0, 2 * DAY));
    const applications: GenApplication[] = [];
    const used = new Set<PlanPosition>();
    for (let i = 0; i < applicationCount; i++) {
      const applicationSeed = childSeed(seed, 1_000 + i);
      const ar = new Rng(applicationSeed);
      const at =
        i === 0 ? anchor : Math.min(this.now, Math.max(this.windowStart, anchor + ar.between(-20, 20) * DAY));
      // A position that is taking applications at that time, if one turns up in a few tries.
      let position = this.plan.positions[pickCumulative(ar, this.positionCumulative())];
      for (let tries = 0; tries < 8 && (used.has(position) || !this.isActive(position, at)); tries++) {
        position = this.plan.positions[pickCumulative(ar, this.positionCumulative())];
      }
      if (used.has(position)) continue;
      used.add(position);
      applications.push(this.application(ar, applicationSeed, traits, position, at));
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

  /** When a position's first interviews may take place. */
  private activeRange(position: PlanPosition): [number, number] {
    const lo = Math.max(this.windowStart, position.openedAt + 3 * DAY);
    const hi = position.closedAt === null ? this.now : position.closedAt - 2 * DAY;
    return [lo, hi];
  }

  private isActive(position: PlanPosition, at: number): boolean {
    const [lo, hi] = this.activeRange(position);
    return at >= lo && at <= hi;
  }

  private application(
    r: Rng,
    seed: number,
    c: CandidateTraits,
    position: PlanPosition,
    at: number,
  ): GenApplication {
    const now = this.now;
    const client = position.client;
    const [lo, hi] = this.activeRange(position);
    // Draws that must not depend on the calendar come first.
    const plannedRounds = r.weighted<number>([
      [1, 30],
      [2, 35],
      [3, 25],
      [4, 10],
    ]);
    const recentDraw = r.chance(this.recentShare);
    const recent = position.open && recentDraw;
    /** Recent applications whose last interview must get no follow-up yet (the "awaiting" list). */
    const awaitingDraw = r.chance(0.5);
    const awaiting = recent && awaitingDraw;
    const timeZone = r.chance(0.7) ? client.timeZone : r.pick(text.TIME_ZONES);
    const recruiter = this.plan.recruiters[pickCumulative(r, this.plan.recruiterCumulative)];
    const createdBefore = Math.round(r.between(2, 20) * DAY);

    // Interview slots: forward from a first interview, or backward from one that just ended.
    const slots: { start: number; end: number }[] = [];
    let truncated = false;
    if (recent) {
      const end = now - Math.round(r.between(0.5 * HOUR, 70 * HOUR) / (5 * MINUTE)) * 5 * MINUTE;
      const length = r.pick([30, 45, 60]) * MINUTE;
      slots.push({ start: end - length, end });
      for (let k = 1; k < plannedRounds; k++) {
        const slot = businessSlot(r, slots[0].start - r.between(2, 9) * DAY, timeZone);
        if (slot.end >= slots[0].start - HOUR || slot.start < lo) break;
        slots.unshift(slot);
      }
    } else {
      let target = Math.min(hi, Math.max(lo, at));
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

    const interviews: GenInterview[] = [];
    let firstLatencies: number[] = [];
    let followedUp = 0;
    for (let k = 0; k < slots.length; k++) {
      const { start, end } = slots[k];
      const round = k + 1;
      // Each interview draws from its own stream (shadowing the application's on purpose).
      const r = new Rng(childSeed(seed, 100 + round));
      const interviewer: Person =
        round === 2 && position.manager && r.chance(0.7) ? position.manager : r.pick(client.interviewers);
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
      const isLast = k === slots.length - 1;
      const followsUp = r.chance(0.86);
      const median = STYLE_MEDIAN_MINUTES[c.style] * c.speed;
      const latency = Math.min(12 * DAY, Math.max(4 * MINUTE, median * MINUTE * Math.exp(1.1 * r.normal())));
      const received = end + Math.round(latency / 1000) * 1000;
      if (c.follower && followsUp && !(awaiting && isLast) && received <= now) {
        followUps.push(this.followUp(r, c, position, interviewer, topics, latency, received, recruiter.id));
        firstLatencies.push(latency);
        followedUp++;
        if (r.chance(0.04)) {
          const second = received + Math.round(r.between(1.5 * DAY, 5 * DAY) / 1000) * 1000;
          if (second <= now)
            followUps.push(this.secondFollowUp(r, c, position, interviewer, second, recruiter.id));
        }
      }
      interviews.push({
        round,
        row: {
          interviewer_name: interviewer.name,
          interviewer_email: interviewer.email,
          starts_at: new Date(start).toISOString(),
          ends_at: new Date(end).toISOString(),
          time_zone: timeZone,
          format,
          round,
          notes: sentences.join(" "),
          logged_by: recruiter.id,
          created_at: new Date(logged).toISOString(),
          closes_at: new Date(end + CLOSE_AFTER).toISOString(),
        },
        followUps,
      });
    }
    firstLatencies = firstLatencies.sort((a, b) => a - b);
    const o = new Rng(childSeed(seed, 7));

    // Outcome: leans toward candidates who follow up fast and specifically, with plenty of noise.
    let offerProbability = 0.15;
    if (followedUp > 0) {
      const fastest = firstLatencies[0];
      if (fastest > 72 * HOUR) offerProbability = 0.15;
      else if (c.style === "specific") offerProbability = fastest <= 12 * HOUR ? 0.36 : 0.27;
      else if (c.style === "terse") offerProbability = fastest <= 24 * HOUR ? 0.24 : 0.2;
      else if (c.style === "generic") offerProbability = fastest <= 24 * HOUR ? 0.21 : 0.17;
      else offerProbability = 0.18;
      if (followedUp < slots.length) offerProbability *= 0.9;
    }
    const lastEnd = slots[slots.length - 1].end;
    const age = now - lastEnd;
    let pending: boolean;
    if (recent || truncated || age < DAY) pending = true;
    else if (!position.open) pending = false;
    else {
      const ageDays = age / DAY;
      const p = ageDays < 3 ? 0.92 : ageDays < 10 ? 0.6 : ageDays < 21 ? 0.3 : ageDays < 45 ? 0.12 : 0.04;
      pending = o.chance(p);
    }
    let outcome: Outcome = "pending";
    let outcomeOn: string | null = null;
    let reason: string | null = null;
    if (!pending) {
      const limit = Math.min(now, position.closedAt ?? now);
      const decided = Math.min(limit, lastEnd + o.between(1, 14) * DAY);
      if (o.chance(offerProbability)) {
        outcome = "offer";
        const hiredAt = decided + o.between(3, 10) * DAY;
        if (hiredAt <= limit && o.chance(0.7)) {
          outcome = "hired";
          outcomeOn = toDateText(new Date(hiredAt));
          reason = "Accepted offer";
        } else outcomeOn = toDateText(new Date(decided));
      } else if (o.chance(0.18)) {
        outcome = "withdrawn";
        outcomeOn = toDateText(new Date(decided));
        reason = o.pick(text.WITHDRAWAL_REASONS);
      } else {
        outcome = "rejected";
        outcomeOn = toDateText(new Date(decided));
        reason = o.pick(text.REJECTION_REASONS);
      }
    }
    const stage: Stage =
      outcome === "offer"
        ? "offer"
        : outcome !== "pending"
          ? "closed"
          : slots.length >= 3
            ? "final"
            : slots.length === 1 && interviews[0].row.format === "phone"
              ? "screen"
              : "interview";
    const created = slots[0].start - createdBefore;
    return {
      position,
      row: {
        stage,
        outcome,
        outcome_on: outcomeOn,
        outcome_reason: reason,
        recruiter_id: recruiter.id,
        created_at: new Date(created).toISOString(),
      },
      interviews,
    };
  }

  private followUp(
    r: Rng,
    c: CandidateTraits,
    position: PlanPosition,
    interviewer: Person,
    topics: text.TopicText[],
    latency: number,
    received: number,
    recruiterId: number,
  ): GenFollowUp {
    let channel = r.weighted(CHANNELS_BY_STYLE[c.style]);
    if (channel === "text" && !c.phone) channel = "email";
    const when =
      latency < 8 * HOUR
        ? "today"
        : latency < 36 * HOUR
          ? "yesterday"
          : latency > 5 * DAY
            ? "last week"
            : "earlier this week";
    const values: Record<string, string> = {
      interviewer: interviewer.first,
      interviewerFull: interviewer.name,
      first: c.first,
      full: c.name,
      title: position.title,
      client: position.client.name,
      when,
    };
    let body: string;
    let subject: string | null;
    switch (c.style) {
      case "specific":
        body = this.specificBody(r, values, topics, latency, channel);
        subject = r.pick(text.SPECIFIC_SUBJECTS);
        break;
      case "terse":
        body = r.pick(text.TERSE_LINES) + (channel === "email" ? "\n\n{first}" : "");
        subject = r.pick(text.SPECIFIC_SUBJECTS);
        break;
      case "generic": {
        if (r.chance(0.08)) values.title = "[Job Title]";
        if (r.chance(0.05)) values.client = "[Company Name]";
        const body1 = [
          r.pick(text.GENERIC_OPENERS),
          r.pick(text.GENERIC_THANKS),
          r.pick(text.GENERIC_MIDDLES),
          r.pick(text.GENERIC_FIT),
        ];
        body = [
          r.pick(text.GENERIC_GREETINGS),
          body1.filter(Boolean).join(" "),
          r.pick(text.GENERIC_CLOSERS),
          r.pick(text.GENERIC_SIGNOFFS),
        ].join("\n\n");
        subject = r.pick(text.GENERIC_SUBJECTS);
        break;
      }
      case "shared":
        body = c.sharedTemplate;
        subject = r.pick(["Thank you", "Thank you!", "Thank You for the Interview"]);
        break;
      case "stiff":
        if (r.chance(0.06)) values.client = "[Company Name]";
        body = this.stiffBody(r);
        subject = r.pick(text.STIFF_SUBJECTS);
        break;
    }
    return this.followUpRow(
      r,
      c,
      channel,
      subject === null ? null : text.fill(subject, values),
      text.fill(body, values),
      received,
      recruiterId,
    );
  }

  private specificBody(
    r: Rng,
    values: Record<string, string>,
    topics: text.TopicText[],
    latency: number,
    channel: Channel,
  ): string {
    const [main, second] = r.shuffled(topics);
    const refLine = text.fill(r.pick(text.REF_FRAMES), { ref: main.ref });
    if (channel === "text") {
      return `Hi {interviewer}, thanks for ${latency < 8 * HOUR ? "today" : "the conversation"}. ${refLine} ${r.pick(text.INTEREST_LINES)} {first}`;
    }
    const opener = r.pick(latency < 10 * HOUR ? text.SPECIFIC_OPENERS_SAME_DAY : text.SPECIFIC_OPENERS_LATER);
    const first = [opener, refLine, main.own];
    const rest: string[] = [];
    if (second && r.chance(0.75)) rest.push(text.fill(r.pick(text.SECOND_REF_FRAMES), { ref: second.ref }));
    rest.push(r.pick(text.INTEREST_LINES), r.pick(text.NEXT_STEP_LINES));
    if (r.chance(0.4)) rest.push(r.pick(text.SPECIFIC_CLOSERS));
    const greeting = r.pick(["{interviewer},", "Hi {interviewer},", "{interviewer} -"]);
    return `${greeting}\n\n${first.join(" ")}\n\n${rest.join(" ")}\n\n${r.pick(text.SPECIFIC_SIGNOFFS)}`;
  }

  private stiffBody(r: Rng): string {
    const target = r.int(300, 450);
    const sentences = r.shuffled(text.STIFF_SENTENCES);
    const greeting = r.pick(text.STIFF_GREETINGS);
    const signoff = r.pick(text.STIFF_SIGNOFFS);
    let words = text.countWords(greeting) + text.countWords(signoff) + 2;
    const paragraphs: string[][] = [[]];
    for (const s of sentences) {
      const n = text.countWords(s);
      if (words + n > target) continue;
      words += n;
      let current = paragraphs[paragraphs.length - 1];
      if (current.length >= 3 && r.chance(0.5)) paragraphs.push((current = []));
      current.push(s);
    }
    return [greeting, ...paragraphs.map((p) => p.join(" ")), signoff].join("\n\n");
  }

  private secondFollowUp(
    r: Rng,
    c: CandidateTraits,
    position: PlanPosition,
    interviewer: Person,
    received: number,
    recruiterId: number,
  ): GenFollowUp {
    const values = { interviewer: interviewer.first, first: c.first, title: position.title };
    const channel: Channel = r.chance(0.85) ? "email" : "linkedin";
    return this.followUpRow(
      r,
      c,
      channel,
      text.fill(r.pick(text.SECOND_SUBJECTS), values),
      text.fill(r.pick(text.SECOND_FOLLOW_UPS), values),
      received,
      recruiterId,
    );
  }

  /** E-mails arrive through the mail-in address (nobody logs them); other channels a recruiter logs by hand. */
  private followUpRow(
    r: Rng,
    c: CandidateTraits,
    channel: Channel,
    subject: string | null,
    body: string,
    received: number,
    recruiterId: number,
  ): GenFollowUp {
    const logged = Math.min(this.now, received + Math.round(r.between(MINUTE, 2 * HOUR)));
    return {
      row: {
        received_at: new Date(received).toISOString(),
        channel,
        subject: channel === "email" ? subject : null,
        body,
        sender: channel === "email" ? c.email : channel === "text" ? c.phone : c.name,
        logged_by: channel === "email" ? null : recruiterId,
        created_at: new Date(logged).toISOString(),
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Writing

function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns)));
}

function* batches<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

interface Counts {
  candidates: number;
  applications: number;
  interviews: number;
  followUps: number;
}

async function writeCandidates(
  db: Db,
  organizationId: number,
  generated: GenCandidate[],
  counts: Counts,
): Promise<void> {
  // Candidates, matched back on their e-mail (unique within the organization).
  const candidateRows = generated.map((g) => ({ organization_id: organizationId, ...g.row }));
  const candidateIds = new Map<string, number>();
  for (const batch of batches(candidateRows, rowsPerInsert(6))) {
    const rows = await db.insertInto("candidates").values(batch).returning(["id", "email"]).execute();
    for (const row of rows) candidateIds.set(row.email ?? "", row.id);
  }
  counts.candidates += candidateRows.length;

  // Applications, matched back on candidate × position (unique by constraint).
  const applicationRows: Insertable<ApplicationTable>[] = [];
  const applicationKeys: [number, GenApplication][] = [];
  for (const g of generated) {
    const candidateId = candidateIds.get(g.email);
    if (candidateId === undefined) throw new Error(`seed: candidate ${g.email} was not returned`);
    for (const a of g.applications) {
      applicationRows.push({
        organization_id: organizationId,
        candidate_id: candidateId,
        position_id: a.position.id,
        ...a.row,
      });
      applicationKeys.push([candidateId, a]);
    }
  }
  const applicationIds = new Map<string, number>();
  for (const batch of batches(applicationRows, rowsPerInsert(9))) {
    const rows = await db
      .insertInto("applications")
      .values(batch)
      .returning(["id", "candidate_id", "position_id"])
      .execute();
    for (const row of rows) applicationIds.set(`${row.candidate_id}:${row.position_id}`, row.id);
  }
  counts.applications += applicationRows.length;

  // Interviews, matched back on application × round.
  const interviewRows: Insertable<InterviewTable>[] = [];
  const interviewKeys: [number, GenInterview][] = [];
  for (const [candidateId, a] of applicationKeys) {
    const applicationId = applicationIds.get(`${candidateId}:${a.position.id}`);
    if (applicationId === undefined) throw new Error("seed: application was not returned");
    for (const i of a.interviews) {
      interviewRows.push({ organization_id: organizationId, application_id: applicationId, ...i.row });
      interviewKeys.push([applicationId, i]);
    }
  }
  const interviewIds = new Map<string, number>();
  for (const batch of batches(interviewRows, rowsPerInsert(13))) {
    const rows = await db
      .insertInto("interviews")
      .values(batch)
      .returning(["id", "application_id", "round"])
      .execute();
    for (const row of rows) interviewIds.set(`${row.application_id}:${row.round}`, row.id);
  }
  counts.interviews += interviewRows.length;

  // Follow-ups need no ids back.
  const followUpRows: Insertable<FollowUpTable>[] = [];
  for (const [applicationId, i] of interviewKeys) {
    if (i.followUps.length === 0) continue;
    const interviewId = interviewIds.get(`${applicationId}:${i.round}`);
    if (interviewId === undefined) throw new Error("seed: interview was not returned");
    for (const f of i.followUps)
      followUpRows.push({ organization_id: organizationId, interview_id: interviewId, ...f.row });
  }
  for (const batch of batches(followUpRows, rowsPerInsert(9))) {
    await db.insertInto("follow_ups").values(batch).execute();
  }
  counts.followUps += followUpRows.length;
}

async function generate(
  db: Kysely<Database>,
  options: GenerateOptions,
  demo: DemoSpec | null,
): Promise<SeedSummary> {
  const total = Math.max(0, Math.floor(options.candidates));
  const o = {
    candidates: total,
    seed: options.seed,
    now: options.now ?? new Date(),
    days: options.days ?? 120,
    organizationName:
      options.organizationName ?? `Seeded workspace (seed ${options.seed}, ${total} candidates)`,
  };
  const r = new Rng(o.seed);
  const plan = await db.transaction().execute((trx) => createPlan(trx, r, o, demo));
  // ~2 % of applications have a last interview in the last three days (at least a dozen in the demo).
  const recentShare = demo ? 0.07 : 0.02;
  const generator = new CandidateFactory(childSeed(o.seed >>> 0, 0x5eed), plan, o.days, o.now, recentShare);
  const counts: Counts = { candidates: 0, applications: 0, interviews: 0, followUps: 0 };
  options.onProgress?.(0, total, "generate");
  for (let done = 0; done < total;) {
    const n = Math.min(CANDIDATES_PER_TRANSACTION, total - done);
    const generated: GenCandidate[] = [];
    for (let i = 0; i < n; i++) generated.push(generator.candidate(done + i, total));
    await db.transaction().execute((trx) => writeCandidates(trx, plan.organizationId, generated, counts));
    done += n;
    options.onProgress?.(done, total, "generate");
    // SQLite answers synchronously, so without this a large seed would hold the event loop (timers,
    // progress output, a server loading the demo) until the very end.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const rescored =
    options.score === false
      ? { interviews: 0, followUps: 0 }
      : await rescoreOrganization(db, plan.organizationId, (d, t) => options.onProgress?.(d, t, "score"), {
          now: o.now,
        });
  return {
    organizationId: plan.organizationId,
    clients: plan.clients.length,
    users: plan.users,
    positions: plan.positions.length,
    ...counts,
    rescored,
  };
}
