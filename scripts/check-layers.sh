#!/usr/bin/env bash
# Checks firmnet's layering rule (docs/ARCHITECTURE.md): each layer includes only the project
# folders it may depend on. Prints every offending include with file and line; exits 1 on any.
# Run from anywhere: ctest runs it as the test `layering`.
set -euo pipefail
cd "$(dirname "$0")/.."

# layer -> project folders its files may include
declare -A allowed=(
  [graph]="graph"
  [algorithms]="graph algorithms"
  [results]="graph algorithms results"
  [io]="graph io results/result.hpp"
  [datasets]="graph io datasets"
  [pipeline]="graph algorithms results pipeline"
  [report]="graph algorithms results io pipeline report"
  [python]="graph algorithms results io pipeline report python"
  [distributed]="graph algorithms results io distributed"
)

status=0
for layer in "${!allowed[@]}"; do
  [ -d "$layer" ] || continue
  while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    target=$(sed -E 's/.*#include "([^"]+)".*/\1/' <<<"$rest")
    folder=${target%%/*}
    # Only project folders count; system and library headers pass.
    case " graph algorithms results io datasets pipeline report python distributed cli tests bench " in
      *" $folder "*) ;;
      *) continue ;;
    esac
    ok=0
    for permitted in ${allowed[$layer]}; do
      if [ "$target" = "$permitted" ] || [ "$folder" = "$permitted" ]; then ok=1; fi
    done
    if [ $ok -eq 0 ]; then
      echo "$file:$line: the $layer layer may not include \"$target\" (allowed: ${allowed[$layer]})"
      status=1
    fi
  done < <(grep -rnE '^\s*#include "[^"]+"' --include='*.hpp' --include='*.cpp' "$layer" || true)
done
if [ $status -eq 0 ]; then echo "layering: every include follows docs/ARCHITECTURE.md"; fi
exit $status
