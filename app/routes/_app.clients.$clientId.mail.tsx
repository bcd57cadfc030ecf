// A client's report by mail: weekly or monthly, to the client's named contacts, with the figures in
// the mail and a link to an expiring share page of the period's report.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormAlert, FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { smtpUrl } from "~/data/outbox.server";
import {
  addClientContact,
  getReportMailing,
  removeClientContact,
  setReportSchedule,
} from "~/data/report-schedules.server";
import { REPORT_LINK_DAYS } from "~/data/scheduled-mail.server";
import { REPORT_FREQUENCIES, REPORT_FREQUENCY_LABELS } from "~/core/mail-schedule";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.client.name ?? "Client"}: report by mail · Followthrough` },
];

async function mailingOr404(request: Request, clientIdParam: string | undefined) {
  const user = await requireUser(request);
  requirePermission(user, "reports:schedule");
  const clientId = Number(clientIdParam);
  const mailing = Number.isInteger(clientId) ? await getReportMailing(getDb(), user, clientId) : null;
  if (!mailing) throw new Response("No such client.", { status: 404 });
  return { user, mailing };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { mailing } = await mailingOr404(request, params.clientId);
  return {
    client: mailing.client,
    frequency: mailing.frequency,
    contacts: mailing.contacts.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      unsubscribed: c.unsubscribed_at !== null,
    })),
    configured: Boolean(smtpUrl()),
    frequencies: [
      { value: "", label: "Not by mail" },
      ...REPORT_FREQUENCIES.map((f) => ({ value: f, label: REPORT_FREQUENCY_LABELS[f] })),
    ],
    linkDays: REPORT_LINK_DAYS,
  };
}

const ScheduleSchema = z.object({ frequency: z.enum(["", ...REPORT_FREQUENCIES]) });
const ContactSchema = z.object({
  name: z.string().trim().min(1, "Enter the contact's name.").max(120),
  email: z.string().trim().toLowerCase().email("Enter a valid email address, like name@company.com."),
});

type ActionData = { notice: string | null; errors: Record<string, string[]>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mailing } = await mailingOr404(request, params.clientId);
  const form = Object.fromEntries([...(await request.formData())].map(([k, v]) => [k, String(v)]));
  const clientId = mailing.client.id;
  const fail = (errors: Record<string, string[]>) =>
    data<ActionData>({ notice: null, errors, values: form }, { status: 400 });
  switch (form.intent) {
    case "schedule": {
      const parsed = ScheduleSchema.safeParse(form);
      if (!parsed.success) return fail({ frequency: ["Choose how often."] });
      await setReportSchedule(getDb(), user, clientId, parsed.data.frequency || null);
      return data<ActionData>({ notice: "Saved.", errors: {}, values: {} });
    }
    case "add": {
      const parsed = ContactSchema.safeParse(form);
      if (!parsed.success) return fail(fieldErrors(parsed.error));
      const added = await addClientContact(getDb(), user, clientId, parsed.data);
      if (!added) return fail({ email: ["This address is already a contact of this client."] });
      return data<ActionData>({ notice: `${parsed.data.name} added.`, errors: {}, values: {} });
    }
    case "remove": {
      const id = z.coerce.number().int().positive().safeParse(form.contactId);
      if (!id.success) return fail({ contact: ["Choose a contact."] });
      await removeClientContact(getDb(), user, clientId, id.data);
      return data<ActionData>({ notice: "Contact removed.", errors: {}, values: {} });
    }
  }
  return fail({ intent: ["Unknown action."] });
}

export default function ClientReportMail() {
  const { client, frequency, contacts, configured, frequencies, linkDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = result?.errors ?? {};
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader
        back={{ to: `/reports/${client.id}`, label: `${client.name} report` }}
        title={`${client.name}: report by mail`}
        subtitle={`The report's figures in a mail, with a link to the period's report (valid ${linkDays} days), to the contacts below.`}
      />
      {configured ? null : (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        >
          Mail is not configured on this server (SMTP_URL): nothing is sent until it is.
        </p>
      )}
      {result?.notice ? <FormNotice>{result.notice}</FormNotice> : null}
      {errors.contact || errors.intent ? (
        <FormAlert>{[errors.contact, errors.intent].flat().join(" ")}</FormAlert>
      ) : null}
      <section className="card" aria-labelledby="schedule-heading">
        <h2 id="schedule-heading" className="text-lg font-semibold">
          How often
        </h2>
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-3" key={frequency ?? "off"}>
          <input type="hidden" name="intent" value="schedule" />
          <SelectField
            label="Send the report"
            name="frequency"
            options={frequencies}
            defaultValue={frequency ?? ""}
            errors={errors.frequency}
          />
          <button type="submit" className="btn mb-5" disabled={busy}>
            Save
          </button>
        </Form>
        <p className="text-sm text-slate-600">
          Sent from 07:00 in the organization&apos;s time zone, once per period.
        </p>
      </section>
      <section className="card" aria-labelledby="contacts-heading">
        <h2 id="contacts-heading" className="text-lg font-semibold">
          Contacts ({contacts.length})
        </h2>
        {contacts.length ? (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {contacts.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{c.name}</span>{" "}
                  <span className="font-mono text-xs text-slate-700">{c.email}</span>
                  {c.unsubscribed ? <span className="ml-2 text-xs text-amber-800">unsubscribed</span> : null}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="contactId" value={c.id} />
                  <button
                    type="submit"
                    className="btn-secondary"
                    disabled={busy}
                    aria-label={`Remove ${c.name}`}
                  >
                    Remove
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No contact yet: the report goes to nobody.</p>
        )}
        <Form
          method="post"
          className="mt-4 grid gap-3 sm:grid-cols-3 sm:items-start"
          noValidate
          key={result?.notice ?? "add"}
        >
          <input type="hidden" name="intent" value="add" />
          <Field label="Name" name="name" defaultValue={result?.values.name} errors={errors.name} />
          <Field
            label="Email"
            name="email"
            type="email"
            defaultValue={result?.values.email}
            errors={errors.email}
          />
          <div className="sm:pt-6">
            <button type="submit" className="btn" disabled={busy}>
              Add contact
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
