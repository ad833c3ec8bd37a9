#!/usr/bin/env bash
# Whole-process wall time and peak memory of `spicetime affected` on synthetic fork repositories
# (SyntheticForkRepository: forks x projects, git history), for two changes:
#   edit  - one .cs file in one fork's project (base HEAD~2, head HEAD~1)
#   bump  - one PackageVersion in Directory.Packages.props (base HEAD~1, head HEAD)
# Each measurement runs `dotnet spicetime.dll affected ... --format json` (process start included) N times,
# alternating edit and bump; prints medians of wall time and of peak RSS (GNU time), and the affected counts.
# Usage: benchmarks/affected/run.sh [iterations=5] [sizes="100 1000 5000 20000"]
set -euo pipefail
iterations=${1:-5}
sizes=${2:-"100 1000 5000 20000"}
source "$(dirname "$0")/../common.sh"
bench_setup affected-bench

dotnet build "$root/src/Spicetime.Cli/Spicetime.Cli.csproj" -c Release -o "$work/cli" -nodeReuse:false -v:q -clp:NoSummary >/dev/null
dotnet build "$root/benchmarks/Spicetime.Benchmarks/Spicetime.Benchmarks.csproj" -c Release -o "$work/gen" -nodeReuse:false -v:q -clp:NoSummary >/dev/null

printf '%-9s %-6s %10s %12s %10s\n' projects change "wall (s)" "peak (MiB)" affected
for size in $sizes; do
  if [ "$size" -le 1000 ]; then forks=10; else forks=$((size / 100)); fi
  per_fork=$((size / forks))
  repo="$work/repo-$size"
  dotnet "$work/gen/Spicetime.Benchmarks.dll" generate-repo "$repo" "$forks" "$per_fork"
  declare -A walls=() peaks=() counts=()
  for ((i = 0; i < iterations; i++)); do
    for change in edit bump; do
      if [ "$change" = edit ]; then range=(--base HEAD~2 --head HEAD~1); else range=(--base HEAD~1); fi
      out=$(cd "$repo" && /usr/bin/time -f '%e %M' -o "$work/time" dotnet "$work/cli/spicetime.dll" affected "${range[@]}" --format json)
      read -r wall peak < "$work/time"
      walls[$change]+="$wall "
      peaks[$change]+="$peak "
      counts[$change]=$(grep -c '"path"' <<<"$out" || true)
    done
  done
  for change in edit bump; do
    wall=$(median <<<"${walls[$change]}")
    peak=$(median <<<"${peaks[$change]}" | awk '{ printf "%.0f", $1 / 1024 }')
    printf '%-9s %-6s %10s %12s %10s\n' "$size" "$change" "$wall" "$peak" "${counts[$change]}"
  done
  unset walls peaks counts
  rm -rf "$repo"
done
