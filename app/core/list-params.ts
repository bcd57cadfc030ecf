import { z } from "zod";

export type ListParams<K extends string> = {
  q: string;
  sort: K;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

/**
 * Reads a list's search, sort and page from the URL. Sort keys outside the whitelist fall back to
 * the default rather than reaching SQL; out-of-range numbers are clamped, never an error page.
 */
export function parseListParams<K extends string>(
  searchParams: URLSearchParams,
  sortKeys: readonly [K, ...K[]],
  defaults: { sort: K; dir: "asc" | "desc"; pageSize?: number },
): ListParams<K> {
  const schema = z.object({
    q: z.string().trim().max(200).catch(""),
    sort: z.enum(sortKeys).catch(defaults.sort),
    dir: z.enum(["asc", "desc"]).catch(defaults.dir),
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
    pageSize: z.coerce
      .number()
      .int()
      .refine((n) => [25, 50, 100].includes(n))
      .catch(defaults.pageSize ?? 50),
  });
  const raw = Object.fromEntries(
    ["q", "sort", "dir", "page", "pageSize"].map((k) => [k, searchParams.get(k) ?? undefined]),
  );
  return schema.parse(raw) as ListParams<K>;
}

/** A LIKE pattern that matches `text` literally anywhere; use with ESCAPE '\'. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
