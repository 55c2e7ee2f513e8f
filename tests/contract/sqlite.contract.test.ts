/** The Store contract against SQLite: in memory, and in a file as production runs it (WAL). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStore } from "../../server/store/sqlite/sqlite-store.js";
import { describeStoreContract } from "./store.contract.js";

describeStoreContract("sqlite :memory:", () =>
  Promise.resolve({ store: createSqliteStore(":memory:"), cleanup: () => Promise.resolve() }),
);

describeStoreContract("sqlite file", async () => {
  const dir = await mkdtemp(join(tmpdir(), "parley-contract-"));
  return {
    store: createSqliteStore(join(dir, "data", "parley.db")),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
