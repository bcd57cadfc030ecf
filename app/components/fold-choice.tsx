import { resolveWallClock } from "~/core/time";

/**
 * The night the clocks go back, one wall-clock hour happens twice. When the time typed in `name` is
 * one of those, this asks which one was meant (the form posts `${name}Fold`: "earlier" or "later");
 * otherwise it renders nothing.
 */
export function FoldChoice({
  name,
  value,
  timeZone,
  chosen,
}: {
  name: string;
  value: string | undefined;
  timeZone: string | undefined;
  chosen?: string;
}) {
  if (!value || !timeZone) return null;
  const resolved = resolveWallClock(value, timeZone);
  if (resolved.ok || resolved.reason !== "ambiguous") return null;
  const time = value.trim().slice(11, 16);
  const option = (fold: "earlier" | "later", offset: string, label: string) => (
    <label className="flex items-center gap-2 text-sm">
      <input type="radio" name={`${name}Fold`} value={fold} defaultChecked={chosen === fold} />
      {time} {label} ({offset})
    </label>
  );
  return (
    <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-2 sm:col-span-2">
      <legend className="px-1 text-sm font-medium">Which {time}?</legend>
      {option("earlier", resolved.earlier.offset, "the first time, before the clocks went back")}
      {option("later", resolved.later.offset, "the second time, after the clocks went back")}
    </fieldset>
  );
}
