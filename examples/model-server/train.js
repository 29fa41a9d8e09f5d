#!/usr/bin/env node
// Fits the recommender: item-to-item co-occurrence over the committed baskets (training/baskets.csv), scored as
// confidence P(other item | item) = baskets holding both / baskets holding the item. Deterministic (sorted input,
// ties broken by SKU, no clock), so the same training set always builds the same model.json, byte for byte.
// The Dockerfile runs this at build time: the image that is scanned and signed is the model that is served.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

const TOP = 10;
const SKU = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

export function train(csv) {
  const [header, ...lines] = csv.trim().split("\n");
  if (header.trim() !== "order_id,sku") throw new Error(`training data: header is ${JSON.stringify(header)}; expected "order_id,sku"`);
  const baskets = new Map();
  lines.forEach((line, i) => {
    const [order, sku, extra] = line.trim().split(",");
    if (!/^\d+$/.test(order ?? "") || !SKU.test(sku ?? "") || extra !== undefined) throw new Error(`training data line ${i + 2}: ${JSON.stringify(line)}; expected <order id>,<SKU>`);
    if (!baskets.has(order)) baskets.set(order, new Set());
    baskets.get(order).add(sku);
  });
  const itemCount = new Map();
  const pairCount = new Map();
  for (const basket of baskets.values()) {
    const items = [...basket].sort();
    for (const a of items) {
      itemCount.set(a, (itemCount.get(a) ?? 0) + 1);
      for (const b of items) if (a !== b) pairCount.set(`${a} ${b}`, (pairCount.get(`${a} ${b}`) ?? 0) + 1);
    }
  }
  const round = (x) => Math.round(x * 10_000) / 10_000;
  const byScore = (x, y) => y.score - x.score || (x.item < y.item ? -1 : 1);
  const items = {};
  for (const a of [...itemCount.keys()].sort()) {
    const related = [...itemCount.keys()]
      .filter((b) => pairCount.has(`${a} ${b}`))
      .map((b) => ({ item: b, score: round(pairCount.get(`${a} ${b}`) / itemCount.get(a)) }));
    items[a] = related.sort(byScore).slice(0, TOP);
  }
  // For a basket with nothing known: the items in the most baskets.
  const popular = [...itemCount].map(([item, n]) => ({ item, score: round(n / baskets.size) })).sort(byScore).slice(0, TOP);
  return {
    format: "stratum-cooccurrence/1",
    trainedOn: { file: "training/baskets.csv", sha256: createHash("sha256").update(csv).digest("hex"), baskets: baskets.size, items: itemCount.size },
    items,
    popular,
  };
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const source = path.join(import.meta.dirname, "training/baskets.csv");
  const target = process.argv[2] ?? path.join(import.meta.dirname, "model.json");
  const model = train(readFileSync(source, "utf8"));
  // Whole or not at all: a server starting beside a build (the offline run's systems share this folder) never reads
  // half a model.
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(model, null, 2) + "\n");
  renameSync(partial, target);
  console.log(`train: ${model.trainedOn.baskets} baskets, ${model.trainedOn.items} items -> ${target}`);
}
