import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildQueries } from "/work/main/bench/queries.ts";
import { generateCorpus } from "/work/main/bench/synthetic.ts";
import { refreshIndex } from "/work/main/src/corpus/index-corpus.ts";
import { openDatabase } from "/work/main/src/db/client.ts";
import { createCorpusSearch } from "/work/main/src/search/searcher.ts";

const w = mkdtempSync(join(tmpdir(), "sprof-"));
const c = generateCorpus("/work/main/corpus", join(w, "corpus"), Number(process.argv[2] ?? 10000));
const db = openDatabase(join(w, "x.sqlite"));
refreshIndex(db, c.dir);
const qs = buildQueries(c, "/work/main/test", 250);
const search = createCorpusSearch(db);
for (const q of qs) search.search(q.text, { limit: 3 });
const t0 = performance.now();
for (let r = 0; r < 3; r++) for (const q of qs) search.search(q.text, { limit: 3 });
console.log("per query ms", (performance.now() - t0) / (3 * qs.length));
