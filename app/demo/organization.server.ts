// The organization of a generated workspace and everything it has before any candidate: clients with
// their interviewers, hiring managers, recruiters (the demo's accounts among them) and positions.
import type { Db, Role } from "../../db/schema";
import { DEMO_ACCOUNTS } from "./accounts";
import { DAY } from "./calendar";
import { firstName, randomPerson, slug } from "./people";
import type { DemoSpec, Plan, PlanClient, PlanUser } from "./plan";
import { insertPositions } from "./positions.server";
import { cumulate, type Rng } from "./random";
import * as text from "./text";

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

export interface PlanOptions {
  candidates: number;
  now: Date;
  days: number;
  organizationName: string;
}

/** Writes the organization and its structure; every draw comes from `r`, in a fixed order. */
export async function createPlan(db: Db, r: Rng, o: PlanOptions, demo: DemoSpec | null): Promise<Plan> {
  const now = o.now.getTime();
  const windowStart = now - o.days * DAY;
  const orgCreated = new Date(windowStart - 90 * DAY).toISOString();
  const org = await db
    .insertInto("organizations")
    // The agency works from New York (its clients' zones vary): times are shown there by default.
    .values({
      name: o.organizationName,
      is_demo: demo ? 1 : 0,
      created_at: orgCreated,
      time_zone: "America/New_York",
    })
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

  const positions = await insertPositions(db, r, {
    organizationId,
    clients,
    managers,
    count: positionCount,
    now,
    windowStart,
    days: o.days,
  });

  return { organizationId, clients, positions, recruiters, recruiterCumulative, users };
}
