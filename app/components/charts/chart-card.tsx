import {
  cloneElement,
  createContext,
  useContext,
  useEffect,
  useId,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import { ResponsiveContainer } from "recharts";

/** Colours that stay apart in greyscale: a dark blue, a light amber, and a blue ramp from dark to light. */
export const COLORS = {
  primary: "#312e81",
  secondary: "#f59e0b",
  muted: "#94a3b8",
  grid: "#e2e8f0",
  axis: "#475569",
  ramp: ["#1e3a8a", "#2563eb", "#60a5fa", "#bfdbfe", "#e2e8f0"],
} as const;

/** Recharts 3 draws nothing on the server; render charts only once the page has hydrated. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A fixed width for the charts inside (the printed client report): a ResponsiveContainer measures
 * the screen's layout, which is not the page's when printing, so the report gives charts explicit sizes.
 */
export const FixedChartWidth = createContext<number | null>(null);
const ChartHeight = createContext<number>(240);

/** The chart's frame: responsive on screen, or the explicit width (and the card's height) under FixedChartWidth. */
export function ChartFrame({ children }: { children: ReactElement<{ width?: number; height?: number }> }) {
  const width = useContext(FixedChartWidth);
  const height = useContext(ChartHeight);
  if (width) return cloneElement(children, { width, height });
  return (
    <ResponsiveContainer width="100%" height="100%">
      {children}
    </ResponsiveContainer>
  );
}

export type TableAlternative = { caption: string; head: string[]; rows: (string | number)[][] };

type ChartCardProps = {
  title: string;
  /** One or two sentences: what the chart counts, and over what. */
  description: ReactNode;
  /** A short plain-text reading of the chart for screen readers (the role="img" label). */
  summary: string;
  height: number;
  empty: string | null;
  table: TableAlternative;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
};

/**
 * One chart: a title that says what it shows, a box of fixed height (so nothing jumps when the
 * chart appears after hydration), an empty state, and the same numbers as a table for screen
 * readers and copying.
 */
export function ChartCard({
  title,
  description,
  summary,
  height,
  empty,
  table,
  children,
  footer,
  className,
}: ChartCardProps) {
  const hydrated = useHydrated();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`card flex flex-col ${className ?? ""}`}>
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      <div className="mt-3" style={{ height }}>
        {empty ? (
          <div className="flex h-full items-center justify-center rounded-md border border-dashed border-slate-300 px-6 text-center text-sm text-slate-600">
            {empty}
          </div>
        ) : (
          <div
            role="img"
            aria-label={`${title}. ${summary}`}
            className="h-full w-full"
            data-chart={hydrated ? "ready" : "pending"}
          >
            {hydrated ? <ChartHeight.Provider value={height}>{children}</ChartHeight.Provider> : null}
          </div>
        )}
      </div>
      {footer ? <div className="mt-3 text-sm text-slate-800">{footer}</div> : null}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-700 hover:text-slate-900">
          Show the numbers as a table
        </summary>
        <SimpleTable {...table} />
      </details>
    </section>
  );
}

export function SimpleTable({ caption, head, rows }: TableAlternative) {
  return (
    // Focusable, so that a keyboard can scroll a table wider than the card.
    <div className="mt-2 overflow-x-auto" tabIndex={0} role="group" aria-label={`${caption} (table)`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-2 py-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length ? (
            rows.map((row, i) => (
              <tr key={i} className="border-t border-slate-100">
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row" className="px-2 py-1 font-normal">
                      {cell}
                    </th>
                  ) : (
                    <td key={j} className="px-2 py-1 tabular-nums">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={head.length} className="px-2 py-2 text-slate-600">
                No data.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The box a tooltip draws in. */
export function TooltipBox({ title, lines }: { title: string; lines: ReactNode[] }) {
  return (
    <div className="rounded-md border border-slate-300 bg-white px-3 py-2 text-xs text-slate-800 shadow-md">
      <p className="font-semibold text-slate-900">{title}</p>
      {lines.map((line, i) => (
        <p key={i} className="mt-0.5 tabular-nums">
          {line}
        </p>
      ))}
    </div>
  );
}

/** Reads the data row behind the first tooltip entry. */
export function tooltipRow<T>(props: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
}): T | null {
  if (!props.active || !props.payload?.length) return null;
  return (props.payload[0].payload as T) ?? null;
}
