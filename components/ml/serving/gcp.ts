import * as pulumi from "@pulumi/pulumi";
import * as vertex from "@pulumi/gcp/vertex/index.js";
import * as bigquery from "@pulumi/gcp/bigquery/index.js";
import * as artifactregistry from "@pulumi/gcp/artifactregistry/index.js";
import * as projects from "@pulumi/gcp/projects/index.js";
import type * as kms from "@pulumi/gcp/kms/index.js";
import type { Driver } from "../../capability.ts";
import { gcpDataStoreConnectivityOf } from "../../clouds/gcp/data-store-connectivity.ts";
import { iamMember } from "../../clouds/gcp/iam-member.ts";
import { conditionalProjectGrant } from "../../clouds/gcp/project-grant.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { serviceAgentEmail } from "../../clouds/gcp/service-agents.ts";
import { agentKeyUse } from "../../clouds/gcp/data-service-agents.ts";
import { vertexEndpointId } from "../../clouds/gcp/vertex-endpoint-id.ts";
import { resolveImage } from "../../kubernetes/image.ts";
import type { ModelServing, ModelServingArgs } from "./serving.ts";

export interface GcpModelServing extends ModelServing {
  readonly native: {
    readonly requestLogs: bigquery.Dataset;
    /** BigQuery's use of the ML key for the request logs (Vertex AI's is the keys driver's). */
    readonly logsKeyAgent: kms.CryptoKeyIAMMember;
    readonly models: Readonly<Record<string, {
      readonly endpoint: vertex.AiEndpoint;
      /** What the deploy workflow uploads as the Vertex AI model and deploys to the endpoint. */
      readonly image: pulumi.Output<string>;
      readonly environment: pulumi.Output<Readonly<Record<string, string>>>;
      readonly imagePull: artifactregistry.RepositoryIamMember;
    }>>;
    readonly grants: readonly vertex.AiEndpointIamMember[];
    /** The custom role the deploy workflow uploads models with, and its project grants. */
    readonly uploader: projects.IAMCustomRole;
    readonly uploads: readonly projects.IAMMember[];
  };
}

/** Deploys and undeploys models on the endpoint (`aiplatform.endpoints.deploy`, `undeploy`); bound on the endpoint. */
export const deployRole = "roles/aiplatform.user";

/**
 * What uploading the model takes (`gcloud ai models upload`, and `describe` to reuse an earlier upload). A model is
 * created in the project's location, so no resource exists to bind on first: the permissions are granted on the
 * project, by a custom role holding only these (roles/aiplatform.user would grant all of Vertex AI there).
 */
export const uploadPermissions = ["aiplatform.models.get", "aiplatform.models.upload"];

/**
 * A Vertex AI endpoint per managed model, peered with the stack's network over the private services access
 * connection (no public endpoint: only the network reaches it), encrypted with the ML key (the keys driver lets the
 * Vertex AI agent use it), logging requests and responses to a CMEK dataset in the region. `deployedModels` is
 * output-only in the provider: the deploy workflow uploads `<the model's repository>@<digest>` (with the model's environment) as a Vertex AI model and deploys it
 * here, so Pulumi owns the endpoint and its access, the workflow what it serves. The Vertex AI service agent may
 * pull exactly the models' repositories.
 *
 * `endpoints[model]` is the endpoint's full name, `projects/<project>/locations/<region>/endpoints/<id>`, which
 * `gcloud ai endpoints deploy-model` takes and the deploy identity's binding names.
 */
export const gcpModelServing: Driver<ModelServingArgs, GcpModelServing> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { projectId, projectNumber } = projectOf(ctx);
    const placement = gcpDataStoreConnectivityOf(args.network.dataStores);
    const logsKeyAgent = agentKeyUse(ctx, "model-requests", "bigQuery", args.keyId);
    const requestLogs = new bigquery.Dataset(ctx.name("model-requests"), {
      datasetId: ctx.name("model-requests").replace(/-/g, "_"),
      location: ctx.region,
      description: `${ctx.name("models")}: managed models' request and response logs`,
      defaultEncryptionConfiguration: { kmsKeyName: args.keyId },
      deleteContentsOnDestroy: false,
    }, { ...opts, dependsOn: [logsKeyAgent] });
    // Vertex AI peers with a network named by project number: `projects/<number>/global/networks/<name>`.
    const network = placement.networkId.apply((id) => `projects/${projectNumber}/global/networks/${id.split("/").pop() ?? id}`);
    const vertexAgent = `serviceAccount:${serviceAgentEmail("vertex", projectNumber)}`;
    const models = Object.fromEntries(args.models.map((spec) => {
      const displayName = ctx.name(`${spec.name}-endpoint`);
      const repositoryUrl = args.registry.repositoryUrls[spec.name];
      const image = resolveImage(spec.name, spec.image, repositoryUrl);
      const endpoint = new vertex.AiEndpoint(displayName, {
        name: vertexEndpointId(displayName),
        displayName,
        description: pulumi.interpolate`${spec.name}: serves ${image.reference} once the deploy workflow deploys it`,
        location: ctx.region,
        region: ctx.region,
        network,
        encryptionSpec: { kmsKeyName: args.keyId },
        predictRequestResponseLoggingConfig: {
          enabled: true,
          samplingRate: 1,
          bigqueryDestination: { outputUri: pulumi.interpolate`bq://${projectId}.${requestLogs.datasetId}` },
        },
      }, { ...opts, dependsOn: [placement.connection] });
      // The repository id is the path segment after the project: `<region>-docker.pkg.dev/<project>/<repository>/<image>`.
      const repository = pulumi.output(repositoryUrl ?? "").apply((url) => url.split("/")[2] ?? url);
      const imagePull = new artifactregistry.RepositoryIamMember(ctx.name(`${spec.name}-vertex-pull`), {
        project: projectId,
        location: ctx.region,
        repository,
        role: "roles/artifactregistry.reader",
        member: vertexAgent,
      }, opts);
      const environment = pulumi.output(args.environment[spec.name] ?? []).apply((env) => Object.fromEntries(env.map((e) => [e.name, e.value])));
      return [spec.name, { endpoint, image: image.reference, environment, imagePull }];
    }));
    const endpointName = (id: string) => `projects/${projectId}/locations/${ctx.region}/endpoints/${id}`;
    const grants = args.grants.flatMap((grant) => Object.entries(models).map(([model, made]) => new vertex.AiEndpointIamMember(ctx.name(`${grant.principal.name}-${model}-endpoint`), {
      project: projectId,
      location: ctx.region,
      endpoint: endpointName(vertexEndpointId(ctx.name(`${model}-endpoint`))),
      role: deployRole,
      member: iamMember(grant.principal),
    }, { ...opts, dependsOn: [made.endpoint] })));
    const uploader = new projects.IAMCustomRole(ctx.name("model-uploader"), {
      project: projectId,
      roleId: `stratumModelUploader_${ctx.name("models").replace(/-/g, "_")}`,
      title: `${ctx.name("models")}: upload Vertex AI models`,
      description: "Uploads a Vertex AI model and reads models; nothing else (deploying is the endpoints' own grant).",
      permissions: uploadPermissions,
      stage: "GA",
    }, opts);
    // No IAM condition: the model does not exist when it is uploaded, so there is no resource name to narrow to.
    const uploads = args.grants.map((grant) => conditionalProjectGrant(ctx, "model-upload", grant.principal, uploader.name, undefined));
    const endpoints: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(models).map(([model, made]) => [model, made.endpoint.name.apply(endpointName)]));
    const environments = Object.fromEntries(Object.entries(models).map(([model, made]) => [model, made.environment]));
    return { endpoints, environments, native: { requestLogs, logsKeyAgent, models, grants, uploader, uploads } };
  },
};
