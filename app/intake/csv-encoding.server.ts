// Which character set a CSV file is written in, told from its first 64 KB: a byte-order mark (UTF-8,
// UTF-16), else valid UTF-8, else the single-byte charset chardet names with confidence (the same
// approach as mail-text.server.ts's decodeCharset), else Windows-1252 for text that is mostly ASCII with
// a few 8-bit bytes ("Café"). Anything else is refused with a reason: a file read in the wrong charset
// would store its names wrongly for good.
import chardet from "chardet";
import iconv from "iconv-lite";

/** The first bytes read to tell the charset (chardet's statistics settle long before). */
export const DETECT_BYTES = 64 * 1024;
const MIN_CONFIDENCE = 20;
// Undetected text is taken as Windows-1252 only when few of its bytes are 8-bit.
const MAX_UNDETECTED_HIGH_SHARE = 0.3;
// Decoded text with more control characters than this is binary, or the wrong charset's reading.
const MAX_CONTROL_SHARE = 0.02;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/g;

export type CsvEncoding =
  | {
      ok: true;
      /** iconv-lite's name for it. */
      encoding: string;
      /** As a person reads it: "UTF-8", "Windows-1252", "UTF-16 (little-endian)". */
      label: string;
    }
  | { ok: false; message: string };

const LABELS: Record<string, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252",
};

function ok(encoding: string): CsvEncoding {
  return {
    ok: true,
    encoding,
    label: LABELS[encoding] ?? encoding.toUpperCase().replace(/^WINDOWS/, "Windows"),
  };
}

/** Whether the bytes are valid UTF-8 (a sequence cut off at the end of the sample counts as valid). */
function utf8Shape(bytes: Uint8Array): { invalid: number; multiByte: number } {
  let invalid = 0;
  let multiByte = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let good = length > 0;
    for (let k = 1; good && k < length; k++) {
      if (i + k >= bytes.length) break; // cut off by the sample's end
      if ((bytes[i + k] & 0xc0) !== 0x80) good = false;
    }
    if (good) {
      multiByte++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { invalid, multiByte };
}

const isLatin = (name: string) => /^(iso-8859-(1|15)|windows-1252)$/.test(name);
const isSingleByte = (name: string) =>
  name.startsWith("iso-8859") || name.startsWith("windows-125") || name.startsWith("koi8");

function readable(text: string): boolean {
  return (text.match(CONTROL)?.length ?? 0) <= text.length * MAX_CONTROL_SHARE;
}

/** The charset of a CSV file, from its first bytes. */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return ok("utf-8");
  if (head[0] === 0xff && head[1] === 0xfe) return ok("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return ok("utf-16be");
  // UTF-16 without a mark: ASCII letters with a zero byte beside each.
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (oddZeros > head.length / 4 && evenZeros < oddZeros / 8) return ok("utf-16le");
  if (evenZeros > head.length / 4 && oddZeros < evenZeros / 8) return ok("utf-16be");
  if (evenZeros + oddZeros > 0)
    return {
      ok: false,
      message:
        "The file holds binary data (null bytes), so it is not a text file we can read (it may be a spreadsheet saved as .xlsx). Save it as CSV UTF-8 and upload it again.",
    };
  const shape = utf8Shape(head);
  if (shape.invalid === 0) return ok("utf-8");
  if (shape.multiByte > 0)
    return {
      ok: false,
      message:
        "The file mixes UTF-8 with another character set, so some of its letters cannot be read faithfully. Save it again as UTF-8 (in Excel: Save As, “CSV UTF-8”) and upload it again.",
    };
  const names = chardet
    .analyse(head)
    .filter((c) => c.confidence >= MIN_CONFIDENCE)
    .map((c) => c.name.toLowerCase())
    .filter((name) => name !== "utf-8" && name !== "ascii");
  // Latin text is far more common in exports than the charsets chardet confuses it with on a short file.
  const latin = names.find(isLatin);
  const candidates = latin ? ["windows-1252"] : names.filter(isSingleByte);
  for (const name of candidates.slice(0, 3)) {
    const encoding = isLatin(name) ? "windows-1252" : name;
    if (iconv.encodingExists(encoding) && readable(iconv.decode(Buffer.from(head), encoding)))
      return ok(encoding);
  }
  let high = 0;
  for (const b of head) if (b >= 0x80) high++;
  if (
    high <= head.length * MAX_UNDETECTED_HIGH_SHARE &&
    readable(iconv.decode(Buffer.from(head), "windows-1252"))
  )
    return ok("windows-1252");
  return {
    ok: false,
    message:
      "The file is not text in a character set we can recognise (it may be a spreadsheet saved as .xlsx, or another binary file). Save it as CSV UTF-8 and upload it again.",
  };
}
