import { parentPort } from "node:worker_threads";
import { analyseLibraryJob, type KnownArticle } from "./analysis.ts";
import type { WorkerReply, WorkerRequest } from "./jobs.ts";

/**
 * Runs one library job in a thread of its own, started for it and ended after it. Asks the main
 * thread for the shared articles a zip's claims files name, and answers with the prepared rows.
 */
const port = parentPort;
if (!port) throw new Error("library-worker runs as a worker thread");
const send = (reply: WorkerReply) => port.postMessage(reply);
let answerShared: ((found: ReadonlyMap<string, KnownArticle>) => void) | undefined;

port.on("message", (request: WorkerRequest) => {
  if (request.kind === "shared") return answerShared?.(request.found);
  analyseLibraryJob(request.job, (names) => {
    send({ kind: "shared", names });
    return new Promise((resolve) => {
      answerShared = resolve;
    });
  }).then(
    (result) => send({ kind: "done", result }),
    (error: unknown) => send({ kind: "failed", message: String(error) }),
  );
});
send({ kind: "ready" });
