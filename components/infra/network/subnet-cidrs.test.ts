import { describe, expect, it } from "vitest";
import { subnetCidrs } from "./subnet-cidrs.ts";

describe("subnetCidrs", () => {
  it("splits a /16 into /20 blocks: workloads, data, then public", () => {
    expect(subnetCidrs("10.0.0.0/16", 3)).toEqual({
      private: ["10.0.0.0/20", "10.0.16.0/20", "10.0.32.0/20"],
      data: ["10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"],
      public: ["10.0.96.0/20", "10.0.112.0/20", "10.0.128.0/20"],
    });
  });

  it("handles two zones and other network sizes", () => {
    expect(subnetCidrs("172.16.0.0/12", 2)).toEqual({
      private: ["172.16.0.0/16", "172.17.0.0/16"],
      data: ["172.18.0.0/16", "172.19.0.0/16"],
      public: ["172.20.0.0/16", "172.21.0.0/16"],
    });
    expect(subnetCidrs("192.168.0.0/20", 3).public).toEqual(["192.168.6.0/24", "192.168.7.0/24", "192.168.8.0/24"]);
  });

  it("refuses a CIDR written with host bits instead of guessing the network", () => {
    expect(() => subnetCidrs("10.1.2.3/16", 2)).toThrow(/host bits are set \(did you mean 10.1.0.0\/16\?\)/);
  });

  it("rejects networks too small to split", () => {
    expect(() => subnetCidrs("10.0.0.0/25", 3)).toThrow(/cannot split/);
    expect(() => subnetCidrs("10.0.0/16", 3)).toThrow(/cannot split/);
    expect(subnetCidrs("10.0.0.0/24", 3).public).toEqual(["10.0.0.96/28", "10.0.0.112/28", "10.0.0.128/28"]);
  });
});
