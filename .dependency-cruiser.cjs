// The layering rule, checked by `npm run lint` (npm run lint:layers) with dependency-cruiser.
//
// Lowest first: app/core (pure logic and the domain words) < db (schema, connection, migrations)
// < app/data (queries; it may use app/auth's password and token helpers, and app/auth may record
// audit rows through it, but never in a cycle) < app/intake < app/demo < app/routes,
// app/components, http, server.ts, scripts. Nothing imports upwards. Type-only imports count too: a type is still a
// reason to know about the other layer.
//
// test/integration/layering.test.ts checks that each rule still refuses what it should.

/* global module */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment:
        "app/core holds pure logic and the domain vocabulary; it knows nothing of storage, auth, " +
        "intake, pages or HTTP. Pass what it needs in as arguments.",
      severity: "error",
      from: { path: "^app/core/" },
      to: {
        path: "^(db|http)/|^app/(data|auth|intake|routes|components)/|^app/root\\.tsx$|^server\\.ts$",
      },
    },
    {
      name: "data-below-intake-and-pages",
      comment:
        "app/data is called by intake, routes and components, never the other way: a data " +
        "function that needs intake logic takes its result as an argument.",
      severity: "error",
      from: { path: "^app/data/" },
      to: { path: "^app/(intake|routes|components)/|^app/root\\.tsx$|^http/|^server\\.ts$" },
    },
    {
      name: "auth-below-pages",
      comment: "app/auth is used by routes and intake; it does not import them.",
      severity: "error",
      from: { path: "^app/auth/" },
      to: { path: "^app/(intake|routes|components)/|^app/root\\.tsx$|^http/|^server\\.ts$" },
    },
    {
      name: "demo-on-top",
      comment:
        "app/demo builds the demo workspace with the data functions; the layers it builds on do " +
        "not import it (a test may read its sample text).",
      severity: "error",
      from: { path: "^app/(core|data|auth|intake)/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^app/demo/" },
    },
    {
      name: "db-knows-no-app",
      comment:
        "db/ (schema, connection, migrations) imports nothing of app/. The one exception: " +
        "db/schema.ts takes the domain word lists (roles, stages, outcomes, channels, windows) " +
        "from app/core, so each list has one home.",
      severity: "error",
      from: { path: "^db/", pathNot: "^db/schema\\.ts$" },
      to: { path: "^app/" },
    },
    {
      name: "db-schema-only-from-core",
      comment: "db/schema.ts may import app/core vocabulary modules, nothing else of app/.",
      severity: "error",
      from: { path: "^db/schema\\.ts$" },
      to: { path: "^app/", pathNot: "^app/core/[^/]+\\.ts$" },
    },
    {
      name: "no-circular",
      comment: "Import cycles hide which module is the lower layer; break them.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-server-in-browser-code",
      comment:
        "Components and core run in the browser too; a value imported there from a .server " +
        "module is silently undefined in the browser bundle. Only routes (loaders/actions) " +
        "may import .server modules. A type-only import is erased, so it is fine.",
      severity: "error",
      from: { path: "^app/(components|core)/", pathNot: "\\.server\\.|\\.test\\.tsx?$" },
      to: { path: "\\.server\\.[cm]?[jt]sx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that cannot be resolved is a typo or a missing package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public/build|node_modules|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Resolve like the bundler and tsx do: "./x.js" may name x.ts, package.json "exports" apply.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".cjs", ".jsx", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
