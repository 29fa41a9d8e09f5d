#!/bin/sh
# Runs a command with a supported Node (>= 22.18, for native type stripping and @pulumi/pulumi 3.27x) and the
# project's dependencies installed. On a machine whose Node is older, Node 24 comes from the npm registry as the
# `node` package (a binary shipped inside a registry package), pinned below and kept in .toolchain/.
# Usage: sh scripts/toolchain.sh COMMAND [ARGS...]
set -eu

NODE_PACKAGE_VERSION="24.21.0"
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)

node_is_supported() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}

if ! node_is_supported; then
  private_node="$root/.toolchain/node-$NODE_PACKAGE_VERSION"
  if [ ! -x "$private_node/node_modules/node/bin/node" ]; then
    echo "stratum: this machine's Node is $(node --version 2>/dev/null || echo absent); installing Node $NODE_PACKAGE_VERSION into .toolchain/ from the npm registry" >&2
    rm -rf "$private_node.partial"
    mkdir -p "$private_node.partial"
    npm install --prefix "$private_node.partial" --no-save --no-audit --no-fund --loglevel=error \
      "node@$NODE_PACKAGE_VERSION" >&2
    rm -rf "$private_node"
    mv "$private_node.partial" "$private_node"
  fi
  PATH="$private_node/node_modules/node/bin:$PATH"
  export PATH
fi

# Install dependencies when node_modules is absent or older than the lockfile (npm writes its own copy of the
# lock into node_modules/.package-lock.json on every install).
if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  echo "stratum: installing dependencies (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

PATH="$root/node_modules/.bin:$PATH"
export PATH
exec "$@"
