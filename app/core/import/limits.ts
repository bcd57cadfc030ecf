// How large an uploaded file may be, by kind: the Import page's forms refuse larger files with these
// limits named, and http/route-limits.ts sizes each route's request body from them.

/** A CSV file (about 100,000 rows); larger files go through `npm run import`. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** One email (.eml), attachments included: far more than any follow-up needs. */
export const MAX_EML_BYTES = 10 * 1024 * 1024;

/** One calendar file (.ics). */
export const MAX_ICS_BYTES = 5 * 1024 * 1024;

/** One mailbox (.mbox) in the Import page's "Drop files"; larger ones go through `npm run import`. */
export const MAX_MBOX_BYTES = 50 * 1024 * 1024;

/** Files in one "Drop files" upload on the Import page (each still bounded by its kind's limit). */
export const MAX_UPLOAD_FILES = 100;
