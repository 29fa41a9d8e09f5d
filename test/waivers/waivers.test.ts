import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserInputError } from "../../lib/cli/errors.ts";
import { loadWaivers, parseWaiverText, parseWaivers } from "../../lib/waivers/load-waivers.ts";
import { findWaivers, globMatches, isExpired, utcToday, waiverMatches } from "../../lib/waivers/match.ts";
import { tempDir } from "../scan/run-scan.ts";
import type { Waiver } from "../../lib/waivers/waiver.ts";
import { inForce } from "../support/dates.ts";

const base: Waiver = { id: "CVE-2019-18224", reason: "not reachable", approver: "sec@example.com", expires: "2030-01-31" };

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UserInputError) return error.problems;
    throw error;
  }
  throw new Error("expected a UserInputError");
}

describe("waiver matching", () => {
  it("globs: * spans any characters, ? one, the rest is literal", () => {
    expect(globMatches("ghcr.io/acme/*", "ghcr.io/acme/api:1.2@sha256:abc")).toBe(true);
    expect(globMatches("ghcr.io/acme/*", "ghcr.io/acmex/api")).toBe(false);
    expect(globMatches("libidn2-?", "libidn2-0")).toBe(true);
    expect(globMatches("a.b", "axb")).toBe(false);
    expect(globMatches("urn:pulumi:prod::*::aws:s3/bucket:Bucket::logs", "urn:pulumi:prod::stratum::aws:s3/bucket:Bucket::logs")).toBe(true);
  });

  it("an id matches only itself; every matcher the waiver sets must match a field the subject has", () => {
    expect(waiverMatches(base, { id: "CVE-2019-18224" })).toBe(true);
    expect(waiverMatches(base, { id: "CVE-2019-18276" })).toBe(false);
    const scoped = { ...base, package: "libidn2-*", image: "ghcr.io/acme/*" };
    expect(waiverMatches(scoped, { id: base.id, package: "libidn2-0", image: "ghcr.io/acme/api" })).toBe(true);
    expect(waiverMatches(scoped, { id: base.id, package: "bash", image: "ghcr.io/acme/api" })).toBe(false);
    expect(waiverMatches(scoped, { id: base.id, package: "libidn2-0" })).toBe(false); // no image to match: no waiver
    expect(waiverMatches({ ...base, urn: "urn:*" }, { id: base.id, package: "libidn2-0" })).toBe(false);
  });

  it("a waiver holds through its expiry day and is expired from the next", () => {
    expect(isExpired(base, "2030-01-30")).toBe(false);
    expect(isExpired(base, "2030-01-31")).toBe(false);
    expect(isExpired(base, "2030-02-01")).toBe(true);
    expect(utcToday(new Date("2030-01-31T23:59:59Z"))).toBe("2030-01-31");
    const expired = { ...base, expires: "2020-01-01" };
    expect(findWaivers([base, expired], { id: base.id }, "2025-06-01")).toEqual({ valid: [base], expired: [expired] });
  });
});

describe("waivers file", () => {
  it("reads a valid YAML file", async () => {
    const file = path.join(await tempDir(), "waivers.yaml");
    await writeFile(file, `waivers:\n  - id: CVE-2019-18224\n    package: libidn2-0\n    reason: not reachable\n    approver: sec@example.com\n    expires: ${inForce}\n`);
    expect(await loadWaivers(file)).toEqual([{ ...base, package: "libidn2-0", expires: inForce }]);
  });

  it("reports every malformed entry at once, naming the file, index and key", () => {
    const found = problems(() =>
      parseWaivers(
        {
          waivers: [
            base,
            { id: "CVE-1", approver: "a", expires: "2030-02-30" },
            { ...base, packge: "bash" },
            { ...base, expires: "next year", reason: "" },
            "CVE-2",
          ],
        },
        "waivers.yaml",
        { today: "2029-06-01" },
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^waivers\.yaml: waivers\[1\]\.reason: missing \(required\)/),
        expect.stringMatching(/^waivers\.yaml: waivers\[1\]\.expires: expected a date YYYY-MM-DD/),
        expect.stringMatching(/^waivers\.yaml: waivers\[2\]\.packge: unknown key/),
        expect.stringMatching(/^waivers\.yaml: waivers\[3\]\.expires: /),
        expect.stringMatching(/^waivers\.yaml: waivers\[3\]\.reason: must not be empty/),
        expect.stringMatching(/^waivers\.yaml: waivers\[4\]: /),
      ]),
    );
    expect(found).toHaveLength(6);
  });

  it("refuses a file that is not a waivers: list, or not YAML, or missing", async () => {
    expect(problems(() => parseWaivers([base], "w.yaml"))).toEqual(['w.yaml: expected a top-level "waivers:" list (and optionally maxExpiryDays) and nothing else']);
    const dir = await tempDir();
    await writeFile(path.join(dir, "bad.yaml"), "waivers: [\n");
    await expect(loadWaivers(path.join(dir, "bad.yaml"))).rejects.toThrow(/bad\.yaml: not valid YAML/);
    await expect(loadWaivers(path.join(dir, "none.yaml"))).rejects.toThrow(/--waivers .*none\.yaml: cannot read \(no such file\)/);
  });
});

describe("one waiver per finding", () => {
  it("refuses two entries for the same id and matchers, naming both (exit 2)", () => {
    const waivers = { waivers: [base, { ...base, package: "bash" }, { ...base, reason: "copied", expires: "2029-12-31" }] };
    const error = (() => {
      try {
        parseWaivers(waivers, "w.yaml", { today: "2029-06-01" });
      } catch (e) {
        return e as UserInputError;
      }
      throw new Error("expected a UserInputError");
    })();
    expect(error.exitCode).toBe(2);
    expect(error.problems).toEqual(["w.yaml: waivers[0] and waivers[2]: duplicate waiver for id CVE-2019-18224; keep one entry"]);
  });
  it("accepts one id waived for different packages, images or resources", () => {
    const waivers = [base, { ...base, package: "bash" }, { ...base, image: "ghcr.io/acme/*" }, { ...base, urn: "urn:*::db" }];
    expect(parseWaivers({ waivers }, "w.yaml", { today: "2029-06-01" })).toHaveLength(4);
  });
  it("refuses the same policy waiver twice in both gates' loader, whatever the order of keys", () => {
    const text = "waivers:\n  - {id: zone-redundancy, urn: '*::db', reason: r, approver: a, expires: 2029-07-01}\n  - {urn: '*::db', expires: 2029-08-01, id: zone-redundancy, reason: s, approver: b}\n";
    expect(problems(() => parseWaiverText(text, "policy/waivers.yaml", { today: "2029-06-01" }))).toEqual([
      "policy/waivers.yaml: waivers[0] and waivers[1]: duplicate waiver for id zone-redundancy (urn *::db); keep one entry",
    ]);
  });
});

describe("expiry cap", () => {
  it("refuses an expiry more than 365 days ahead by default, naming the entry, the date and the cap", () => {
    expect(parseWaivers({ waivers: [{ ...base, expires: "2030-06-01" }] }, "w.yaml", { today: "2029-06-01" })).toHaveLength(1);
    expect(problems(() => parseWaivers({ waivers: [{ ...base, expires: "2030-06-02" }] }, "w.yaml", { today: "2029-06-01" }))).toEqual([
      "w.yaml: waivers[0].expires: 2030-06-02 is more than 365 days after today (2029-06-01); expected 2030-06-01 or earlier (the cap is maxExpiryDays, default 365, at most 1095)",
    ]);
  });
  it("takes the cap from the file's maxExpiryDays, itself bounded", () => {
    const entry = { ...base, expires: "2029-07-01" };
    expect(problems(() => parseWaivers({ maxExpiryDays: 14, waivers: [entry] }, "w.yaml", { today: "2029-06-01" }))[0]).toMatch(/waivers\[0\]\.expires: 2029-07-01 is more than 14 days after today/);
    expect(parseWaivers({ maxExpiryDays: 730, waivers: [{ ...base, expires: "2031-05-31" }] }, "w.yaml", { today: "2029-06-01" })).toHaveLength(1);
    for (const bad of [0, 1096, 30.5, "365"]) {
      expect(problems(() => parseWaivers({ maxExpiryDays: bad, waivers: [] }, "w.yaml"))).toEqual([`w.yaml: maxExpiryDays: ${JSON.stringify(bad)} is not a whole number of days from 1 to 1095`]);
    }
  });
});
