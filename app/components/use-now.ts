import { useEffect, useState } from "react";

/**
 * The current time, starting from the server's clock (so the first client render matches the
 * server's HTML) and ticking every `everyMs` afterwards.
 */
export function useNow(serverNow: string, everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.parse(serverNow));
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
