// The model file the server loads at start, checked whole before the server listens: a server that cannot serve
// its model must fail to start (and its pod never become ready), not answer with nonsense.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const FORMAT = "stratum-cooccurrence/1";

export class ModelError extends Error {}

function scored(list, where) {
  if (!Array.isArray(list) || !list.every((e) => typeof e?.item === "string" && typeof e.score === "number" && e.score >= 0 && e.score <= 1)) {
    throw new ModelError(`${where}: expected a list of { item, score } with scores from 0 to 1`);
  }
  return list;
}

/** Reads and checks model.json; `version` is the file's sha256, reported with every answer. */
export function loadModel(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ModelError(`cannot read the model ${file}: ${error.message} (the image builds it with node train.js)`);
  }
  let model;
  try {
    model = JSON.parse(text);
  } catch (error) {
    throw new ModelError(`the model ${file} is not JSON: ${error.message}`);
  }
  if (model?.format !== FORMAT) throw new ModelError(`the model ${file} has format ${JSON.stringify(model?.format)}; expected ${FORMAT}`);
  if (typeof model.items !== "object" || model.items === null) throw new ModelError(`the model ${file} has no items`);
  for (const [item, related] of Object.entries(model.items)) scored(related, `${file} items.${item}`);
  scored(model.popular, `${file} popular`);
  return { ...model, version: createHash("sha256").update(text).digest("hex") };
}

/**
 * The `k` items most likely to be bought with `items`: each candidate scores the sum of its confidences from the
 * basket's items; the basket's own items are left out; popular items fill up when the basket says too little.
 */
export function recommend(model, items, k) {
  const have = new Set(items);
  const scores = new Map();
  for (const item of have) {
    for (const { item: other, score } of model.items[item] ?? []) {
      if (!have.has(other)) scores.set(other, (scores.get(other) ?? 0) + score);
    }
  }
  const ranked = [...scores].map(([item, score]) => ({ item, score: Math.round(score * 10_000) / 10_000 }));
  ranked.sort((x, y) => y.score - x.score || (x.item < y.item ? -1 : 1));
  for (const p of model.popular) if (ranked.length < k && !have.has(p.item) && !scores.has(p.item)) ranked.push({ item: p.item, score: 0 });
  return ranked.slice(0, k);
}
