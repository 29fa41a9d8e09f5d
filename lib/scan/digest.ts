/**
 * The image digest a report names: a registry digest (`repo@sha256:…` in RepoDigests) first, because that is
 * what a deployment can pin; the local image ID (the config digest) only when no registry digest is known.
 */
export function pickDigest(repoDigests: readonly string[] | null | undefined, imageId: string | null | undefined) {
  for (const entry of repoDigests ?? []) {
    const digest = entry.slice(entry.lastIndexOf("@") + 1);
    if (isDigest(digest)) return { digest, digestSource: "repoDigest" as const };
  }
  if (imageId && isDigest(imageId)) return { digest: imageId, digestSource: "imageId" as const };
  return { digest: null, digestSource: null };
}

export function isDigest(text: string): boolean {
  return /^sha256:[0-9a-f]{64}$/.test(text);
}

/**
 * True for a reference pinned by digest (`repo@sha256:…`, a tag before the `@` allowed): the only form the
 * Kubernetes tier and the policy pack accept, because a tag can be moved to an image nobody scanned.
 */
export function isPinnedByDigest(reference: string): boolean {
  const at = reference.lastIndexOf("@");
  return at > 0 && isDigest(reference.slice(at + 1));
}
