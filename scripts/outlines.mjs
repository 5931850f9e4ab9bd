// The outline of each bundled country profile's country, for the map of the sites: taken from
// Natural Earth (npm world-atlas, public domain, 1:50m) by the profile's `iso_3166_numeric`, its
// rings rounded to 3 decimals (about 100 m, finer than the 1:50m lines) and written as
// OUT/<profile id>.json: { "profile": id, "source": ..., "rings": [[[lon, lat], ...], ...] }.
// Its output is kept in crates/mgl-domain/outlines/ (compiled into `mgl`, copied into the app's build
// by scripts/build-app, fetched when a draft opens, never at start); tests/tools/outlines.test.mjs
// fails when it differs from what this script makes, so after adding a profile run:
//   node scripts/outlines.mjs crates/mgl-domain/outlines
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { feature } from "topojson-client";

const out = process.argv[2];
if (!out) throw new Error("usage: node scripts/outlines.mjs OUT_DIR");
const atlas = JSON.parse(readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
const countries = feature(atlas, atlas.objects.countries).features;
mkdirSync(out, { recursive: true });
const dir = "crates/mgl-domain/profiles";
for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
  const profile = JSON.parse(readFileSync(join(dir, name), "utf8"));
  if (!profile.iso_3166_numeric) continue;
  const country = countries.find((f) => f.id === profile.iso_3166_numeric);
  if (!country) throw new Error(`${name}: no country ${profile.iso_3166_numeric} in world-atlas`);
  const polygons = country.geometry.type === "Polygon" ? [country.geometry.coordinates] : country.geometry.coordinates;
  const round = (x) => Math.round(x * 1000) / 1000;
  // Outer rings only: a country's lakes and enclaves are not where the map's doubt lies.
  const rings = polygons.map((polygon) => polygon[0].map(([lon, lat]) => [round(lon), round(lat)]));
  writeFileSync(join(out, `${profile.id}.json`), JSON.stringify({ profile: profile.id, source: "Natural Earth 1:50m (world-atlas 2.0.2)", rings }));
}
