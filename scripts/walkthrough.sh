#!/usr/bin/env bash
# A shopper's walk-through against a running Bazaar (./bazaar up), with curl only:
# register, sign in, browse, order, and watch the order get confirmed; then the same through a cart.
set -euo pipefail
cd "$(dirname "$0")/.."
gw=${BAZAAR_URL:-http://localhost:8080}
email="walker-$RANDOM$RANDOM@example.com"
password="Walk-through-$RANDOM-pass"

echo "1. register $email"
curl -fsS "$gw/api/identity/register" -H 'Content-Type: application/json' \
  -d "{\"email\": \"$email\", \"password\": \"$password\", \"displayName\": \"Walker\"}" | jq -c '{id, email}'

echo "2. sign in (authorization code + PKCE through the login page)"
TOKEN=$(BAZAAR_URL=$gw scripts/token.sh "$email" "$password")
echo "   access token: ${TOKEN:0:24}..."

echo "3. browse: search for headphones"
product=$(curl -fsS "$gw/api/catalog/products?q=wireless%20headphones&inStock=true" | jq -r '.items[0].id')
curl -fsS "$gw/api/catalog/products/$product" | jq -c '{name, price, availableQuantity}'

echo "4. order one, paying with the test card tok_visa (one POST: a fresh system answers the first order at once)"
key="walk-$RANDOM$RANDOM"
# a client that retries would resend the same Idempotency-Key (never two orders); this one must not need to
response=$(curl -sS --max-time 10 -w '\n%{http_code} %{time_total}' "$gw/api/orders" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -H "Idempotency-Key: $key" \
  -d "{\"lines\": [{\"productId\": \"$product\", \"quantity\": 1}],
       \"shippingAddress\": {\"name\": \"Walker\", \"line1\": \"1 Main St\", \"city\": \"Berlin\", \"postalCode\": \"10115\", \"country\": \"DE\"},
       \"paymentToken\": \"tok_visa\"}") || { echo "   no answer to the first POST /api/orders within 10 s" >&2; exit 1; }
read -r code took <<<"${response##*$'\n'}"
if [ "$code" != 201 ]; then
  echo "   the first POST /api/orders answered $code after $took s, not 201:" >&2
  echo "${response%$'\n'*}" >&2
  exit 1
fi
echo "   answered 201 in $took s"
order=$(printf '%s' "${response%$'\n'*}" | jq -r .id)
echo "   order $order placed"

echo "5. wait for the saga: AWAITING_PAYMENT -> CONFIRMED"
for _ in $(seq 1 30); do
  status=$(curl -fsS "$gw/api/orders/$order" -H "Authorization: Bearer $TOKEN" | jq -r .status)
  [ "$status" = CONFIRMED ] && break
  sleep 1
done
echo "   status: $status"
curl -fsS "$gw/api/orders/$order/history" -H "Authorization: Bearer $TOKEN" | jq -r '.[] | "   - " + .description'
[ "$status" = CONFIRMED ]

echo "6. a cart: filled as a guest (no token), merged into the shopper's cart"
cart=$(curl -fsS -X POST "$gw/api/carts" | jq -r .cartId)
curl -fsS -X PUT "$gw/api/cart/lines/$product" -H "X-Cart-Id: $cart" -H 'Content-Type: application/json' \
  -d '{"quantity": 1}' | jq -c '{guestCart: {version, itemCount, total}}'
curl -fsS "$gw/api/cart/merge" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"cartId\": \"$cart\"}" | jq -c '{version, lines: [.lines[] | {name, quantity, unitPrice}], notices}'

echo "7. check out the cart at the version the shopper saw (its ETag, sent back as If-Match)"
version=$(curl -fsS -D - -o /dev/null "$gw/api/cart" -H "Authorization: Bearer $TOKEN" | tr -d '\r' \
  | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p')
echo "   cart version $version"
curl -fsS "$gw/api/cart/checkout" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -H "Idempotency-Key: cart-$key" -H "If-Match: $version" \
  -d '{"shippingAddress": {"name": "Walker", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"},
       "paymentToken": "tok_visa"}' | jq -c '{order: .id, status, total}'
curl -fsS "$gw/api/cart" -H "Authorization: Bearer $TOKEN" | jq -c '{cartAfterCheckout: {version, itemCount}}'
