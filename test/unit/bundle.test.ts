import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packBundle, unpackBundle } from "../../src/library/bundle.ts";
import { LIBRARY_LIMITS } from "../../src/library/limits.ts";
import { buildZip, zip64Bomb } from "../support/zip-bytes.ts";

const limits = {
  maxFiles: LIBRARY_LIMITS.bundleFiles,
  maxFileBytes: LIBRARY_LIMITS.fileBytes,
  maxTotalBytes: LIBRARY_LIMITS.bundleUnpackedBytes,
};

/** Article-like text of `bytes` bytes (ASCII), compressible as prose is. */
const prose = (bytes: number) =>
  new TextEncoder().encode(
    "Die Station am Suedpol. ".repeat(Math.ceil(bytes / 24)).slice(0, bytes),
  );

describe("unpacking a library zip", () => {
  it("reads the files of a zip as exported", async () => {
    const zip = packBundle([
      { path: "articles/a.md", text: "---\nlanguage: de\n---\n\nText." },
      { path: "claims/a.yaml", text: "[]\n" },
    ]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: true,
      files: [
        { path: "articles/a.md", text: "---\nlanguage: de\n---\n\nText." },
        { path: "claims/a.yaml", text: "[]\n" },
      ],
    });
  });

  it("refuses a 162-byte zip whose ZIP64 end record claims 4,294,967,295 entries, at once", async () => {
    const bomb = zip64Bomb();
    expect(bomb.byteLength).toBe(162);
    expect(await unpackBundle(bomb, limits)).toEqual({
      ok: false,
      problems: [{ kind: "too-many-files", limit: 100 }],
    });
  });

  it("refuses more files than the limit, counted while reading even if the end record agrees", async () => {
    const entries = Array.from({ length: 103 }, (_, i) => ({
      name: `articles/a${i}.md`,
      data: prose(10),
    }));
    expect(await unpackBundle(buildZip(entries), limits)).toMatchObject({
      ok: false,
      problems: [{ kind: "too-many-files", limit: 100 }],
    });
  });

  it("names a stored entry that declares 1,000 bytes and holds 2.88 MB, reading no further", async () => {
    const zip = buildZip([
      { name: "articles/big.md", data: prose(2_880_000), declaredSize: 1_000 },
    ]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [{ kind: "size-mismatch", entry: "articles/big.md", declared: 1_000 }],
    });
  });

  it("names a compressed entry whose declared size lies either way, instead of cutting it", async () => {
    const body = prose(204_197);
    const zip = buildZip([
      { name: "articles/cut.md", data: body, deflate: true, declaredSize: 976 },
      { name: "articles/short.md", data: prose(1_000), deflate: true, declaredSize: 250_000 },
    ]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [
        { kind: "size-mismatch", entry: "articles/cut.md", declared: 976 },
        { kind: "size-mismatch", entry: "articles/short.md", declared: 250_000 },
      ],
    });
  });

  it("refuses an entry over the file limit by its inflated bytes", async () => {
    const zip = buildZip([{ name: "articles/big.md", data: prose(300_001), deflate: true }]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [{ kind: "file-too-large", entry: "articles/big.md", limit: 300_000 }],
    });
  });

  it("counts a body ten entries share ten times", async () => {
    const zip = buildZip(
      Array.from({ length: 10 }, (_, i) => ({
        name: `articles/a${i}.md`,
        data: prose(1_000),
        deflate: true,
        ...(i > 0 ? { sameBodyAs: 0 } : {}),
      })),
    );
    const fits = await unpackBundle(zip, { ...limits, maxTotalBytes: 10_000 });
    expect(fits.ok && fits.files.length).toBe(10);
    expect(await unpackBundle(zip, { ...limits, maxTotalBytes: 9_999 })).toEqual({
      ok: false,
      problems: [{ kind: "total-too-large", limit: 9_999 }],
    });
  });

  it("stops at the total when fifty entries share one 290 kB body of a small zip", async () => {
    const zip = buildZip(
      Array.from({ length: 50 }, (_, i) => ({
        name: `articles/a${i}.md`,
        data: prose(290_000),
        deflate: true,
        ...(i > 0 ? { sameBodyAs: 0 } : {}),
      })),
    );
    expect(zip.byteLength).toBeLessThan(LIBRARY_LIMITS.bundleBytes);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [{ kind: "total-too-large", limit: LIBRARY_LIMITS.bundleUnpackedBytes }],
    });
  });

  it("names an entry that stands in the zip twice", async () => {
    const zip = buildZip([
      { name: "articles/a.md", data: prose(10) },
      { name: "articles/a.md", data: prose(20) },
    ]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [{ kind: "duplicate", entry: "articles/a.md" }],
    });
  });

  it("names entries outside the layout and files that are not UTF-8", async () => {
    const zip = buildZip([
      { name: "articles/" },
      { name: "__MACOSX/._a.md", data: prose(10) },
      { name: "articles/a.md", data: new Uint8Array([0xff, 0xfe]) },
    ]);
    expect(await unpackBundle(zip, limits)).toEqual({
      ok: false,
      problems: [
        { kind: "unexpected-path", entry: "__MACOSX/._a.md" },
        { kind: "not-utf8", entry: "articles/a.md" },
      ],
    });
  });

  it("answers any damage to a zip's bytes with files or problems, never an exception", async () => {
    const zip = buildZip([
      { name: "articles/", data: new Uint8Array() },
      { name: "articles/a.md", data: prose(2_000), deflate: true },
      { name: "claims/a.yaml", data: prose(50) },
    ]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(zip.byteLength - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (changes) => {
          const damaged = Buffer.from(zip);
          for (const [at, byte] of changes) damaged[at] = byte;
          const outcome = await unpackBundle(damaged, limits);
          if (outcome.ok) expect(outcome.files.length).toBeLessThanOrEqual(2);
          else expect(outcome.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
