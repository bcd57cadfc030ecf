import { describe, expect, it } from "vitest";
import { jpegHead, makePng } from "../../test/images";
import {
  BrandingFormSchema,
  checkLogo,
  contrastRatio,
  LOGO_MAX_BYTES,
  normalizeHex,
  sniffLogo,
} from "./branding";

describe("logo checks", () => {
  it("recognises PNG and JPEG by their bytes and measures them", () => {
    expect(sniffLogo(makePng(120, 40, [10, 20, 30]))).toEqual({ type: "image/png", width: 120, height: 40 });
    expect(sniffLogo(jpegHead(640, 200))).toEqual({ type: "image/jpeg", width: 640, height: 200 });
  });

  it("refuses SVG, GIF, text and truncated files", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const bytes of [
      svg,
      Buffer.from("GIF89a\x01\x00\x01\x00"),
      Buffer.from("just text"),
      makePng(10, 10, [0, 0, 0]).subarray(0, 12),
      jpegHead(10, 10).subarray(0, 12),
    ]) {
      expect(sniffLogo(bytes)).toBeNull();
      expect(checkLogo(bytes)).toEqual({
        ok: false,
        message: "Upload a PNG or JPEG image (SVG and other formats are not accepted).",
      });
    }
  });

  it("refuses an empty file, one over the size limit, and one too many pixels across", () => {
    expect(checkLogo(Buffer.alloc(0))).toEqual({ ok: false, message: "That file is empty." });
    const big = Buffer.concat([makePng(10, 10, [0, 0, 0]), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringContaining("at most 512 KB") });
    expect(checkLogo(jpegHead(5000, 100))).toEqual({
      ok: false,
      message: "That image is 5000 × 100 pixels; a logo may be at most 4000 pixels on each side.",
    });
    expect(checkLogo(makePng(200, 60, [0, 0, 0]))).toEqual({
      ok: true,
      logo: { type: "image/png", width: 200, height: 60 },
    });
  });
});

describe("brand colour", () => {
  it("normalizes hex colours", () => {
    expect(normalizeHex("#1D4ED8")).toBe("#1d4ed8");
    expect(normalizeHex("1d4ed8")).toBe("#1d4ed8");
    expect(normalizeHex(" #14d ")).toBe("#1144dd");
    for (const bad of ["blue", "#12345", "#1d4ed8ff", "rgb(0,0,0)", "#ggg"])
      expect(normalizeHex(bad)).toBeNull();
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // Tailwind's blue-700 on white: 6.70:1.
    expect(contrastRatio("#1d4ed8", "#ffffff")).toBeCloseTo(6.7, 1);
  });

  it("accepts a dark colour, refuses a light one or a non-colour beside the field, and allows none", () => {
    expect(BrandingFormSchema.parse({ name: "  Northwind Talent ", color: "#0F766E" })).toEqual({
      name: "Northwind Talent",
      color: "#0f766e",
    });
    expect(BrandingFormSchema.parse({ name: "", color: "" })).toEqual({ name: null, color: null });
    const light = BrandingFormSchema.safeParse({ name: "", color: "#ffcc00" });
    expect(light.success).toBe(false);
    expect(light.error!.issues[0]).toMatchObject({
      path: ["color"],
      message: "White text on #ffcc00 has a contrast of 1.5:1; choose a darker colour (4.5:1 or more).",
    });
    const word = BrandingFormSchema.safeParse({ name: "", color: "teal" });
    expect(word.error!.issues[0]).toMatchObject({
      path: ["color"],
      message: "Enter a hex colour such as #1d4ed8.",
    });
    expect(BrandingFormSchema.safeParse({ name: "x".repeat(81), color: "" }).success).toBe(false);
  });
});
