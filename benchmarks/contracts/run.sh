#!/usr/bin/env bash
# API contracts (docs/contracts.md, "Peer comparison" and "Speed"):
#  1. graphql-inspector (@graphql-inspector/cli, from the npm registry) and Spicetime on the same GraphQL pairs
#     (the corpus tests/Fixtures/Contracts/graphql-pairs.json the comparer tests use): the verdict of each (its worst change: breaking,
#     dangerous, safe or none), the agreement, and every disagreement with both tools' changes;
#  2. a pair of 10,000-line OpenAPI descriptions: parsing and comparing, medians.
# Needs node and npm. Usage: benchmarks/contracts/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/spicetime-contracts-XXXXXX)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_NOLOGO=1
npm install --prefix "$work/npm" --silent --no-audit --no-fund @graphql-inspector/cli graphql >/dev/null
echo "graphql-inspector $(node -p "require('$work/npm/node_modules/@graphql-inspector/core/package.json').version") (core), graphql $(node -p "require('$work/npm/node_modules/graphql/package.json').version")"
dotnet build "$here/Spicetime.Benchmarks.Contracts.csproj" -c Release -v:q -nologo -clp:NoSummary >/dev/null
bench=(dotnet "$here/bin/Release/net10.0/Spicetime.Benchmarks.Contracts.dll")
pairs="$root/tests/Fixtures/Contracts/graphql-pairs.json"
"${bench[@]}" verdicts "$pairs" > "$work/spicetime.jsonl"
node "$here/inspector.mjs" "$pairs" "$work/npm" > "$work/inspector.jsonl"
node "$here/compare.mjs" "$work/spicetime.jsonl" "$work/inspector.jsonl"
echo
"${bench[@]}" speed 10000 | cut -c1-240
