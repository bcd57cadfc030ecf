import type { ReactNode } from "react";
import { PART_COLOURS, type RubricPart } from "~/core/rubric-parts";

export type ScorePartView = {
  key: RubricPart;
  label: string;
  points: number;
  max: number;
  /** href: where the evidence points, e.g. the other candidate's follow-up that this one nearly copies. */
  evidence: { text: string; effect: "earned" | "cost"; start?: number; end?: number; href?: string }[];
};

/**
 * A follow-up's score as one bar of its parts, then each part with its points and evidence. Parts can
 * lose points (lateness, a capped fault), so the bar is as long as the total and the parts that earned
 * share it in proportion.
 */
export function ScoreBreakdown({ total, parts }: { total: number; parts: ScorePartView[] }) {
  const max = parts.reduce((sum, p) => sum + p.max, 0) || 100;
  const earned = parts.reduce((sum, p) => sum + Math.max(0, p.points), 0) || 1;
  return (
    <div>
      <div className="flex items-center gap-3">
        <span
          className="text-2xl font-semibold tabular-nums"
          aria-label={`Quality score ${total} out of 100`}
        >
          {total}
          <span className="text-sm font-normal text-slate-500">/100</span>
        </span>
        <div className="flex h-4 flex-1 overflow-hidden rounded bg-slate-100" aria-hidden="true">
          {parts.map((p) =>
            p.points > 0 ? (
              <div
                key={p.key}
                title={`${p.label}: ${round(p.points)} of ${p.max}`}
                style={{
                  width: `${(100 * total * p.points) / (earned * max)}%`,
                  background: PART_COLOURS[p.key],
                }}
              />
            ) : null,
          )}
        </div>
      </div>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
        {parts.map((p) => (
          <li key={p.key} className="text-sm">
            <span className="flex items-center gap-2">
              <span
                className="inline-block h-3 w-3 rounded-sm"
                style={{ background: PART_COLOURS[p.key] }}
                aria-hidden="true"
              />
              <span className="font-medium">{p.label}</span>
              <span className="tabular-nums text-slate-700">
                {round(p.points)} / {p.max}
              </span>
            </span>
            {p.evidence.length ? (
              <ul className="ml-5 mt-0.5 space-y-0.5 text-xs">
                {p.evidence.map((e, i) => (
                  <li key={i} className={e.effect === "earned" ? "text-emerald-800" : "text-red-800"}>
                    {e.effect === "earned" ? "+ " : "− "}
                    {e.text}
                    {e.href ? (
                      <>
                        {" "}
                        <a href={e.href} className="underline">
                          See that follow-up
                        </a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message text with the evidence the scorer found marked where it stands. */
export function HighlightedText({ text, parts }: { text: string; parts: ScorePartView[] }) {
  const spans = parts
    .flatMap((p) =>
      p.evidence
        .filter((e) => e.start != null && e.end != null)
        .map((e) => ({ ...e, part: p.label, start: e.start!, end: e.end! })),
    )
    .sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end > text.length) continue; // overlapping evidence: keep the first
    out.push(text.slice(at, span.start));
    out.push(
      <mark
        key={`${span.start}-${span.end}`}
        title={`${span.part}: ${span.text}`}
        className={
          span.effect === "earned"
            ? "rounded bg-emerald-100 px-0.5 text-emerald-950"
            : "rounded bg-red-100 px-0.5 text-red-950 underline decoration-wavy"
        }
      >
        {text.slice(span.start, span.end)}
      </mark>,
    );
    at = span.end;
  }
  out.push(text.slice(at));
  return <p className="whitespace-pre-wrap text-sm leading-relaxed">{out}</p>;
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}
