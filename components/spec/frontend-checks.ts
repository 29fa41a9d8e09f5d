import type { Cloud, RawSpec } from "./schema.ts";
import type { SpecProblem } from "./resolve.ts";

/**
 * Clouds whose front end cannot be served without the spec's own domain, and why. AWS and Azure serve the site on
 * the CDN's domain with the CDN's certificate; a Google load balancer has no domain or certificate of its own.
 */
const domainRequired: Partial<Record<Cloud, string>> = {
  gcp: "a Google load balancer has no default certificate, and a Google-managed certificate is issued for a domain",
};

/** A declared front end on a cloud that needs its domain names one (`web.frontend.domain`). */
export function frontendProblems(spec: Pick<RawSpec, "cloud" | "web">): SpecProblem[] {
  const frontend = spec.web?.frontend;
  const why = domainRequired[spec.cloud];
  if (!frontend || frontend.domain !== undefined || why === undefined) return [];
  return [{ path: ["web", "frontend", "domain"], message: `is required when stratum:cloud is ${spec.cloud} (${why}): set the host name the site is served on, e.g. www.example.com` }];
}
