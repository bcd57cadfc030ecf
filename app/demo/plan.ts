// The plan of a generated workspace: its organization-level structure (clients, staff, positions),
// written before any candidate and then read by the candidate generators. Types only.
import type { Person } from "./people";

export interface PlanClient {
  id: number;
  name: string;
  domain: string;
  timeZone: string;
  interviewers: Person[];
  /** Indexes into plan.managers. */
  managers: number[];
}

export interface PlanUser {
  id: number;
  name: string;
  first: string;
  email: string;
}

export interface PlanPosition {
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

export interface Plan {
  organizationId: number;
  clients: PlanClient[];
  positions: PlanPosition[];
  recruiters: PlanUser[];
  /** Cumulative weights over recruiters. */
  recruiterCumulative: number[];
  users: number;
}

/** What only the demo workspace has: its accounts' password hashes, in DEMO_ACCOUNTS order. */
export interface DemoSpec {
  hashes: string[];
}
