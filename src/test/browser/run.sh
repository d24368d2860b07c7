#!/usr/bin/env bash
# The browser tests of the console page, the second stage of the test command (.ci/run runs it after mvn verify).
# Installs what it needs itself: Debian's chromium (apt-get, as root or through sudo) when /usr/bin/chromium is
# missing (or CHROMIUM names another) and a Japanese font when there is none, playwright-core from npm (package-lock.json), and the packaged jar when
# target/shirase.jar is missing or older than the sources. Screenshots go to target/console/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
packages=()
[ -x "$chromium" ] || packages+=(chromium)
# a Japanese font, so the Japanese labels and messages in the screenshots are glyphs, not boxes
fc-list :lang=ja 2>/dev/null | grep -q . || packages+=(fonts-ipafont-gothic)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing ${packages[*]} (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q "${packages[@]}" >/dev/null \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${packages[@]}" >/dev/null; }
fi
if [ ! -f "$repo/target/shirase.jar" ] || [ -n "$(cd "$repo" && find src/main pom.xml -newer target/shirase.jar -print -quit)" ]; then
  (cd "$repo" && mvn -B -ntp -q -DskipTests package)
fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM="$chromium" npm test
