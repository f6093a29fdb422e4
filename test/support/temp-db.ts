import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openDatabase } from "../../src/db/client.ts";

/** A fresh database file with the real migrations, removed by `cleanup`. */
export function tempDatabase(): { db: Db; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "beleg-test-"));
  const path = join(dir, "beleg.sqlite");
  const db = openDatabase(path);
  return {
    db,
    path,
    dir,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
