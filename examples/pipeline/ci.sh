#!/bin/sh
# mdm-blocklist in a CI pipeline (plain POSIX sh; needs node, and curl to deploy).
#
#   ci.sh check     validate the policy and require the committed out/ to be what it compiles to.
#                   Needs no secrets: run it on every pull request.
#   ci.sh plan      print what compiling would change in out/ (for the pull request's log).
#   ci.sh deploy    hand every artifact in out/ to its MDM. Run it after merge, with the secrets.
#                   DRY_RUN=1 prints each request (secrets as $NAMES) instead of sending it.
#
# Environment (secrets only from here, never from files in the repository):
#   MDM_BLOCKLIST            how to run the tool, split at spaces (default: npx --no-install mdm-blocklist)
#   POLICY, OUT              the policy and its committed outputs (default: beside this script)
#   NANOMDM_URL              e.g. https://mdm.example.com (commands: InstallProfile, RemoveApplication)
#   NANOMDM_API_KEY          NanoMDM's -api key (HTTP Basic, user "nanomdm")
#   NANOMDM_ENROLLMENT_IDS   comma-separated enrollment ids (UDIDs) to enqueue to
#   KMFDDM_URL               e.g. https://ddm.example.com (DDM declarations)
#   KMFDDM_API_KEY           KMFDDM's -api key (HTTP Basic, user "kmfddm")
#   KMFDDM_SET               the declaration set the blocklist's declarations go in (default: mdm-blocklist)
#   KMFDDM_ENROLLMENT_IDS    optional, comma-separated: enrollments to put in that set
#   AMAPI_TOKEN              an OAuth access token for the Android Management API
#                            (e.g. gcloud auth print-access-token)
#   AMAPI_ENTERPRISE         enterprises/{id} part for fleets whose policy.json has no "name"
#   AMAPI_URL                the API's base (default: https://androidmanagement.googleapis.com/v1)
#   AMAPI_SEND               "bodies" (default): modifyPolicyApplications, then patch with the
#                            fields the blocklist owns (only a fleet with a base policy has that
#                            body), then removePolicyApplications; the rest of the policy stays
#                            as other tools set it. "policy": PATCH the whole
#                            policy.json, replacing every field on the server.
#
# Exit status: 0 ok; 1 the policy has errors or out/ is not current; 2 usage, I/O or a failed request.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
POLICY=${POLICY:-$here/policy.yaml}
OUT=${OUT:-$here/out}
MDM_BLOCKLIST=${MDM_BLOCKLIST:-npx --no-install mdm-blocklist}
AMAPI=${AMAPI_URL:-https://androidmanagement.googleapis.com/v1}

usage() {
  echo "usage: $0 check | plan | deploy" >&2
  exit 2
}

check() {
  $MDM_BLOCKLIST validate "$POLICY"
  # Exit 1 when out/ is stale: rerun compile and commit out/ with the policy change.
  $MDM_BLOCKLIST compile "$POLICY" --out "$OUT" --check
}

# The artifacts compile wrote, one "kind path fleet platform" line each, from manifest.json.
artifacts() {
  node -e '
    const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const a of m.artifacts) console.log([a.kind, a.path, a.fleet || "-", a.platform || "-"].join(" "));
  ' "$OUT/manifest.json"
}

# json FILE EXPR: one value from a JSON file (EXPR in JavaScript, the parsed file is `j`).
json() {
  node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = '"$2"'; if (v !== undefined) console.log(v);' "$1"
}

# send METHOD URL AUTH BODY-FILE CONTENT-TYPE, AUTH being "nanomdm", "kmfddm" or "amapi".
# Credentials go to curl as a config on stdin (-K -), so they never show in the process list.
send() {
  method=$1 url=$2 auth=$3 body=$4 type=$5
  case $auth in
    nanomdm) shown='user = "nanomdm:$NANOMDM_API_KEY"' ;;
    kmfddm) shown='user = "kmfddm:$KMFDDM_API_KEY"' ;;
    amapi) shown='header = "Authorization: Bearer $AMAPI_TOKEN"' ;;
  esac
  if [ "${DRY_RUN:-0}" = 1 ]; then
    echo "echo \"$(printf '%s' "$shown" | sed 's/"/\\"/g')\" | curl -fsS -K - -X $method -H 'Content-Type: $type' --data-binary @$body '$url'"
    return
  fi
  case $auth in
    nanomdm) config="user = \"nanomdm:$(quoted "$NANOMDM_API_KEY")\"" ;;
    kmfddm) config="user = \"kmfddm:$(quoted "$KMFDDM_API_KEY")\"" ;;
    amapi) config="header = \"Authorization: Bearer $(quoted "$AMAPI_TOKEN")\"" ;;
  esac
  printf '%s\n' "$config" | curl -fsS -K - -X "$method" -H "Content-Type: $type" --data-binary "@$body" "$url" || exit 2
  echo
}

# A value inside a double-quoted curl config string: backslashes and quotes escaped.
quoted() {
  printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}

need() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || [ "${DRY_RUN:-0}" = 1 ] || { echo "deploy: set $name" >&2; exit 2; }
  done
}

# A command plist with a fresh CommandUUID. compile derives CommandUUIDs from the content, so an
# unchanged command keeps its UUID, and an MDM server refuses a CommandUUID it has already queued.
fresh_command_uuid() {
  node -e '
    const xml = require("fs").readFileSync(process.argv[1], "utf8");
    const uuid = require("crypto").randomUUID().toUpperCase();
    process.stdout.write(xml.replace(/(<key>CommandUUID<\/key>\s*<string>)[^<]*(<\/string>)/, `$1${uuid}$2`));
  ' "$1"
}

enqueue() { # a command plist file, to every enrollment
  need NANOMDM_URL NANOMDM_API_KEY NANOMDM_ENROLLMENT_IDS
  send PUT "${NANOMDM_URL:-https://nanomdm.example}/v1/enqueue/${NANOMDM_ENROLLMENT_IDS:-<enrollment ids>}" nanomdm "$1" application/x-apple-plist
}

amapi_policy_name() { # fleet policy.json
  name=$(json "$2" 'j.name')
  if [ -z "$name" ]; then
    need AMAPI_ENTERPRISE
    name="enterprises/${AMAPI_ENTERPRISE:-<enterprise id>}/policies/$1"
  fi
  echo "$name"
}

deploy() {
  [ -f "$OUT/manifest.json" ] || { echo "deploy: $OUT/manifest.json not found; run compile first" >&2; exit 2; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  artifacts | while read -r kind path fleet platform; do
    file=$OUT/$path
    case $kind in
      apple-command)
        echo "# $path: MDM command to NanoMDM ($fleet, $platform)"
        command=$work/$(echo "$path" | tr / _)
        fresh_command_uuid "$file" > "$command"
        enqueue "$command"
        ;;
      apple-declaration)
        # KMFDDM stores the declaration as it is, then the set carries it to the enrollments in it
        # (run KMFDDM with -enqueue so it tells NanoMDM to sync the devices).
        echo "# $path: DDM declaration to KMFDDM ($fleet, $platform)"
        need KMFDDM_URL KMFDDM_API_KEY
        send PUT "${KMFDDM_URL:-https://kmfddm.example}/v1/declarations" kmfddm "$file" application/json
        send PUT "${KMFDDM_URL:-https://kmfddm.example}/v1/set-declarations/${KMFDDM_SET:-mdm-blocklist}?declaration=$(json "$file" 'j.Identifier')" kmfddm /dev/null application/json
        ;;
      apple-profile | apple-profile-signed)
        # Devices get profiles through the InstallProfile commands beside them (commands/).
        echo "# $path: sent by its InstallProfile command; upload it by hand to an MDM that takes profiles"
        ;;
      # manifest.json lists paths sorted, so a fleet's bodies come modify, patch, remove: the
      # BLOCKED entries are in place before the mode changes, and stale entries go last.
      amapi-modify-policy-applications)
        [ "${AMAPI_SEND:-bodies}" = bodies ] || { echo "# $path: not sent (AMAPI_SEND=policy sends policy.json)"; continue; }
        echo "# $path: enterprises.policies.modifyPolicyApplications ($fleet)"
        need AMAPI_TOKEN
        send POST "$AMAPI/$(amapi_policy_name "$fleet" "$OUT/$fleet/android/policy.json"):modifyPolicyApplications" amapi "$file" application/json
        ;;
      amapi-policy-patch)
        [ "${AMAPI_SEND:-bodies}" = bodies ] || { echo "# $path: not sent (AMAPI_SEND=policy sends policy.json)"; continue; }
        echo "# $path: enterprises.policies.patch of the fields the blocklist owns ($fleet)"
        need AMAPI_TOKEN
        body=$work/$(echo "$path" | tr / _)
        json "$file" 'JSON.stringify(j.body)' > "$body"
        send PATCH "$AMAPI/$(amapi_policy_name "$fleet" "$OUT/$fleet/android/policy.json")?updateMask=$(json "$file" 'j.updateMask')" amapi "$body" application/json
        ;;
      amapi-remove-policy-applications)
        [ "${AMAPI_SEND:-bodies}" = bodies ] || { echo "# $path: not sent (AMAPI_SEND=policy sends policy.json)"; continue; }
        echo "# $path: enterprises.policies.removePolicyApplications ($fleet)"
        need AMAPI_TOKEN
        send POST "$AMAPI/$(amapi_policy_name "$fleet" "$OUT/$fleet/android/policy.json"):removePolicyApplications" amapi "$file" application/json
        ;;
      amapi-policy)
        [ "${AMAPI_SEND:-bodies}" = policy ] || { echo "# $path: not sent (AMAPI_SEND=bodies sends the request bodies beside it)"; continue; }
        echo "# $path: enterprises.policies.patch of the whole policy ($fleet)"
        need AMAPI_TOKEN
        send PATCH "$AMAPI/$(amapi_policy_name "$fleet" "$file")" amapi "$file" application/json
        ;;
      plan-summary | report-html | report-md | manifest) ;;
      *) echo "# $path: no deploy step for artifact kind $kind; see docs/cli.md" ;;
    esac
  done
  if [ -n "${KMFDDM_ENROLLMENT_IDS:-}" ] && artifacts | grep -q '^apple-declaration '; then
    for id in $(echo "$KMFDDM_ENROLLMENT_IDS" | tr , ' '); do
      echo "# enrollment $id: into KMFDDM set ${KMFDDM_SET:-mdm-blocklist}"
      send PUT "$KMFDDM_URL/v1/enrollment-sets/$id?set=${KMFDDM_SET:-mdm-blocklist}" kmfddm /dev/null application/json
    done
  fi
}

case ${1:-} in
  check) check ;;
  plan) $MDM_BLOCKLIST plan "$POLICY" --out "$OUT" ;;
  deploy) deploy ;;
  *) usage ;;
esac
