# Bazaar needs a JDK 25 or newer. Sourced (POSIX sh) by ./bazaar and ./mvnw, which then
# call bazaar_java_home: it exports JAVA_HOME, or says what is wrong and returns 1.
#   1. JAVA_HOME, when it is a JDK 25+ (an older one fails at once, named);
#   2. else the newest JDK 25+ where platforms install JDKs (BAZAAR_JDK_DIRS overrides the list);
#   3. else one line saying what to install.

bazaar_java_needed=25

# The feature version (17, 25, ...) of the JDK at $1; nothing, and status 1, when $1 is no JDK.
bazaar_java_version() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  bazaar_v=""
  if [ -f "$1/release" ]; then
    bazaar_v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  fi
  if [ -z "$bazaar_v" ]; then
    bazaar_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case $bazaar_v in 1.*) bazaar_v=${bazaar_v#1.} ;; esac
  bazaar_v=${bazaar_v%%[!0-9]*}
  [ -n "$bazaar_v" ] || return 1
  echo "$bazaar_v"
}

bazaar_java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then
    if ! bazaar_found=$(bazaar_java_version "$JAVA_HOME"); then
      echo "JAVA_HOME=$JAVA_HOME is not a JDK (no bin/java and bin/javac there): point it at a JDK $bazaar_java_needed or newer, or unset it and Bazaar looks for one" >&2
      return 1
    fi
    if [ "$bazaar_found" -lt "$bazaar_java_needed" ]; then
      echo "JAVA_HOME=$JAVA_HOME is Java $bazaar_found; Bazaar needs Java $bazaar_java_needed or newer: point JAVA_HOME at a JDK $bazaar_java_needed+, or unset it and Bazaar looks for one" >&2
      return 1
    fi
    export JAVA_HOME
    return 0
  fi
  bazaar_dirs=${BAZAAR_JDK_DIRS:-"/usr/lib/jvm /usr/java /usr/local/java /opt/java /opt ${HOME:-~}/.sdkman/candidates/java ${HOME:-~}/.jdks /Library/Java/JavaVirtualMachines"}
  bazaar_best="" bazaar_best_v=0
  # mvnw runs with globbing off (set -f); the search needs it for a moment
  case $- in *f*) bazaar_noglob=1; set +f ;; *) bazaar_noglob=0 ;; esac
  for bazaar_dir in $bazaar_dirs; do
    for bazaar_home in "$bazaar_dir"/* "$bazaar_dir"/*/Contents/Home; do
      [ -d "$bazaar_home" ] || continue
      bazaar_found=$(bazaar_java_version "$bazaar_home") || continue
      if [ "$bazaar_found" -ge "$bazaar_java_needed" ] && [ "$bazaar_found" -gt "$bazaar_best_v" ]; then
        bazaar_best=$bazaar_home bazaar_best_v=$bazaar_found
      fi
    done
  done
  [ "$bazaar_noglob" -eq 0 ] || set -f
  if [ -z "$bazaar_best" ]; then
    echo "No JDK $bazaar_java_needed or newer found (JAVA_HOME is unset; looked in: $bazaar_dirs). Install one (Eclipse Temurin $bazaar_java_needed from adoptium.net, or your distribution's openjdk-$bazaar_java_needed-jdk where it has one) under /usr/lib/jvm, or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$bazaar_best
  export JAVA_HOME
}
