#!/usr/bin/env bash
# Refresh the web page's vendored assets from npm (maintainers only; the package ships them, nothing is fetched
# at run time). Versions are pinned in web-vendor/package.json and package-lock.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/src/marsad/web/static/vendor"
cd "$ROOT/web-vendor"
npm ci --no-audit --no-fund
cp node_modules/chart.js/dist/chart.umd.min.js "$OUT/"
cp node_modules/chart.js/LICENSE.md "$OUT/chart.js.LICENSE.md"
for font in noto-naskh-arabic ibm-plex-sans-arabic; do
  for subset in arabic latin; do
    for weight in 400 700; do
      cp "node_modules/@fontsource/$font/files/$font-$subset-$weight-normal.woff2" "$OUT/fonts/"
    done
  done
  cp "node_modules/@fontsource/$font/LICENSE" "$OUT/fonts/$font.LICENSE"
done
mkdir -p "$OUT/swagger-ui"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
   node_modules/swagger-ui-dist/LICENSE "$OUT/swagger-ui/"
rm -rf node_modules
