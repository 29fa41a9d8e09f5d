import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared-dir.ts";

/** The shared cloud clients' own logic (examples/cloud): token refresh and the lake URL forms. */
const cloud = (module: string) => import(pathToFileURL(path.join(repoRoot, "examples/cloud", module)).href);

describe("token-cache.js", () => {
  it("fetches once for concurrent callers, reuses the token, and fetches again 5 minutes before it expires", async () => {
    const { tokenCache } = await cloud("token-cache.js");
    let now = 1_000_000;
    let fetched = 0;
    const token = tokenCache(async () => ({ token: `t${++fetched}`, expiresInSeconds: 3600 }), () => now);
    expect(await Promise.all([token(), token(), token()])).toEqual(["t1", "t1", "t1"]);
    now += 54 * 60_000;
    expect(await token()).toBe("t1");
    now += 61_000; // 55 min 1 s: inside the 5-minute margin
    expect(await token()).toBe("t2");
    expect(fetched).toBe(2);
  });

  it("refreshes a token that lives less than twice the margin at half its life; a failed fetch is retried on the next call", async () => {
    const { tokenCache } = await cloud("token-cache.js");
    let now = 0;
    let calls = 0;
    const token = tokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error("metadata server unreachable");
      return { token: `t${calls}`, expiresInSeconds: 300 };
    }, () => now);
    await expect(token()).rejects.toThrow("metadata server unreachable");
    expect(await token()).toBe("t2");
    now += 149_000;
    expect(await token()).toBe("t2");
    now += 2_000;
    expect(await token()).toBe("t3");
  });

  it("an answer without a token names the fields it had, never a value", async () => {
    const { oauthToken } = await cloud("token-cache.js");
    expect(() => oauthToken({ token_type: "Bearer", access_token: "" }, "Entra ID")).toThrow("Entra ID answered without an access_token and a positive expires_in (fields: token_type, access_token)");
    expect(oauthToken({ access_token: "x", expires_in: "3599" }, "m")).toEqual({ token: "x", expiresInSeconds: 3599 });
  });
});

describe("lake-location.js", () => {
  it("reads each cloud's form, with its bucket or container and prefix", async () => {
    const { parseLakeLocation } = await cloud("lake-location.js");
    expect(parseLakeLocation("V", "gs://acme_dev-lake/star/")).toMatchObject({ kind: "gs", bucket: "acme_dev-lake", prefix: "star" });
    expect(parseLakeLocation("V", "s3://acme-dev-lake")).toMatchObject({ kind: "s3", bucket: "acme-dev-lake", prefix: "" });
    expect(parseLakeLocation("V", "https://acmedevlake.blob.core.windows.net/curated/star/v1")).toMatchObject({
      kind: "blob",
      account: "acmedevlake",
      container: "curated",
      containerUrl: "https://acmedevlake.blob.core.windows.net/curated",
      prefix: "star/v1",
    });
  });

  it("refuses what is not a bucket's or container's URL, naming the variable and the forms", async () => {
    const { parseLakeLocation, LOCATION_FORMS } = await cloud("lake-location.js");
    for (const value of [
      "s3://acme_dev", // underscores are GCS's only
      "gs://acme-dev:8080",
      "https://acmedevlake.blob.core.windows.net/",
      "https://acmedevlake.blob.core.windows.net/Curated",
      "https://acmedevlake.blob.core.windows.net/cu--rated",
      "https://acmedevlake.blob.core.windows.net:444/curated",
      "http://acmedevlake.blob.core.windows.net/curated",
      "https://acmedevlake.blob.core.windows.net.evil.example/curated",
      "https://acmedevlake.blob.core.windows.net/curated?sv=2024&sig=secret",
      "gs://user@acme-dev-lake",
    ]) {
      expect(() => parseLakeLocation("LAKE_RAW_URL", value), value).toThrow(`LAKE_RAW_URL is ${JSON.stringify(value)}; expected ${LOCATION_FORMS}`);
    }
  });
});
