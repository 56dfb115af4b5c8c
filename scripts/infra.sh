#!/usr/bin/env bash
# The infrastructure Bazaar needs on this machine: Postgres, RabbitMQ and Redis.
#   scripts/infra.sh check    exit 1 (with the commands to fix it) if one does not answer
#   scripts/infra.sh ensure   start (or install, then start) whatever does not answer on this machine
#   scripts/infra.sh prometheus  install Debian's prometheus package (Prometheus and promtool) where
#                             BAZAAR_PROMETHEUS (prometheus) is not found; never starts its system service
#                             (./bazaar up --observe runs Prometheus itself)
# Where: BAZAAR_PG_HOST/_PORT, BAZAAR_RABBIT_HOST/_PORT, BAZAAR_REDIS_HOST/_PORT, as ./bazaar reads them
# (127.0.0.1 and the standard ports). Only a server on this machine is started; another host's is yours.
set -euo pipefail

pg_host=${BAZAAR_PG_HOST:-127.0.0.1}; pg_port=${BAZAAR_PG_PORT:-5432}
rabbit_host=${BAZAAR_RABBIT_HOST:-127.0.0.1}; rabbit_port=${BAZAAR_RABBIT_PORT:-5672}
redis_host=${BAZAAR_REDIS_HOST:-127.0.0.1}; redis_port=${BAZAAR_REDIS_PORT:-6379}

# a bounded try: a host that drops packets must not hang the check
answers() { timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null; }

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

# install <package> [apt-get option...]: a failure names the package and shows apt's last lines
install() {
  local package=$1 out
  shift
  echo "installing $package" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "$package is not installed; run: sudo apt-get install -y ${*:+$* }$package" >&2
    exit 1
  fi
  if ! out=$( { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" "$package"; } 2>&1 ); then
    echo "could not install $package (apt-get install -y ${*:+$* }$package failed); its last lines:" >&2
    tail -n 5 <<<"$out" | sed 's/^/    /' >&2
    exit 1
  fi
}

# Debian's package brings promtool too; without its recommended node exporter, which would start
# a service of its own. Where systemd runs, the package enables and starts its prometheus service
# on port 9090 as well: said, and left to the machine's owner.
install_prometheus() {
  local binary=${BAZAAR_PROMETHEUS:-prometheus}
  command -v "$binary" >/dev/null && return 0
  install prometheus --no-install-recommends
  if ! command -v "$binary" >/dev/null; then
    echo "the prometheus package is installed, but $binary is not found (BAZAAR_PROMETHEUS names the binary)" >&2
    exit 1
  fi
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    echo "the package also started its own service on port 9090; ./bazaar up --observe runs its own Prometheus:" >&2
    echo "  systemctl disable --now prometheus   (or BAZAAR_PROMETHEUS_PORT for another port)" >&2
  fi
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

local_host() { case $1 in 127.* | localhost | ::1) return 0 ;; *) return 1 ;; esac; }

# how to get one server going: the command on this machine, or where to look for another's
hint() {
  local name=$1 host=$2 port=$3 setting=$4 command=$5
  if ! local_host "$host"; then
    echo "  $name: start it on $host, or point $setting""_HOST/$setting""_PORT at one that runs" >&2
  elif [ "$port" != "$6" ]; then
    echo "  $name: nothing listens on port $port (${setting}_PORT); start one there, or unset ${setting}_PORT for $6" >&2
  else
    echo "  $name: $command" >&2
  fi
}

fix_hint() {
  echo "Start what is missing (or run: scripts/infra.sh ensure, which installs and starts it here):" >&2
  [ "$1" -eq 0 ] || hint Postgres "$pg_host" "$pg_port" BAZAAR_PG 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' 5432
  [ "$2" -eq 0 ] || hint RabbitMQ "$rabbit_host" "$rabbit_port" BAZAAR_RABBIT 'rabbitmq-server -detached' 5672
  [ "$3" -eq 0 ] || hint Redis "$redis_host" "$redis_port" BAZAAR_REDIS 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no' 6379
  echo "  not installed? apt-get install -y postgresql rabbitmq-server redis-server" >&2
}

# ensure: a server on this machine at its standard port can be started; anything else can only be reported
startable() { local_host "$2" && [ "$3" = "$4" ] || { echo "$1 does not answer on $2:$3 and is not this machine's to start" >&2; exit 1; }; }

case "${1:-check}" in
  check)
    pg=0 rabbit=0 redis=0
    answers "$pg_host" "$pg_port" || { echo "Postgres does not answer on $pg_host:$pg_port" >&2; pg=1; }
    answers "$rabbit_host" "$rabbit_port" || { echo "RabbitMQ does not answer on $rabbit_host:$rabbit_port" >&2; rabbit=1; }
    answers "$redis_host" "$redis_port" || { echo "Redis does not answer on $redis_host:$redis_port" >&2; redis=1; }
    if [ $((pg + rabbit + redis)) -ne 0 ]; then fix_hint $pg $rabbit $redis; exit 1; fi
    ;;
  ensure)
    # the command-line tools the scripts use
    command -v jq >/dev/null || install jq
    command -v psql >/dev/null || install postgresql-client
    answers "$pg_host" "$pg_port" || { startable Postgres "$pg_host" "$pg_port" 5432; start_postgres; wait_for Postgres "$pg_host" "$pg_port"; }
    answers "$rabbit_host" "$rabbit_port" || { startable RabbitMQ "$rabbit_host" "$rabbit_port" 5672; start_rabbitmq; wait_for RabbitMQ "$rabbit_host" "$rabbit_port"; }
    answers "$redis_host" "$redis_port" || { startable Redis "$redis_host" "$redis_port" 6379; start_redis; wait_for Redis "$redis_host" "$redis_port"; }
    ;;
  prometheus)
    install_prometheus
    ;;
  *)
    echo "usage: scripts/infra.sh check|ensure|prometheus" >&2; exit 2 ;;
esac
