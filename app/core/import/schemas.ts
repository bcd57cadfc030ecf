// The Import pages' forms, one schema each: what a person sees beside a field they left wrong. Files
// arrive as File objects (a form's file inputs); an input left empty sends a file of 0 bytes.
import { z } from "zod";
import { isTimeZone } from "../time";
import { IMPORT_FIELDS, mappingIssues, type ColumnMapping, type ImportField } from "./fields";
import type { DateOrder } from "./dates";
import { MAX_CSV_BYTES, MAX_ICS_BYTES, MAX_UPLOAD_FILES } from "./limits";
import { VALUE_CHOICES, VALUE_FIELDS, withValueMapping, type ValueField, type ValueMap } from "./ats-words";

const MB = 1024 * 1024;

/** The chosen files of a `multiple` file input (form.getAll), without the empty one sent when none is. */
const chosenFiles = (none: string) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value : [value]).filter((f) => f instanceof File && f.size > 0),
    z.array(z.instanceof(File)).min(1, none),
  );

export const CsvUploadSchema = z.object({
  csv: z
    .instanceof(File, { error: "Choose a CSV file to upload." })
    .refine((f) => f.size > 0, "Choose a CSV file to upload.")
    .refine(
      (f) => f.size <= MAX_CSV_BYTES,
      `The file is over ${MAX_CSV_BYTES / MB} MB; split it, or import it with npm run import.`,
    ),
});

/** Files over MAX_EML_BYTES are not refused here: each is reported on its own beside the others' results. */
export const EmlUploadSchema = z.object({ eml: chosenFiles("Choose one or more .eml files.") });

export const IcsUploadSchema = z.object({
  ics: chosenFiles("Choose one or more .ics files.").refine(
    (files) => files.every((f) => f.size <= MAX_ICS_BYTES),
    `A calendar file is over ${MAX_ICS_BYTES / MB} MB.`,
  ),
});

/**
 * The Import page's "Drop files": any mix of .csv, .eml, .mbox and .ics, at most MAX_UPLOAD_FILES. A
 * file over its kind's limit, or of another kind, is reported on its own beside the others' results.
 */
export const FilesUploadSchema = z.object({
  files: chosenFiles("Choose one or more .csv, .eml, .mbox or .ics files.").refine(
    (files) => files.length <= MAX_UPLOAD_FILES,
    `Choose at most ${MAX_UPLOAD_FILES} files at once; import a whole folder with npm run import.`,
  ),
});

const positiveId = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const IcsImportSchema = z.object({
  clientId: positiveId("Choose the client for events whose candidate has no position yet, from the list."),
});

/** Assigning an unmatched message to an interview, or discarding it: one form, two buttons. */
export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    messageId: positiveId("That message is no longer in the inbox."),
    interviewId: positiveId("Choose the interview this message follows up."),
  }),
  z.object({
    intent: z.literal("discard"),
    messageId: positiveId("That message is no longer in the inbox."),
  }),
]);

export const CSV_CLIENT_MESSAGE = "Choose the client for rows that do not name one.";

/** The mapping form's select for one field: the chosen column's index, or null for "not in this file". */
const mappingKey = (field: ImportField) => `map.${field}` as const;

/**
 * The CSV preview's form, for a file of `columnCount` columns: check the rows, import them, or cancel.
 * Each field's select sends a column index; one outside the file counts as no column. A field the
 * import cannot do without is reported beside its select.
 */
export function csvImportSchema(columnCount: number) {
  const column = z
    .string()
    .optional()
    .transform((value) => {
      const index = value ? Number(value) : NaN;
      return Number.isInteger(index) && index >= 0 && index < columnCount ? index : null;
    });
  const columns = Object.fromEntries(IMPORT_FIELDS.map((f) => [mappingKey(f), column])) as Record<
    ReturnType<typeof mappingKey>,
    typeof column
  >;
  const settings = {
    clientId: positiveId(CSV_CLIENT_MESSAGE),
    timeZone: z
      .string({ error: "Choose the time zone of the dates." })
      .refine(isTimeZone, "Choose a time zone from the list, like America/New_York."),
    dateOrder: z
      .enum(["mdy", "dmy"], { error: "Choose whether dates give the month or the day first." })
      .default("mdy"),
    ...columns,
  };
  const mappingOf = (v: Record<ReturnType<typeof mappingKey>, number | null>): ColumnMapping =>
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f, v[mappingKey(f)]]));
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("cancel") }),
      z.object({ intent: z.literal("check"), ...settings }),
      z.object({
        intent: z.literal("import"),
        ...settings,
        skipBadRows: z.enum(["0", "1"]).default("0"),
      }),
    ])
    .superRefine(
      (v, ctx) => {
        if (v.intent === "cancel") return;
        for (const issue of mappingIssues(mappingOf(v)))
          ctx.addIssue({ code: "custom", path: [mappingKey(issue.field)], message: issue.message });
      },
      // Reported with the other fields' mistakes, so that everything to fix shows at once (the
      // column selects themselves never fail: a column outside the file counts as none).
      { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === "intent") },
    )
    .transform((v) =>
      v.intent === "cancel"
        ? v
        : {
            intent: v.intent,
            clientId: v.clientId,
            timeZone: v.timeZone,
            dateOrder: v.dateOrder as DateOrder,
            mapping: mappingOf(v),
            skipBadRows: "skipBadRows" in v && v.skipBadRows === "1",
          },
    );
}

/** The preview's select for reading one unknown value: `value.<field>.<value as in the file>`. */
export const valueKey = (field: ValueField, value: string) => `value.${field}.${value}`;

/**
 * The values mapped on the preview, from its form: each `value.<field>.<value>` select sent with one of
 * our words. A select left at "leave it" (empty), or with a word that is not ours, maps nothing.
 */
export function valueMapFromForm(values: Record<string, string>): ValueMap {
  let map: ValueMap = {};
  for (const [key, ours] of Object.entries(values)) {
    const match = /^value\.([a-z_]+)\.(.+)$/s.exec(key);
    if (!match || !ours) continue;
    const field = match[1] as ValueField;
    if (!(VALUE_FIELDS as readonly string[]).includes(field) || !VALUE_CHOICES[field].includes(ours))
      continue;
    map = withValueMapping(map, field, match[2], ours);
  }
  return map;
}
