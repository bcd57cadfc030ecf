// The inbox: messages that came by upload or to an interview's mail-in address and could not be
// matched, each to assign to an interview by hand or to discard. Either sends the browser back here
// with ?done=assigned or ?done=discarded, which says so.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, FormNotice } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { assignInboxMessage, discardInboxMessage, inbox } from "~/intake/import-page.server";
import { InboxActionSchema } from "~/core/import/schemas";
import { formValues } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Inbox · Import · Followthrough" }];

const DONE = {
  assigned: "Logged as that interview's follow-up.",
  discarded: "Message discarded.",
} as const;

const GONE = "That message is no longer in the inbox.";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const done = new URL(request.url).searchParams.get("done");
  return {
    inbox: await inbox(getDb(), user, user.timeZone),
    notice: done === "assigned" || done === "discarded" ? DONE[done] : null,
  };
}

type ActionResult = {
  /** The message whose form was sent, to show its field's errors beside it. */
  messageId: string | null;
  values: Record<string, string>;
  errors?: Record<string, string[]>;
  formError?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "intake:write");
  const values = formValues(await request.formData());
  const messageId = values.messageId ?? null;
  const parsed = InboxActionSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // Only the interview is chosen by the person; the rest of the form is the page's.
    if (errors.interviewId && !errors.messageId && !errors.intent)
      return data<ActionResult>({ messageId, values, errors }, { status: 400 });
    return data<ActionResult>(
      { messageId, values, formError: errors.messageId?.[0] ?? "Choose Assign or Discard." },
      { status: 400 },
    );
  }
  const form = parsed.data;
  if (form.intent === "discard") {
    if (await discardInboxMessage(getDb(), user, form.messageId))
      return redirect("/import/inbox?done=discarded");
    return data<ActionResult>({ messageId, values, formError: GONE }, { status: 400 });
  }
  const outcome = await assignInboxMessage(getDb(), user, form.messageId, form.interviewId);
  if (outcome.status === "matched") return redirect("/import/inbox?done=assigned");
  return data<ActionResult>(
    { messageId, values, formError: outcome.status === "missing" ? GONE : outcome.reason },
    { status: 400 },
  );
}

export default function InboxPage() {
  const { inbox, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  return (
    <section aria-labelledby="inbox-heading" className="card space-y-3">
      <h2 id="inbox-heading" className="text-lg font-semibold">
        Inbox <span className="font-normal text-slate-600">({inbox.messages.length} unmatched)</span>
      </h2>
      {result?.formError ? <FormAlert>{result.formError}</FormAlert> : <FormNotice>{notice}</FormNotice>}
      {inbox.messages.length === 0 ? (
        <p className="text-sm text-slate-700">
          Nothing waiting. Messages that arrive by upload or at an interview&apos;s mail-in address and cannot
          be matched appear here.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {inbox.messages.map((m) => {
            const suggested = inbox.interviews.filter((i) => i.email && i.email === m.sender);
            const mine = result?.messageId === String(m.id) ? result : undefined;
            const errors = mine?.errors?.interviewId;
            const id = `assign-${m.id}`;
            return (
              <li key={m.id} className="space-y-2 py-3">
                <div className="text-sm">
                  <strong>{m.subject || "(no subject)"}</strong> from {m.sender ?? "an unknown sender"}
                  {m.sentLabel ? `, sent ${m.sentLabel}` : ""}{" "}
                  <span className="text-slate-600">
                    ({m.source === "smtp" ? "mail-in" : m.source === "imap" ? "mailbox" : "upload"})
                  </span>
                </div>
                {m.reason ? <p className="text-sm text-amber-900">{m.reason}</p> : null}
                <Form method="post" className="flex flex-wrap items-start gap-2">
                  <input type="hidden" name="messageId" value={m.id} />
                  <div>
                    <label htmlFor={id} className="block text-xs font-medium">
                      Interview it follows up
                    </label>
                    <select
                      id={id}
                      name="interviewId"
                      className={`input mt-1 max-w-md ${errors ? "border-red-600" : ""}`}
                      defaultValue={mine?.values.interviewId ?? m.interview_id ?? suggested[0]?.id ?? ""}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `${id}-error` : undefined}
                    >
                      <option value="">Choose an interview…</option>
                      {inbox.interviews.map((i) => (
                        <option key={i.id} value={i.id}>
                          {i.label}
                        </option>
                      ))}
                    </select>
                    {errors ? (
                      <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
                        {errors.join(" ")}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex gap-2 pt-5">
                    <button type="submit" name="intent" value="assign" className="btn">
                      Assign
                    </button>
                    <button type="submit" name="intent" value="discard" className="btn-secondary">
                      Discard
                    </button>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
