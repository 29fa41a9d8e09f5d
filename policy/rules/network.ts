import { asArray, asRecord, get, refersTo } from "../inputs.ts";
import { internetFamilies } from "../properties/internet-cidr.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { nsgsOpenToInternet } from "./azure-nsg.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const securityGroupTypes = ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];
const ports = (rule: Record<string, unknown>) => (rule["fromPort"] === undefined ? "all ports" : `ports ${String(rule["fromPort"])}-${String(rule["toPort"] ?? rule["fromPort"])}`);

/** One source of inbound traffic into a security group: an inline `ingress` entry or a separate rule resource. */
interface Source {
  readonly cidrs: readonly unknown[];
  readonly what: string;
}

function inlineSources(group: RuleResource): Source[] {
  return asArray(group.inputs["ingress"]).map(asRecord).map((rule) => ({ cidrs: [...asArray(rule["cidrBlocks"]), ...asArray(rule["ipv6CidrBlocks"])], what: `ingress on ${ports(rule)}` }));
}

/** `aws:vpc/securityGroupIngressRule` (one CIDR each) and `aws:ec2/securityGroupRule` of type ingress, by the group they name. */
function separateSources(resources: readonly RuleResource[]): { group: unknown; urn: string; source: Source }[] {
  return resources.flatMap((r) => {
    if (r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
      const i = r.inputs;
      return [{ group: i["securityGroupId"], urn: r.urn, source: { cidrs: [i["cidrIpv4"], i["cidrIpv6"]], what: `rule ${r.name} on ${i["ipProtocol"] === "-1" ? "all ports" : ports(i)}` } }];
    }
    if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule" && r.inputs["type"] === "ingress") {
      const i = r.inputs;
      return [{ group: i["securityGroupId"], urn: r.urn, source: { cidrs: [...asArray(i["cidrBlocks"]), ...asArray(i["ipv6CidrBlocks"])], what: `rule ${r.name} on ${ports(i)}` } }];
    }
    return [];
  });
}

/**
 * A security group is judged on the union of everything it admits, inline and through separate rule resources,
 * so the internet split into two /1s over two rules is still the internet.
 */
export function securityGroupsOpenToInternet(resources: readonly RuleResource[]): StackFinding[] {
  const separate = separateSources(resources);
  const groups = resources.filter((r) => securityGroupTypes.includes(r.type));
  const grouped = groups.map((group) => ({ urn: group.urn, name: group.name, sources: [...inlineSources(group), ...separate.filter((s) => refersTo(s.group, group)).map((s) => s.source)] }));
  // A rule for a group the plan does not hold (created elsewhere) is judged on its own.
  const orphans = separate.filter((s) => !groups.some((g) => refersTo(s.group, g))).map((s) => ({ urn: s.urn, name: String(s.group), sources: [s.source] }));
  return [...grouped, ...orphans].flatMap(({ urn, name, sources }) => {
    const open = internetFamilies(sources.flatMap((s) => s.cidrs));
    if (open.length === 0) return [];
    const through = sources.filter((s) => s.cidrs.some((c) => typeof c === "string")).map((s) => s.what);
    return [{ urn, message: `security group ${name} admits the whole ${open.join(" and ")} internet (${through.join("; ")})` }];
  });
}

/** The EKS API endpoint: public unless endpointPublicAccess is false; with no publicAccessCidrs AWS opens it to 0.0.0.0/0. */
function eksEndpoint(i: Readonly<Record<string, unknown>>): string | undefined {
  if (get(i, "vpcConfig.endpointPublicAccess") === false) return undefined;
  const cidrs = asArray(get(i, "vpcConfig.publicAccessCidrs"));
  const open = cidrs.length === 0 ? ["IPv4"] : internetFamilies(cidrs);
  return open.length === 0 ? undefined : `cluster API endpoint is public to the whole ${open.join(" and ")} internet (vpcConfig.publicAccessCidrs ${cidrs.length === 0 ? "unset: AWS defaults to 0.0.0.0/0" : JSON.stringify(cidrs)})`;
}

/**
 * A GCP ingress allow rule with no sourceRanges, sourceTags or sourceServiceAccounts applies to 0.0.0.0/0 (the
 * API's default), so a rule that names no source is as open as one naming 0.0.0.0/0. A disabled rule admits nothing.
 */
function gcpFirewall(i: Readonly<Record<string, unknown>>): string | undefined {
  if (String(i["direction"] ?? "INGRESS") !== "INGRESS" || asArray(i["allows"]).length === 0 || i["disabled"] === true) return undefined;
  const ranges = asArray(i["sourceRanges"]);
  if (ranges.length === 0 && asArray(i["sourceTags"]).length === 0 && asArray(i["sourceServiceAccounts"]).length === 0) return "firewall names no source, so it admits the whole IPv4 internet (no sourceRanges, sourceTags or sourceServiceAccounts: GCP defaults to 0.0.0.0/0)";
  const open = internetFamilies(ranges);
  return open.length === 0 ? undefined : `firewall admits the whole ${open.join(" and ")} internet (sourceRanges)`;
}

/** GKE: nodes without external addresses, and a public API endpoint only for named networks (not every Google Cloud address). */
function gkeExposure(i: Readonly<Record<string, unknown>>): string[] {
  const privateEndpoint = get(i, "privateClusterConfig.enablePrivateEndpoint") === true;
  const cidrs = asArray(get(i, "masterAuthorizedNetworksConfig.cidrBlocks")).map((b) => get(b, "cidrBlock"));
  return problems(
    [!privateEndpoint && (cidrs.length === 0 || internetFamilies(cidrs).length > 0), "cluster API endpoint is public to the whole internet (masterAuthorizedNetworksConfig.cidrBlocks)"],
    [!privateEndpoint && get(i, "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled") === true, "cluster API endpoint admits every Google Cloud public address (masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled true)"],
    [get(i, "privateClusterConfig.enablePrivateNodes") !== true, "cluster nodes have public addresses (privateClusterConfig.enablePrivateNodes is not true)"],
  );
}

export const noInternetIngress: Rule = {
  id: "no-internet-ingress",
  description: "No network rule and no cluster API endpoint admits the whole internet, on any port; the CDN and the ingress controller are the only public entry points.",
  severity: "critical",
  remediation: "Admit the VPC's or the office's ranges, a load balancer's security group or a prefix list, never 0.0.0.0/0, ::/0 or ranges that add up to them (on Azure never the *, Any or Internet source either; on GCP name a source on every ingress firewall rule). Give GKE clusters private nodes (privateClusterConfig.enablePrivateNodes). Keep the default security group empty. Give a public cluster endpoint publicAccessCidrs (masterAuthorizedNetworksConfig, authorizedIPRanges) naming the CI runners' and operators' addresses, or make it private.",
  controls: controlSets.noPublicAccess,
  ...byType({
    // CIS AWS 5.4: the default group is what a resource gets when nobody chose one, so it admits nothing at all.
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": (i) =>
      asArray(i["ingress"]).length + asArray(i["egress"]).length > 0 ? "the default security group has rules; keep it empty so a resource without a chosen group is isolated" : undefined,
    "aws:eks/cluster:Cluster": (i) => eksEndpoint(i),
    "gcp:compute/firewall:Firewall": (i) => gcpFirewall(i),
    "gcp:container/cluster:Cluster": (i) => gkeExposure(i),
    "azure-native:containerservice:ManagedCluster": (i) => {
      if (get(i, "apiServerAccessProfile.enablePrivateCluster") === true) return undefined;
      const cidrs = asArray(get(i, "apiServerAccessProfile.authorizedIPRanges"));
      return cidrs.length === 0 || internetFamilies(cidrs).length > 0 ? "cluster API endpoint is public to the whole internet (apiServerAccessProfile.authorizedIPRanges)" : undefined;
    },
  }),
  checkStack: (resources) => [...securityGroupsOpenToInternet(resources), ...nsgsOpenToInternet(resources)],
};
