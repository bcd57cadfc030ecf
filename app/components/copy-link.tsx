import { useEffect, useRef, useState } from "react";

/**
 * A button that copies this page's address (for a share link: the link itself) and says "Copied",
 * also to screen readers through a polite live region. Where the browser offers no clipboard (a page
 * served over plain http to another machine), it shows the link selected, ready for Ctrl+C.
 * Rendered once JavaScript runs: without it the button could do nothing.
 */
export function CopyPageLink({ label = "Copy link" }: { label?: string }) {
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<"idle" | "copied" | "manual">("idle");
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState("");
  useEffect(() => {
    setReady(true);
    setUrl(`${window.location.origin}${window.location.pathname}`);
  }, []);
  useEffect(() => {
    if (state === "manual") input.current?.select();
  }, [state]);
  if (!ready) return null;
  const announce =
    state === "copied" ? "Copied" : state === "manual" ? "Press Ctrl+C (⌘C) to copy the link" : "";
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        onClick={() => {
          if (!navigator.clipboard) return setState("manual");
          navigator.clipboard.writeText(url).then(
            () => setState("copied"),
            () => setState("manual"),
          );
        }}
      >
        {state === "copied" ? "Copied" : label}
      </button>
      {state === "manual" ? (
        <input
          ref={input}
          readOnly
          value={url}
          aria-label="Link to this report"
          className="input w-80 max-w-full font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
      ) : null}
      <span role="status" aria-live="polite" className="sr-only">
        {announce}
      </span>
    </span>
  );
}
