# shellcheck shell=bash
# load-tests/bench's figures and its report. The bench leaves what it ran in $work (wrk's and
# pgbench's outputs, StepUp's stepup-knee.txt, the /proc samples, the cold-start times); the
# functions here read every figure out of those files and write RESULTS.md, so the report of a
# kept $work can be written again. Functions only, sourced by the bench; they read its settings
# ($D, $C, $REPEATS, ...). A figure with no input behind it is "n/a".

# --- wrk and pgbench --------------------------------------------------------------------------
# wrk prints latencies as 812.00us, 1.23ms or 1.02s; this turns them into milliseconds
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f\n", n }'; }
wrk_rps() { awk '/^Requests\/sec:/ { r = sprintf("%.0f", $2) } END { print (r == "" ? "n/a" : r) }' "$1" 2>/dev/null || echo n/a; }
wrk_requests() { awk '/requests in/ { n = $1 } END { print n + 0 }' "$1" 2>/dev/null || echo 0; }
wrk_errors() { awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { for (i = 3; i <= NF; i += 2) n += $(i+1) + 0 } END { print n + 0 }' "$1" 2>/dev/null || echo 0; }
# a percentile in ms, or n/a when the run got no answer at all
wrk_pct() { if [ "$(wrk_requests "$1")" = 0 ]; then echo n/a; else to_ms "$(awk -v p="$2%" '$1 == p { print $2 }' "$1")"; fi; }
pgbench_tps() { awk '/^tps = / { t = sprintf("%.0f", $3) } END { print (t == "" ? "n/a" : t) }' "$1" 2>/dev/null || echo n/a; }
pgbench_transactions() { awk -F': ' '/^number of transactions actually processed/ { n = $2 + 0 } END { print n + 0 }' "$1" 2>/dev/null || echo 0; }

# --- medians and ratios -----------------------------------------------------------------------
# the figures of a repeated measurement, one per argument; n/a ones (a round without an answer) left out
figures() { printf '%s\n' "$@" | grep -Ev '^(n/a|)$' | sort -g; }
median() { figures "$@" | awk '{ v[NR] = $1 } END { if (!NR) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
  else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# min–max of the rounds, as a reader checks a median against
spread() { figures "$@" | awk '{ v[NR] = $1 } END { if (!NR) print "n/a"; else if (NR == 1) print "one round"; else print v[1] "–" v[NR] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
difference() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || a == "" || b == "") print "n/a"; else printf "%+.2f", a - b }'; }
meets() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { if (a == "n/a" || a == "") { print "no figure"; exit }
  ok = (op == ">=") ? (a + 0 >= b + 0) : (a + 0 <= b + 0); print (ok ? "met" : "NOT met") }'; }

# --- StepUp's stepup-knee.txt -----------------------------------------------------------------
knee_value() { awk -F= -v k="$2" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$1" 2>/dev/null || true; }
# step_column FILE STEP COLUMN: one cell of a step's line, columns as the file's header names them
# from 1 (rate, requests, errors, p50, p99, place-order p99, orders, confirmed, confirmed/s, saga p99, healthy)
step_column() { awk -F'[=|]' -v k="step.$2" -v c="$3" '$1 == k { v = $(c + 1); gsub(/^ +| +$/, "", v); print v; exit }' "$1" 2>/dev/null || true; }
step_count() { awk '/^step\./ { n++ } END { print n + 0 }' "$1" 2>/dev/null || echo 0; }
step_rate() { awk -v r="$(step_column "$1" "$2" 1)" 'BEGIN { if (r != "") printf "%g", r }'; }

# --- CPU from /proc ---------------------------------------------------------------------------
# cpu_line MS GEN_PID BAZAAR_PIDS [PROC_STAT] < /proc/<pid>/stat lines: one sample of cumulative CPU
# ticks (USER_HZ): MS, the machine's total and busy jiffies over all cores (/proc/stat), then
# utime+stime+cutime+cstime summed over the live processes of each group: the load generator (the
# tree of GEN_PID), Bazaar (the trees of BAZAAR_PIDS), Postgres, RabbitMQ (beam.smp and epmd) and
# Redis (the trees of their servers). A process that ends is reaped by its parent, whose cutime and
# cstime then hold its ticks: while that parent is in the group the sum stays a counter, so the
# Postgres backends that come and go are all counted (the postmaster reaps them).
cpu_line() {
  awk -v ms="$1" -v gen="$2" -v bazaar="$3" '
    FNR == NR { if ($1 == "cpu") { for (i = 2; i <= 9; i++) total += $i; busy = total - $5 - $6 } next }
    {
      # the command name may hold spaces and parentheses: the fields that follow it start after the last ") "
      rest = $0; sub(/^.*\) /, "", rest)
      comm = substr($0, index($0, "(") + 1); comm = substr(comm, 1, length(comm) - length(rest) - 2)
      split(rest, f, " ")
      pid = $1 + 0; parent[pid] = f[2] + 0; name[pid] = comm
      ticks[pid] = f[12] + f[13] + f[14] + f[15]
    }
    END {
      for (pid in name) {
        if (name[pid] == "postgres") root[pid] = "postgres"
        else if (name[pid] == "beam.smp" || name[pid] == "epmd") root[pid] = "rabbitmq"
        else if (name[pid] == "redis-server") root[pid] = "redis"
      }
      n = split(bazaar, b, " "); for (i = 1; i <= n; i++) root[b[i] + 0] = "bazaar"
      if (gen + 0 > 0) root[gen + 0] = "gen"
      for (pid in ticks) {
        g = ""; p = pid + 0
        for (depth = 0; p > 1 && depth < 64 && g == ""; depth++) { if (p in root) g = root[p]; else p = parent[p] + 0 }
        sum[g] += ticks[pid]
      }
      printf "%s %d %d %d %d %d %d %d\n", ms, total, busy, sum["gen"], sum["bazaar"], sum["postgres"], sum["rabbitmq"], sum["redis"]
    }' "${4:-/proc/stat}" -
}
# window_cpu SAMPLES FROM_MS TO_MS: over the samples nearest to both ends, the seconds between them,
# then CPU seconds: machine total, machine busy, generator, Bazaar, Postgres, RabbitMQ, Redis
window_cpu() {
  awk -v a="$2" -v b="$3" -v hz="$(getconf CLK_TCK)" '
    { d = $1 - a; if (d < 0) d = -d; if (first == "" || d < da) { da = d; first = $0 }
      d = $1 - b; if (d < 0) d = -d; if (last == "" || d < db) { db = d; last = $0 } }
    END { if (first == "" || first == last) { print "n/a"; exit }
      split(first, s, " "); split(last, e, " "); printf "%.1f", (e[1] - s[1]) / 1000
      for (i = 2; i <= 8; i++) printf " %.2f", (e[i] - s[i]) / hz; print "" }' "$1" 2>/dev/null || echo n/a
}
# step_shares KNEE SAMPLES: per step "STEP GENERATOR% BUSY%": each second between two samples goes
# to the step its middle falls in; shares of the whole machine (all cores)
step_shares() {
  awk '
    FNR == NR { if (split($0, kv, "=") == 2 && kv[1] ~ /^window\.[0-9]+$/) { k = substr(kv[1], 8) + 0; split(kv[2], w, " ")
        from[k] = w[1]; to[k] = w[2]; if (k + 1 > steps) steps = k + 1 } next }
    prev != "" { split(prev, p, " "); mid = (p[1] + $1) / 2
      for (k = 0; k < steps; k++) if (mid >= from[k] && mid < to[k]) { total[k] += $2 - p[2]; busy[k] += $3 - p[3]; gen[k] += $4 - p[4] } }
    { prev = $0 }
    END { for (k = 0; k < steps; k++) if (total[k] > 0) printf "%d %.0f %.0f\n", k, 100 * gen[k] / total[k], 100 * busy[k] / total[k]
      else printf "%d n/a n/a\n", k }' "$1" "$2" 2>/dev/null || true
}
share_of() { awk -v k="$2" -v c="$3" '$1 == k { print $(c + 1); exit }' <<<"$1"; }

# --- the figures of each part, out of $work ---------------------------------------------------
rounds() { seq 1 "$REPEATS"; }
# p1_values KIND TARGET: sat (req/s at saturation), sat_err, p50, p99, rps, err (at half load), one per round
p1_values() {
  local r
  for r in $(rounds); do
    case $1 in
      sat) wrk_rps "$work/p1-$2-sat-$r.txt" ;;
      sat_err) wrk_errors "$work/p1-$2-sat-$r.txt" ;;
      p50) wrk_pct "$work/p1-$2-half-$r.txt" 50 ;;
      p99) wrk_pct "$work/p1-$2-half-$r.txt" 99 ;;
      rps) wrk_rps "$work/p1-$2-half-$r.txt" ;;
      err) wrk_errors "$work/p1-$2-half-$r.txt" ;;
    esac
  done
}
# half of the gateway's median saturation: the rate every target is offered at half load
p1_half_rate() { awk -v m="$(median $(p1_values sat gateway))" 'BEGIN { printf "%d", (m == "n/a" ? 0 : m / 2) }'; }
# p5_us NAME: catalog CPU µs per call of one P5 run ($work/NAME.txt and the ticks in NAME.ticks)
p5_calls() { if [[ $1 == rest* ]]; then wrk_requests "$work/$1.txt"; else sed -n 's/^calls=\([0-9]*\).*/\1/p' "$work/$1.txt" 2>/dev/null; fi; }
p5_us() {
  awk -v c="$(cat "$work/$1.ticks" 2>/dev/null)" -v n="$(p5_calls "$1")" -v t="$(getconf CLK_TCK)" \
    'BEGIN { if (n + 0 > 0 && c != "") printf "%.1f\n", c / t * 1e6 / n; else print "n/a" }'
}
p5_products() { sed -n 's/.*products=\([0-9]*\).*/\1/p' "$work/$1.txt" 2>/dev/null; }
p5_cpu_s() { awk -v c="$(cat "$work/$1.ticks" 2>/dev/null)" -v t="$(getconf CLK_TCK)" 'BEGIN { if (c == "") print "n/a"; else printf "%.2f\n", c / t }'; }
# the 5-id call per product: CPU over the products its answers held
p5_per_product() {
  awk -v c="$(cat "$work/$1.ticks" 2>/dev/null)" -v n="$(p5_products "$1")" -v t="$(getconf CLK_TCK)" \
    'BEGIN { if (n + 0 > 0 && c != "") printf "%.1f\n", c / t * 1e6 / n; else print "n/a" }'
}

# pgbench's tpcb-like run: ms of CPU per transaction, Postgres' processes and pgbench's own together
pgbench_cpu_ms() {
  local before after own txns
  before=$(sed -n 1p "$work/p3-pgbench-cpu.txt" 2>/dev/null); after=$(sed -n 2p "$work/p3-pgbench-cpu.txt" 2>/dev/null)
  own=$(cat "$work/p3-pgbench-own.ticks" 2>/dev/null); txns=$(pgbench_transactions "$work/p3-pgbench.txt")
  awk -v b="$before" -v a="$after" -v own="$own" -v n="$txns" -v hz="$(getconf CLK_TCK)" -v what="${1:-per-txn}" 'BEGIN {
    if (b == "" || a == "" || own == "" || n + 0 == 0) { print "n/a"; exit }
    split(b, s, " "); split(a, e, " "); pg = (e[6] - s[6]) / hz; mine = own / hz
    if (what == "postgres") printf "%.2f", pg; else if (what == "pgbench") printf "%.2f", mine
    else printf "%.3f", (pg + mine) * 1000 / n }'
}

# fixed_run NAME: the checkout run at a fixed rate ($work/NAME-knee.txt, NAME-cpu.txt) as one line:
# confirmed orders, CPU ms per confirmed order, place-order p99, saga p99, errors %, window seconds,
# then CPU seconds of Bazaar, Postgres, RabbitMQ, Redis over the window. The window runs from the
# measured step's start to the run's end (every saga settled); the warm-up before it is left out.
fixed_run() {
  local knee="$work/$1-knee.txt" from to cpu confirmed
  from=$(knee_value "$knee" window.0); from=${from%% *}; to=$(knee_value "$knee" run.endMs)
  confirmed=$(step_column "$knee" 0 8)
  if [ -z "$from" ] || [ -z "$to" ] || [ -z "$confirmed" ]; then echo "n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a"; return; fi
  cpu=$(window_cpu "$work/$1-cpu.txt" "$from" "$to")
  awk -v c="$confirmed" -v cpu="$cpu" -v place="$(step_column "$knee" 0 6)" -v saga="$(step_column "$knee" 0 10)" \
    -v err="$(step_column "$knee" 0 3)" 'BEGIN {
    if (cpu == "n/a") { printf "%d n/a %s %s %s n/a n/a n/a n/a n/a\n", c, place, saga, err; exit }
    split(cpu, x, " "); spent = x[5] + x[6] + x[7] + x[8]
    printf "%d %s %s %s %s %s %.2f %.2f %.2f %.2f\n", c, (c > 0 ? sprintf("%.2f", spent * 1000 / c) : "n/a"), place, saga, err,
      x[1], x[5], x[6], x[7], x[8] }'
}
fixed_field() { awk -v c="$2" '{ print $c }' <<<"$1"; }

# the knee's verdict: "knee at R orders/s", or "generator-bound at R (...)" when the machine was
# ≥ 95 % busy with the generator holding ≥ 25 % of it at the first unhealthy step, or when the cap
# was reached healthy (the knee is above what this machine can both offer and serve)
knee_verdict() {
  local knee=$1 shares=$2 first last k gen busy
  [ "$(step_count "$knee")" -gt 0 ] || { echo "no step-up results (see the log)"; return; }
  first=$(knee_value "$knee" firstUnhealthy)
  if [ "$first" = none ]; then k=$(($(step_count "$knee") - 1)); else k=$first; fi
  gen=$(share_of "$shares" "$k" 1); busy=$(share_of "$shares" "$k" 2)
  if [ "$first" = none ] || awk -v g="$gen" -v b="$busy" 'BEGIN { exit !(g != "n/a" && g != "" && b + 0 >= 95 && g + 0 >= 25) }'; then
    echo "generator-bound at $(step_rate "$knee" "$k") orders/s (generator used ${gen:-n/a} % of the machine, machine ${busy:-n/a} % busy)"
  elif [ "$first" = 0 ]; then
    echo "knee below $(step_rate "$knee" 0) orders/s (even the first step was unhealthy)"
  else
    last=$((first - 1)); echo "knee at $(step_rate "$knee" "$last") orders/s"
  fi
}
# why the verdict is what it is, in a sentence for the P3 section
knee_reason() {
  local knee=$1 first; first=$(knee_value "$knee" firstUnhealthy)
  case $first in
    "") echo "StepUp left no results." ;;
    none) echo "Every step up to the cap ($(step_count "$knee") steps, BENCH_MAX_STEPS) was healthy: the knee lies above what this machine offered and served at once." ;;
    *) echo "Step $first ($(step_rate "$knee" "$first") orders/s) was the first unhealthy one (p99 ≥ 1 s or ≥ 0.1 % errors); StepUp $(knee_value "$knee" stopped | sed 's/^after/stopped after/; s/^no$/ran to its last step/')." ;;
  esac
}

# --- the report -------------------------------------------------------------------------------
# a figure with its unit, or n/a alone
unit() { if [ "$1" = n/a ] || [ -z "$1" ]; then echo n/a; else echo "$1 $2"; fi; }
# a table row of markdown, one cell per argument
row() { local out="|" cell; for cell in "$@"; do out+=" $cell |"; done; echo "$out"; }

write_report() {
  local t r s half_rate
  local sat_g sat_n p99_g p99_d p1_ratio p1_added search_sat search_p99 pgb_search p2_ratio
  sat_g=$(median $(p1_values sat gateway)); sat_n=$(median $(p1_values sat nginx))
  p99_g=$(median $(p1_values p99 gateway)); p99_d=$(median $(p1_values p99 direct))
  p1_ratio=$(ratio "$sat_g" "$sat_n"); p1_added=$(difference "$p99_g" "$p99_d"); half_rate=$(p1_half_rate)
  search_sat=$(wrk_rps "$work/p2-gateway-sat.txt"); search_p99=$(wrk_pct "$work/p2-gateway-half.txt" 99)
  pgb_search=$(pgbench_tps "$work/p2-pgbench.txt"); p2_ratio=$(ratio "$search_sat" "$pgb_search")

  local knee="$work/stepup-knee.txt" shares verdict knee_rate knee_cps knee_place at_least="" pgb_tpcb p3_ratio place_vs_browse
  shares=$(step_shares "$knee" "$work/stepup-cpu.txt"); verdict=$(knee_verdict "$knee" "$shares")
  knee_rate=$(knee_value "$knee" knee.rate); knee_cps=$(knee_value "$knee" knee.confirmedPerSecond); knee_place=$(knee_value "$knee" knee.placeP99Ms)
  # the knee is Bazaar's only when it was found: otherwise the last healthy step is a lower bound
  [[ $verdict == "knee at"* ]] || at_least="≥ "
  pgb_tpcb=$(pgbench_tps "$work/p3-pgbench.txt"); p3_ratio=$(ratio "${knee_cps:-n/a}" "$pgb_tpcb")
  place_vs_browse=$(ratio "${knee_place:-n/a}" "$search_p99")
  local half_saga half_saga_p99 half_saga_rate
  # saga completion at half the knee: the step whose rate is nearest to half of it
  half_saga=$(awk -F'[=|]' -v k="${knee_rate:-0}" '/^step\./ { r = $2 + 0; d = r - k / 2; if (d < 0) d = -d;
    if (best == "" || d < best) { best = d; saga = $11 + 0; rate = r } } END { if (k > 0) printf "%d %g", saga, rate }' "$knee" 2>/dev/null || true)
  half_saga_p99=${half_saga%% *}; half_saga_rate=${half_saga##* }

  local f1 f2 pgb_ms cpu1 cpu2
  f1=$(fixed_run fixed1); f2=$(fixed_run fixed2); pgb_ms=$(pgbench_cpu_ms)
  cpu1=$(fixed_field "$f1" 2); cpu2=$(fixed_field "$f2" 2)

  local idle_rss idle_pss load_rss end_pss
  idle_rss=$(awk '{ n += $2 } END { print n + 0 }' "$work/memory-idle.txt" 2>/dev/null || echo 0)
  idle_pss=$(awk '{ n += $3 } END { print n + 0 }' "$work/memory-idle.txt" 2>/dev/null || echo 0)
  load_rss=0; end_pss=0
  for s in "${services[@]}"; do
    load_rss=$((load_rss + $(memory_under_load "$s" peak_rss))); end_pss=$((end_pss + $(memory_under_load "$s" last_pss)))
  done
  local cold uncached
  cold=$(cat "$work/cold-start.txt" 2>/dev/null || true); uncached=$(cat "$work/cold-start-uncached.txt" 2>/dev/null || echo n/a)

  local rest_us grpc_us grpc5_us grpc5_pp p5_ratio
  rest_us=$(median $(for r in $(rounds); do p5_us "rest-$r"; done))
  grpc_us=$(median $(for r in $(rounds); do p5_us "grpc-$r"; done))
  grpc5_us=$(p5_us grpc5); grpc5_pp=$(p5_per_product grpc5); p5_ratio=$(ratio "$grpc_us" "$rest_us")
  local minutes; minutes=$(awk -v s="$bench_seconds" 'BEGIN { printf "%.1f", s / 60 }')

  echo "# Bazaar benchmark results"
  echo
  if [ -n "${BENCH_TRIAL:-}" ]; then
    echo "> **TRIAL RUN** with short durations, to prove the script end to end. These figures are not the benchmark."
    echo
  fi
  echo "Written by \`load-tests/bench\` on $(date -u '+%Y-%m-%d %H:%M UTC') from a fresh \`./bazaar up\`. Every figure is"
  echo "beside a baseline measured in the same run on the same machine."
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $cpu_model, $(nproc) cores |"
  echo "| memory | $mem_total |"
  echo "| kernel | $(uname -r) |"
  echo "| Java | $java_version |"
  echo "| Postgres | $pg_version (same machine) |"
  echo "| load average before / after | $load_before / $load_after |"
  echo "| services' JVM options | \`${BAZAAR_JAVA_OPTS:-./bazaar default: $(sed -n 's/^JAVA_OPTS=${BAZAAR_JAVA_OPTS:-"\(.*\)"}$/\1/p' bazaar)}\` |"
  echo
  echo "Settings: wrk ${D} s per measurement, $C connections, $T threads, every target warmed up ${WARMUP} s first;"
  echo "pgbench $PGB_C clients, ${D} s. The headline figures are measured $REPEATS times in alternating rounds (P1: direct,"
  echo "gateway, nginx, direct, ...; P5: REST, gRPC, REST, ...; the cold start $REPEATS times): the summary shows each"
  echo "median with its spread (min–max), the sections below every round. \"Half load\" is half of the gateway's"
  echo "median saturation rate, offered by pacing each wrk connection (a Lua \`delay\`), so latencies there are not"
  echo "corrected for coordinated omission. The gateway's rate limits were raised for the run, the general one"
  echo "(\`BAZAAR_GATEWAY_RATE_LIMIT_GENERAL_*\`, so that wrk's one address is not answered 429) and the strict one"
  echo "(\`BAZAAR_GATEWAY_RATE_LIMIT_STRICT_*\`: a shopper's 1 order/s, and sign-ins, would otherwise bind before the"
  echo "knee); the limiter still runs on every request. The gateway caches no response: every request reaches catalog."
  echo
  echo "## Summary"
  echo
  echo "| | figure | baseline | ratio | goal | |"
  echo "|---|---|---|---|---|---|"
  row "P1 gateway throughput" "$sat_g req/s ($(spread $(p1_values sat gateway)))" "nginx $sat_n req/s ($(spread $(p1_values sat nginx)))" \
    "$p1_ratio" "≥ 0.5×" "$(meets "$p1_ratio" ">=" 0.5)"
  row "P1 gateway p99 at half load" "$p99_g ms ($(spread $(p1_values p99 gateway)))" "direct $p99_d ms ($(spread $(p1_values p99 direct)))" \
    "$p1_added ms" "≤ +5 ms" "$(meets "$p1_added" "<=" 5)"
  row "P2 search through the gateway" "$search_sat req/s" "pgbench same SQL $pgb_search tps" "$p2_ratio" "—" ""
  row "P3 the knee" "$verdict" "" "" "found" "$([[ $verdict == "knee at"* ]] && echo met || echo "NOT met")"
  if [ -n "$knee_cps" ]; then
    row "P3 confirmed orders/s at the knee" "${at_least}$knee_cps /s (at $knee_rate orders/s offered)" \
      "pgbench tpcb-like $pgb_tpcb tps" "${at_least}$p3_ratio" "—" ""
  else
    row "P3 confirmed orders/s at the knee" "none (no healthy step)" "pgbench tpcb-like $pgb_tpcb tps" "" "—" ""
  fi
  row "P3 place-order p99 at the knee" "${knee_place:-?} ms" "search p99 at half load $search_p99 ms" "$place_vs_browse" "≤ 3×" \
    "$(meets "$place_vs_browse" "<=" 3)"
  row "P3 saga completion p99 at half the knee" "${half_saga_p99:-?} ms (step at ${half_saga_rate:-?} orders/s)" "" "" "—" ""
  row "P3 CPU per confirmed order" "$(unit "$cpu1" ms) (at $FIXED_RATE orders/s)" "pgbench $(unit "$pgb_ms" ms) per tpcb-like transaction" \
    "$(ratio "$cpu1" "$pgb_ms")" "—" ""
  row "P3 CPU per confirmed order with --replicas $REPLICAS" "$(unit "$cpu2" ms)" "one of each $(unit "$cpu1" ms)" "$(ratio "$cpu2" "$cpu1")" "—" ""
  row "P4 PSS of all five idle" "$idle_pss MB" "RSS $idle_rss MB" "" "≤ 1100 MB" "$(meets "$idle_pss" "<=" 1100)"
  row "P4 PSS of all five at the end of StepUp" "$end_pss MB" "RSS peak under load $load_rss MB" "" "≤ 1400 MB" "$(meets "$end_pss" "<=" 1400)"
  row "P4 cold start to all ready" "$(median $cold) s ($(spread $cold))" "no AOT cache (a fresh clone's first up) $uncached s" "$(ratio "$(median $cold)" "$uncached")" "≤ 30 s" "$(meets "$(median $cold)" "<=" 30)"
  row "P5 catalog CPU per call, gRPC" "$grpc_us µs ($(spread $(for r in $(rounds); do p5_us "grpc-$r"; done)))" \
    "REST $rest_us µs ($(spread $(for r in $(rounds); do p5_us "rest-$r"; done)))" "$p5_ratio" "≤ 0.75×" "$(meets "$p5_ratio" "<=" 0.75)"
  row "P5 catalog CPU per product, gRPC with 5 ids" "$grpc5_pp µs ($grpc5_us µs per call)" "one id $grpc_us µs per call" \
    "$(ratio "$grpc5_pp" "$grpc_us")" "—" ""
  row "Bench run time, repeats included" "$minutes min" "" "" "≤ 40 min" "$(meets "$minutes" "<=" 40)"
  echo
  echo "Books audit after every run: **$(cat "$work/audit.status" 2>/dev/null || echo "not run")**."
  echo
  echo "## P1 gateway: catalog's GET /api/catalog/products/{id}"
  echo
  echo "| round | path | saturation req/s | errors at saturation | rate offered at half load | achieved req/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for r in $(rounds); do
    for t in direct gateway nginx; do
      row "$r" "$t" "$(wrk_rps "$work/p1-$t-sat-$r.txt")" "$(wrk_errors "$work/p1-$t-sat-$r.txt")" "$half_rate" \
        "$(wrk_rps "$work/p1-$t-half-$r.txt")" "$(wrk_pct "$work/p1-$t-half-$r.txt" 50)" "$(wrk_pct "$work/p1-$t-half-$r.txt" 99)" \
        "$(wrk_errors "$work/p1-$t-half-$r.txt")"
    done
  done
  for t in direct gateway nginx; do
    row "**median**" "$t" "$(median $(p1_values sat "$t"))" "" "$half_rate" "$(median $(p1_values rps "$t"))" \
      "$(median $(p1_values p50 "$t"))" "$(median $(p1_values p99 "$t"))" ""
  done
  echo
  echo "\`wrk -t$T -c$C -d${D}s --latency <url>\` (saturation), the same with \`-s paced.lua -- <ms>\` (half load), for"
  echo "direct \`$direct_url\`, gateway \`$gateway_url\`, nginx 1.x \`proxy_pass\` with keep-alive to catalog on a free port."
  echo "Each target had ${WARMUP} s of the same load before its first round."
  echo
  echo "## P2 browse: search"
  echo
  echo "- gateway: \`wrk ... '$search_url'\`: $search_sat req/s, $(wrk_errors "$work/p2-gateway-sat.txt") errors; p99 at half load $search_p99 ms."
  echo "- pgbench: \`$pgb_search_cmd\` with catalog's two statements (count, then the ranked page of 20): $pgb_search tps."
  echo
  echo "## P3 checkout"
  echo
  echo "**$verdict.** $(knee_reason "$knee")"
  echo
  echo "| rate offered orders/s | requests | errors | p50 ms | p99 ms | place-order p99 ms | orders | confirmed/s | saga p99 ms | healthy | generator % of the machine | machine busy % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for ((k = 0; k < $(step_count "$knee"); k++)); do
    row "$(step_rate "$knee" "$k")" "$(step_column "$knee" "$k" 2)" "$(step_column "$knee" "$k" 3)" "$(step_column "$knee" "$k" 4)" \
      "$(step_column "$knee" "$k" 5)" "$(step_column "$knee" "$k" 6)" "$(step_column "$knee" "$k" 7)" "$(step_column "$knee" "$k" 9)" \
      "$(step_column "$knee" "$k" 10)" "$(step_column "$knee" "$k" 11)" "$(share_of "$shares" "$k" 1)" "$(share_of "$shares" "$k" 2)"
  done
  echo
  echo "- StepUp: \`$(cat "$work/stepup.cmd" 2>/dev/null)\`; Gatling's report: $(grep -o 'file://[^ ]*index.html' "$work/stepup.txt" 2>/dev/null | tail -1 || echo none)."
  echo "  After ${STEP_WARMUP} s at the first rate (order and payment warm, counted in no step): steps of ${STEP_DURATION} s from $STEP_START orders/s, +$STEP_INCREMENT, until one is unhealthy (p99 ≥ 1 s or ≥ 0.1 % errors"
  echo "  over its requests; judged 10 s after the step, when StepUp stops injecting) or the cap of $MAX_STEPS steps. The knee is"
  echo "  the last healthy step before the first unhealthy one. No shopper's order budget binds at any step: the strict limit"
  echo "  is raised (above). Saga completion: order placed → polled (every 100 ms) as CONFIRMED."
  echo "- Generator and machine: the CPU of the load generator (the Maven JVM and the Gatling JVM it forks) and of the whole"
  echo "  machine (/proc/stat), sampled every second and put in the step each second falls in; shares of all $(nproc) cores. The"
  echo "  verdict is \"generator-bound\" when the machine was ≥ 95 % busy and the generator held ≥ 25 % of it at the first"
  echo "  unhealthy step, or when the cap was reached healthy."
  echo "- pgbench: \`pgbench -i -s 10\` then \`pgbench -c $PGB_C -j $T -T $D\` (tpcb-like) on a scratch database, dropped after: $pgb_tpcb tps."
  echo
  echo "### CPU per confirmed order, one and two instances of order and payment"
  echo
  echo "| | one of each | $REPLICAS |"
  echo "|---|---|---|"
  row "confirmed orders" "$(fixed_field "$f1" 1)" "$(fixed_field "$f2" 1)"
  row "**CPU per confirmed order ms**" "**$cpu1**" "**$cpu2**"
  row "place-order p99 ms" "$(fixed_field "$f1" 3)" "$(fixed_field "$f2" 3)"
  row "saga completion p99 ms" "$(fixed_field "$f1" 4)" "$(fixed_field "$f2" 4)"
  row "errors" "$(fixed_field "$f1" 5)" "$(fixed_field "$f2" 5)"
  row "window s" "$(fixed_field "$f1" 6)" "$(fixed_field "$f2" 6)"
  row "CPU s: Bazaar's processes" "$(fixed_field "$f1" 7)" "$(fixed_field "$f2" 7)"
  row "CPU s: Postgres" "$(fixed_field "$f1" 8)" "$(fixed_field "$f2" 8)"
  row "CPU s: RabbitMQ" "$(fixed_field "$f1" 9)" "$(fixed_field "$f2" 9)"
  row "CPU s: Redis" "$(fixed_field "$f1" 10)" "$(fixed_field "$f2" 10)"
  echo
  echo "StepUp at a fixed $FIXED_RATE orders/s ($FIXED_USERS shoppers): ${FIXED_WARMUP} s of warm-up at that rate, counted in nothing, then"
  echo "${FIXED_DURATION} s measured. The one-instance run follows the rest of the bench, on JVMs long warm; the two-instance run"
  echo "follows a restart, so its JVMs had only that warm-up and some JIT compiling is in its figure. CPU is"
  echo "utime + stime + cutime + cstime from /proc/<pid>/stat, sampled every second, from the measured step's start to the"
  echo "run's end (every saga settled), of every Bazaar process (the pids in .bazaar/run), Postgres (all its processes),"
  echo "RabbitMQ (beam.smp, epmd and their children) and Redis, divided by the orders of the measured step that were"
  echo "confirmed. Postgres' backends come and go: the postmaster reaps each, and its cutime and cstime (fields 16 and 17)"
  echo "then hold the backend's CPU, so the sum over the live processes counts the vanished ones too. The shoppers' polls"
  echo "(GET the order every 100 ms until confirmed) are part of the cost, as are the services' idle work (outbox relays,"
  echo "schedulers, GC)."
  echo "pgbench's figure: the CPU of every Postgres process (the same way) and of pgbench itself (the cutime of the shell"
  echo "that waited for it) over the tpcb-like run, divided by its $(pgbench_transactions "$work/p3-pgbench.txt") transactions: Postgres"
  echo "$(pgbench_cpu_ms postgres) s, pgbench $(pgbench_cpu_ms pgbench) s."
  echo
  echo "## P4 footprint"
  echo
  echo "| service | RSS idle MB | RSS peak under load MB | PSS idle MB | PSS at the end of StepUp MB |"
  echo "|---|---|---|---|---|"
  for s in "${services[@]}"; do
    row "$s" "$(awk -v s="$s" '$1 == s { print $2 }' "$work/memory-idle.txt")" "$(memory_under_load "$s" peak_rss)" \
      "$(awk -v s="$s" '$1 == s { print $3 }' "$work/memory-idle.txt")" "$(memory_under_load "$s" last_pss)"
  done
  row "**all five**" "**$idle_rss**" "**$load_rss**" "**$idle_pss**" "**$end_pss**"
  echo
  echo "VmRSS from /proc/<pid>/status and Pss from /proc/<pid>/smaps_rollup, idle ${SETTLE} s after all were ready,"
  echo "sampled every second during StepUp (RSS: the peak; PSS: the last sample). Summed RSS counts the pages the five"
  echo "share once per process; PSS divides each among them, so its sum is what the five cost together."
  echo "Cold start: \`./bazaar down; time ./bazaar up\` with the jars built and each service's AOT cache made (by the up"
  echo "before, in the background), $REPEATS times: $(echo $cold | sed 's/ / s, /g') s. Without the caches"
  echo "(\`BAZAAR_AOT=off\`, as a fresh clone's first up starts): $uncached s."
  echo
  echo "## P5 gRPC vs REST"
  echo
  echo "| round | call | calls | catalog CPU s | CPU µs per call |"
  echo "|---|---|---|---|---|"
  for r in $(rounds); do
    row "$r" "REST \`GET /api/catalog/products/{id}\` (wrk, 16 connections, ${D} s)" "$(p5_calls "rest-$r")" "$(p5_cpu_s "rest-$r")" "$(p5_us "rest-$r")"
    row "$r" "gRPC \`GetProducts\`, one id (CatalogGrpcLoad, 16 in flight, ${D} s)" "$(p5_calls "grpc-$r")" "$(p5_cpu_s "grpc-$r")" "$(p5_us "grpc-$r")"
  done
  row "" "gRPC \`GetProducts\`, 5 ids in one call (${D} s)" "$(p5_calls grpc5)" "$(p5_cpu_s grpc5)" \
    "$grpc5_us ($grpc5_pp per product, $(p5_products grpc5) products)"
  echo
  echo "CPU = utime + stime of catalog's process from /proc/<pid>/stat across each run. The REST call is anonymous; the"
  echo "gRPC call carries a service token (order-service's client credentials) that catalog checks on every call. P5 runs"
  echo "right after P1, whose rounds warmed the REST path; the gRPC path had ${WARMUP} s of its own first. The 5 ids are the"
  echo "first page of \`GET /api/catalog/products?size=5&inStock=true\`."
  echo
  echo "## Books audit"
  echo
  echo '```'
  tail -20 "$work/audit.txt" 2>/dev/null || echo "not run"
  echo '```'
}

# memory_under_load SERVICE peak_rss|last_pss: out of the samples taken every second during StepUp
memory_under_load() {
  if [ "$2" = peak_rss ]; then awk -v s="$1" '$1 == s && $2 > m { m = $2 } END { print m + 0 }' "$work/memory-load.txt" 2>/dev/null || echo 0
  # the last sample before StepUp ended: what the five hold once the load has run its course
  else awk -v s="$1" '$1 == s { last = $3 } END { print last + 0 }' "$work/memory-load.txt" 2>/dev/null || echo 0; fi
}

# Before and after: every summary row of a report beside the row of the same first cell in the report it
# replaced; a row the previous report did not have says so
trim() { sed 's/^ *//; s/ *$//' <<<"$1"; }
summary_rows() { awk '/^## Summary/ { on = 1; next } on && /^## / { exit } on && /^\| [^ |]/' "$1"; }
compare_with_previous() {
  local new=$1 previous=$2 label figure ratio before
  [ -f "$previous" ] && [ -n "$(summary_rows "$previous")" ] || return 0
  echo
  echo "## Against the previous run"
  echo
  echo "Each summary figure of this run beside the same figure in the report it replaced ($(grep -o 'on [0-9-]* [0-9:]* UTC' "$previous" | head -1 | sed 's/^on //')), same"
  echo "script and machine kind: the before and after of whatever changed in between (load-tests/TUNING.md says what did)."
  grep -q 'alternating rounds' "$previous" || echo "In the previous report the P1, P4 cold start and P5 figures were single runs, not medians."
  echo
  echo "| | before: figure | before: ratio | after: figure | after: ratio |"
  echo "|---|---|---|---|---|"
  summary_rows "$new" | while IFS='|' read -r _ label figure _ ratio _; do
    label=$(trim "$label"); figure=$(trim "$figure"); ratio=$(trim "$ratio")
    before=$(summary_rows "$previous" | awk -F'|' -v l="$label" '{ for (i = 2; i <= 5; i++) gsub(/^ +| +$/, "", $i) } $2 == l { print $3 "|" $5; exit }')
    if [ -n "$before" ]; then row "$label" "${before%%|*}" "${before#*|}" "$figure" "$ratio"
    else row "$label" "not in the previous report" "" "$figure" "$ratio"; fi
  done
}
