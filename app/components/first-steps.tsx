import { Link } from "@remix-run/react";
import type { Permission } from "~/auth/permissions.server";

export type FirstStep = { to: string; label: string; why: string };

/** A new organization's first steps, each shown to the roles that may take it (the loaders filter with can()). */
export const FIRST_STEPS: (FirstStep & { permission: Permission })[] = [
  {
    to: "/import",
    label: "Import a file",
    why: "Bring in candidates, interviews and follow-ups you already have from a CSV, calendar or e-mail file.",
    permission: "intake:write",
  },
  {
    to: "/positions/new",
    label: "Create a position",
    why: "Open a role with its client and hiring manager, then add candidates and log their interviews.",
    permission: "positions:write",
  },
  {
    to: "/settings#mail-in",
    label: "Set up the mail-in address",
    why: "Each interview gets an address candidates' follow-ups can be forwarded to; settings say how it receives mail.",
    permission: "settings:write",
  },
];

/**
 * What a new organization does first, shown instead of empty lists and charts: the steps the user may
 * take; with none, who can.
 */
export function FirstSteps({ steps, headingLevel = 2 }: { steps: FirstStep[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="first-steps-heading" className="card space-y-3">
      <Heading id="first-steps-heading" className="text-lg font-semibold">
        First steps
      </Heading>
      <p className="text-sm text-slate-700">
        There are no candidates in this organization yet, so there is nothing to follow up or to chart.
      </p>
      {steps.length > 0 ? (
        <ol className="space-y-3">
          {steps.map((step, index) => (
            <li key={step.to} className="flex gap-3">
              <span
                aria-hidden="true"
                className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-900"
              >
                {index + 1}
              </span>
              <span className="text-sm">
                <Link to={step.to} className="font-medium">
                  {step.label}
                </Link>
                <span className="block text-slate-700">{step.why}</span>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-700">
          A recruiter or an administrator adds the first candidates; they appear here as soon as they do.
        </p>
      )}
    </section>
  );
}
