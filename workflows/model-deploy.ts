import type { Cloud } from "../components/spec/schema.ts";
import { managedModelAccess } from "./cloud-access.ts";
import type { Step } from "./model.ts";
import type { StackTarget } from "./platform.ts";

/**
 * Deploying a managed model's image where `pulumi up` cannot. AWS (SageMaker) and Azure (Azure ML) take the image
 * in the endpoint's own resources, so `pulumi up` rolls it out. On GCP the Vertex AI endpoint's `deployedModels` is
 * output-only: after `pulumi up`, this step uploads `<the model's repository>@<digest>` as a Vertex AI model and
 * deploys it to the endpoint with all the traffic, then undeploys what served before.
 */
const steps: Record<Cloud, (stack: StackTarget) => Step[]> = {
  aws: () => [],
  azure: () => [],
  gcp: (stack) => (stack.managedModels.length === 0 ? [] : [vertexDeployStep(stack)]),
};

export function managedModelDeploySteps(stack: StackTarget): Step[] {
  return steps[stack.cloud](stack);
}

/** What the model server listens on and serves (examples/model-server; components/spec/resolve.ts `managedModelPort`). */
export const vertexContainer = { port: 8080, healthRoute: "/ping", predictRoute: "/invocations" } as const;

/**
 * The deployed model's display name carries the digest it serves (`<model>-<64 hex>`, within Vertex AI's 128
 * characters), so a rerun finds an endpoint already serving the digest and leaves it alone; the uploaded model's id
 * is `<model>-<first 12 hex>`, so a rerun after a failed deploy reuses the upload. Every value is read from the
 * stack's outputs and config, validated against the form it must have, and quoted.
 */
function vertexDeployStep(stack: StackTarget): Step {
  const { port, healthRoute, predictRoute } = vertexContainer;
  return {
    name: "Deploy the managed models' images to their Vertex AI endpoints",
    comment: "Vertex AI endpoints' deployed models are not Pulumi's: the verified digest is uploaded and deployed here, after `pulumi up`.",
    env: { MODELS: JSON.stringify(stack.managedModels) },
    run: [
      // A failure inside the loop (its own subshell) must fail the step.
      "set -o pipefail",
      'repos=$(pulumi stack output registryUrls --json --stack "$STACK")',
      'endpoints=$(pulumi stack output modelEndpoints --json --stack "$STACK")',
      'environments=$(pulumi stack output modelEnvironments --json --stack "$STACK")',
      `printf '%s' "$MODELS" | jq -r '.[]' | while read -r name; do`,
      `  if ! printf '%s' "$name" | grep -Eq '^[a-z][a-z0-9-]{0,49}$'; then echo "model: got \\"$name\\", expected a DNS label of at most 50 characters" >&2; exit 1; fi`,
      `  digest=$(pulumi config get --stack "$STACK" --path "stratum:images.$name" 2>/dev/null || true)`,
      '  if [ -z "$digest" ]; then echo "$name: no image yet; the endpoint keeps what it serves"; continue; fi',
      `  if ! printf '%s' "$digest" | grep -Eq '^sha256:[0-9a-f]{64}$'; then echo "$name: got \\"$digest\\", expected sha256:<64 hex>" >&2; exit 1; fi`,
      `  repo=$(printf '%s' "$repos" | jq -er --arg n "$name" '.[$n]')`,
      `  if ! printf '%s' "$repo" | grep -Eq '^[a-z0-9-]+-docker\\.pkg\\.dev/[a-z][a-z0-9-]{4,28}[a-z0-9]/[a-z0-9-]+/[a-z0-9-]+$'; then echo "$name: registryUrls gives \\"$repo\\", expected <region>-docker.pkg.dev/<project>/<repository>/<image>" >&2; exit 1; fi`,
      `  endpoint=$(printf '%s' "$endpoints" | jq -er --arg n "$name" '.[$n]')`,
      `  if ! printf '%s' "$endpoint" | grep -Eq '^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/endpoints/[1-9][0-9]{0,9}$'; then echo "$name: modelEndpoints gives \\"$endpoint\\", expected projects/<project>/locations/<region>/endpoints/<id>" >&2; exit 1; fi`,
      "  project=$(printf '%s' \"$endpoint\" | cut -d/ -f2)",
      "  region=$(printf '%s' \"$endpoint\" | cut -d/ -f4)",
      // KEY=VALUE,... for --container-env-vars: names and URLs only, so no value may hold a comma, quote or space.
      `  if ! model_env=$(printf '%s' "$environments" | jq -er --arg n "$name" '(.[$n] // {}) | to_entries | if all(.[]; (.key | test("^[A-Z_][A-Z0-9_]*$")) and (.value | type == "string" and test("^[A-Za-z0-9_./:@+-]*$"))) then map("\\(.key)=\\(.value)") | join(",") else error("bad") end' 2>/dev/null); then echo "$name: modelEnvironments gives $(printf '%s' "$environments" | jq -c --arg n "$name" '.[$n]'), expected NAME=value pairs of names and URLs (no comma, quote or space)" >&2; exit 1; fi`,
      '  hex=${digest#sha256:}',
      '  label="$name-$hex"',
      '  model="$name-$(printf \'%s\' "$hex" | cut -c1-12)"',
      '  current=$(gcloud ai endpoints describe "$endpoint" --project "$project" --region "$region" --format json)',
      `  if printf '%s' "$current" | jq -e --arg d "$label" 'any(.deployedModels[]?; .displayName == $d)' > /dev/null; then echo "$name: $endpoint already serves $repo@$digest"; continue; fi`,
      '  if ! gcloud ai models describe "$model" --project "$project" --region "$region" > /dev/null 2>&1; then',
      '    gcloud ai models upload --project "$project" --region "$region" --model-id "$model" --display-name "$label" \\',
      `      --container-image-uri "$repo@$digest" --container-ports ${port} --container-health-route ${healthRoute} --container-predict-route ${predictRoute} \\`,
      '      --container-env-vars "$model_env"',
      "  fi",
      '  gcloud ai endpoints deploy-model "$endpoint" --project "$project" --region "$region" --model "$model" --display-name "$label" --traffic-split 0=100',
      `  printf '%s' "$current" | jq -r '.deployedModels[]?.id' | while read -r old; do`,
      `    if ! printf '%s' "$old" | grep -Eq '^[0-9]+$'; then echo "$name: got deployed model id \\"$old\\", expected digits" >&2; exit 1; fi`,
      '    gcloud ai endpoints undeploy-model "$endpoint" --project "$project" --region "$region" --deployed-model-id "$old"',
      "  done",
      '  echo "$name: $endpoint serves $repo@$digest"',
      "done",
    ].join("\n"),
    cloudAccess: managedModelAccess(stack),
  };
}
