import { describe, expect, it } from "vitest";
import { clientReportMail, type MailBrand } from "./mail-templates";

const base = {
  contactName: "Ann",
  clientName: "Acme <Robotics>",
  periodLabel: "the week of 2026-11-30 to 2026-12-06",
  figures: [
    { label: "Interviews", value: "12" },
    { label: "Followed up", value: "9 of 12, 95% interval 46%–91%" },
  ],
  findings: ["Candidates who followed up got offers 2.1× as often."],
  shareLink: "https://app.example/share/abc?x=1&y=2",
  expiresOn: "6 Jan 2027",
  pdfAttached: true,
  unsubscribe: "https://app.example/unsubscribe/xyz",
};
const brand: MailBrand = {
  name: "Harbour Lane & Co",
  color: "#0F5E57",
  logo: { cid: "logo-abc@followthrough", width: 96, height: 32 },
};

describe("clientReportMail", () => {
  it("brands the HTML part with the agency's name, colour and inline logo, and escapes what it shows", () => {
    const { html, text } = clientReportMail({ ...base, brand });
    expect(html).toContain("Harbour Lane &amp; Co");
    expect(html).toContain("background:#0f5e57");
    expect(html).toContain('src="cid:logo-abc@followthrough"');
    expect(html).toContain('width="120" height="40"');
    expect(html).toContain("Acme &lt;Robotics&gt;");
    expect(html).not.toContain("<Robotics>");
    expect(html).toContain('href="https://app.example/share/abc?x=1&amp;y=2"');
    expect(html).toContain("9 of 12, 95% interval 46%–91%");
    expect(html).toContain("attached as a PDF");
    // The plain-text part keeps the name.
    expect(text).toContain("— Harbour Lane & Co, with Followthrough");
    expect(text).toContain("- Followed up: 9 of 12, 95% interval 46%–91%");
  });

  it("uses the default colour and no image without branding", () => {
    const { html } = clientReportMail({
      ...base,
      pdfAttached: false,
      brand: { name: "Plain Agency", color: null, logo: null },
    });
    expect(html).toContain("background:#3730a3");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("attached as a PDF");
  });

  it("keeps a wide logo within the band", () => {
    const { html } = clientReportMail({
      ...base,
      brand: { ...brand, logo: { cid: "wide@x", width: 4000, height: 100 } },
    });
    expect(html).toContain('width="200" height="5"');
  });
});
