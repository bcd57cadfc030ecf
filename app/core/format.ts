import { format } from "date-fns/format";
import { TZDate } from "@date-fns/tz";

/** "26 Nov 2026" */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  return format(new TZDate(iso, "UTC"), "d MMM yyyy");
}

/** "Thu 26 Nov 2026, 14:00 EST" in the given IANA zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const local = new TZDate(iso, timeZone);
  const zone = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" })
    .formatToParts(local)
    .find((p) => p.type === "timeZoneName")?.value;
  return `${format(local, "EEE d MMM yyyy, HH:mm")} ${zone ?? timeZone}`;
}

/** "2 h 05 min", "3 d 4 h", "45 min" — for latencies and time left. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null) return "—";
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`;
}

export function formatPercent(ratio: number | null | undefined): string {
  return ratio == null ? "—" : `${Math.round(ratio * 100)}%`;
}
