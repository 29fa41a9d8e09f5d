import { describe, expect, it } from "vitest";
import { specFromConfig } from "../../components/spec/index.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig, testAccounts } from "../support/stack-files.ts";

/** `web.frontend.domain`: required where the cloud's CDN has no domain and certificate of its own (GCP). */

const onGcp = (web: unknown) => ({
  ...exampleStackConfig("dev-aws"),
  "stratum:cloud": "gcp",
  "stratum:region": "us-central1",
  "stratum:allowedRegions": ["us-central1"],
  "stratum:account": testAccounts.gcp,
  "stratum:teams": [{ name: "platform", group: "platform-engineers@acme.example.com", access: "deployer" }],
  "stratum:web": web,
});
const web = exampleStackConfig("dev-aws")["stratum:web"] as { frontend: Record<string, unknown> };

describe("a GCP front end", () => {
  it("without a domain is refused at the spec, naming the key and why", () => {
    const { domain: _domain, ...frontend } = web.frontend;
    expect(specProblems(onGcp({ ...web, frontend }))).toEqual([
      "stratum:web.frontend.domain: is required when stratum:cloud is gcp (a Google load balancer has no default certificate, and a Google-managed certificate is issued for a domain): set the host name the site is served on, e.g. www.example.com",
    ]);
  });

  it("with a domain, or no front end at all, is accepted", () => {
    expect(specFromConfig(asRuntimeConfig(onGcp(web)), "test").web.frontend?.domain).toBe("dev.acme.example.com");
    const { frontend: _frontend, ...withoutFrontend } = web;
    expect(specFromConfig(asRuntimeConfig(onGcp(withoutFrontend)), "test").web.frontend).toBeUndefined();
  });

  it("on AWS needs no domain: CloudFront serves its own", () => {
    const { domain: _domain, ...frontend } = web.frontend;
    expect(specFromConfig(asRuntimeConfig({ ...exampleStackConfig("dev-aws"), "stratum:web": { ...web, frontend } }), "test").web.frontend?.domain).toBeUndefined();
  });
});
