import { type Kysely, sql } from 'kysely';

// One open change request per exact proposal. A second click on "Request approval", a second tab
// or a retried request opened an identical second request that a reviewer then saw twice. The
// diff hash covers the base revision, the file and both texts, so the same hash is the same
// proposal; while one such request is open (or being merged) the database refuses another, on
// every replica at once. Earlier duplicates are left alone: only the oldest is kept open by this
// rule, so any newer identical open one is withdrawn first (a partial unique index cannot be built
// over duplicates).
export function oneOpenRequestPerDiff() {
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        update change_requests set status = 'withdrawn', status_reason = 'A duplicate of an earlier identical request.'
        where status in ('open', 'approved')
          and exists (
            select 1 from change_requests older
            where older.diff_hash = change_requests.diff_hash
              and older.status in ('open', 'approved')
              and older.id < change_requests.id
          )
      `.execute(db);
      await sql`create unique index change_requests_one_open_per_diff on change_requests (diff_hash) where status in ('open', 'approved')`.execute(db);
    },
  };
}
