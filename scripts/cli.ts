// The command-line scripts' arguments: node's parseArgs (strict, with --help), and one way to refuse a
// bad argument: the script's name, the reason and its usage on stderr, exit code 2. One script runs per
// process, so the name and usage given to commandLine are kept here for fail and whole.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
const HELP = { help: { type: "boolean", short: "h" } } as const;

let script = { name: "script", usage: "" };

/** Prints `name: message` and the usage, and exits with 2. */
export function fail(message: string): never {
  console.error(`${script.name}: ${message}\n${script.usage}`);
  process.exit(2);
}

/** The value of --flag as a whole number of at least `min`, or `fallback` when the flag is absent. */
export function whole(
  flag: string,
  value: string | undefined,
  { min = 1, fallback }: { min?: number; fallback?: number } = {},
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min)
    fail(`--${flag} must be a whole number from ${min}, got "${value ?? ""}"`);
  return Number(value);
}

/** Parses the process's arguments; prints the usage and exits on --help. Positionals only when `positionals` is set. */
export function commandLine<T extends Options>(name: string, usage: string, options: T, positionals = false) {
  script = { name, usage };
  let parsed;
  try {
    parsed = parseArgs({ options: { ...options, ...HELP }, strict: true, allowPositionals: true });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  if (!positionals && parsed.positionals.length > 0) fail(`unexpected argument "${parsed.positionals[0]}"`);
  return parsed as ReturnType<
    typeof parseArgs<{ options: T & typeof HELP; strict: true; allowPositionals: true }>
  >;
}
