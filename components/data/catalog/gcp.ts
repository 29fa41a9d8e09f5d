import * as pulumi from "@pulumi/pulumi";
import * as dataplex from "@pulumi/gcp/dataplex/index.js";
import type * as storage from "@pulumi/gcp/storage/index.js";
import type { Driver } from "../../capability.ts";
import { bucketGrant } from "../../clouds/gcp/bucket-grant.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { dataServiceAgent } from "../../clouds/gcp/data-service-agents.ts";
import type { Catalog, CatalogArgs } from "./catalog.ts";

export interface GcpCatalog extends Catalog {
  readonly native: {
    readonly lake: dataplex.Lake;
    readonly zones: Readonly<Record<string, { readonly zone: dataplex.Zone; readonly asset: dataplex.Asset; readonly discoveryRead: storage.BucketIAMMember }>>;
  };
}

/** Discovery scans each zone's bucket every six hours (the default is hourly, billed per run). */
const discovery = { enabled: true, schedule: "0 */6 * * *" };

/** A raw zone takes files in any format; a curated zone only structured ones (Parquet, Avro, ORC). */
export function zoneType(zone: string): "RAW" | "CURATED" {
  return zone === "curated" ? "CURATED" : "RAW";
}

/**
 * A Dataplex lake over the data lake: a zone per lake zone (single region, the stack's) and an asset attaching the
 * zone's bucket with read access `DIRECT` (Dataplex does not take over the bucket's IAM, which the lake driver
 * owns). Discovery reads the bucket as the Dataplex service agent, granted objectViewer on exactly that bucket.
 * Dataplex keeps its metadata with Google-managed encryption (this provider has no CMEK setting for it), so the lake
 * key is not used here; the data itself stays under it in the buckets.
 */
export const gcpCatalog: Driver<CatalogArgs, GcpCatalog> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { projectNumber } = projectOf(ctx);
    // The Dataplex service agent, as a principal of the stack (`<prefix>-dataplex-catalog-<zone>`).
    const agent = { name: "dataplex", id: pulumi.output(dataServiceAgent(ctx, "dataplex")) };
    const lakeName = ctx.name("catalog");
    const lake = new dataplex.Lake(ctx.name("catalog"), { name: lakeName, location: ctx.region, displayName: lakeName, description: `${lakeName}: the data lake's zones` }, opts);
    const zones = Object.fromEntries(Object.entries(args.lake.zoneLocations).map(([zone, bucket]) => {
      const made = new dataplex.Zone(ctx.name(`catalog-${zone}`), {
        name: zone,
        lake: lake.name,
        location: ctx.region,
        type: zoneType(zone),
        resourceSpec: { locationType: "SINGLE_REGION" },
        discoverySpec: discovery,
      }, opts);
      const discoveryRead = bucketGrant(ctx, `catalog-${zone}`, agent, bucket, "roles/storage.objectViewer");
      const asset = new dataplex.Asset(ctx.name(`catalog-${zone}-asset`), {
        name: `${zone}-bucket`,
        lake: lake.name,
        dataplexZone: made.name,
        location: ctx.region,
        resourceSpec: { type: "STORAGE_BUCKET", name: bucket.apply((b) => `projects/${projectNumber}/buckets/${b}`), readAccessMode: "DIRECT" },
        discoverySpec: discovery,
      }, { ...opts, dependsOn: [discoveryRead] });
      return [zone, { zone: made, asset, discoveryRead }];
    }));
    return { catalogId: lake.id, native: { lake, zones } };
  },
};
