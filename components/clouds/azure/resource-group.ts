import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";

/**
 * The resource group every Azure resource of the stack is placed in (`stratum:account.azure.resourceGroup`), as
 * the `resourceGroupName` input every azure-native resource takes. Interface fixed; how the group itself is created
 * and ordered before its resources is the Azure core drivers' (see the file's later revisions).
 */
export function resourceGroupOf(context: DriverContext): pulumi.Output<string> {
  return pulumi.output(accountOf({ cloud: "azure", account: context.account }, "azure").resourceGroup);
}
