// A score's parts as stored in follow_ups.score_parts. The evidence is most of a follow-up's row, so it
// is kept as compact JSON arrays rather than objects with their keys spelled out (about 0.9 KB a
// follow-up instead of 1.8 KB, which the 100,000-row import writes 60,000 times):
//   part:     [key, points, max, evidence[]]
//   evidence: [text, 1 if earned or 0 if a cost, start?, end?, followUpId?]
// The label comes back from the key. Rows scored before this encoding hold {total, version, parts}
// with the parts as objects; decodeScoreParts reads both.
import { PART_LABELS, RUBRIC_PARTS, type RubricPart } from "../rubric-parts";
import type { Evidence, ScorePart } from "./score";

type StoredEvidence = [
  text: string,
  earned: 0 | 1,
  start?: number | null,
  end?: number | null,
  followUpId?: number,
];
type StoredPart = [key: RubricPart, points: number, max: number, evidence: StoredEvidence[]];

function encodeEvidence(e: Evidence): StoredEvidence {
  const stored: StoredEvidence = [e.text, e.effect === "earned" ? 1 : 0];
  if (e.start !== undefined || e.followUpId !== undefined) stored.push(e.start ?? null, e.end ?? null);
  if (e.followUpId !== undefined) stored.push(e.followUpId);
  return stored;
}

export function encodeScoreParts(parts: readonly ScorePart[]): string {
  return JSON.stringify(
    parts.map((p): StoredPart => [p.key, p.points, p.max, p.evidence.map(encodeEvidence)]),
  );
}

function decodeEvidence([text, earned, start, end, followUpId]: StoredEvidence): Evidence {
  const evidence: Evidence = { text, effect: earned === 1 ? "earned" : "cost" };
  if (typeof start === "number" && typeof end === "number") Object.assign(evidence, { start, end });
  if (typeof followUpId === "number") evidence.followUpId = followUpId;
  return evidence;
}

const isPart = (key: unknown): key is RubricPart => (RUBRIC_PARTS as readonly unknown[]).includes(key);

/** The stored parts, in either form; null when the text is not a stored score. */
export function decodeScoreParts(text: string): ScorePart[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) {
    if (!parsed.every((p) => Array.isArray(p) && p.length === 4 && isPart(p[0]) && Array.isArray(p[3])))
      return null;
    return (parsed as StoredPart[]).map(([key, points, max, evidence]) => ({
      key,
      label: PART_LABELS[key],
      points,
      max,
      evidence: evidence.map(decodeEvidence),
    }));
  }
  const parts = (parsed as { parts?: unknown } | null)?.parts;
  if (
    !Array.isArray(parts) ||
    !parts.every((p: { key?: unknown; evidence?: unknown }) => isPart(p?.key) && Array.isArray(p.evidence))
  )
    return null;
  return parts as ScorePart[];
}
