// API tokens from the command line (issue 22), for admins who script:
//   npm run token -- create --user EMAIL --scope read|write [--expires ISO] [--name NAME]
// prints a new personal token of that (active) user, once, on stdout; nothing else is printed there,
// so `TOKEN=$(npm run -s token -- create …)` works. DATABASE_URL chooses the database (default
// data/followthrough.db); it is migrated first. The creation is audited like one made on /account/tokens.
import { sql } from "kysely";
import { openDatabase } from "../db/connection.server";
import { migrateToLatest } from "../db/migrate.server";
import { createApiToken } from "../app/data/api-tokens.server";
import { commandLine, fail } from "./cli";

const USAGE = "usage: npm run token -- create --user EMAIL --scope read|write [--expires ISO] [--name NAME]";

const { values: args, positionals } = commandLine(
  "token",
  USAGE,
  {
    user: { type: "string" },
    scope: { type: "string" },
    expires: { type: "string" },
    name: { type: "string" },
  },
  true,
);
if (positionals[0] !== "create") fail(`say create, got "${positionals[0] ?? ""}"`);
if (!args.user) fail("--user EMAIL is required");
const scope = args.scope;
if (scope !== "read" && scope !== "write") fail(`--scope must be read or write, got "${scope ?? ""}"`);
let expiresAt: string | null = null;
if (args.expires !== undefined) {
  const ms = Date.parse(args.expires);
  if (!/^\d{4}-\d{2}-\d{2}/.test(args.expires) || !Number.isFinite(ms))
    fail(`--expires must be an ISO date or date and time, got "${args.expires}"`);
  if (ms <= Date.now()) fail("--expires must be in the future");
  expiresAt = new Date(ms).toISOString();
}

const db = openDatabase();
let status = 0;
try {
  const migrated = await migrateToLatest(db);
  if (migrated.length > 0) console.error(`migrated: ${migrated.join(", ")}`);
  const user = await db
    .selectFrom("users")
    .select(["id", "organization_id", "name"])
    .where(sql<boolean>`lower(email) = ${args.user.toLowerCase()}`)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!user) {
    console.error(`token: no active user has the email ${args.user}`);
    status = 1;
  } else {
    const { token } = await createApiToken(db, user, {
      userId: user.id,
      name: args.name ?? `Command line (${new Date().toISOString().slice(0, 10)})`,
      scope,
      expiresAt,
    });
    console.log(token);
    console.error(
      `token: a ${scope} token for ${user.name}${expiresAt ? `, expiring ${expiresAt}` : ""}. It is shown only this once.`,
    );
  }
} finally {
  await db.destroy();
}
process.exit(status);
