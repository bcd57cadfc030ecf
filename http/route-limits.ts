// Each route's request body limit (http/body-limit.ts): the Import pages' uploads (/import/csv,
// /import/email, /import/calendar, and /import's "Drop files") take a CSV of up to MAX_CSV_BYTES (or .eml and .ics files), a
// candidate's page one .eml of up to MAX_EML_BYTES, and every other route only forms of text.
import { MAX_CSV_BYTES, MAX_EML_BYTES } from "../app/core/import/limits";
import { FORM_LIMIT_BYTES, type BodyLimit } from "./body-limit";

/** Room for the multipart framing and the form's other fields around an upload. */
const UPLOAD_OVERHEAD_BYTES = 1024 * 1024;

export function routeBodyLimit(path: string): BodyLimit {
  // Remix matches paths without regard to case or a trailing slash, and a form submitted by Remix's
  // client posts to the same path with ".data" added.
  const route = path
    .toLowerCase()
    .replace(/\.data$/, "")
    .replace(/\/+$/, "");
  if (/^\/import(\/(csv|email|calendar))?$/.test(route))
    return { bytes: MAX_CSV_BYTES + UPLOAD_OVERHEAD_BYTES, what: "uploads on the Import page" };
  if (/^\/candidates\/[^/]+$/.test(route))
    return { bytes: MAX_EML_BYTES + UPLOAD_OVERHEAD_BYTES, what: "an email uploaded on a candidate's page" };
  return { bytes: FORM_LIMIT_BYTES, what: "a form" };
}
