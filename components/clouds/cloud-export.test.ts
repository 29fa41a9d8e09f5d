import { describe, expect, it } from "vitest";
import { loadCloudExport } from "./cloud-export.ts";

const files = { aws: "./cloud-export.ts", gcp: "./select.ts", azure: "./select.ts" } as const;

describe("loadCloudExport", () => {
  it("imports the cloud's own file, relative to the caller, and returns the named export", async () => {
    expect(await loadCloudExport<unknown>(files, import.meta.url, "aws", "loadCloudExport")).toBe(loadCloudExport);
    expect(typeof (await loadCloudExport<unknown>(files, import.meta.url, "gcp", "loadCloud"))).toBe("function");
  });

  it("fails naming the file and the export when the file lacks it", async () => {
    await expect(loadCloudExport(files, import.meta.url, "azure", "azureConformance")).rejects.toThrow("./select.ts does not export `azureConformance`");
  });
});
