// The Import page's progress bar with several web processes (server.ts): its polls may reach a process
// other than the one running the import, which reads the progress that process keeps beside the upload.
import { describe, expect, it } from "vitest";
import { importProgress } from "../../app/intake/import-page.server";
import { removeUpload, storeUpload } from "../../app/intake/uploads.server";

const viewer = (organizationId: number) => ({
  id: 1,
  organization_id: organizationId,
  role: "recruiter" as const,
  client_id: null,
});

describe("import progress across processes", () => {
  it("reads the progress another process keeps for this organization's upload, and nothing once it ends", async () => {
    const organizationId = 800_000 + Math.floor(Math.random() * 99_999);
    const progress = { phase: "scoring", done: 120, total: 400 };
    const token = await storeUpload(organizationId, Buffer.from(JSON.stringify(progress)), "progress");

    expect(await importProgress(viewer(organizationId), token)).toEqual(progress);
    // Another organization cannot read it with the same token.
    expect(await importProgress(viewer(organizationId + 1), token)).toBeNull();

    await removeUpload(organizationId, token, "progress");
    expect(await importProgress(viewer(organizationId), token)).toBeNull();
  });
});
