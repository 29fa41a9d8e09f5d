// The Pulumi program: stack config → validated platform spec → the Platform component.
// `pulumi up` loads this file with Node's own type stripping (Pulumi.yaml: typescript: false); `stratum plan`
// runs the same default export under Pulumi's mock runtime.
import * as pulumi from "@pulumi/pulumi";
import { specFromConfig } from "./components/spec/index.ts";
import { loadCloudDrivers } from "./components/clouds/select.ts";
import { Platform } from "./components/platform.ts";
import { ReviewEnvironment } from "./components/review/review-environment.ts";
import { reviewStackOf } from "./components/review/names.ts";
import { isUserInputError } from "./lib/cli/errors.ts";
import { neutralizeWorkflowCommands } from "./lib/cli/workflow-commands.ts";

export default async function stratum(): Promise<Record<string, unknown>> {
  try {
    const spec = specFromConfig(pulumi.runtime.allConfig(), pulumi.getStack());
    const drivers = await loadCloudDrivers(spec.cloud);
    // A review stack (`pr-<n>`, stratum:review.pullRequest) is the pull request's workloads on its dev base stack.
    const review = reviewStackOf(spec);
    if (review) return new ReviewEnvironment(review.namespace, { spec, review, drivers }).outputs;
    return new Platform(spec.name, { spec, drivers }).outputs;
  } catch (error) {
    // Under the Pulumi CLI (an engine is listening): one line per problem and no stack trace. Elsewhere, such as
    // `stratum plan` under the mock runtime, the caller prints the problems itself.
    if (!isUserInputError(error) || !pulumi.runtime.hasEngine()) throw error;
    // The Pulumi CLI prints these in the CI log; a config value quoted in a problem must not start a workflow command.
    for (const problem of error.problems) pulumi.log.error(neutralizeWorkflowCommands(problem));
    throw new pulumi.RunError(error.message);
  }
}

