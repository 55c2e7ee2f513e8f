/** One versioned schema step. Both stores record applied versions in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** What one migrate() run did, for the start-up log and `parley migrate`. */
export interface MigrationReport {
  /** Versions this run applied, ascending; empty when the schema was already up to date. */
  applied: number[];
  /** The highest version recorded once the run is over (0: no migration at all). */
  version: number;
}

/** Parley's migrations in version order, whatever order they were listed in. */
export function inVersionOrder(migrations: readonly Migration[]): Migration[] {
  return [...migrations].sort((a, b) => a.version - b.version);
}
