# Sourced by ./levity and ./run-tests: picks a JDK >= 21 and exports JAVA_HOME, or exits with a clear message.
levity_java_major() { # prints the major version of the java binary $1
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}
levity_find_jdk() {
  local best="" best_major=0 cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(levity_java_major "$cand/bin/java")
    case "$major" in ''|*[!0-9]*) continue ;; esac
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$cand"; best_major=$major; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(levity_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then best="$cand"; fi
  fi
  if [ -z "$best" ]; then
    echo "levity: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "levity: install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    exit 3
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
levity_find_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "levity: Maven (mvn) is needed to build; install it (apt-get install maven)." >&2
    exit 3
  fi
}
