// The app's hot read paths, each a named call of the real data function, for the query-plan test
// (test/integration/query-plans.test.ts) and `npm run bench` (scripts/bench.ts). Kept in one place so
// that what is benchmarked is what is checked for full scans.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import {
  PIPELINE_SORT_KEYS,
  PIPELINE_STATUSES,
  SCORE_BANDS,
  type PipelineFilters,
} from "../app/core/pipeline";
import { TIMED_WINDOWS } from "../app/core/windows";
import { parseDashboardParams } from "../app/core/analytics";
import { CANDIDATE_SORT_KEYS, listCandidates } from "../app/data/candidates.server";
import { listAwaiting, listPipeline } from "../app/data/pipeline.server";
import { loadDashboard } from "../app/data/analytics.server";
import { getOrganizationSettings } from "../app/data/organizations.server";
import type { Viewer } from "../app/data/scope.server";
import {
  listApiApplications,
  listApiCandidates,
  listApiFollowUps,
  listApiInterviews,
  listApiPositions,
} from "../app/data/api-resources.server";

export interface HotQuery {
  /** e.g. "pipeline sort=score", "awaiting (hiring manager)" */
  name: string;
  group: "pipeline" | "awaiting" | "candidates" | "dashboard" | "api";
  run: () => Promise<unknown>;
}

const NO_FILTERS: PipelineFilters = { stage: null, status: null, window: null, band: null, outcome: null };

/**
 * Every hot query of one organization: the pipeline of its largest position for each sort column and
 * each filter, the awaiting view and the candidates list for a recruiter and a hiring manager, and the
 * dashboard with and without filters.
 */
export async function hotQueries(
  db: Kysely<Database>,
  organizationId: number,
  now: Date,
): Promise<HotQuery[]> {
  const nowIso = now.toISOString();
  // generateWorkspace makes recruiters and hiring managers, no admin; a recruiter sees the whole organization as an admin does.
  const recruiter = await viewerOf(db, organizationId, "recruiter");
  const manager = await viewerOf(db, organizationId, "hiring_manager");
  const positionId = await largestPosition(db, organizationId);
  const sample = await db
    .selectFrom("applications as a")
    .innerJoin("positions as p", "p.id", "a.position_id")
    .innerJoin("interviews as i", "i.application_id", "a.id")
    .select(["p.client_id", "a.position_id", "a.recruiter_id", "i.interviewer_name"])
    .where("a.organization_id", "=", organizationId)
    .where("a.recruiter_id", "is not", null)
    .limit(1)
    .executeTakeFirstOrThrow();
  const settings = await getOrganizationSettings(db, organizationId);
  const dashboardSettings = { windows: settings.windows, weights: settings.weights };
  const page = { q: "", dir: "asc" as const, page: 1, pageSize: 50 };

  const queries: HotQuery[] = [];
  for (const sort of PIPELINE_SORT_KEYS) {
    queries.push({
      name: `pipeline sort=${sort}`,
      group: "pipeline",
      run: () => listPipeline(db, recruiter, positionId, { ...page, sort }, NO_FILTERS, nowIso),
    });
  }
  const filters: [string, Partial<PipelineFilters>][] = [
    ["stage=interview", { stage: "interview" }],
    ["outcome=pending", { outcome: "pending" }],
    ...SCORE_BANDS.map((band): [string, Partial<PipelineFilters>] => [`band=${band}`, { band }]),
    ...PIPELINE_STATUSES.map((status): [string, Partial<PipelineFilters>] => [
      `status=${status}`,
      { status },
    ]),
    ...TIMED_WINDOWS.map((window): [string, Partial<PipelineFilters>] => [`window=${window}`, { window }]),
  ];
  for (const [label, f] of filters) {
    queries.push({
      name: `pipeline ${label}`,
      group: "pipeline",
      run: () =>
        listPipeline(db, recruiter, positionId, { ...page, sort: "status" }, { ...NO_FILTERS, ...f }, nowIso),
    });
  }
  queries.push({
    name: "pipeline q=an",
    group: "pipeline",
    run: () =>
      listPipeline(db, recruiter, positionId, { ...page, q: "an", sort: "candidate" }, NO_FILTERS, nowIso),
  });
  queries.push({
    name: "pipeline (hiring manager)",
    group: "pipeline",
    run: () => listPipeline(db, manager, positionId, { ...page, sort: "status" }, NO_FILTERS, nowIso),
  });

  queries.push({
    name: "awaiting (recruiter)",
    group: "awaiting",
    run: () => listAwaiting(db, recruiter, { page: 1, pageSize: 50 }, nowIso),
  });
  queries.push({
    name: "awaiting (hiring manager)",
    group: "awaiting",
    run: () => listAwaiting(db, manager, { page: 1, pageSize: 50 }, nowIso),
  });

  for (const sort of CANDIDATE_SORT_KEYS) {
    for (const dir of ["asc", "desc"] as const) {
      queries.push({
        name: `candidates sort=${sort}${dir === "desc" ? " desc" : ""}`,
        group: "candidates",
        run: () => listCandidates(db, recruiter, { ...page, sort, dir }),
      });
    }
  }
  queries.push({
    name: "candidates q=an",
    group: "candidates",
    run: () => listCandidates(db, recruiter, { ...page, q: "an", sort: "name" }),
  });
  queries.push({
    name: "candidates (hiring manager)",
    group: "candidates",
    run: () => listCandidates(db, manager, { ...page, sort: "name" }),
  });
  queries.push({
    name: "candidates (hiring manager) sort=bestScore desc",
    group: "candidates",
    run: () => listCandidates(db, manager, { ...page, sort: "bestScore", dir: "desc" }),
  });

  const dashboard = (search: string) => () =>
    loadDashboard(db, recruiter, parseDashboardParams(new URLSearchParams(search)), dashboardSettings, now);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dashboards: [string, string][] = [
    ["no filters", ""],
    [`client`, `client=${sample.client_id}`],
    [`position`, `position=${sample.position_id}`],
    [`interviewer`, `interviewer=${encodeURIComponent(sample.interviewer_name)}`],
    [`round`, `round=1`],
    [`recruiter`, `recruiter=${sample.recruiter_id}`],
    [`last 30 days`, `from=${day(now.getTime() - 30 * 86_400_000)}&to=${day(now.getTime())}`],
    [`by interviewer`, `by=interviewer`],
    // Sorted by a percentile, every interviewer's is read, not only the page's.
    [`by interviewer, by median`, `by=interviewer&sort=medianLatency`],
    [`by round`, `by=round`],
    [`by recruiter`, `by=recruiter`],
  ];
  for (const [label, search] of dashboards)
    queries.push({ name: `dashboard ${label}`, group: "dashboard", run: dashboard(search) });
  queries.push({
    name: "dashboard (hiring manager)",
    group: "dashboard",
    run: () =>
      loadDashboard(db, manager, parseDashboardParams(new URLSearchParams("")), dashboardSettings, now),
  });
  // The REST API's lists (issue 22): a position's pipeline, and each resource changed in the last day.
  const first = { limit: 50, afterId: 0, updatedSince: null };
  queries.push({
    name: "api applications position_id",
    group: "api",
    run: () => listApiApplications(db, recruiter, first, { positionId, candidateId: null }),
  });
  const since = { ...first, updatedSince: new Date(now.getTime() - 86_400_000).toISOString() };
  queries.push(
    {
      name: "api candidates updated_since",
      group: "api",
      run: () => listApiCandidates(db, recruiter, since),
    },
    {
      name: "api positions updated_since",
      group: "api",
      run: () => listApiPositions(db, recruiter, since, null),
    },
    {
      name: "api applications updated_since",
      group: "api",
      run: () => listApiApplications(db, recruiter, since, { positionId: null, candidateId: null }),
    },
    {
      name: "api interviews updated_since",
      group: "api",
      run: () => listApiInterviews(db, recruiter, since, null),
    },
    {
      name: "api follow-ups updated_since",
      group: "api",
      run: () => listApiFollowUps(db, recruiter, since, null),
    },
  );
  return queries;
}

/** The organization's position with the most applications: where a pipeline page is heaviest. */
export async function largestPosition(db: Kysely<Database>, organizationId: number): Promise<number> {
  const largest = await db
    .selectFrom("applications")
    .select(["position_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organization_id", "=", organizationId)
    .groupBy("position_id")
    .orderBy("n", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  return largest.position_id;
}

async function viewerOf(db: Kysely<Database>, organizationId: number, role: Viewer["role"]): Promise<Viewer> {
  return db
    .selectFrom("users")
    .select(["id", "organization_id", "role", "client_id"])
    .where("organization_id", "=", organizationId)
    .where("role", "=", role)
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
}
