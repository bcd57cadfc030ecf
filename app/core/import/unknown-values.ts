// The values of a file's stage, outcome, format and channel columns that neither the recruiter's map
// nor the word tables read, counted once per value (not once per row) for the preview and the check.
import { mappedValue, normalizeValue, VALUE_FIELDS, type ValueField, type ValueMap } from "./ats-words";
import type { ColumnMapping } from "./fields";
import type { UnknownValue } from "./rows";

export interface UnknownValueCount {
  field: ValueField;
  /** The value as first written in the file. */
  value: string;
  /** How many rows have it. */
  rows: number;
  /** The first row (line number, header = 1) that has it. */
  firstRow: number;
}

/** Distinct values kept per file: a column of free text is not a list of words to map one by one. */
export const MAX_UNKNOWN_VALUES = 200;

/** Counts unknown values, in bounded memory: past MAX_UNKNOWN_VALUES distinct ones, only `more` grows. */
export class UnknownValues {
  private readonly counts = new Map<string, UnknownValueCount>();
  /** Rows with a distinct value beyond the first MAX_UNKNOWN_VALUES. */
  more = 0;

  add(unknown: readonly UnknownValue[], row: number): void {
    for (const u of unknown) this.addCount({ ...u, rows: 1, firstRow: row });
  }

  addCount(count: UnknownValueCount): void {
    const key = `${count.field}|${normalizeValue(count.value)}`;
    const known = this.counts.get(key);
    if (known) {
      known.rows += count.rows;
      known.firstRow = Math.min(known.firstRow, count.firstRow);
    } else if (this.counts.size < MAX_UNKNOWN_VALUES) this.counts.set(key, { ...count });
    else this.more += count.rows;
  }

  /** By field (stage, outcome, format, channel), then the most rows first. */
  list(): UnknownValueCount[] {
    const order = (f: ValueField) => VALUE_FIELDS.indexOf(f);
    return [...this.counts.values()].sort(
      (a, b) => order(a.field) - order(b.field) || b.rows - a.rows || a.firstRow - b.firstRow,
    );
  }
}

/** A row's values that are not read, for the mapped value columns only (the preview's scan). */
export function unknownValuesOfRow(
  cells: readonly string[],
  mapping: ColumnMapping,
  valueMap: ValueMap | undefined,
): UnknownValue[] {
  const out: UnknownValue[] = [];
  for (const field of VALUE_FIELDS) {
    const index = mapping[field];
    const value = index != null ? (cells[index] ?? "").trim() : "";
    if (value && mappedValue(field, value, valueMap) === null) out.push({ field, value });
  }
  return out;
}
