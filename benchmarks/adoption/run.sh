#!/usr/bin/env bash
# Adoption on a real repository (docs/benchmarks.md, "Adoption on a real repository"):
#   1. packs Spicetime.Sdk and Spicetime.Cli from this checkout (one version of their own) into a local feed;
#   2. clones REPO_GIT_DIR, builds it as it is (Release), keeps every project's bin/;
#   3. cleans the clone (git clean -xfd), runs `spicetime init [INIT_OPTIONS]` (the no-edit form), builds again in the
#      same folder (so paths in the outputs are the same), and compares the outputs (compare.cs: same files; each
#      assembly's name, version, references, types, members, signatures and method bodies; the attributes that differ);
#      MSB4011 and warnings new to the converted build are counted from the logs;
#   4. rewrites the last COMMITS first-parent commits with the conversion on top of each (init run on each commit's
#      tree) and runs the differential harness (tests/Spicetime.Differential) on both histories.
# Both builds use the same NuGet.config (the local feed, then nuget.org; kept out of git) when the repository has none.
# Usage: benchmarks/adoption/run.sh REPO_GIT_DIR [BUILD_TARGET (a .sln/.slnx/project; default: what dotnet build finds)] [INIT_OPTIONS...]
#   COMMITS=20  KEEP=1 keeps the work folder
set -euo pipefail
source_repo=$(cd "$1" && pwd)
shift
target=${1:-}
[ $# -gt 0 ] && shift
source "$(dirname "$0")/../common.sh"
bench_setup adoption
here="$root/benchmarks/adoption"
commits=${COMMITS:-20}
quiet=(-nodeReuse:false -v:q -clp:NoSummary)

install_spicetime adopt
dotnet build "$root/tests/Spicetime.Differential/Spicetime.Differential.csproj" -c Release -o "$work/harness" "${quiet[@]}" > "$work/setup.log" 2>&1 ||
  { cat "$work/setup.log"; echo "RESULT: building the differential harness failed"; exit 1; }
echo "packed Spicetime $version"

repo="$work/repo"
git clone -q "$source_repo" "$repo"
cd "$repo"
git config user.email adoption@spicetime.invalid
git config user.name adoption
head=$(git rev-parse HEAD)
branch=$(git branch --show-current)
projects=$(git ls-files '*.csproj' '*.fsproj' '*.vbproj')
echo "repository: $source_repo at $head (branch $branch, $(wc -l <<<"$projects") projects)"
if [ -z "$(git ls-files -- NuGet.config nuget.config NuGet.Config)" ]; then
  nuget_config "$repo"
  echo NuGet.config >> .git/info/exclude
else
  dotnet nuget add source "$work/feed" -n spicetime-adoption --configfile "$(git ls-files -- NuGet.config nuget.config NuGet.Config | head -1)" >/dev/null
fi

build() {
  local start=$SECONDS
  if ! dotnet build $target -c Release -nodeReuse:false -v:m -clp:NoSummary > "$work/$1.log" 2>&1; then
    tail -30 "$work/$1.log"
    echo "RESULT: the $1 build failed"
    exit 1
  fi
  echo "$1 build: $((SECONDS - start)) s"
  for project in $projects; do
    local folder
    folder=$(dirname "$project")
    if [ -d "$folder/bin" ]; then
      mkdir -p "$work/out/$1/$folder"
      cp -r "$folder/bin" "$work/out/$1/$folder/"
    fi
  done
}

# One line per distinct warning (code and file, without the project suffix and the path of the work folder).
warnings() { grep -E ': warning [A-Z]+[0-9]+' "$work/$1.log" | sed -e 's/ \[[^]]*\]$//' -e "s|$repo/||g" | sort -u || true; }

build baseline
git clean -xfdq -e NuGet.config
echo "spicetime init $*"
"$spicetime" init "$@" | sed 's/^/  /'
build converted
msb4011=$(grep -c MSB4011 "$work/converted.log" || true)
new_warnings=$(comm -13 <(warnings baseline) <(warnings converted))
echo "warnings: baseline $(warnings baseline | grep -c . || true), converted $(warnings converted | grep -c . || true), new $(grep -c . <<<"$new_warnings" || true); MSB4011: $msb4011"
[ -n "$new_warnings" ] && sed 's/^/  new: /' <<<"$new_warnings"
compare=0
dotnet run "$here/compare.cs" -- "$work/out/baseline" "$work/out/converted" || compare=$?

# The converted history: the conversion on top of each of the last COMMITS first-parent commits.
list=$(git rev-list --first-parent -n $((commits + 1)) "$head" | tac)
first=1
for commit in $list; do
  if [ $first = 1 ]; then
    git checkout -q -f -B "$branch" "$commit"
    first=0
  else
    git read-tree -u --reset "$commit"
  fi
  "$spicetime" init "$@" >/dev/null
  git add -A -- tree.json global.json Directory.Build.props Directory.Build.targets
  git commit -q --allow-empty --no-verify -C "$commit"
done
echo
echo "== affected against MSBuild evaluation, the original history ($commits commits to $(git rev-parse --short "$head"))"
original=0
dotnet "$work/harness/Spicetime.Differential.dll" --repo "$repo" --rev "$head" --commits "$commits" > "$work/original.txt" || original=$?
sed -n '/^$/,$p' "$work/original.txt"
echo "== the converted history (the same commits with spicetime init on each)"
converted=0
dotnet "$work/harness/Spicetime.Differential.dll" --repo "$repo" --rev HEAD --commits "$commits" > "$work/converted.txt" || converted=$?
sed -n '/^$/,$p' "$work/converted.txt"
[ -n "${KEEP:-}" ] && echo "work folder: $work"
if [ $compare = 0 ] && [ "$msb4011" = 0 ] && [ -z "$new_warnings" ] && [ $original = 0 ] && [ $converted = 0 ]; then
  echo "RESULT: adopted: builds, same assemblies but for the attributes above, no new warnings, no miss"
else
  echo "RESULT: differences (compare $compare, MSB4011 $msb4011, harness $original/$converted)"
  exit 1
fi
