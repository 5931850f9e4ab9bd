#!/usr/bin/env sh
# Trunk post-build hook: stamps the service worker with this build's identity (the hashed file names
# of index.html, and the translations, whose names carry no hash), so that a new build installs a new
# service worker and the user is offered the update.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
build=$( (grep -o '[A-Za-z0-9_-]*-[0-9a-f]\{16\}[A-Za-z0-9_]*\.\(wasm\|js\|css\)' "$dir/index.html" | sort -u; cat "$dir"/*.po) | sha256sum | cut -c1-16)
sed -i "s/__BUILD__/$build/" "$dir/sw.js"
