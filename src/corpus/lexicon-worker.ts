import { parentPort, workerData } from "node:worker_threads";
import { type LexiconFiles, prepareLexicons, reducePrepared } from "./lexicons.ts";

/**
 * Reads and stems the lexicons in a thread of its own while the ingest analyses the corpus,
 * then reduces them to the corpus stems it is sent.
 */
const prepared = prepareLexicons(workerData.files as LexiconFiles);
parentPort?.once("message", (stems: string[]) => {
  parentPort?.postMessage(reducePrepared(prepared, new Set(stems)));
});
