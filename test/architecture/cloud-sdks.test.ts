import { describe, expect, it } from "vitest";
import { clouds as cloudNames } from "../../components/spec/names.ts";
import type { Cloud } from "../../components/spec/index.ts";
import { isCloudsOwn, sourceImports, type SourceImport } from "./source-imports.ts";

/** Each cloud's provider SDK: only that cloud's folder and its driver files may import it. */
const providerSdks: Readonly<Record<Cloud, string>> = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" };

const importsSdk = (specifier: string, sdk: string) => specifier === sdk || specifier.startsWith(`${sdk}/`);

export function sdkViolations(imports: readonly SourceImport[]): string[] {
  return imports.flatMap(({ file, specifier }) =>
    cloudNames.flatMap((cloud) => (importsSdk(specifier, providerSdks[cloud]) && !isCloudsOwn(file, cloud) ? [`${file} → ${specifier}: ${cloud}'s provider SDK outside components/clouds/${cloud}/ and ${cloud}'s driver files`] : [])),
  );
}

describe("a cloud's provider SDK is imported only in that cloud's folder and its driver files", () => {
  it("knows every cloud's SDK", () => {
    expect(Object.keys(providerSdks).sort()).toEqual([...cloudNames].sort());
  });

  it("holds for every file of the repository", () => {
    expect(sdkViolations(sourceImports())).toEqual([]);
  });

  it("tells a cloud's own files from the rest", () => {
    const own = ["components/clouds/aws/provider.ts", "components/clouds/aws/offline.test.ts", "components/infra/network/aws.ts", "components/infra/ci-identity/aws-grants.ts", "components/infra/ci-identity/aws.test.ts", "components/web/frontend/aws/distribution.ts"];
    expect(own.filter((f) => !isCloudsOwn(f, "aws"))).toEqual([]);
    const others = ["components/infra/network/network.ts", "components/clouds/select.ts", "components/clouds/gcp/provider.ts", "components/infra/network/gcp.ts", "lib/plan/record.ts", "test/plan/aws.ts", "components/infra/network/awsome.ts"];
    expect(others.filter((f) => isCloudsOwn(f, "aws"))).toEqual([]);
  });

  it("names the file and the import that break it", () => {
    const found = sdkViolations([
      { file: "lib/plan/record.ts", specifier: "@pulumi/aws/s3/index.js" },
      { file: "components/infra/network/gcp.ts", specifier: "@pulumi/azure-native/network/index.js" },
      { file: "components/infra/network/aws.ts", specifier: "@pulumi/aws/ec2/index.js" },
      { file: "components/kubernetes/workloads.ts", specifier: "@pulumi/kubernetes/core/v1/index.js" },
    ]);
    expect(found).toEqual([
      "lib/plan/record.ts → @pulumi/aws/s3/index.js: aws's provider SDK outside components/clouds/aws/ and aws's driver files",
      "components/infra/network/gcp.ts → @pulumi/azure-native/network/index.js: azure's provider SDK outside components/clouds/azure/ and azure's driver files",
    ]);
  });
});
