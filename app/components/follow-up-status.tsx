import { formatMinutes } from "~/core/format";
import type { StatusViewModel } from "~/core/pipeline";
import type { FollowUpWindow } from "~/core/windows";
import { useNow } from "./use-now";

// Whole class names (app/tailwind.css), written out so that Tailwind finds them in this file.
const WINDOW_STYLES: Record<FollowUpWindow, string> = {
  best: "badge badge-best",
  ideal: "badge badge-ideal",
  acceptable: "badge badge-acceptable",
  late: "badge badge-late",
  none: "badge badge-none",
};

/** A window's badge. The label names the organization's threshold, so the loader builds it (core/windows.ts). */
export function WindowBadge({ window, label }: { window: FollowUpWindow; label: string }) {
  return <span className={WINDOW_STYLES[window]}>{label}</span>;
}

export type StatusView = Exclude<StatusViewModel, { kind: "not_interviewed" }>;

/** An interview's follow-up status; while awaiting, the time left to each threshold counts down live. */
export function FollowUpStatus({
  status,
  serverNow,
  compact = false,
}: {
  status: StatusView;
  serverNow: string;
  compact?: boolean;
}) {
  if (status.kind === "received") {
    return (
      <span className="inline-flex flex-wrap items-center gap-1 text-sm">
        <WindowBadge window={status.window} label={`Received · ${status.label}`} />
        <span className="text-slate-700">{`after ${status.latency}`}</span>
      </span>
    );
  }
  if (status.kind === "none") return <WindowBadge window="none" label="No follow-up" />;
  if (status.kind === "exempt")
    return (
      <span className="badge badge-exempt">
        {status.received ? "Received · latency not applicable" : "Latency not applicable"}
      </span>
    );
  return <Countdown deadlines={status.deadlines} serverNow={serverNow} compact={compact} />;
}

function Countdown({
  deadlines,
  serverNow,
  compact,
}: {
  deadlines: Extract<StatusView, { kind: "awaiting" }>["deadlines"];
  serverNow: string;
  compact: boolean;
}) {
  const now = useNow(serverNow);
  const ahead = deadlines
    .map((d) => ({ ...d, minutesLeft: (Date.parse(d.at) - now) / 60_000 }))
    .filter((d) => d.minutesLeft > 0);
  if (!ahead.length) return <WindowBadge window="none" label="No follow-up" />;
  const [next, ...later] = ahead;
  return (
    <span className="inline-flex flex-col gap-0.5 text-sm">
      <span className="inline-flex items-center gap-1">
        <span className="badge badge-awaiting">Awaiting</span>
        <span>
          <strong className="tabular-nums">{formatMinutes(next.minutesLeft)}</strong> left to{" "}
          {next.thresholdLabel}
        </span>
      </span>
      {compact ? null : (
        <span className="text-xs text-slate-600">
          {later.map((d) => `${formatMinutes(d.minutesLeft)} to ${d.thresholdLabel}`).join(" · ")}
        </span>
      )}
    </span>
  );
}
