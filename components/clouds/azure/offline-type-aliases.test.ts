import { describe, expect, it } from "vitest";
import * as resources from "@pulumi/azure-native/resources/index.js";
import { recordProgram } from "../../../lib/plan/record.ts";
import { azureOffline } from "./offline.ts";
import { resourceGroup, subscriptionId, tenantId } from "./testing/data-plan.ts";

/** The aliases the SDK collapsed in a resource's constructor: one Output each. */
const collapsedAliases = (resource: object) => (resource as { __aliases: unknown[] }).__aliases.length;

describe("the offline plan of an Azure Native resource", () => {
  it("collapses none of the type's earlier API versions the class carries as aliases, and records the resource", async () => {
    let collapsed: number | undefined;
    const recording = await recordProgram({
      project: "stratum",
      stack: "unit",
      config: {},
      region: "westeurope",
      offline: azureOffline({ region: "westeurope", account: { azure: { subscriptionId, tenantId, resourceGroup } } }),
      program: async () => {
        collapsed = collapsedAliases(new resources.ResourceGroup("group", { location: "westeurope", resourceGroupName: "rg-unit" }));
        return {};
      },
    });
    expect(collapsed).toBe(0);
    expect(recording.resources.map((r) => [r.type, r.inputs["resourceGroupName"]])).toContainEqual(["azure-native:resources:ResourceGroup", "rg-unit"]);
  });
});
