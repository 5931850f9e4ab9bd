// A portfolio draft of N sites, from examples/two-site-draft.json, saved as a file to open in the app
// ("Open a draft saved as a file"): the large drafts the benchmarks type into.
import { writeFileSync, readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes the draft of `sites` sites to a temporary file and returns its path. */
export function portfolioFile(sites) {
  const example = JSON.parse(readFileSync("examples/two-site-draft.json", "utf8"));
  const draft = { ...example, id: "bench" + sites, sites: [] };
  for (let i = 0; i < sites; i++) {
    const site = { ...example.sites[i % 2], id: `bench-s${i + 1}`, name: `Village ${i + 1}` };
    // Each village at its own place, 2 km apart on a grid, its plant beside it, as in a real
    // portfolio (copies of two sites at two points would each be warned as near a hundred others,
    // and typing a name would change the warnings of every site; LOOKALIKE=1 measures that too).
    if (!process.env.LOOKALIKE) {
      const [lat, lon] = [9.5 + (i % 20) * 0.02, 6.5 + Math.floor(i / 20) * 0.02];
      Object.assign(site, { latitude: lat.toFixed(4), longitude: lon.toFixed(4), plant_latitude: (lat + 0.001).toFixed(4), plant_longitude: lon.toFixed(4) });
    }
    if (i % 3 === 0) site.latitude = ""; // some sites with problems, as in real work
    draft.sites.push(site);
  }
  const file = join(mkdtempSync(join(tmpdir(), "mgl-bench-")), "portfolio.json");
  writeFileSync(file, JSON.stringify(draft));
  return file;
}
