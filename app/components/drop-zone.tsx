import { useState } from "react";

/**
 * A labelled file input for several files that also takes files dropped anywhere on its box, with a
 * hint and (after a refused upload) the field's error, both tied to the input for screen readers.
 */
export function DropZone({
  id,
  name,
  accept,
  label,
  hint,
  error,
}: {
  id: string;
  name: string;
  accept: string;
  label: string;
  hint: string;
  error?: string[];
}) {
  const [over, setOver] = useState(false);
  const [count, setCount] = useState(0);
  const invalid = Boolean(error?.length);
  return (
    <div
      className={`rounded-lg border-2 border-dashed p-4 ${over ? "border-indigo-600 bg-indigo-50" : invalid ? "border-red-400" : "border-slate-300"}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const input = document.getElementById(id) as HTMLInputElement | null;
        if (input && e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          setCount(e.dataTransfer.files.length);
        }
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        multiple
        accept={accept}
        className="mt-1 block text-sm"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error ${id}-hint` : `${id}-hint`}
        onChange={(e) => setCount(e.target.files?.length ?? 0)}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        {count > 1 ? `${count} files chosen. ` : ""}
        {hint}
      </p>
      {invalid ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
