import { describe, expect, it } from "vitest";
import { deployWorkflow } from "../../workflows/deploy.ts";
import type { Job, Step } from "../../workflows/model.ts";
import { fixturePlatform } from "./fixture.ts";

const platform = fixturePlatform();
const deploy = deployWorkflow(platform);
const job = (id: string): Job => {
  const found = deploy.jobs[id];
  if (!found) throw new Error(`no job ${id}`);
  return found;
};
const step = (j: Job, name: string | RegExp): Step => {
  const found = j.steps.find((s) => (typeof name === "string" ? s.name === name : name.test(s.name)));
  if (!found) throw new Error(`no step ${String(name)} in ${j.name}`);
  return found;
};
const index = (j: Job, name: string | RegExp) => j.steps.indexOf(step(j, name));
const workloads = ["api", "orders", "etl", "recommender"];
const loginVariable = (j: Job) => JSON.stringify(j.steps.find((s) => s.name.startsWith("Log in to") && s.uses)?.with ?? {});

describe("deploy: build once, scan, publish per stack, verify, up", () => {
  it("orders the jobs build → scan → publish → deploy through needs, and deploy runs unless something failed", () => {
    for (const w of workloads) {
      expect(job(`scan-${w}`).needs).toEqual([`build-${w}`]);
      for (const stack of ["dev-aws", "prod-aws"]) {
        expect(job(`publish-${stack}`).needs, stack).toEqual(expect.arrayContaining([`build-${w}`, `scan-${w}`]));
        expect(job(`deploy-${stack}`).needs, stack).toEqual(expect.arrayContaining([`build-${w}`, `scan-${w}`, `publish-${stack}`]));
      }
    }
    expect(job("deploy-dev-aws").if).toContain("!contains(needs.*.result, 'failure')");
    expect(job("publish-dev-aws").if).toContain("!contains(needs.*.result, 'failure')");
    // Verification comes before the rollout, and the front end after it.
    const d = job("deploy-dev-aws");
    expect(index(d, "Use the digests published to this stack's registry")).toBeLessThan(index(d, /^Verify the signature/));
    expect(index(d, "Keep the images already deployed")).toBeLessThan(index(d, /^Verify the signature/));
    expect(index(d, /^Verify the signature/)).toBeLessThan(index(d, "Update the stack"));
    expect(index(d, "Update the stack")).toBeLessThan(index(d, "Upload the front end"));
    expect(index(d, "Upload the front end")).toBeLessThan(index(d, "Invalidate the CDN"));
  });

  it("builds each image once, to an OCI archive with provenance and SBOM, with no cloud identity and no cache", () => {
    for (const w of workloads) {
      const build = job(`build-${w}`);
      const b = step(build, "Build to an OCI archive");
      expect(b.with).toMatchObject({ push: false, outputs: `type=oci,dest=image-${w}.tar`, provenance: "mode=max", sbom: true });
      expect(b.with?.["cache-from"]).toBeUndefined();
      expect(build.permissions).toEqual({ contents: "read" });
      expect(build.outputs).toEqual({ digest: "${{ steps.build.outputs.digest }}" });
      expect(step(build, "Upload the archive").with).toMatchObject({ name: `image-${w}`, path: `image-${w}.tar`, "if-no-files-found": "error" });
      for (const id of [`build-${w}`, `scan-${w}`]) {
        expect(job(id).permissions["id-token"], id).toBeUndefined();
        expect(job(id).runsOn, id).toBeUndefined();
      }
    }
  });

  it("scans the archive that is pushed: same artifact, same file, checked against the build's digest", () => {
    for (const w of workloads) {
      const scan = job(`scan-${w}`);
      expect(scan.env).toEqual({ DIGEST: `\${{ needs.build-${w}.outputs.digest }}`, ARCHIVE: `images/image-${w}.tar` });
      expect(step(scan, `Download the ${w} archive`).with).toEqual({ name: `image-${w}`, path: "images" });
      expect(step(scan, "Check the archive is the image built").run).toContain('if [ "$archived" != "$DIGEST" ]');
      for (const s of scan.steps.filter((s) => s.uses?.action === "aquasecurity/trivy-action")) expect(s.with).toMatchObject({ input: `images/image-${w}.tar`, cache: false });
      expect(index(scan, "Scan gate")).toBeLessThan(index(scan, "Hand the scanned digest on"));
      for (const stack of ["dev-aws", "prod-aws"]) {
        const publish = job(`publish-${stack}`);
        expect(step(publish, `Download the ${w} archive`).with).toEqual({ name: `image-${w}`, path: "images" });
        expect(step(publish, `Copy ${w} into the registry`).env?.ARCHIVE).toBe(scan.env?.ARCHIVE);
      }
    }
  });

  it("hands the digest on only through job outputs: build → scan → publish (after signing) → stack config", () => {
    expect(job("scan-api").outputs).toEqual({ digest: "${{ steps.passed.outputs.digest }}" });
    const publish = job("publish-dev-aws");
    expect(step(publish, "Copy api into the registry").env?.DIGEST).toBe("${{ needs.scan-api.outputs.digest }}");
    expect(step(publish, "Sign api by digest (keyless)").env).toEqual({
      IMAGE: "${{ steps.push-api.outputs.image }}",
      DIGEST: "${{ needs.scan-api.outputs.digest }}",
      SIGNER: "https://github.com/Example-Org/Stratum-Shop/.github/workflows/deploy.yml@refs/heads/main",
      ISSUER: "https://token.actions.githubusercontent.com",
    });
    expect(publish.outputs).toEqual(Object.fromEntries(["api", "orders", "recommender", "etl"].map((w) => [w, `\${{ steps.sign-${w}.outputs.digest }}`])));
    const d = job("deploy-dev-aws");
    const published = JSON.parse(step(d, "Use the digests published to this stack's registry").env?.PUBLISHED ?? "{}");
    expect(published).toEqual(Object.fromEntries(["api", "orders", "recommender", "etl"].map((w) => [w, `\${{ needs.publish-dev-aws.outputs.${w} }}`])));
    // The deploy reads no digest but the one its own stack's publish job checked and signed.
    const text = JSON.stringify(d);
    expect(text).not.toMatch(/needs\.(build|scan)-[a-z-]+\.outputs/);
    expect(text).not.toContain("publish-prod-aws");
    // Digest only: the platform composes the stack's repository URL itself.
    expect(step(d, "Use the digests published to this stack's registry").run).toContain('pulumi config set --stack "$STACK" --path "stratum:images.$name" "$digest"');
    expect(step(d, "Keep the images already deployed").run).toContain('sub("^.*@"; "")');
  });

  it("publishes with skopeo by digest, checks the pushed digest, and signs it in the stack's registry", () => {
    const copy = step(job("publish-prod-aws"), "Copy orders into the registry");
    expect(copy.run).toContain('skopeo copy --all --preserve-digests --dest-authfile "$HOME/.docker/config.json" --digestfile "$RUNNER_TEMP/pushed" "oci-archive:$ARCHIVE" "docker://$repo:$TAG"');
    expect(copy.run).toContain('if [ "$pushed" != "$DIGEST" ]; then');
    expect(copy.env?.TAG).toBe("${{ github.sha }}");
    expect(step(job("publish-prod-aws"), "Sign orders by digest (keyless)").run).toContain('cosign sign --yes "$IMAGE"');
    const login = step(job("publish-prod-aws"), "Log in to the stack's registry");
    expect(login.run).toContain('aws ecr get-login-password | skopeo login --authfile "$HOME/.docker/config.json" --username AWS --password-stdin "$host"');
    expect(job("publish-prod-aws").env).toEqual({ REGISTRY_HOST: "${{ vars.STRATUM_PROD_AWS_REGISTRY_HOST }}", REGISTRY_URLS: "${{ vars.STRATUM_PROD_AWS_REGISTRY_URLS }}" });
  });

  it("publishes as the stack's publish identity with no environment (GitHub-hosted, or inside the network where the registry is private); deploys as its deploy identity", () => {
    for (const stack of ["dev-aws", "dev-gcp", "prod-aws", "prod-azure"]) {
      const variable = stack.toUpperCase().replace("-", "_");
      const publish = job(`publish-${stack}`);
      expect(loginVariable(publish), stack).toContain(`vars.STRATUM_${variable}_PUBLISH_IDENTITY`);
      expect(JSON.stringify(publish), stack).not.toMatch(/_DEPLOY_IDENTITY|_PREVIEW_IDENTITY|secrets\./);
      expect(publish.environment, stack).toBeUndefined();
      // ACR's public network access is off: Azure's publish job runs on the stack's runner inside the network.
      expect(publish.runsOn, stack).toEqual(stack === "prod-azure" ? ["self-hosted", "linux", "x64", "shop-prod-azure"] : undefined);
      expect(publish.permissions, stack).toEqual({ contents: "read", "id-token": "write" });
      const d = job(`deploy-${stack}`);
      expect(loginVariable(d), stack).toContain(`vars.STRATUM_${variable}_DEPLOY_IDENTITY`);
      expect(JSON.stringify(d), stack).not.toContain("_PUBLISH_IDENTITY");
      expect(d.concurrency, stack).toEqual({ group: `deploy-${stack}`, cancelInProgress: false });
    }
  });

  it("verifies every image the stack runs against this repository's deploy workflow on main", () => {
    const verify = step(job("deploy-prod-aws"), /^Verify the signature/);
    expect(verify.env).toEqual({
      WORKLOADS: JSON.stringify(["api", "orders", "recommender", "etl"]),
      SIGNER: "https://github.com/Example-Org/Stratum-Shop/.github/workflows/deploy.yml@refs/heads/main",
      ISSUER: "https://token.actions.githubusercontent.com",
    });
    expect(verify.run).toContain('cosign verify --certificate-identity "$SIGNER" --certificate-oidc-issuer "$ISSUER" "$repo@$digest"');
    expect(verify.run).toContain("grep -Eq '^sha256:[0-9a-f]{64}$'");
  });

  it("publishes the front end after pulumi up in every stack that serves one, and not in one that does not", () => {
    const d = job("deploy-dev-aws");
    expect(d.needs).toContain("build-frontend");
    expect(step(d, "Download the front end").with).toEqual({ name: "frontend-site", path: "site" });
    expect(step(d, "Upload the front end").run).toContain('aws s3 sync "$SITE" "s3://$bucket" --delete --no-progress --cache-control "$CACHE_CONTROL"');
    expect(step(d, "Upload the front end").run).toContain('bucket=$(pulumi stack output frontendBucket --stack "$STACK")');
    expect(step(d, "Invalidate the CDN").run).toContain(`aws cloudfront create-invalidation --distribution-id "$cdn" --paths '/*'`);
    expect(step(d, "Invalidate the CDN").if).toBe("steps.site.outputs.changed == 'true'");
    expect(step(job("build-frontend"), "Upload the site").with).toMatchObject({ name: "frontend-site", path: "examples/frontend/dist" });

    const without = deployWorkflow({ ...platform, stacks: platform.stacks.map((s) => (s.name === "dev-aws" ? { ...s, frontend: false } : s)) });
    const plain = without.jobs["deploy-dev-aws"]!;
    expect(plain.steps.map((s) => s.name)).not.toContain("Upload the front end");
    expect(plain.needs).not.toContain("build-frontend");
  });

  it("deploys production stacks in production (required reviewers) and every other stack in staging, production after the others on its cloud", () => {
    expect(job("deploy-prod-aws").environment).toBe("production");
    expect(job("deploy-prod-azure").environment).toBe("production");
    expect(job("deploy-dev-aws").environment).toBe("staging");
    expect(job("deploy-dev-gcp").environment).toBe("staging");
    expect(job("deploy-prod-aws").needs).toContain("deploy-dev-aws");
    expect(job("deploy-prod-aws").needs).not.toContain("deploy-dev-gcp");
    // No Azure dev stack in the fixtures: production on Azure waits for every non-production stack.
    expect(job("deploy-prod-azure").needs).toEqual(expect.arrayContaining(["deploy-dev-aws", "deploy-dev-gcp"]));
  });
});
