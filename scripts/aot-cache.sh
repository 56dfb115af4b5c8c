# The services' AOT caches (JDK 25), sourced by ./bazaar.
#
# A cache holds what one training start of a service loaded, linked and profiled; a start that maps
# it skips most of that work (catalog alone: its context refreshed in 3.8 s instead of 8 s). The JVM
# maps a cache only with the class path, JVM options and JDK it was made with, and reads no class
# nested in a Spring Boot jar: so a service's cache sits beside its jar extracted
# (.bazaar/aot/<module>/), and a key file says what both were made from. A start whose key does not
# match (a new jar, other JAVA_OPTS, another JDK or agent) runs the jar as it always did.
#
# The caches are made in the background, niced, once `up` has every instance ready: a fresh clone's
# first `up` is no slower for them, and the next `up` maps them. `down` stops a training still
# running; the next `up` makes what is missing again.
#
# The agent: the training run cannot have it (the JVM stores no class an agent transformed, and its
# child process fails), so it runs with the agent's jar on the boot class path only, as -javaagent
# puts it there; every start that maps the cache names that boot class path too.
#
#   BAZAAR_AOT   on (the default) | off: neither make nor map a cache

aot=${BAZAAR_AOT:-on}
aot_dir=$state/aot

# what a cache of module $1 is valid for: its jar, the JVM options, the agent's jar, the JDK
aot_key() {
  local jar
  jar=$(jar_of "$1")
  [ -n "$jar" ] || return 0
  {
    stat -c '%s %Y' "$jar"
    echo "$JAVA_OPTS"
    if [ -n "$agent" ] && [ -f "$agent" ]; then stat -c '%n %s %Y' "$agent"; fi
    cat "$JAVA_HOME/release" 2>/dev/null || "$java_bin" -version 2>&1
  } | sha1sum | cut -d ' ' -f 1
}

aot_app_jar() { echo "$aot_dir/$1/$(basename "$(jar_of "$1")")"; }

aot_cache_fits() {
  [ "$aot" = on ] && [ -f "$aot_dir/$1.aot" ] && [ -f "$(aot_app_jar "$1")" ] \
    && [ "$(cat "$aot_dir/$1.key" 2>/dev/null)" = "$(aot_key "$1")" ]
}

# the agent's jar on the boot class path, as both the training and every mapping start need it
aot_boot_path() { if [ -n "$agent" ] && [ -f "$agent" ]; then echo "-Xbootclasspath/a:$agent"; fi; }

# how a start maps module $1's cache: sets the caller's `run` (the java arguments after the options)
aot_cache_run() {
  local boot
  boot=$(aot_boot_path)
  run=("-XX:AOTCache=$aot_dir/$1.aot" ${boot:+"$boot"} -jar "$(aot_app_jar "$1")")
}

aot_trainer_pid() { cat "$aot_dir/train.pid" 2>/dev/null || true; }
aot_training() { local pid; pid=$(aot_trainer_pid); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# after `up`: a training of every present module whose cache does not fit, one at a time, in the
# background; each with the environment of the service's instance 1 (the same database, the same
# registered clients: a training start is one more instance starting, stopped once refreshed)
aot_train_missing() {
  [ "$aot" = on ] || return 0
  aot_training && return 0
  local module missing=() env agent_opts
  for module in $(present_modules); do aot_cache_fits "$module" || missing+=("$module"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  mkdir -p "$aot_dir"
  for module in "${missing[@]}"; do
    instance_env "$(service_by_module "$module")"
    printf '%s\n' "${env[@]}" >"$aot_dir/$module.env"
  done
  say "making the AOT cache of ${missing[*]} in the background, for a faster next up (log: $(relative "$state/logs/aot.log"))"
  setsid "$root/bazaar" aot-train "${missing[@]}" >>"$state/logs/aot.log" 2>&1 </dev/null &
  echo $! >"$aot_dir/train.pid"
}

# the trainer's whole process group (the training JVM and the child JVM that writes the cache):
# gone before `down` returns, as every instance is
aot_stop_training() {
  aot_training || return 0
  local group waited=0
  group=$(aot_trainer_pid)
  kill -TERM -- "-$group" 2>/dev/null || true
  while kill -0 -- "-$group" 2>/dev/null && [ $waited -lt 20 ]; do sleep 0.5; waited=$((waited + 1)); done
  kill -KILL -- "-$group" 2>/dev/null || true
  rm -f "$aot_dir/train.pid"
  echo "  AOT cache training stopped (the next up makes what is missing)"
}

# ./bazaar aot-train <module>...: what aot_train_missing starts
aot_train() {
  local module jar key dir env boot
  use_java
  boot=$(aot_boot_path)
  for module in "$@"; do
    jar=$(jar_of "$module") key=$(aot_key "$module") dir=$aot_dir/$module
    rm -rf "$dir" "$aot_dir/$module.aot" "$aot_dir/$module.key"
    say "$module: extracting $(relative "$jar")"
    if ! "$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$dir"; then
      say "$module: could not extract the jar; it starts without a cache"; rm -rf "$dir"; continue
    fi
    mapfile -t env <"$aot_dir/$module.env"
    say "$module: training"
    # shellcheck disable=SC2086
    if ! env "${env[@]}" nice -n 19 "$java_bin" $JAVA_OPTS "-XX:AOTCacheOutput=$aot_dir/$module.aot" \
        ${boot:+"$boot" --add-modules=java.instrument} -Dspring.context.exit=onRefresh -jar "$(aot_app_jar "$module")"; then
      say "$module: the training start failed; it starts without a cache"; rm -rf "$dir" "$aot_dir/$module.aot"; continue
    fi
    # a build during the training made another jar: this cache is of the old one
    if [ "$(aot_key "$module")" != "$key" ] || [ ! -f "$aot_dir/$module.aot" ]; then
      say "$module: its jar changed while training; the next up trains again"; continue
    fi
    echo "$key" >"$aot_dir/$module.key"
    say "$module: AOT cache made ($(du -m "$aot_dir/$module.aot" | cut -f 1) MB)"
  done
  rm -f "$aot_dir/train.pid"
}
