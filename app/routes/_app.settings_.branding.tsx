// The agency's branding on its client reports: the name they are signed with, the logo and the colour
// (admins only). Shown on the report, its print and PDF, the share page and the scheduled report mail.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldFrame, FormNotice, PageHeader } from "~/components/form-fields";
import { requireUser } from "~/auth/session.server";
import { requirePermission } from "~/auth/permissions.server";
import { getBranding, saveBranding } from "~/data/branding.server";
import {
  BRAND_NAME_MAX,
  BrandingFormSchema,
  checkLogo,
  contrastRatio,
  DEFAULT_BRAND_COLOR,
  LOGO_MAX_BYTES,
  LOGO_MAX_SIDE,
  MIN_CONTRAST,
  normalizeHex,
} from "~/core/branding";
import { fieldErrors } from "~/core/schemas";
import { getDb } from "../../db/connection.server";

export const meta: MetaFunction = () => [{ title: "Report branding · Followthrough" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const branding = await getBranding(getDb(), user.organization_id);
  return {
    branding,
    values: { name: branding.customName ? branding.name : "", color: branding.color ?? "" },
    organizationName: branding.customName ? null : branding.name,
  };
}

type Errors = Partial<Record<"name" | "color" | "logo", string[]>>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  requirePermission(user, "settings:write");
  const form = await request.formData();
  const values = { name: String(form.get("name") ?? ""), color: String(form.get("color") ?? "") };
  // A post without the fields (not this page's form) is refused rather than read as "clear both".
  const parsed = BrandingFormSchema.safeParse({ name: form.get("name"), color: form.get("color") });
  const errors: Errors = parsed.success ? {} : fieldErrors(parsed.error);
  let logo: Uint8Array | "remove" | undefined;
  const file = form.get("logo");
  if (file instanceof File && file.size > 0) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkLogo(bytes);
    if (checked.ok) logo = bytes;
    else errors.logo = [checked.message];
  } else if (form.get("removeLogo") === "on") {
    logo = "remove";
  }
  if (!parsed.success || errors.logo) return data({ values, errors }, { status: 400 });
  const saved = await saveBranding(getDb(), user, { ...parsed.data, logo });
  if (!saved.ok) return data({ values, errors: { [saved.field]: [saved.message] } }, { status: 400 });
  return redirect("/settings/branding?saved=1");
}

export default function BrandingSettings() {
  const loaded = useLoaderData<typeof loader>();
  // A new form after each save, so that its fields show what was stored (a colour as "#rrggbb").
  return <BrandingForm key={JSON.stringify(loaded.values)} />;
}

function BrandingForm() {
  const { branding, values: loaded, organizationName } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const values = posted?.values ?? loaded;
  const errors: Errors = posted?.errors ?? {};
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const [name, setName] = useState(values.name);
  const [color, setColor] = useState(values.color);
  const hex = normalizeHex(color);
  const ratio = hex ? contrastRatio(hex, "#ffffff") : null;

  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ to: "/settings", label: "Settings" }}
        title="Report branding"
        subtitle="Your agency's name, logo and colour on client reports: the report page, its print and PDF, shared links and the reports sent by mail."
      />
      {searchParams.get("saved") && !posted ? <FormNotice>Branding saved.</FormNotice> : null}

      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-sm font-medium text-slate-800">
          Preview
        </h2>
        <div
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg px-4 py-3 text-white"
          style={{ backgroundColor: hex && ratio! >= MIN_CONTRAST ? hex : DEFAULT_BRAND_COLOR }}
          data-testid="brand-preview"
        >
          <div className="flex min-w-0 items-center gap-3">
            {branding.logo ? (
              <img
                src={`/branding/logo?v=${branding.logo.hash}`}
                alt="Current logo"
                width={Math.round((branding.logo.width / branding.logo.height) * 40)}
                height={40}
                className="h-10 w-auto max-w-[12rem] rounded bg-white object-contain p-1"
              />
            ) : null}
            <p className="truncate text-base font-semibold">
              {name.trim() || organizationName || branding.name}
            </p>
          </div>
          <p className="text-sm font-medium uppercase tracking-wide">Follow-up report</p>
        </div>
      </section>

      <Form method="post" encType="multipart/form-data" className="card space-y-4" noValidate>
        <Field
          label="Name on reports"
          name="name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={BRAND_NAME_MAX}
          placeholder={organizationName ?? undefined}
          hint={
            organizationName
              ? `Leave empty to use your organization's name, ${organizationName}.`
              : "Leave empty to use your organization's name."
          }
          errors={errors.name}
          className="max-w-md"
        />

        <div className="flex flex-wrap items-start gap-3">
          <Field
            label="Colour"
            name="color"
            value={color}
            onChange={(e) => setColor(e.currentTarget.value)}
            placeholder={DEFAULT_BRAND_COLOR}
            spellCheck={false}
            autoComplete="off"
            hint={`A hex colour such as #1d4ed8. The report's header band uses it behind white text, so it must be dark enough: a contrast of ${MIN_CONTRAST}:1 or more. Empty: the default.`}
            errors={errors.color}
            className="max-w-md flex-1"
          />
          <label className="mt-6 flex items-center gap-2 text-sm">
            <input
              type="color"
              value={hex ?? DEFAULT_BRAND_COLOR}
              onChange={(e) => setColor(e.currentTarget.value)}
              className="h-9 w-12 cursor-pointer rounded border border-slate-300 bg-white"
            />
            <span>Pick a colour</span>
          </label>
        </div>
        {hex && ratio !== null ? (
          <p
            className={`text-sm ${ratio >= MIN_CONTRAST ? "text-emerald-800" : "text-red-700"}`}
            aria-live="polite"
          >
            White text on {hex}: contrast {(Math.floor(ratio * 10) / 10).toFixed(1)}:1
            {ratio >= MIN_CONTRAST ? " (enough)." : ` (too light: ${MIN_CONTRAST}:1 needed).`}
          </p>
        ) : null}

        <FieldFrame
          label="Logo"
          hint={`PNG or JPEG, at most ${LOGO_MAX_BYTES / 1024} KB and ${LOGO_MAX_SIDE} pixels on each side. It is shown about 40 pixels high on a white tile. SVG is not accepted.`}
          errors={errors.logo}
          className="max-w-md"
          control={(props) => (
            <input
              {...props}
              type="file"
              name="logo"
              accept="image/png,image/jpeg"
              className={`${props.className} py-1.5`}
            />
          )}
        />
        {branding.logo ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="removeLogo" className="h-4 w-4" />
            Remove the current logo ({branding.logo.width} × {branding.logo.height} pixels)
          </label>
        ) : null}

        <button type="submit" className="btn" disabled={busy}>
          Save branding
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
