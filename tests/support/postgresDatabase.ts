/**
 * The test run's PostgreSQL (servicesSetup.ts) for tests: each store gets a schema of its own in
 * the one test database, so tests and files running at once never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeEach, inject } from 'vitest';

/** Skips every test of the enclosing describe block, with the reason, when there is no PostgreSQL. */
export function skipWithoutPostgres(): void {
  beforeEach((context) => {
    const postgres = inject('postgres');
    if (!postgres.ok) context.skip(postgres.reason);
  });
}

function databaseUrl(): string {
  const postgres = inject('postgres');
  if (!postgres.ok) throw new Error(postgres.reason);
  return postgres.value;
}

/** A client on the test database (any schema), for what a test does behind the store's back. */
export async function adminClient(url = databaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The URL of a new, empty schema: DATABASE_URL for one store (or several sharing it). */
export async function freshSchemaUrl(): Promise<string> {
  const schema = `test_${randomBytes(8).toString('hex')}`;
  const client = await adminClient();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(databaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
