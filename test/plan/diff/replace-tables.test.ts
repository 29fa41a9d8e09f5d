import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceVerdict } from "../../../lib/plan/diff/replace-tables.ts";
import { repoRoot } from "../../support/shared-dir.ts";

describe("replace-on-change verdicts", () => {
  it.each([
    ["kubernetes:apps/v1:Deployment", 'spec.selector.matchLabels["app.kubernetes.io/name"]', "replaces", ".spec.selector"],
    ["kubernetes:apps/v1:Deployment", "spec.replicas", "in-place", ""],
    ["kubernetes:apps/v1:Deployment", "spec.template.spec.containers[0].image", "in-place", ""],
    ["kubernetes:batch/v1:Job", "spec.template.spec.containers[0].image", "replaces", ".spec.template"],
    ["kubernetes:core/v1:Pod", "spec.containers[1].image", "replaces", ".spec.containers[*].image"],
    ["kubernetes:core/v1:ConfigMap", "metadata.name", "replaces", ".metadata.name"],
    ["kubernetes:core/v1:ConfigMap", "data.key", "replaces", ".data"],
    ["kubernetes:core/v1:Service", "spec.ports", "in-place", ""],
    // A whole object changed that holds a path the provider replaces on: which part changed is not compared.
    ["kubernetes:apps/v1:Deployment", "spec", "unknown", ".spec.selector"],
  ])("%s %s: %s", (type, path, verdict, hit) => {
    const v = replaceVerdict(type, path);
    expect(v.replace).toBe(verdict);
    expect(v.source).toContain("pulumi/pulumi-kubernetes v4.32.0 provider/pkg/provider/diff.go");
    if (hit) expect(v.source).toContain(hit);
  });

  it("a provider without a table is unknown, never a guess; components update in place; provider config is unknown", () => {
    for (const type of ["random:index/randomPassword:RandomPassword", "tls:index/privateKey:PrivateKey"]) {
      expect(replaceVerdict(type, "length")).toEqual({ replace: "unknown", source: `${type.split(":")[0]}: no replace-on-change table for this provider yet` });
    }
    expect(replaceVerdict("stratum:data:Database", "size").replace).toBe("in-place");
    expect(replaceVerdict("pulumi:providers:kubernetes", "kubeconfig").replace).toBe("unknown");
  });

  it("the Kubernetes table names its source: repository, file, version and commit", () => {
    const table = JSON.parse(readFileSync(join(repoRoot, "lib/plan/diff/replace/kubernetes.json"), "utf8")) as { source: Record<string, string>; complete: boolean; always: string[] };
    expect(table.source).toEqual({ repository: "pulumi/pulumi-kubernetes", path: "provider/pkg/provider/diff.go", version: "v4.32.0", commit: "94977969d64112b04e19945818a7d5d5f38f631d" });
    expect(table.always).toEqual([".metadata.name", ".metadata.namespace"]);
    expect(table.complete).toBe(true);
  });
});
