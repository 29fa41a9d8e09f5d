import type { Size } from "../../spec/index.ts";

/**
 * The spec's cloud-neutral sizes translated to AWS capacity. The sizes themselves come from the environment
 * profile; these tables only say what each size means on AWS.
 */
export const nodeInstanceType: Readonly<Record<Size, string>> = {
  small: "m7i.large",
  medium: "m7i.xlarge",
  large: "m7i.2xlarge",
  xlarge: "m7i.4xlarge",
};

export const databaseInstanceClass: Readonly<Record<Size, string>> = {
  small: "db.t4g.medium",
  medium: "db.m7g.large",
  large: "db.r7g.xlarge",
  xlarge: "db.r7g.2xlarge",
};

/** Redshift Serverless base capacity in RPUs (multiples of 8). */
export const warehouseBaseCapacity: Readonly<Record<Size, number>> = {
  small: 8,
  medium: 32,
  large: 64,
  xlarge: 128,
};

export const sagemakerInstanceType: Readonly<Record<Size, string>> = {
  small: "ml.m5.large",
  medium: "ml.m5.xlarge",
  large: "ml.m5.2xlarge",
  xlarge: "ml.m5.4xlarge",
};
