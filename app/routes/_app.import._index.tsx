// The Import section's first page: each way to bring records in, what it does, and where it is.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import type { loader as importLayoutLoader } from "./_app.import";

export const meta: MetaFunction = () => [{ title: "Import · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  // A CSV preview's address before the Import page had a page per step.
  const url = new URL(request.url);
  const file = url.searchParams.get("file");
  if (file) {
    const name = url.searchParams.get("name");
    return redirect(
      `/import/csv/${encodeURIComponent(file)}${name ? `?name=${encodeURIComponent(name)}` : ""}`,
    );
  }
  return null;
}

export default function ImportOverview() {
  const inboxCount = useRouteLoaderData<typeof importLayoutLoader>("routes/_app.import")?.inboxCount ?? 0;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Way id="csv" title="Spreadsheets (CSV)" link={{ to: "/import/csv", label: "Import a spreadsheet" }}>
        Candidates, interviews and follow-ups from our own format or an export from your applicant tracking
        system. You see which column means what, and every row is checked, before anything is saved.
      </Way>
      <Way
        id="eml"
        title="Follow-up emails (.eml)"
        link={{ to: "/import/email", label: "Log follow-up emails" }}
      >
        Each message is matched to a candidate by the sender&apos;s address and logged as the follow-up to
        that candidate&apos;s latest interview before it was sent. Each interview also has a mail-in address,
        shown on the candidate&apos;s page: a message forwarded or BCC&apos;d to it is logged the same way.
      </Way>
      <Way
        id="ics"
        title="Calendar invitations (.ics)"
        link={{ to: "/import/calendar", label: "Import calendar files" }}
      >
        Each event becomes an interview: the attendee who is a candidate, the organizer as interviewer, and
        the event&apos;s start, end and time zone.
      </Way>
      <Way
        id="inbox"
        title={inboxCount ? `Inbox (${inboxCount} unmatched)` : "Inbox"}
        link={{ to: "/import/inbox", label: "Open the inbox" }}
      >
        {inboxCount
          ? `${inboxCount} ${inboxCount === 1 ? "message waits" : "messages wait"} to be assigned to an interview by hand, or discarded. `
          : "Nothing waiting. "}
        Messages that arrive by upload or at a mail-in address and cannot be matched to an interview wait
        here.
      </Way>
    </div>
  );
}

function Way({
  id,
  title,
  link,
  children,
}: {
  id: string;
  title: string;
  link: { to: string; label: string };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="flex-1 text-sm text-slate-700">{children}</p>
      <p>
        <Link to={link.to} className="text-sm font-medium">
          {link.label} <span aria-hidden="true">→</span>
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
