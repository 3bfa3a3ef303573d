/** The server's configuration from the environment, and the websocket Origin policy. */
import { describe, expect, it } from 'vitest';
import { createOriginPolicy } from '../../server/auth/originPolicy.ts';
import { configFromEnv, DATABASE_SCALE_LIMITS, DEFAULT_LIMITS } from '../../server/config.ts';

describe('configFromEnv', () => {
  it('uses the documented defaults', () => {
    const config = configFromEnv({});
    expect(config.allowedOrigins).toEqual([]);
    expect(config.limits).toEqual(DEFAULT_LIMITS);
    expect(config.limits).toMatchObject({
      maxMessageBytes: 1_048_576,
      boardBudgetBytes: 8_388_608,
      maxConnectionsPerBoard: 1_000,
      maxConnectionsPerAddress: 5_000,
      maxSocketsPerToken: 8,
      maxParticipantsPerBoard: 300,
      boardCreationsPerMinute: 30,
      wrongJoinCodesPerBoardPerMinute: 20,
      failedCodeLookupsPerMinute: 20,
      maxPendingRequestsPerAddress: 500,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxBufferedBytes: 8_388_608,
      maxTotalBufferedBytes: 268_435_456,
      updateRate: { perSecond: 40, burst: 200 },
      awarenessRate: { perSecond: 60, burst: 120 },
      byteRate: { perSecond: 131_072, burst: 8_388_608 },
      awarenessEchoWindowMs: 1_000,
      newClientIds: { max: 30, windowMs: 600_000 },
      maxCompressedSockets: 500,
      pingIntervalMs: 30_000,
      pongTimeoutMs: 60_000,
    });
    // A device's first sync goes compressed unless WS_COMPRESSION=off.
    expect(config.wsCompression).toBe(true);
    expect(configFromEnv({ WS_COMPRESSION: 'off' }).wsCompression).toBe(false);
    expect(configFromEnv({ WS_COMPRESSION: 'on' }).wsCompression).toBe(true);
    expect(() => configFromEnv({ WS_COMPRESSION: 'yes' })).toThrow(/WS_COMPRESSION/);
  });

  it('raises the defaults for boards of 2,000 people when DATABASE_URL is set; settings still win', () => {
    const databaseUrl = 'postgresql://continuum@db.example:5432/continuum';
    const config = configFromEnv({ DATABASE_URL: databaseUrl });
    expect(config.limits).toEqual(DATABASE_SCALE_LIMITS);
    expect(config.limits).toEqual({
      ...DEFAULT_LIMITS,
      boardBudgetBytes: 67_108_864,
      maxParticipantsPerBoard: 2_000,
      maxConnectionsPerBoard: 5_000,
      maxConnectionsPerAddress: 10_000,
      maxBufferedBytes: 67_108_864,
      maxTotalBufferedBytes: 536_870_912,
    });
    // A board of 2,000 people fits: each may be on two devices, and a whole board fits one
    // socket's send buffer (a facilitator's first sync).
    expect(config.limits.maxConnectionsPerBoard).toBeGreaterThanOrEqual(2 * 2_000);
    expect(config.limits.maxBufferedBytes).toBeGreaterThanOrEqual(config.limits.boardBudgetBytes);

    const set = configFromEnv({
      DATABASE_URL: databaseUrl,
      MAX_PARTICIPANTS_PER_BOARD: '500',
      BOARD_BUDGET_BYTES: '1048576',
    });
    expect(set.limits.maxParticipantsPerBoard).toBe(500);
    expect(set.limits.boardBudgetBytes).toBe(1_048_576);
    expect(set.limits.maxConnectionsPerBoard).toBe(5_000);
  });

  it('reads every limit and the allowed origins', () => {
    const config = configFromEnv({
      ALLOWED_ORIGINS: ' https://retreat.example/ , http://10.0.0.5:8080',
      MAX_MESSAGE_BYTES: '2048',
      BOARD_BUDGET_BYTES: '4096',
      MAX_CONNECTIONS_PER_BOARD: '3',
      MAX_CONNECTIONS_PER_ADDRESS: '4',
      MAX_BUFFERED_BYTES: '5',
      UPDATES_PER_SECOND: '6',
      UPDATES_BURST: '7',
      AWARENESS_PER_SECOND: '8',
      AWARENESS_BURST: '9',
      PING_INTERVAL_MS: '10',
      PONG_TIMEOUT_MS: '11',
      MAX_SOCKETS_PER_TOKEN: '12',
      MAX_PARTICIPANTS_PER_BOARD: '13',
      BOARD_CREATIONS_PER_MINUTE: '14',
      WRONG_JOIN_CODES_PER_BOARD_PER_MINUTE: '15',
      FAILED_CODE_LOOKUPS_PER_MINUTE: '16',
      MAX_PENDING_REQUESTS_PER_ADDRESS: '17',
      HEADERS_TIMEOUT_MS: '18',
      REQUEST_TIMEOUT_MS: '19',
      KEEP_ALIVE_TIMEOUT_MS: '20',
      MAX_TOTAL_BUFFERED_BYTES: '21',
      BYTES_PER_SECOND: '22',
      BYTES_BURST: '2048',
      AWARENESS_ECHO_WINDOW_MS: '24',
      NEW_CLIENT_IDS_PER_WINDOW: '25',
      NEW_CLIENT_ID_WINDOW_MS: '26',
      MAX_COMPRESSED_SOCKETS: '27',
    });
    expect(config.allowedOrigins).toEqual(['https://retreat.example', 'http://10.0.0.5:8080']);
    expect(config.limits).toEqual({
      maxMessageBytes: 2048,
      boardBudgetBytes: 4096,
      maxConnectionsPerBoard: 3,
      maxConnectionsPerAddress: 4,
      maxBufferedBytes: 5,
      updateRate: { perSecond: 6, burst: 7 },
      awarenessRate: { perSecond: 8, burst: 9 },
      pingIntervalMs: 10,
      pongTimeoutMs: 11,
      maxSocketsPerToken: 12,
      maxParticipantsPerBoard: 13,
      boardCreationsPerMinute: 14,
      wrongJoinCodesPerBoardPerMinute: 15,
      failedCodeLookupsPerMinute: 16,
      maxPendingRequestsPerAddress: 17,
      headersTimeoutMs: 18,
      requestTimeoutMs: 19,
      keepAliveTimeoutMs: 20,
      maxTotalBufferedBytes: 21,
      byteRate: { perSecond: 22, burst: 2048 },
      awarenessEchoWindowMs: 24,
      newClientIds: { max: 25, windowMs: 26 },
      maxCompressedSockets: 27,
    });
  });

  it('refuses values that are not positive whole numbers or origins, naming the variable', () => {
    expect(() => configFromEnv({ BOARD_BUDGET_BYTES: '8MB' })).toThrow(/BOARD_BUDGET_BYTES/);
    expect(() => configFromEnv({ UPDATES_BURST: '0' })).toThrow(/UPDATES_BURST/);
    expect(() => configFromEnv({ MAX_SOCKETS_PER_TOKEN: '-1' })).toThrow(/MAX_SOCKETS_PER_TOKEN/);
    expect(() => configFromEnv({ ALLOWED_ORIGINS: 'retreat.example' })).toThrow(/ALLOWED_ORIGINS/);
    // A byte burst smaller than one frame would refuse every frame of the largest size.
    expect(() => configFromEnv({ MAX_MESSAGE_BYTES: '4096', BYTES_BURST: '4095' })).toThrow(
      /BYTES_BURST \(4095\) must be at least MAX_MESSAGE_BYTES/,
    );
  });

  it('refuses a pong timeout that would cut healthy connections (not longer than the ping interval)', () => {
    expect(() => configFromEnv({ PING_INTERVAL_MS: '30000', PONG_TIMEOUT_MS: '30000' })).toThrow(
      /PONG_TIMEOUT_MS \(30000\) must be longer than PING_INTERVAL_MS/,
    );
    expect(() => configFromEnv({ PONG_TIMEOUT_MS: '20000' })).toThrow(/PONG_TIMEOUT_MS/);
    expect(
      configFromEnv({ PING_INTERVAL_MS: '1000', PONG_TIMEOUT_MS: '2500' }).limits,
    ).toMatchObject({
      pingIntervalMs: 1000,
      pongTimeoutMs: 2500,
    });
  });
});

describe('the Origin policy', () => {
  const policy = createOriginPolicy('https://board.example/base', ['http://10.0.0.5:8080']);

  it('allows requests without Origin, the same host (default ports too) and the listed ones', () => {
    expect(policy.allows(undefined, 'localhost:8080')).toBe(true);
    expect(policy.allows('http://localhost:8080', 'localhost:8080')).toBe(true);
    expect(policy.allows('http://LocalHost:8080', 'localhost:8080')).toBe(true);
    expect(policy.allows('https://retreat.example', 'retreat.example:443')).toBe(true);
    expect(policy.allows('http://retreat.example', 'retreat.example')).toBe(true);
    expect(policy.allows('https://board.example', 'internal:8080')).toBe(true);
    expect(policy.allows('http://10.0.0.5:8080', 'laptop.local:8080')).toBe(true);
  });

  it('refuses other hosts, other ports, other schemes of listed origins, and "null"', () => {
    expect(policy.allows('http://evil.example', 'localhost:8080')).toBe(false);
    expect(policy.allows('http://localhost:8081', 'localhost:8080')).toBe(false);
    expect(policy.allows('http://board.example', 'internal:8080')).toBe(false);
    expect(policy.allows('null', 'localhost:8080')).toBe(false);
    expect(policy.allows('file://', 'localhost:8080')).toBe(false);
    expect(policy.allows('http://localhost:8080', undefined)).toBe(false);
  });
});
