// Files that wait between the Import pages' steps: uploads previewed and never imported, and the
// receipts of finished imports, are deleted after a day (removeStaleUploads, run by server.ts at start
// and every hour); each is reachable only with its organization and kind.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  readIcsTexts,
  readReceipt,
  removeStaleUploads,
  storeIcsTexts,
  storeReceipt,
  storeUpload,
  uploadPath,
  UPLOAD_KEEP_MS,
} from "../../app/intake/uploads.server";

const someOrganization = () => 900_000 + Math.floor(Math.random() * 99_999);

describe("stale uploads", () => {
  it("deletes uploads and receipts older than a day and keeps newer ones", async () => {
    const organizationId = someOrganization();
    const old = await storeUpload(organizationId, new TextEncoder().encode("name,email\nA,a@example.test\n"));
    const oldIcs = await storeUpload(organizationId, new TextEncoder().encode("[]"), "ics");
    const oldReceipt = await storeReceipt(organizationId, "eml-receipt", []);
    const fresh = await storeUpload(
      organizationId,
      new TextEncoder().encode("name,email\nB,b@example.test\n"),
    );
    const twoDaysAgo = new Date(Date.now() - 2 * UPLOAD_KEEP_MS);
    for (const file of [
      uploadPath(organizationId, old)!,
      uploadPath(organizationId, oldIcs, "ics")!,
      uploadPath(organizationId, oldReceipt, "eml-receipt")!,
    ])
      fs.utimesSync(file, twoDaysAgo, twoDaysAgo);

    expect(await removeStaleUploads()).toBeGreaterThanOrEqual(3);
    expect(uploadPath(organizationId, old)).toBeNull();
    expect(uploadPath(organizationId, oldIcs, "ics")).toBeNull();
    expect(uploadPath(organizationId, oldReceipt, "eml-receipt")).toBeNull();
    expect(uploadPath(organizationId, fresh)).not.toBeNull();
    fs.rmSync(uploadPath(organizationId, fresh)!);
  });
});

describe("stored texts and receipts", () => {
  it("are read back only by their organization, under their kind", async () => {
    const organizationId = someOrganization();
    const token = await storeIcsTexts(organizationId, ["BEGIN:VCALENDAR", "END:VCALENDAR"]);
    expect(await readIcsTexts(organizationId, token)).toEqual(["BEGIN:VCALENDAR", "END:VCALENDAR"]);
    expect(await readIcsTexts(organizationId + 1, token)).toBeNull();

    // A receipt kept under the upload's own token, beside it.
    await storeReceipt(organizationId, "ics-receipt", { rows: 2 }, token);
    expect(await readReceipt(organizationId, "ics-receipt", token)).toEqual({ rows: 2 });
    expect(await readReceipt(organizationId, "csv-receipt", token)).toBeNull();
    expect(await readReceipt(organizationId + 1, "ics-receipt", token)).toBeNull();
    expect(await readReceipt(organizationId, "ics-receipt", "../../etc/passwd")).toBeNull();
    for (const kind of ["ics", "ics-receipt"] as const) fs.rmSync(uploadPath(organizationId, token, kind)!);
  });
});
