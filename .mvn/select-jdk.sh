# Sourced by ./mvnw: makes sure Maven runs on a JDK 21 or newer without any
# hand configuration. Keeps JAVA_HOME (or the `java` on PATH) when it is new
# enough; otherwise picks the newest JDK >= 21 from the usual install places.
unigov_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

unigov_select_jdk() {
  unigov_required=21
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(unigov_java_major "$JAVA_HOME/bin/java")
    [ "${v:-0}" -ge "$unigov_required" ] && return 0
  elif [ -z "${JAVA_HOME-}" ] && command -v javac >/dev/null 2>&1; then
    v=$(unigov_java_major java)
    [ "${v:-0}" -ge "$unigov_required" ] && return 0
  fi
  best_home=""
  best_version=0
  set +f
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "${HOME-}"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/javac" ] || continue
    [ -L "$home" ] && continue
    v=$(unigov_java_major "$home/bin/java")
    if [ "${v:-0}" -ge "$unigov_required" ] && [ "${v:-0}" -gt "$best_version" ]; then
      best_home=$home
      best_version=$v
    fi
  done
  set -f
  if [ -z "$best_home" ]; then
    echo "Unigov needs a JDK 21 or newer and found none: install one (for example 'apt-get install openjdk-21-jdk' or Eclipse Temurin 21+) or set JAVA_HOME to it." >&2
    exit 1
  fi
  [ "${MVNW_VERBOSE-}" = true ] && echo "mvnw: using JDK $best_version at $best_home" >&2
  JAVA_HOME=$best_home
  export JAVA_HOME
}

unigov_select_jdk
