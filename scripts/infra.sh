#!/usr/bin/env bash
# The infrastructure Bazaar needs on this machine: Postgres, RabbitMQ and Redis.
#   scripts/infra.sh check    exit 1 (with the commands to fix it) if one does not answer
#   scripts/infra.sh ensure   start (or install, then start) whatever does not answer
set -euo pipefail

pg_host=127.0.0.1; pg_port=5432
rabbit_host=127.0.0.1; rabbit_port=5672
redis_host=127.0.0.1; redis_port=6379

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

start_postgres() {
  command -v pg_ctlcluster >/dev/null || install postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

start_rabbitmq() {
  command -v rabbitmq-server >/dev/null || install rabbitmq-server
  rabbitmq-server -detached
}

start_redis() {
  command -v redis-server >/dev/null || install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
}

install() {
  echo "installing $1" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "$1 is not installed; run: sudo apt-get install -y $1" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

wait_for() {
  local name=$1 host=$2 port=$3
  for _ in $(seq 1 60); do
    answers "$host" "$port" && return 0
    sleep 1
  done
  echo "$name did not come up on $host:$port" >&2
  exit 1
}

fix_hint() {
  cat >&2 <<HINT
Start it with:
  Postgres:  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start
  RabbitMQ:  rabbitmq-server -detached
  Redis:     redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
Not installed?  apt-get install -y postgresql rabbitmq-server redis-server
(or run: scripts/infra.sh ensure)
HINT
}

case "${1:-check}" in
  check)
    missing=0
    answers $pg_host $pg_port || { echo "Postgres does not answer on $pg_host:$pg_port" >&2; missing=1; }
    answers $rabbit_host $rabbit_port || { echo "RabbitMQ does not answer on $rabbit_host:$rabbit_port" >&2; missing=1; }
    answers $redis_host $redis_port || { echo "Redis does not answer on $redis_host:$redis_port" >&2; missing=1; }
    if [ $missing -ne 0 ]; then fix_hint; exit 1; fi
    ;;
  ensure)
    # the command-line tools the scripts use
    command -v jq >/dev/null || install jq
    command -v psql >/dev/null || install postgresql-client
    answers $pg_host $pg_port || { start_postgres; wait_for Postgres $pg_host $pg_port; }
    answers $rabbit_host $rabbit_port || { start_rabbitmq; wait_for RabbitMQ $rabbit_host $rabbit_port; }
    answers $redis_host $redis_port || { start_redis; wait_for Redis $redis_host $redis_port; }
    ;;
  *)
    echo "usage: scripts/infra.sh check|ensure" >&2; exit 2 ;;
esac
