#!/usr/bin/env bash
# The build cache across the commits of a real repository (docs/benchmarks.md, "Build cache"), adopted without
# editing a project (`spicetime init` on each checkout, as benchmarks/adoption/run.sh does):
#   - the last COMMITS+1 first-parent commits c0..cN (oldest first), each checked out clean (git clean -xdf) on a
#     branch `cachebench`, `spicetime init [INIT_OPTIONS]` run on it;
#   - c0 built in clone P with an empty cache K; then each ci built with K (filled by the builds of c0..ci-1) in the
#     clone the previous commit was not built in (P, Q alternating: another path each time, as CI runners are);
#   - each ci also built clean in clone C with an empty cache of its own, and every assembly under bin/ compared byte
#     for byte with the one built with K;
#   - the hits and misses (one key per project and target framework) against `spicetime affected --base ci-1 --head ci`:
#     every project it does not name should hit; for a miss it does not name, the key inputs that differ from the
#     previous commit's key (obj/**/spicetime.cache-key.json, kept per commit) are printed.
# BUILD_ARGS: more arguments for every build (e.g. -p:SpicetimeCacheStamp=true).
# HEAD_COMMIT: the newest commit of the window (default HEAD). PREPARE: a command run in the clone after each checkout,
# before `spicetime init` (e.g. removing a global.json that pins an SDK this machine lacks, writing a solution filter).
# SAME_PATH=1: every build (with the cache, and the clean one) runs with its clone moved to one path, as CI runners
# check out at one path: projects whose key holds the checkout's folder (Razor views) can hit then.
# Usage: benchmarks/build-cache/real.sh REPO_DIR [BUILD_TARGET] [INIT_OPTIONS...]
#   COMMITS=10 CONFIGURATION=Release BUILD_ARGS="..." COMPARE=1 KEEP=1 HEAD_COMMIT=sha PREPARE="cmd" SAME_PATH=1
set -euo pipefail
source_repo=$(cd "$1" && pwd)
shift
target=${1:-}
[ $# -gt 0 ] && shift
commits=${COMMITS:-10}
configuration=${CONFIGURATION:-Release}
read -r -a build_args <<< "${BUILD_ARGS:-}"
source "$(dirname "$0")/../common.sh"
bench_setup build-cache-real

install_spicetime cache
echo "Spicetime $version from $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src sdk || echo ' (with uncommitted changes)')"

for clone in P Q C; do git clone -q "$source_repo" "$work/$clone"; done
list=($(git -C "$work/P" rev-list --first-parent -n $((commits + 1)) "${HEAD_COMMIT:-HEAD}" | tac))
echo "repository: $source_repo, commits ${list[0]:0:10}..${list[-1]:0:10} ($configuration${build_args[*]:+, ${build_args[*]}})"
mkdir -p "$work/logs" "$work/keys"
export UseSharedCompilation=false   # every compile a process of the build, its CPU counted (cputime.py)
here="$root/benchmarks/build-cache"

checkout() { # CLONE COMMIT: the commit, clean, adopted
  local dir=$1
  git -C "$dir" checkout -q -f -B cachebench "$2"
  shift 2
  git -C "$dir" clean -xdfq
  [ -z "${PREPARE:-}" ] || (cd "$dir" && bash -c "$PREPARE")
  local config
  config=$(git -C "$dir" ls-files -- NuGet.config nuget.config NuGet.Config | head -1)
  if [ -z "$config" ] || [ ! -f "$dir/$config" ]; then
    nuget_config "$dir"
  else
    dotnet nuget add source "$work/feed" -n spicetime-cache --configfile "$dir/$config" >/dev/null
  fi
  (cd "$dir" && "$spicetime" init "$@" > /dev/null)
}
build() { # LABEL CLONE CACHE
  if [ "${SAME_PATH:-0}" = 1 ]; then
    mv "$2" "$work/at"
    local status=0
    (build_at "$1" "$work/at" "$3") || status=$?
    mv "$work/at" "$2"
    [ $status = 0 ] || exit $status
    build_time="$(tail -n 1 "$work/time" | awk '{ printf "%.0f s wall, %.0f s CPU", $1, $2 + $3 }')"
  else
    build_at "$@"
  fi
}
build_at() { # LABEL DIR CACHE
  local start=$SECONDS
  if ! (cd "$2" && SPICETIME_CACHE="$3" python3 "$here/cputime.py" "$work/time" \
        dotnet build $target -c "$configuration" -nodeReuse:false -v:n -tl:off "${build_args[@]}" > "$work/logs/$1.log" 2>&1); then
    grep -E ' error |warning SPT' "$work/logs/$1.log" | sort -u | head -20; echo "RESULT: build $1 failed"; exit 1
  fi
  build_time="$(tail -n 1 "$work/time" | awk '{ printf "%.0f s wall, %.0f s CPU", $1, $2 + $3 }')"
}
keep_keys() { # CLONE INDEX: every recorded key, by its path in the clone
  (cd "$1" && find . -name spicetime.cache-key.json -path '*/obj/*' | while read -r f; do mkdir -p "$work/keys/$2/$(dirname "$f")"; cp "$f" "$work/keys/$2/$f"; done)
}
# Units (project and target framework) by their message in a log: "NAME.csproj" for misses and current, "NAME" for hits.
units() { { grep -oE "$2" "$work/logs/$1.log" || true; } | sed -E "s/$3//"; }
# The inputs of two recorded keys that differ: one line each, "-" the earlier, "+" the later.
key_diff() {
  diff <(jq -r '.inputs[] | "\(.kind) \(.name) \(.value) \(.hash // "")"' "$1" | sort) \
       <(jq -r '.inputs[] | "\(.kind) \(.name) \(.value) \(.hash // "")"' "$2" | sort) | grep '^[<>]' | sed 's/^</  -/; s/^>/  +/' || true
}

checkout "$work/P" "${list[0]}" "$@"
cache="$work/cache"
build c0 "$work/P" "$cache"
keep_keys "$work/P" 0
echo "c0 ${list[0]:0:10}: stored $(grep -c ': stored key' "$work/logs/c0.log" || true) keys ($build_time)"
: > "$work/summary.tsv"
previous=P
for ((i = 1; i <= commits; i++)); do
  commit=${list[$i]} before=${list[$((i - 1))]}
  clone=$([ $previous = P ] && echo Q || echo P)
  checkout "$work/$clone" "$commit" "$@"
  (cd "$work/$clone" && "$spicetime" affected --base "$before" --head "$commit" --format json) > "$work/affected-$i.json"
  jq -r '.projects[].path' "$work/affected-$i.json" | xargs -r -n1 basename | sed 's/\.csproj$//' | sort -u > "$work/named.txt"
  build "c$i" "$work/$clone" "$cache"
  cached_time=$build_time
  keep_keys "$work/$clone" "$i"
  units "c$i" '[A-Za-z0-9._-]+: compiled outputs from the cache' ': compiled outputs from the cache' | sort > "$work/hits.txt"
  units "c$i" '[A-Za-z0-9._-]+\.csproj: miss for key' '\.csproj: miss for key' | sort > "$work/misses.txt"
  hits=$(wc -l < "$work/hits.txt") misses=$(wc -l < "$work/misses.txt")
  named_units=$(grep -cxFf "$work/named.txt" < <(cat "$work/hits.txt" "$work/misses.txt") || true)
  unnamed_hits=$(grep -cvxFf "$work/named.txt" "$work/hits.txt" || true)
  unnamed_misses=$(grep -vxFf "$work/named.txt" "$work/misses.txt" || true)
  echo
  echo "c$i ${commit:0:10} $(git -C "$work/$clone" log -1 --format=%s "$commit" | cut -c1-70)"
  echo "  changed: $(git -C "$work/$clone" diff --name-only "$before" "$commit" | head -8 | tr '\n' ' ')"
  echo "  affected names: $(tr '\n' ' ' < "$work/named.txt")"
  echo "  built with the cache in $clone ($cached_time): $hits hits, $misses misses (units: project x target framework); not named by affected: $((hits + misses - named_units)) units, $unnamed_hits of them hits"
  echo "  misses: $(sort "$work/misses.txt" | uniq -c | awk '{ printf "%s%s ", $2, ($1 > 1 ? "×" $1 : "") }')"
  if [ -n "$unnamed_misses" ]; then
    echo "  misses affected does not name, with the key inputs that differ from c$((i - 1)):"
    for name in $(sort -u <<< "$unnamed_misses"); do
      for now in $(cd "$work/keys/$i" && find . -name spicetime.cache-key.json | xargs grep -l "/$name.csproj\"" ); do
        echo "   $name ($(dirname "$now" | sed 's|.*/obj/||')):"
        if [ -f "$work/keys/$((i - 1))/$now" ]; then key_diff "$work/keys/$((i - 1))/$now" "$work/keys/$i/$now" | cut -c1-220 | sed 's/^/   /'; else echo "     (no key recorded at c$((i - 1)))"; fi
      done
    done
  fi
  compared="-"
  if [ "${COMPARE:-1}" = 1 ]; then
    checkout "$work/C" "$commit" "$@"
    rm -rf "$work/cache-clean"
    build "clean$i" "$work/C" "$work/cache-clean"
    same=0 differ=0
    while read -r f; do
      if cmp -s "$work/$clone/$f" "$work/C/$f"; then same=$((same + 1)); else differ=$((differ + 1)); echo "  differs: $f"; fi
    done < <(cd "$work/C" && find . -path "*/bin/$configuration/*" -name '*.dll' | sort)
    echo "  assemblies under bin/ against a clean build of c$i in C ($build_time): $same identical, $differ different"
    compared="$same/$((same + differ))"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$i" "${commit:0:10}" "$hits" "$misses" "$((hits + misses - named_units))" "$unnamed_hits" "$compared" >> "$work/summary.tsv"
  previous=$clone
done
echo
echo "== commit, hits, misses, units affected does not name, of them hits, identical assemblies"
column -t "$work/summary.tsv"
awk -F'\t' '{ h += $3; m += $4; u += $5; uh += $6 } END { printf "total: %d hits, %d misses; not named by affected: %d units, %d hits (%.0f%%)\n", h, m, u, uh, (u ? 100 * uh / u : 0) }' "$work/summary.tsv"
[ -n "${KEEP:-}" ] && echo "work folder: $work"
true
