import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unpackBundle } from "../src/library/bundle.ts";
import { LIBRARY_LIMITS } from "../src/library/limits.ts";
import { buildZip, zip64Bomb } from "../test/support/zip-bytes.ts";

/**
 * Peak memory of unpacking one hostile library zip, one case a process; the zips are written
 * first, so building them does not count:
 *   node --import tsx bench/zip-memory.ts write /tmp/zips
 *   for f in /tmp/zips/*.zip; do node --import tsx bench/zip-memory.ts read $f; done
 */
const prose = (bytes: number) =>
  new TextEncoder().encode(
    "Die Station am Suedpol. ".repeat(Math.ceil(bytes / 24)).slice(0, bytes),
  );

const cases: Record<string, () => Uint8Array> = {
  empty: () => new Uint8Array(),
  zip64: () => zip64Bomb(),
  "lying-stored": () =>
    buildZip([{ name: "articles/big.md", data: prose(2_880_000), declaredSize: 1_000 }]),
  "lying-deflate": () =>
    buildZip([
      { name: "articles/big.md", data: prose(200_000_000), deflate: true, declaredSize: 1_000 },
    ]),
  shared: () =>
    buildZip(
      Array.from({ length: 100 }, (_, i) => ({
        name: `articles/a${i}.md`,
        data: prose(299_000),
        deflate: true,
        ...(i > 0 ? { sameBodyAs: 0 } : {}),
      })),
    ),
  full: () =>
    buildZip(
      Array.from({ length: 40 }, (_, i) => ({
        name: `articles/a${i}.md`,
        data: prose(299_000),
        deflate: true,
      })),
    ),
};

const [mode, path] = process.argv.slice(2);
if (mode === "write" && path) {
  mkdirSync(path, { recursive: true });
  for (const [name, build] of Object.entries(cases))
    writeFileSync(join(path, `${name}.zip`), build());
} else if (mode === "read" && path) {
  const zip = readFileSync(path);
  const before = process.memoryUsage().rss;
  const outcome = await unpackBundle(zip, {
    maxFiles: LIBRARY_LIMITS.bundleFiles,
    maxFileBytes: LIBRARY_LIMITS.fileBytes,
    maxTotalBytes: LIBRARY_LIMITS.bundleUnpackedBytes,
  });
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log(
    JSON.stringify({
      zip: path,
      bytes: zip.byteLength,
      outcome: outcome.ok ? `${outcome.files.length} files` : outcome.problems[0]?.kind,
      rssBeforeMiB: mib(before),
      peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
    }),
  );
} else {
  console.error("usage: zip-memory.ts write <dir> | read <zip>");
  process.exitCode = 2;
}
