// Worker threads do not inherit tsx's module hooks (privatenumber/tsx#354): register them here,
// then load the TypeScript entry the worker was started for.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
