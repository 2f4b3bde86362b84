// Whether a database error is a unique constraint refusing a row, in either dialect: the way to
// enforce "only one" across replicas is to let the database refuse the second and recognise it.

export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  // better-sqlite3: SQLITE_CONSTRAINT_UNIQUE (and _PRIMARYKEY); node-postgres: SQLSTATE 23505.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
