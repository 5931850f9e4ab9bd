// scripts/outlines.mjs: each bundled profile with an ISO code gets its country's outline from
// world-atlas, in the profile's box, its villages inside it and its neighbours' towns outside.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Even-odd point in polygon over the rings, as mgl_domain::outline does.
const inside = (rings, lat, lon) => {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j], [x2, y2] = ring[i];
      if ((y1 > lat) !== (y2 > lat) && lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) odd = !odd;
    }
  }
  return odd;
};

test("the Nigerian profile's outline is Nigeria: in its box, Kuchi and Calabar inside, Cotonou and Niamey outside", () => {
  const out = mkdtempSync(join(tmpdir(), "mgl-outlines-"));
  execFileSync("node", ["scripts/outlines.mjs", out]);
  assert.deepEqual(readdirSync(out), ["ng.json"], "only profiles with an ISO code have an outline");
  for (const name of readdirSync(out)) {
    assert.equal(readFileSync(join("crates/mgl-domain/outlines", name), "utf8"), readFileSync(join(out, name), "utf8"),
      `crates/mgl-domain/outlines/${name} is what scripts/outlines.mjs makes (run it after changing a profile)`);
  }
  assert.deepEqual(readdirSync("crates/mgl-domain/outlines"), readdirSync(out), "no outline of a profile that is gone");
  const { profile, rings } = JSON.parse(readFileSync(join(out, "ng.json"), "utf8"));
  assert.equal(profile, "ng");
  const box = JSON.parse(readFileSync("crates/mgl-domain/profiles/ng.json", "utf8")).bounding_box;
  const points = rings.flat();
  assert.ok(points.length > 300 && points.length < 1000, `${points.length} points`);
  for (const [lon, lat] of points) {
    assert.ok(lat >= box.south - 0.1 && lat <= box.north + 0.1 && lon >= box.west - 0.1 && lon <= box.east + 0.1, `${lon},${lat}`);
  }
  assert.ok(inside(rings, 9.81, 6.92), "Kuchi, Niger State");
  assert.ok(inside(rings, 4.95, 8.32), "Calabar");
  assert.ok(!inside(rings, 6.37, 2.39), "Cotonou, Benin");
  assert.ok(!inside(rings, 13.51, 2.11), "Niamey, Niger");
});
