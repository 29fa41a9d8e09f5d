import { UserInputError } from "../cli/errors.ts";
import type { CommandIo } from "../cli/command.ts";

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

/** `owner/name` from `--repo`, else GITHUB_REPOSITORY (set by GitHub Actions). */
export function resolveRepository(flag: string | undefined, io: CommandIo): RepositoryRef {
  const value = flag ?? io.env.GITHUB_REPOSITORY;
  if (!value) throw new UserInputError("no repository: pass --repo OWNER/NAME or set GITHUB_REPOSITORY");
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (!match) throw new UserInputError(`${flag ? "--repo" : "GITHUB_REPOSITORY"}: got "${value}", expected OWNER/NAME`);
  return { owner: match[1] as string, repo: match[2] as string };
}

export function repositoryName(ref: RepositoryRef): string {
  return `${ref.owner}/${ref.repo}`;
}
