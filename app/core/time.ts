import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/**
 * The UTC instant of a wall-clock time in a zone: "2026-03-08T10:00" in America/New_York → ISO UTC.
 * Returns null for text that is not a date and time.
 */
export function zonedToUtc(localDateTime: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(localDateTime.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number);
  const date = new TZDate(y, mo - 1, d, h, mi, timeZone);
  if (Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1) return null;
  return new Date(date.getTime()).toISOString();
}

/** The wall-clock "yyyy-MM-ddTHH:mm" of a UTC instant in a zone (for datetime-local inputs). */
export function utcToZoned(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), "yyyy-MM-dd'T'HH:mm");
}
