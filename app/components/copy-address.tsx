import { useState } from "react";

/** An interview's mail-in address with a button that copies it. */
export function CopyAddress({ address }: { address: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700">Forward or BCC the candidate&apos;s follow-up to</span>
      <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-900">{address}</code>
      <button
        type="button"
        className="btn-secondary py-0.5"
        aria-label={copied ? `Copied ${address}` : `Copy the address ${address}`}
        onClick={() => {
          navigator.clipboard?.writeText(address).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </p>
  );
}
