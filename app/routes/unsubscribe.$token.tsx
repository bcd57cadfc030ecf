// One-click unsubscribe (RFC 8058): the link in every note, digest and scheduled report. The token is
// signed, so it needs no sign-in; opening it asks for a click (link scanners open links too), and a
// mail client's POST with List-Unsubscribe=One-Click stops the mail at once.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { verifyLinkPayload } from "~/auth/tokens.server";
import { unsubscribe } from "~/data/scheduled-mail.server";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [
  { title: "Unsubscribe · Followthrough" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

const WHAT: Record<string, string> = {
  follow_ups: "the mail sent to you when a candidate follows up",
  digest: "the daily digest of follow-up windows closing",
  contact: "the scheduled follow-up report",
};

function payloadOr404(token: string | undefined): { payload: string; what: string } {
  const payload = verifyLinkPayload(token);
  const what = payload ? WHAT[payload.split(":")[0]!] : undefined;
  if (!payload || !what) throw new Response("This unsubscribe link is not valid.", { status: 404 });
  return { payload, what };
}

export async function loader({ params }: LoaderFunctionArgs) {
  return { what: payloadOr404(params.token).what };
}

export async function action({ params }: ActionFunctionArgs) {
  const { payload, what } = payloadOr404(params.token);
  await unsubscribe(getDb(), payload);
  return { done: true, what };
}

export default function Unsubscribe() {
  const { what } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <div className="card">
        <h1 className="text-xl font-semibold">Unsubscribe</h1>
        {result?.done ? (
          <p role="status" className="mt-2 text-sm text-slate-700">
            Done: you will no longer receive {what}. Signed-in users can turn it back on from their account
            page.
          </p>
        ) : (
          <>
            <p className="mt-2 text-sm text-slate-700">Stop receiving {what}?</p>
            <Form method="post" className="mt-4">
              <button type="submit" className="btn" disabled={busy}>
                Unsubscribe
              </button>
            </Form>
          </>
        )}
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <main className="mx-auto max-w-md p-6 pt-16">
      <GeneralErrorBoundary />
    </main>
  );
}
