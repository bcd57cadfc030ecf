// Every migration, imported so that the bundler and vitest carry them (kysely's
// FileMigrationProvider cannot load .ts files at run time). Add new ones here, in order.
import type { Migration } from "kysely";
import * as m0001 from "./0001_initial";

export const migrations: Record<string, Migration> = {
  "0001_initial": m0001,
};
