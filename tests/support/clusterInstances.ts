/**
 * Server instances as behind a load balancer: each on its own PostgreSQL store of one fresh
 * schema, all on one Redis of their own. Stop them with the harness, then `stop()` the Redis.
 */
import type { Limits } from '../../server/config.ts';
import { PostgresStore } from '../../server/persistence/postgres/postgresStore.ts';
import { freshSchemaUrl } from './postgresDatabase.ts';
import { type RedisServer, startRedisServer } from './redisServer.ts';
import { newDataDir, type RunningServer, type ServerHarness } from './testServer.ts';

export interface Cluster {
  servers: RunningServer[];
  redis: RedisServer;
  databaseUrl: string;
  /** Another instance on the same database and Redis. */
  add(): Promise<RunningServer>;
}

export function clusterHarness(harness: ServerHarness) {
  const redises: RedisServer[] = [];
  return {
    async start(count: number, limits: Partial<Limits> = {}): Promise<Cluster> {
      const redis = await startRedisServer();
      redises.push(redis);
      const url = await freshSchemaUrl();
      const add = async () => {
        const store = await PostgresStore.open(url);
        return harness.start(newDataDir(), { openStore: () => store, redisUrl: redis.url, limits });
      };
      const servers: RunningServer[] = [];
      for (let i = 0; i < count; i++) servers.push(await add());
      return { servers, redis, databaseUrl: url, add };
    },
    /** Stops the Redis servers; the harness stops the instances first. */
    async stop(): Promise<void> {
      for (const redis of redises.splice(0)) await redis.stop();
    },
  };
}
