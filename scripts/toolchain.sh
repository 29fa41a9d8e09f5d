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

# Install dependencies when node_modules is absent or was installed from another lockfile. The stamp holds the
# lockfile's hash (mtimes change with every checkout, so they cannot tell). A node_modules that is a symbolic
# link is shared with another checkout and installed there.
stamp="$root/node_modules/.stratum-lock.sha256"
wanted=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
if [ ! -L "$root/node_modules" ] && { [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; }; then
  echo "stratum: installing dependencies (npm ci)" >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$wanted" > "$stamp"
fi

PATH="$root/node_modules/.bin:$PATH"
export PATH
exec "$@"
