// Small readers for route params and submitted forms.

/** A positive integer id from a URL segment or form value, or null for anything else. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

/** A submitted form's text fields (files are dropped), to validate and, on an error, to show again as typed. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !(key in values)) values[key] = value;
  return values;
}

/** The body of a failed form submission: what was typed and each field's messages. */
export type FormFailure = { values: Record<string, string>; errors: Record<string, string[]> };

/** The id in a route param, or a 404 response thrown for anything that is not one. */
export function idOr404(value: string | undefined): number {
  const id = parseId(value);
  if (id == null) throw new Response(null, { status: 404 });
  return id;
}
