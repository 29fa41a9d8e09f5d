import { describeConformance, loadConformance } from "./conformance.ts";
import { fixtureDir } from "./plan-stack.ts";
import { planAzureStack } from "../../test/support/azure-stand-ins.ts";

// The Azure data, ML and web drivers are stood in while they are built (test/support/azure-stand-ins.ts never
// replaces a built driver): once they are, this plans the fixtures exactly as `stratum plan` does.
describeConformance("azure", await loadConformance("azure"), (stack) => planAzureStack(stack, `${fixtureDir}/Pulumi.${stack}.yaml`));
