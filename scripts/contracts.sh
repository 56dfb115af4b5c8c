#!/usr/bin/env bash
# Checks Bazaar's gRPC contracts with buf (npm @bufbuild/buf, pinned in contracts/package-lock.json):
#   scripts/contracts.sh                         buf lint (STANDARD) and buf breaking against the baseline,
#                                                then proves the breaking check bites on a broken copy;
#                                                then parses the events' AsyncAPI document (npm
#                                                @asyncapi/parser) and checks it against EventTopology;
#                                                then lints every OpenAPI document in contracts/openapi
#                                                with Spectral (spectral:oas and Bazaar's rules in
#                                                contracts/openapi/.spectral.yaml): no error, no warning
#   scripts/contracts.sh update-openapi          rewrite contracts/openapi/<service>.json from a running system
#                                                (./bazaar up; BAZAAR_URL names another gateway)
#   scripts/contracts.sh update-proto-baseline   rewrite contracts/proto/baseline.json from proto/ as it
#                                                is now: only for a break that is intended, in a commit of
#                                                its own that says which consumer it breaks and why
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
baseline=$root/contracts/proto/baseline.json
buf=$root/contracts/node_modules/.bin/buf

spectral=$root/contracts/node_modules/.bin/spectral
if [ ! -x "$buf" ] || ! "$buf" --version >/dev/null 2>&1 || [ ! -d "$root/contracts/node_modules/@asyncapi/parser" ] \
    || [ ! -x "$spectral" ]; then
  echo "installing the contract tools (npm ci in contracts/)" >&2
  npm ci --prefix "$root/contracts" --no-audit --no-fund --loglevel=error >/dev/null
fi

case "${1:-check}" in
  update-proto-baseline)
    (cd "$root/proto" && "$buf" build -o "$baseline")
    echo "wrote $baseline: commit it on its own" >&2
    exit 0
    ;;
  update-openapi)
    # the services' documents as a running system serves them (./bazaar up), pretty-printed; the
    # gateway's own document is written by hand and is not touched
    gateway=${BAZAAR_URL:-http://localhost:8080}
    for service in catalog order payment identity; do
      curl -fsS "$gateway/v3/api-docs/$service" \
        | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s),null,2)+"\n"))' \
        > "$root/contracts/openapi/$service.json"
      echo "wrote contracts/openapi/$service.json from $gateway" >&2
    done
    exit 0
    ;;
  check) ;;
  *) echo "usage: scripts/contracts.sh [check|update-proto-baseline|update-openapi]" >&2; exit 2 ;;
esac

cd "$root/proto"
"$buf" lint
"$buf" breaking --against "$baseline"
echo "protos: buf lint (STANDARD) clean; no breaking change against contracts/proto/baseline.json"

# The check must refuse what it is there to refuse: a copy of the protos with one field
# renumbered (a wire break that compiles fine) has to fail it.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$root/proto/buf.yaml" "$root/proto/src" "$copy/"
target=$copy/src/main/proto/bazaar/catalog/v1/catalog.proto
sed -i -E '0,/^(\s+[a-z_.A-Z0-9]+ [a-z_]+) = 1;/s//\1 = 101;/' "$target"
if cmp -s "$target" "$root/proto/src/main/proto/bazaar/catalog/v1/catalog.proto"; then
  echo "the break-a-copy check found no field numbered 1 in catalog.proto to renumber" >&2
  exit 1
fi
if (cd "$copy" && "$buf" breaking --against "$baseline" >/dev/null 2>&1); then
  echo "buf breaking let a renumbered field through: the compatibility check does not work" >&2
  exit 1
fi
echo "protos: a copy with a renumbered field is refused by buf breaking, as it must be"

# Events: the AsyncAPI document must parse without an error or warning, with every payload ref
# resolved to its schema, and say what libs/messaging's EventTopology declares. The schemas'
# compatibility with contracts/events/baseline is checked by the build (libs/test-support,
# EventSchemaCompatibilityTest), next to the tests that hold every event to its schema.
node "$root/contracts/events/validate-asyncapi.mjs"

# The check must refuse what it is there to refuse: a copy whose payload ref points nowhere.
events_copy=$copy/events
mkdir -p "$events_copy"
cp "$root"/contracts/events/*.json "$root/contracts/events/asyncapi.yaml" "$root/contracts/events/validate-asyncapi.mjs" "$events_copy/"
rm "$events_copy/order.order.placed.schema.json"
if NODE_PATH=$root/contracts/node_modules BAZAAR_ROOT=$root node "$events_copy/validate-asyncapi.mjs" >/dev/null 2>&1; then
  echo "the AsyncAPI check let a missing payload schema through: it does not work" >&2
  exit 1
fi
echo "events: a copy with a payload schema missing is refused, as it must be"

# OpenAPI: every committed document passes spectral:oas and Bazaar's own rules (examples, problem+json
# errors, bodies as served) with no error and no warning.
openapi=$root/contracts/openapi
"$spectral" lint --ruleset "$openapi/.spectral.yaml" --fail-severity=warn --quiet "$openapi"/*.json
echo "openapi: $(cd "$openapi" && ls *.json | tr '\n' ' ')lint clean (Spectral, no error or warning)"

# The lint must refuse what it is there to refuse: a copy of the gateway's document whose 401 is
# answered as text/plain.
broken=$copy/openapi-broken.json
node -e '
  const fs = require("fs");
  const doc = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  doc.components.responses.Unauthorized.content = { "text/plain": { schema: { type: "string" } } };
  fs.writeFileSync(process.argv[2], JSON.stringify(doc));
' "$openapi/gateway.json" "$broken"
if "$spectral" lint --ruleset "$openapi/.spectral.yaml" --fail-severity=warn --quiet "$broken" >/dev/null 2>&1; then
  echo "Spectral let an error answered as text/plain through: the OpenAPI rules do not work" >&2
  exit 1
fi
echo "openapi: a copy with an error answered as text/plain is refused, as it must be"
