#!/usr/bin/env bash
# Versions for every project of a 100-project, 10-fork tree on 1,000- and 10,000-commit histories: Spicetime against
# Nerdbank.GitVersioning 3.10.94 on the same repositories, in one run, alternating, a fresh process each time
# (docs/benchmarks.md, "Versions"), both ReadyToRun-compiled. Usage: benchmarks/versions/run.sh [runs-at-1k] [runs-at-10k]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs1k=${1:-5}
runs10k=${2:-3}
work=$(mktemp -d /tmp/spicetime-versions-XXXXXX)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_NOLOGO=1
# Published ReadyToRun for this machine, as the SDK ships its task assembly (src/Spicetime.Sdk/Spicetime.Sdk.csproj):
# a build computes versions in precompiled code, and so does NBGV's library here (compiled the same way).
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish "$here/Spicetime.Benchmarks.Versions.csproj" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
  -o "$work/bench" -v:q -nologo -clp:NoSummary >/dev/null
bench=(dotnet "$work/bench/Spicetime.Benchmarks.Versions.dll")
for commits in 1000 10000; do
  runs=$([ "$commits" = 1000 ] && echo "$runs1k" || echo "$runs10k")
  [ "$runs" -gt 0 ] || continue # `run.sh 5 0`: 1,000 commits only
  "${bench[@]}" make "$work/h$commits" "$commits" >/dev/null
  echo "== $commits commits: the history walk alone (one process, three times; the first includes JIT)"
  "${bench[@]}" walk "$work/h$commits"
  echo "== $commits commits: a build's versions"
  "${bench[@]}" compare "$work/h$commits" "$runs"
  echo
done
