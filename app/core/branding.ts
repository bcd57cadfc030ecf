// An agency's branding on its client reports (the report, its print, the share page and the mail):
// the name it signs with, its logo and its colour. Pure: the checks an upload and a colour must pass.
//
// Logos are PNG or JPEG only, recognised by their bytes (never by the name or the type the browser
// declares). SVG is refused: it is a document that can carry scripts and links, and it would be
// served from our origin. The colour fills the report's header band under white text, so it must
// give white text the contrast WCAG asks of body text (4.5:1).
import { z } from "zod";

export const LOGO_MAX_BYTES = 512 * 1024;
/** Wider or taller than this is a photograph, not a logo (and costs memory to draw). */
export const LOGO_MAX_SIDE = 4000;
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export const BRAND_NAME_MAX = 80;
/** WCAG 2 AA for normal text: the header band's white words on the brand colour. */
export const MIN_CONTRAST = 4.5;
/** The header band's colour when an agency chose none (Tailwind's indigo-800, the app's own). */
export const DEFAULT_BRAND_COLOR = "#3730a3";

export type LogoFacts = { type: LogoType; width: number; height: number };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}
const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];

function png(b: Uint8Array): LogoFacts | null {
  if (b.length < 24 || !PNG_SIGNATURE.every((v, i) => b[i] === v)) return null;
  // The first chunk is always IHDR: its length (13), its name, then width and height.
  if (String.fromCharCode(b[12], b[13], b[14], b[15]) !== "IHDR") return null;
  return { type: "image/png", width: u32(b, 16), height: u32(b, 20) };
}

function jpeg(b: Uint8Array): LogoFacts | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  // Walk the segments up to a start-of-frame marker (SOF0–SOF15 but DHT C4, JPG C8 and DAC CC), which
  // holds the height and width.
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // Start of scan or end of image before any frame: not a picture we can measure.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = u16(b, at + 2);
    if (length < 2) return null;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (at + 9 > b.length) return null;
      return { type: "image/jpeg", height: u16(b, at + 5), width: u16(b, at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** What the bytes are, if they are a PNG or JPEG image we can measure; null otherwise. */
export function sniffLogo(bytes: Uint8Array): LogoFacts | null {
  return png(bytes) ?? jpeg(bytes);
}

/** Why a logo upload is refused, or its facts. */
export function checkLogo(bytes: Uint8Array): { ok: true; logo: LogoFacts } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "That file is empty." };
  if (bytes.length > LOGO_MAX_BYTES)
    return {
      ok: false,
      message: `That file is ${Math.ceil(bytes.length / 1024)} KB; a logo may be at most ${LOGO_MAX_BYTES / 1024} KB.`,
    };
  const logo = sniffLogo(bytes);
  if (!logo)
    return { ok: false, message: "Upload a PNG or JPEG image (SVG and other formats are not accepted)." };
  if (logo.width < 1 || logo.height < 1)
    return { ok: false, message: "That image has no size; save it again and upload it." };
  if (logo.width > LOGO_MAX_SIDE || logo.height > LOGO_MAX_SIDE)
    return {
      ok: false,
      message: `That image is ${logo.width} × ${logo.height} pixels; a logo may be at most ${LOGO_MAX_SIDE} pixels on each side.`,
    };
  return { ok: true, logo };
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#1D4ED8", "1d4ed8" or "#14d" as "#1d4ed8"; null if it is not a hex colour. */
export function normalizeHex(value: string): string | null {
  const m = HEX.exec(value.trim());
  if (!m) return null;
  const digits = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return `#${digits.toLowerCase()}`;
}

/** WCAG 2 relative luminance of a "#rrggbb" colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The branding form: both fields may be left empty (the organization's name, the default colour). */
export const BrandingFormSchema = z.object({
  name: z
    .string()
    .trim()
    .max(BRAND_NAME_MAX, { message: `Keep the name to ${BRAND_NAME_MAX} characters.` })
    .transform((v) => v || null),
  color: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const hex = normalizeHex(v);
      if (!hex) {
        ctx.addIssue({ code: "custom", message: "Enter a hex colour such as #1d4ed8." });
        return z.NEVER;
      }
      const ratio = contrastRatio(hex, "#ffffff");
      if (ratio < MIN_CONTRAST) {
        ctx.addIssue({
          code: "custom",
          message: `White text on ${hex} has a contrast of ${(Math.floor(ratio * 10) / 10).toFixed(1)}:1; choose a darker colour (${MIN_CONTRAST}:1 or more).`,
        });
        return z.NEVER;
      }
      return hex;
    }),
});
export type BrandingForm = z.output<typeof BrandingFormSchema>;
