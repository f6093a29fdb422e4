import { strToU8, unzipSync, zipSync } from "fflate";

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
  readonly maxFiles: number;
  readonly maxFileBytes: number;
}

/**
 * The files of a zip in the corpus layout. Entries are checked by their declared sizes before
 * anything is inflated, so a small zip cannot unpack into gigabytes.
 */
export function unpackBundle(
  bytes: Uint8Array,
  limits: BundleLimits,
): { files: BundleFile[]; problems: string[] } {
  const problems: string[] = [];
  let seen = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith("/")) return false;
        if (!BUNDLE_PATH.test(f.name)) {
          problems.push(`${f.name}: not articles/<id>.md or claims/<article-id>.yaml, left out`);
          return false;
        }
        if (++seen > limits.maxFiles) {
          problems.push(`${f.name}: more than ${limits.maxFiles} files`);
          return false;
        }
        if (f.originalSize > limits.maxFileBytes) {
          problems.push(`${f.name}: larger than ${limits.maxFileBytes} bytes`);
          return false;
        }
        return true;
      },
    });
  } catch {
    return { files: [], problems: ["not a zip file that can be read"] };
  }
  const files: BundleFile[] = [];
  for (const [path, data] of Object.entries(entries)) {
    try {
      files.push({ path, text: new TextDecoder("utf-8", { fatal: true }).decode(data) });
    } catch {
      problems.push(`${path}: not UTF-8 text`);
    }
  }
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), problems };
}
