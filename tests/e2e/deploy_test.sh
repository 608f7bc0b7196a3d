#!/usr/bin/env bash
# The deployment files agree with the code: docker-compose.yml is valid and
# creates exactly the topics (and partition counts) of services/common/topics.h,
# and the Helm chart sets only environment variables the binary reads.
source "$(dirname "$0")/lib.sh"
cd "$STREAMLENS_SOURCE_DIR"

docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml is not valid"

code_topics="$(grep -oE '\{k[A-Za-z]+, [0-9]+\}' services/common/topics.h | sed -E 's/\{(k[A-Za-z]+), ([0-9]+)\}/\1 \2/' |
  while read -r const parts; do
    name="$(grep -E "inline constexpr std::string_view $const = " services/common/topics.h | sed -E 's/.*"(.*)".*/\1/')"
    echo "$name:$parts"
  done | sort | tr '\n' ' ')"
compose_topics="$(grep -oE 'for t in [^;]+' docker-compose.yml | sed 's/for t in //' | tr ' ' '\n' | grep . | sort | tr '\n' ' ')"
[ "$code_topics" = "$compose_topics" ] || fail "topics differ: code [$code_topics] compose [$compose_topics]"

# Every STREAMLENS_* variable the chart sets must be one `streamlens serve --help` documents.
help="$("$STREAMLENS_BIN" serve --help)"
for var in $(grep -ohE 'STREAMLENS_[A-Z_]+' helm/streamlens/templates/*.yaml | sort -u); do
  grep -q "env: $var" <<<"$help" || fail "helm sets $var, which streamlens serve does not read"
done
echo "1 passed, 0 failed"
