// Uploads previewed on the Import page and never imported are deleted after a day
// (removeStaleUploads, run by server.ts at start and every hour).
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { removeStaleUploads, storeUpload, uploadPath, UPLOAD_KEEP_MS } from "../../app/intake/uploads.server";

describe("stale uploads", () => {
  it("deletes uploads older than a day and keeps newer ones", async () => {
    const organizationId = 900_000 + Math.floor(Math.random() * 99_999);
    const old = await storeUpload(organizationId, new TextEncoder().encode("name,email\nA,a@example.test\n"));
    const oldIcs = await storeUpload(organizationId, new TextEncoder().encode("[]"), "ics");
    const fresh = await storeUpload(
      organizationId,
      new TextEncoder().encode("name,email\nB,b@example.test\n"),
    );
    const twoDaysAgo = new Date(Date.now() - 2 * UPLOAD_KEEP_MS);
    for (const file of [uploadPath(organizationId, old)!, uploadPath(organizationId, oldIcs, "ics")!])
      fs.utimesSync(file, twoDaysAgo, twoDaysAgo);

    expect(await removeStaleUploads()).toBeGreaterThanOrEqual(2);
    expect(uploadPath(organizationId, old)).toBeNull();
    expect(uploadPath(organizationId, oldIcs, "ics")).toBeNull();
    expect(uploadPath(organizationId, fresh)).not.toBeNull();
    fs.rmSync(uploadPath(organizationId, fresh)!);
  });
});
