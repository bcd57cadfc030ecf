// Settings → Applicant tracking system (issue 22, item 5): an admin turns on the Greenhouse web hook
// receiver, sees the URL to give Greenhouse and the secret (once, and again only by rotating it), maps
// the stage words the import's tables do not read, and sees the last events and what became of them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ShownOnce } from "~/components/shown-once";
import { Field, FieldFrame, FormAlert, FormNotice, PageHeader, SelectField } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import {
  disableAtsReceiver,
  enableAtsReceiver,
  getAtsReceiver,
  listAtsEvents,
  mapAtsWord,
  rotateAtsSecret,
} from "~/data/ats.server";
import { mailLinkBase } from "~/data/outbox.server";
import { listClientOptions } from "~/data/positions.server";
import { AtsSettingsFormSchema, GREENHOUSE_ACTIONS } from "~/core/ats-events";
import { formatDateTime } from "~/core/format";
import { normalizeValue } from "~/core/import/ats-words";
import { OUTCOME_LABELS, OUTCOMES } from "~/core/outcomes";
import { formValues } from "~/core/params";
import { fieldErrors } from "~/core/schemas";
import { STAGE_LABELS, STAGES } from "~/core/stages";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Applicant tracking system · Followthrough" }];

const LABELS = { stage: STAGE_LABELS, outcome: OUTCOME_LABELS } as Record<string, Record<string, string>>;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const db = getDb();
  const [receiver, events, clients] = await Promise.all([
    getAtsReceiver(db, user.organization_id),
    listAtsEvents(db, user.organization_id),
    listClientOptions(db, user),
  ]);
  const map = receiver?.valueMap ?? {};
  const mappings = (["stage", "outcome"] as const).flatMap((field) =>
    Object.entries(map[field] ?? {}).map(([word, ours]) => ({
      field,
      word,
      ours: ours ? `${field === "stage" ? "Stage" : "Outcome"} ${LABELS[field][ours]}` : "Left as it is",
    })),
  );
  const mapped = new Set(Object.keys(map.stage ?? {}));
  const unmapped = [
    ...new Set(events.map((e) => e.unknown_stage).filter((w): w is string => Boolean(w))),
  ].filter((w) => !mapped.has(normalizeValue(w)));
  return {
    receiver: receiver && {
      enabled: receiver.enabled === 1,
      url: `${mailLinkBase(request.url)}/ats/greenhouse/${receiver.url_key}`,
      clientId: receiver.client_id ? String(receiver.client_id) : "",
      actingUser: receiver.acting_user_name,
      rotated: formatDateTime(receiver.secret_rotated_at, user.timeZone),
    },
    clients: clients.map((c) => ({ value: String(c.id), label: c.name })),
    mappings,
    unmapped,
    events: events.map((e) => ({
      id: e.id,
      when: formatDateTime(e.received_at, user.timeZone),
      action: e.action,
      outcome: e.outcome,
      detail: e.detail,
      candidateId: e.candidate_name ? e.candidate_id : null,
      candidate: e.candidate_name,
    })),
  };
}

type Result =
  | { ok: true; secret?: string; notice: string }
  | { ok: false; intent: string; errors: Record<string, string[]>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const values = formValues(await request.formData());
  const parsed = AtsSettingsFormSchema.safeParse(values);
  if (!parsed.success)
    return data<Result>(
      { ok: false, intent: values.intent ?? "", errors: fieldErrors(parsed.error), values },
      { status: 400 },
    );
  const db = getDb();
  const form = parsed.data;
  if (form.intent === "enable") {
    const clients = await listClientOptions(db, user);
    if (!clients.some((c) => c.id === form.clientId))
      return data<Result>(
        { ok: false, intent: "enable", errors: { clientId: ["Choose a client from the list."] }, values },
        { status: 400 },
      );
    const { secret } = await enableAtsReceiver(db, user, form.clientId);
    return data<Result>({
      ok: true,
      notice: "The receiver is on: events signed with its secret are applied.",
      ...(secret ? { secret } : {}),
    });
  }
  if (!(await getAtsReceiver(db, user.organization_id)))
    return data<Result>(
      { ok: false, intent: form.intent, errors: { form: ["Turn the receiver on first."] }, values },
      { status: 400 },
    );
  if (form.intent === "disable") {
    await disableAtsReceiver(db, user);
    return data<Result>({ ok: true, notice: "The receiver is off: events sent to it are refused." });
  }
  if (form.intent === "rotate")
    return data<Result>({
      ok: true,
      secret: await rotateAtsSecret(db, user),
      notice: "A new secret replaces the old one at once: give it to Greenhouse now.",
    });
  if (form.intent === "map") {
    await mapAtsWord(db, user, form.target.field, form.word, form.target.ours);
    return data<Result>({ ok: true, notice: `“${form.word}” is mapped for the events to come.` });
  }
  await mapAtsWord(db, user, form.field, form.word, null);
  return data<Result>({ ok: true, notice: `The mapping of “${form.word}” is removed.` });
}

/** The select of what a Greenhouse word means here: a stage, an outcome, or nothing. */
function TargetSelect({
  label,
  defaultValue,
  errors,
}: {
  label: string;
  defaultValue?: string;
  errors?: string[];
}) {
  return (
    <FieldFrame
      label={label}
      errors={errors}
      control={(props) => (
        <select {...props} name="target" defaultValue={defaultValue ?? ""}>
          <option value="">Choose…</option>
          <optgroup label="Stage">
            {STAGES.map((s) => (
              <option key={s} value={`stage:${s}`}>
                Stage {STAGE_LABELS[s]}
              </option>
            ))}
            <option value="stage:">Leave the stage as it is</option>
          </optgroup>
          <optgroup label="Outcome">
            {OUTCOMES.map((o) => (
              <option key={o} value={`outcome:${o}`}>
                Outcome {OUTCOME_LABELS[o]}
              </option>
            ))}
          </optgroup>
        </select>
      )}
    />
  );
}

export default function AtsSettings() {
  const { receiver, clients, mappings, unmapped, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const failed = result && !result.ok ? result : null;
  const errorsOf = (intent: string) => (failed?.intent === intent ? failed.errors : {});
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Applicant tracking system"
        subtitle="Greenhouse sends each stage change, hire, rejection and scheduled interview here, and the pipeline follows: candidates, applications, outcomes and interviews are added or updated as if a person had typed them."
      />
      {result?.ok ? <FormNotice>{result.notice}</FormNotice> : null}
      {result?.ok && result.secret ? (
        <ShownOnce value={result.secret} testId="ats-secret" copyLabel="Copy secret">
          The secret key, shown only this once: paste it into Greenhouse&apos;s web hook as its Secret key.
        </ShownOnce>
      ) : null}
      <FormAlert>{failed?.errors.form?.join(" ")}</FormAlert>

      <section className="card space-y-4" aria-labelledby="receiver-heading">
        <h2 id="receiver-heading" className="text-lg font-semibold">
          Greenhouse web hook
        </h2>
        {receiver ? (
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-700">State</dt>
            <dd data-testid="ats-state">
              {receiver.enabled ? "On: events are applied" : "Off: events are refused"}
              {receiver.actingUser ? `, recorded under ${receiver.actingUser}'s name` : ""}
            </dd>
            <dt className="font-medium text-slate-700">Endpoint URL</dt>
            <dd>
              <code data-testid="ats-url" className="break-all rounded bg-slate-100 px-1.5 py-0.5">
                {receiver.url}
              </code>
            </dd>
            <dt className="font-medium text-slate-700">Secret key</dt>
            <dd>Made or last replaced {receiver.rotated}; Followthrough shows it only then.</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-700">
            Not set up. Turning it on makes an endpoint URL and a secret key to enter in Greenhouse under
            Configure → Dev Center → Web Hooks.
          </p>
        )}
        <Form method="post" className="flex flex-wrap items-end gap-3" noValidate>
          <input type="hidden" name="intent" value="enable" />
          <SelectField
            label="Client for new positions"
            name="clientId"
            options={clients}
            emptyOption="Choose a client…"
            defaultValue={failed?.intent === "enable" ? failed.values.clientId : receiver?.clientId}
            errors={errorsOf("enable").clientId}
            hint="A Greenhouse job not yet here opens as a position of this client (one of the same title is used if there is one)."
            className="min-w-64"
          />
          <button type="submit" className="btn" disabled={busy}>
            {receiver?.enabled ? "Save" : "Turn on"}
          </button>
        </Form>
        {receiver ? (
          <div className="flex flex-wrap gap-2">
            <Form method="post">
              <input type="hidden" name="intent" value="rotate" />
              <button type="submit" className="btn-secondary" disabled={busy}>
                Replace the secret key…
              </button>
            </Form>
            {receiver.enabled ? (
              <Form method="post">
                <input type="hidden" name="intent" value="disable" />
                <button type="submit" className="btn-secondary text-red-800" disabled={busy}>
                  Turn off
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer font-medium">The events it reads</summary>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {Object.entries(GREENHOUSE_ACTIONS).map(([name, what]) => (
              <li key={name}>
                <code>{name}</code>: {what}
              </li>
            ))}
            <li>Anything else (and Greenhouse&apos;s ping) is listed as ignored.</li>
          </ul>
        </details>
      </section>

      {receiver ? (
        <section className="card space-y-4" aria-labelledby="map-heading">
          <h2 id="map-heading" className="text-lg font-semibold">
            Stage mapping
          </h2>
          <p className="text-sm text-slate-700">
            Greenhouse&apos;s stage names are read as the CSV import reads them (“Application Review” is
            Applied, “Face to Face” is Interview, “Reference Check” is Final). Map the ones it cannot tell, or
            read differently.
          </p>
          {unmapped.length ? (
            <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
              <p className="font-medium text-amber-900">Stages received that no mapping reads:</p>
              <ul className="mt-2 space-y-2">
                {unmapped.map((word) => (
                  <li key={word}>
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="map" />
                      <input type="hidden" name="word" value={word} />
                      <span className="py-2 font-medium">“{word}”</span>
                      <TargetSelect label={`“${word}” means here`} />
                      <button type="submit" className="btn-secondary" disabled={busy}>
                        Map “{word}”
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {mappings.length ? (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Greenhouse words mapped by hand</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Greenhouse word
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Means here
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {mappings.map((m) => (
                  <tr key={`${m.field}:${m.word}`} className="border-t border-slate-100">
                    <th scope="row" className="px-3 py-2 font-normal">
                      {m.word}
                    </th>
                    <td className="px-3 py-2">{m.ours}</td>
                    <td className="px-3 py-2 text-right">
                      <Form method="post">
                        <input type="hidden" name="intent" value="unmap" />
                        <input type="hidden" name="field" value={m.field} />
                        <input type="hidden" name="word" value={m.word} />
                        <button type="submit" className="btn-secondary py-0.5" disabled={busy}>
                          Remove<span className="sr-only"> the mapping of {m.word}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <Form method="post" className="flex flex-wrap items-start gap-3" noValidate>
            <input type="hidden" name="intent" value="map" />
            <Field
              label="Greenhouse word"
              name="word"
              defaultValue={failed?.intent === "map" ? failed.values.word : ""}
              errors={errorsOf("map").word}
              placeholder="Panel Interview"
            />
            <TargetSelect
              label="Means here"
              defaultValue={failed?.intent === "map" ? failed.values.target : ""}
              errors={errorsOf("map").target}
            />
            <button type="submit" className="btn-secondary mt-6" disabled={busy}>
              Add mapping
            </button>
          </Form>
        </section>
      ) : null}

      <section className="space-y-2" aria-labelledby="events-heading">
        <h2 id="events-heading" className="text-lg font-semibold">
          Last events received
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="ats-events">
            <caption className="sr-only">Events received from Greenhouse, newest first</caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Received
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Event
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Outcome
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  What happened
                </th>
              </tr>
            </thead>
            <tbody>
              {events.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-3 py-6 text-center text-slate-600">
                    No events yet.
                  </td>
                </tr>
              ) : null}
              {events.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-3 py-2">{e.when}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td
                    className={`px-3 py-2 font-medium ${
                      e.outcome === "refused"
                        ? "text-red-800"
                        : e.outcome === "applied"
                          ? "text-emerald-800"
                          : "text-slate-700"
                    }`}
                  >
                    {e.outcome === "applied" ? "Applied" : e.outcome === "ignored" ? "Ignored" : "Refused"}
                  </td>
                  <td className="px-3 py-2">
                    {e.candidateId ? (
                      <>
                        <Link to={`/candidates/${e.candidateId}`} className="underline">
                          {e.candidate}
                        </Link>
                        :{" "}
                      </>
                    ) : null}
                    {e.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
