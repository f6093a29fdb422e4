import { strToU8, zipSync } from "fflate";
import { type Entry, fromBufferPromise, type ZipFile } from "yauzl";

/**
 * A library as one zip file in the corpus's own layout: `articles/<id>.md` and
 * `claims/<article-id>.yaml`. The same folder can serve as a corpus (CORPUS_DIR) or be copied
 * into the shared one.
 */
export interface BundleFile {
  readonly path: string;
  readonly text: string;
}

const BUNDLE_PATH = /^(articles\/[a-z0-9-]+\.md|claims\/[a-z0-9-]+\.yaml)$/;

export function packBundle(files: readonly BundleFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.path, strToU8(f.text)])), { level: 6 });
}

export interface BundleLimits {
  /** Files (entries other than folders) in the zip. */
  readonly maxFiles: number;
  /** Bytes of one file, as inflated. */
  readonly maxFileBytes: number;
  /** Bytes of all files together, as inflated: a body several entries share counts each time. */
  readonly maxTotalBytes: number;
}

/** Why a zip was refused; the interaction layer words it in the asker's language. */
export type ZipProblem =
  | { readonly kind: "unreadable" }
  | { readonly kind: "too-many-files"; readonly limit: number }
  | { readonly kind: "unexpected-path"; readonly entry: string }
  | { readonly kind: "unsupported"; readonly entry: string }
  | { readonly kind: "file-too-large"; readonly entry: string; readonly limit: number }
  | { readonly kind: "total-too-large"; readonly limit: number }
  | { readonly kind: "size-mismatch"; readonly entry: string; readonly declared: number }
  | { readonly kind: "not-utf8"; readonly entry: string }
  | { readonly kind: "duplicate"; readonly entry: string };

export type UnpackedBundle =
  | { readonly ok: true; readonly files: BundleFile[] }
  | { readonly ok: false; readonly problems: ZipProblem[] };

/** The folders a bundle may hold besides its files. */
const FOLDERS = 2;

/** The next entry of the central directory, undefined at its end. */
function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      zip.off("entry", onEntry).off("end", onEnd).off("error", onError);
      outcome();
    };
    const onEntry = (entry: Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(undefined));
    const onError = (error: unknown) => settle(() => reject(error));
    zip.on("entry", onEntry).on("end", onEnd).on("error", onError);
    zip.readEntry();
  });
}

/**
 * An entry's bytes, counted as they are inflated: reading stops as soon as they pass `cap` or
 * the size the entry declares, so a lying entry costs at most one chunk beyond either.
 */
async function inflateCounted(
  zip: ZipFile,
  entry: Entry,
  cap: number,
): Promise<{ ok: true; data: Buffer } | { ok: false; over: "cap" | "declared" | "short" }> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > entry.uncompressedSize) return { ok: false, over: "declared" };
      if (size > cap) return { ok: false, over: "cap" };
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (size !== entry.uncompressedSize) return { ok: false, over: "short" };
  return { ok: true, data: Buffer.concat(chunks) };
}

/** One entry as a bundle file, or why it is refused. */
async function readFile(
  zip: ZipFile,
  entry: Entry,
  limits: BundleLimits,
  remaining: number,
): Promise<{ ok: true; file: BundleFile; bytes: number } | { ok: false; problem: ZipProblem }> {
  const name = entry.fileName;
  if (!BUNDLE_PATH.test(name))
    return { ok: false, problem: { kind: "unexpected-path", entry: name } };
  if (!entry.canDecodeFileData())
    return { ok: false, problem: { kind: "unsupported", entry: name } };
  const tooLarge: ZipProblem = { kind: "file-too-large", entry: name, limit: limits.maxFileBytes };
  if (entry.uncompressedSize > limits.maxFileBytes) return { ok: false, problem: tooLarge };
  const inflated = await inflateCounted(zip, entry, Math.min(limits.maxFileBytes, remaining));
  if (!inflated.ok) {
    if (inflated.over !== "cap")
      return {
        ok: false,
        problem: { kind: "size-mismatch", entry: name, declared: entry.uncompressedSize },
      };
    return {
      ok: false,
      problem:
        remaining < limits.maxFileBytes
          ? { kind: "total-too-large", limit: limits.maxTotalBytes }
          : tooLarge,
    };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(inflated.data);
    return { ok: true, file: { path: name, text }, bytes: inflated.data.byteLength };
  } catch {
    return { ok: false, problem: { kind: "not-utf8", entry: name } };
  }
}

/**
 * The files of a zip in the corpus layout, or why it is refused. The archive is read by yauzl,
 * which validates the end record (ZIP64 included), the central directory and the entries'
 * places in the file; the sizes are this function's: the entry count is checked against the end
 * record before any entry is read and counted again while reading, and every entry's bytes are
 * counted while they are inflated, stopping at the limits, never trusting the declared sizes.
 * Memory: the zip itself, at most `maxTotalBytes` of inflated files (and their text), and one
 * inflate buffer, whatever the zip claims.
 */
export async function unpackBundle(
  bytes: Uint8Array,
  limits: BundleLimits,
): Promise<UnpackedBundle> {
  const refused = (...problems: ZipProblem[]): UnpackedBundle => ({ ok: false, problems });
  const maxEntries = limits.maxFiles + FOLDERS;
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: true,
      strictFileNames: true,
      // Sizes are counted here while inflating, so a lying entry is named, not only refused.
      validateEntrySizes: false,
    });
  } catch {
    return refused({ kind: "unreadable" });
  }
  // An error outside a read (none is expected) must not become an uncaught "error" event.
  zip.on("error", () => {});
  if (zip.entryCount > maxEntries) {
    zip.close();
    return refused({ kind: "too-many-files", limit: limits.maxFiles });
  }
  const files: BundleFile[] = [];
  const problems: ZipProblem[] = [];
  let total = 0;
  let entries = 0;
  const seen = new Set<string>();
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++entries > maxEntries) {
        problems.push({ kind: "too-many-files", limit: limits.maxFiles });
        break;
      }
      if (entry.fileName.endsWith("/")) continue;
      // Two entries of one name would leave one of them unread: which, the zip does not say.
      if (seen.has(entry.fileName)) {
        problems.push({ kind: "duplicate", entry: entry.fileName });
        continue;
      }
      seen.add(entry.fileName);
      const read = await readFile(zip, entry, limits, limits.maxTotalBytes - total);
      if (!read.ok) {
        problems.push(read.problem);
        if (read.problem.kind === "total-too-large") break;
        continue;
      }
      total += read.bytes;
      files.push(read.file);
    }
  } catch {
    problems.push({ kind: "unreadable" });
  } finally {
    if (zip.isOpen) zip.close();
  }
  if (files.length > limits.maxFiles)
    problems.push({ kind: "too-many-files", limit: limits.maxFiles });
  if (problems.length > 0) return refused(...problems);
  return { ok: true, files: files.sort((a, b) => (a.path < b.path ? -1 : 1)) };
}
