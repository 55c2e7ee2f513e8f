/** One versioned schema step. Both stores record applied versions in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
