import { useState, type ReactNode } from "react";

/** A secret shown this once (a new API token, a web hook's secret key), with a button that copies it. */
export function ShownOnce({
  children,
  value,
  testId,
  copyLabel,
}: {
  children: ReactNode;
  value: string;
  testId: string;
  copyLabel: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">{children}</p>
      <p className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="break-all rounded bg-white px-1.5 py-0.5 text-slate-900">
          {value}
        </code>
        <button
          type="button"
          className="btn-secondary py-0.5"
          onClick={() => {
            navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : copyLabel}
        </button>
      </p>
    </div>
  );
}
