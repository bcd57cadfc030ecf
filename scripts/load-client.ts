// The load test's client process (scripts/load-test.ts starts it, so that the load comes from a second
// process): one autocannon instance per page kind, run at the same time against the server, each with
// its share of the connections, cycling through that kind's paths with the session cookie. Records
// every response's status and time per kind, and prints one JSON line with the counts and percentiles.
//   node --import tsx scripts/load-client.ts '<config JSON>'
import autocannon from "autocannon";

export interface LoadClientConfig {
  url: string;
  cookie: string;
  durationSeconds: number;
  timeoutSeconds: number;
  groups: { kind: string; connections: number; paths: string[] }[];
}

export interface KindResult {
  kind: string;
  connections: number;
  requests: number;
  non2xx: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runKind(
  config: LoadClientConfig,
  group: LoadClientConfig["groups"][number],
): Promise<KindResult> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: config.url,
    connections: group.connections,
    duration: config.durationSeconds,
    timeout: config.timeoutSeconds,
    headers: { cookie: config.cookie },
    requests: group.paths.map((path) => ({ method: "GET", path })),
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const non2xx = Object.entries(statuses).reduce(
    (n, [status, count]) => (status.startsWith("2") ? n : n + count),
    0,
  );
  return {
    kind: group.kind,
    connections: group.connections,
    requests: times.length,
    non2xx,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
  };
}

const config = JSON.parse(process.argv[2] ?? "{}") as LoadClientConfig;
if (!config.url || !Array.isArray(config.groups)) {
  console.error(
    "usage: node --import tsx scripts/load-client.ts '<config JSON>' (started by scripts/load-test.ts)",
  );
  process.exit(2);
}
const results = await Promise.all(config.groups.map((g) => runKind(config, g)));
console.log(JSON.stringify(results));
