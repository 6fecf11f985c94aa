#!/usr/bin/env bash
# Builds a libFuzzer target from Fuzz/targets/TARGET.swift and runs it for SECONDS
# (default 60) on its checked-in corpus Fuzz/corpus/TARGET. New inputs the fuzzer finds
# go to Fuzz/work/TARGET (git-ignored), crashes to Fuzz/artifacts/ (git-ignored).
#
#   Fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#   Fuzz/run.sh build TARGET          build only
#   FUZZ_RUNS=10000000 Fuzz/run.sh yaml 0   stop after that many executions instead
#
# Targets: yaml (YAMLReader.documents), records (RecordSource.records, YAML, JSON and CSV),
# policy (PolicyLoader.load), expression (ExpressionParser.parse + type checker),
# json (JSONReader.readDocuments, with a write-back-and-reread check).
# The package modules YAMLSource, Records and Policies are compiled from ../Sources with
# swiftc, instrumented (-sanitize=fuzzer,address); the system libyaml is not.
set -euo pipefail
cd "$(dirname "$0")"
FUZZ=$PWD
ROOT=$(cd .. && pwd)
# FUZZ_SANITIZE=fuzzer builds without AddressSanitizer into .build-fuzzer: Swift's own
# checks (bounds, overflow, unwrapping) still trap, at several times the executions per
# second, for runs that are long on executions; the default keeps ASan and leak checks.
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
OUT=$FUZZ/.build
[ "$SANITIZE" = fuzzer,address ] || OUT=$FUZZ/.build-${SANITIZE//,/-}

build_only=0
if [ "${1:-}" = build ]; then build_only=1; shift; fi
target=${1:?usage: Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
[ -f "targets/$target.swift" ] || { echo "no target $target (have: $(ls targets | sed 's/.swift//' | tr '\n' ' '))" >&2; exit 2; }

# The xlsx target reads workbooks, so its Records is built with ZIPFoundation, from the
# checkout `swift build` makes, in a folder of its own (the other targets' Records has no
# package and reads a workbook as a located REC-PARSE).
ZIP=()
if [ "$target" = xlsx ]; then
  OUT=$OUT-zip
  ZIPSRC=$ROOT/.build/checkouts/ZIPFoundation
  [ -d "$ZIPSRC/Sources/ZIPFoundation" ] || { echo "fuzz: no $ZIPSRC: run swift build first (it fetches ZIPFoundation)" >&2; exit 2; }
  ZIP=(-I "$ZIPSRC/Sources/CZLib")
fi
mkdir -p "$OUT"

FLAGS=(-O -g -sanitize="$SANITIZE" -parse-as-library -swift-version 6 -I "$OUT" -I "$ROOT/Sources/CLibYAML" "${ZIP[@]}")

# Rebuilds a module when any of its sources (or a module it imports) is newer.
module() {
  local name=$1; shift
  local obj=$OUT/$name.o
  local newest
  local sources
  mapfile -t sources < <(find "$ROOT/Sources/$name" -name '*.swift' | sort)
  newest=$(ls -t "${sources[@]}" "$@" 2>/dev/null | head -1)
  if [ ! -f "$obj" ] || [ "$newest" -nt "$obj" ]; then
    echo "fuzz: compiling $name" >&2
    swiftc "${FLAGS[@]}" -wmo -module-name "$name" -emit-module -emit-module-path "$OUT/$name.swiftmodule" \
      -emit-object -o "$obj" "${sources[@]}"
    touch "$obj"  # swiftc leaves an unchanged object's time alone; the link check needs it
  fi
}
module YAMLSource
extra=()
if [ "$target" = xlsx ]; then
  if [ ! -f "$OUT/ZIPFoundation.o" ]; then
    echo "fuzz: compiling ZIPFoundation" >&2
    mapfile -t zipsources < <(find "$ZIPSRC/Sources/ZIPFoundation" -name '*.swift' | sort)
    swiftc -O -g -sanitize="$SANITIZE" -parse-as-library -swift-version 5 -Xcc -D_GNU_SOURCE=1 "${ZIP[@]}" -wmo -module-name ZIPFoundation \
      -emit-module -emit-module-path "$OUT/ZIPFoundation.swiftmodule" -emit-object -o "$OUT/ZIPFoundation.o" "${zipsources[@]}"
  fi
  extra=("$OUT/ZIPFoundation.o" -lz)
fi
module Records "$OUT/YAMLSource.o"
module Policies "$OUT/Records.o"

exe=$OUT/fuzz-$target
if [ ! -f "$exe" ] || [ "targets/$target.swift" -nt "$exe" ] || [ "$OUT/YAMLSource.o" -nt "$exe" ] \
  || [ "$OUT/Records.o" -nt "$exe" ] || [ "$OUT/Policies.o" -nt "$exe" ]; then
  echo "fuzz: linking $target" >&2
  swiftc "${FLAGS[@]}" -module-name "Fuzz_$target" "targets/$target.swift" \
    "$OUT/YAMLSource.o" "$OUT/Records.o" "$OUT/Policies.o" "${extra[@]}" -lyaml -o "$exe" 2> >(grep -v "Cannot export local symbol" >&2)
fi
[ $build_only = 1 ] && exit 0

mkdir -p "work/$target" artifacts
runs=()
[ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
time_flag=()
[ "$seconds" != 0 ] && time_flag=(-max_total_time="$seconds")
# A Swift trap goes straight to libFuzzer's handler (which saves the input); the Swift
# runtime's own backtracer would otherwise run first and trip ASan while reading memory.
export SWIFT_BACKTRACE=enable=no
# Leak detection stays on: the targets must not leak. -timeout: a single input taking
# over 10 s is a hang; -rss_limit_mb bounds memory.
exec "$exe" "work/$target" "corpus/$target" \
  -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="artifacts/$target-" "${time_flag[@]}" "${runs[@]}" "$@"
