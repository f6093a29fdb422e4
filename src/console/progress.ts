import { SingleBar } from "cli-progress";
import type { IngestProgress } from "../corpus/ingest.ts";

/** Passages above this count get a progress bar when stderr is a terminal. */
const PROGRESS_BAR_THRESHOLD = 2000;

export function progressReporter(): { onProgress: (p: IngestProgress) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    onProgress: ({ done, total }) => {
      if (!process.stderr.isTTY || total < PROGRESS_BAR_THRESHOLD) return;
      if (!bar) {
        bar = new SingleBar({
          stream: process.stderr,
          format: "indexing [{bar}] {value}/{total} passages",
        });
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
