#!/usr/bin/env bash
# Signs a shopper in the way a browser does (authorization code + PKCE through the
# gateway's login page) and prints the access token.
#   TOKEN=$(scripts/token.sh alice@bazaar.dev Alice-dev-password-1)
set -euo pipefail
email=$1 password=$2
gateway=${BAZAAR_URL:-http://localhost:8080}
redirect="$gateway/swagger-ui/oauth2-redirect.html"
jar=$(mktemp); trap 'rm -f "$jar"' EXIT

verifier=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
authorize="$gateway/oauth2/authorize?response_type=code&client_id=bazaar-web&scope=openid&state=s1"
authorize+="&redirect_uri=$(printf '%s' "$redirect" | jq -sRr @uri)&code_challenge=$challenge&code_challenge_method=S256"

# the authorization endpoint sends an anonymous browser to the login page (with a CSRF token)
login_page=$(curl -fsSL -H 'Accept: text/html' -c "$jar" -b "$jar" "$authorize")
csrf=$(printf '%s' "$login_page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="\([^"]*\)"/\1/')
# signing in returns to the authorization endpoint, which redirects with the code
location=$(curl -fsS -H 'Accept: text/html' -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
  --data-urlencode "username=$email" --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "$gateway/login")
[ "${location#*oauth2/authorize}" != "$location" ] || { echo "sign-in refused" >&2; exit 1; }
location=$(curl -fsS -H 'Accept: text/html' -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$location")
code=$(printf '%s' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
[ -n "$code" ] || { echo "no authorization code in $location" >&2; exit 1; }

curl -fsS "$gateway/oauth2/token" -d grant_type=authorization_code -d client_id=bazaar-web \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" -d "code_verifier=$verifier" \
  | jq -r .access_token
