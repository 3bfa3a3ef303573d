/**
 * The JSON HTTP API (a contract; see docs/http-api.md). Bodies are validated with zod;
 * every refusal is a JSON `{ error, code, field? }`: a clear English message, a code from
 * shared/apiErrors.ts, and the field at fault when one is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  type AccessLinkResponse,
  type AddressesResponse,
  addCoFacilitatorRequest,
  addProxyRequest,
  baselineMatchesRequest,
  type CreateBoardResponse,
  createBoardRequest,
  createObserverLinkRequest,
  type JoinResponse,
  joinRequest,
  proposalRequest,
  type ReplaceRubricResponse,
  replaceRubricRequest,
  SNAPSHOT_MAX_BYTES,
} from '../../shared/api.ts';
import type { ApiErrorCode } from '../../shared/apiErrors.ts';
import { CLOSES, type Close } from '../../shared/closeCodes.ts';
import { type ExportFormat, exportFile, isExportLanguage } from '../../shared/exportFile.ts';
import { type ParsedSnapshot, parseSnapshot } from '../../shared/snapshot/parse.ts';
import { LANGUAGE_TAG_PATTERN } from '../../shared/snapshot/schema.ts';
import type { Access } from '../auth/access.ts';
import type { Identity } from '../auth/tokens.ts';
import type { BoardCommands } from '../boards/boardCommands.ts';
import type { BoardService, CreatedBoard } from '../boards/boardService.ts';
import { BoardServiceError } from '../boards/boardServiceError.ts';
import type { SessionAdmin } from '../boards/sessionAdmin.ts';
import { DamagedRowError } from '../persistence/damagedRow.ts';
import { RoomLoadError } from '../persistence/roomLoad.ts';
import type { UpdateLog } from '../persistence/updateLog.ts';
import { sendDownload } from './download.ts';
import {
  bearerToken,
  errorBody,
  HttpError,
  readJsonBody,
  readSizedJsonBody,
  sendJson,
  sendNoContent,
} from './json.ts';
import { isRoomAddress, type PublicOrigins, requestFacts } from './publicOrigin.ts';
import { validationError } from './validationError.ts';

const BODY_LIMIT_BYTES = 64 * 1024;
/** A new board's body may carry its own rubric: 96 cards in several languages. */
const CREATE_BOARD_LIMIT_BYTES = 512 * 1024;
/** ... and a baseline: a snapshot, as large as an import may be. */
const CREATE_BOARD_WITH_BASELINE_LIMIT_BYTES = CREATE_BOARD_LIMIT_BYTES + SNAPSHOT_MAX_BYTES;

export interface ApiDeps {
  boards: BoardService;
  /** Judges requests by their token alone. */
  access: Access;
  admin: SessionAdmin;
  /** What runs in a board's room, on whichever process holds it (boards/boardCommands.ts). */
  commands: BoardCommands;
  log: UpdateLog;
  limiters: ApiLimiters;
  /** Base of the links handed out (http/publicOrigin.ts). */
  origins: PublicOrigins;
  /** Whether PUBLIC_URL is set (links then reach beyond the room's network). */
  publicUrlSet: boolean;
  /** The client's address, behind trusted proxies too (http/clientAddress.ts). */
  addressOf: (request: IncomingMessage) => string;
}

/**
 * At most so many events per key in a window: http/slidingWindowLimiter.ts in one process,
 * cluster/sharedWindowLimiter.ts counted over every process.
 */
export interface WindowLimiter {
  retryAfterMs(key: string): number | Promise<number>;
  record(key: string): void | Promise<void>;
  /** Records an event if the key may act now (at once, so two requests cannot both pass). */
  take(key: string): number | Promise<number>;
}

/** What the public routes cost, counted where it protects a room without locking it out. */
export interface ApiLimiters {
  /** Boards created or imported, per address. */
  creations: WindowLimiter;
  /** Wrong join codes per board: a join by link never pays for its address's mistakes. */
  wrongCodesPerBoard: WindowLimiter;
  /** Codes looked up alone that match no board, per address. */
  failedLookups: WindowLimiter;
}

type Route = (
  request: IncomingMessage,
  response: ServerResponse,
  params: string[],
) => Promise<void> | void;

export function createApi(deps: ApiDeps) {
  const { boards, access, admin, commands, log, limiters } = deps;

  const routes: [string, RegExp, Route][] = [
    [
      'GET',
      /^\/healthz$/,
      async (_req, res) => {
        // Saving paused, or damaged rows (counted per table: the ids are in the log only).
        const store = log.status;
        const damage = await log.damage();
        const damaged = damage !== null && damage.boards + damage.tokens + damage.updates > 0;
        const status = store.savingPaused || damaged ? 'degraded' : 'ok';
        sendJson(res, 200, { status, store, ...(damaged ? { damage } : {}) });
      },
    ],
    ['GET', /^\/api\/time$/, (_req, res) => sendJson(res, 200, { now: Date.now() })],
    [
      'GET',
      /^\/api\/addresses$/,
      (req, res) => {
        const facts = requestFacts(req);
        const origin = deps.origins.linkBase(facts);
        const addresses = deps.origins.addresses(facts);
        // Behind PUBLIC_URL the machine's own network addresses are only the room's business:
        // a client on loopback, a private network, or this machine's own addresses (behind a
        // trusted proxy, the client it forwards for, not the proxy).
        const remote = deps.addressOf(req);
        const inRoom =
          isRoomAddress(remote) ||
          addresses.some((address) => new URL(address).hostname === remote);
        const body: AddressesResponse = {
          origin,
          addresses: deps.publicUrlSet && !inRoom ? [origin] : addresses,
          publicUrl: deps.publicUrlSet,
        };
        sendJson(res, 200, body);
      },
    ],
    [
      'POST',
      /^\/api\/boards$/,
      async (req, res) => {
        await countCreation(req);
        const { value, bytes } = await readSizedJsonBody(
          req,
          CREATE_BOARD_WITH_BASELINE_LIMIT_BYTES,
        );
        const withBaseline = typeof value === 'object' && value !== null && 'baseline' in value;
        if (!withBaseline && bytes > CREATE_BOARD_LIMIT_BYTES) {
          throw new HttpError(
            413,
            'payloadTooLarge',
            `The body is larger than ${CREATE_BOARD_LIMIT_BYTES} bytes.`,
          );
        }
        const body = parse(createBoardRequest, value);
        const baseline =
          body.baseline === undefined ? undefined : checkedSnapshot(body.baseline, 'baseline');
        sendJson(res, 201, createdResponse(req, await boards.createBoard(body, baseline)));
      },
    ],
    [
      'POST',
      /^\/api\/boards\/import$/,
      async (req, res) => {
        await countCreation(req);
        const snapshot = checkedSnapshot(await readJsonBody(req, SNAPSHOT_MAX_BYTES));
        sendJson(res, 201, createdResponse(req, await boards.importBoard(snapshot)));
      },
    ],
    [
      'GET',
      /^\/api\/boards\/([\w-]+)$/,
      async (_req, res, [boardId]) => {
        const info = await boards.boardInfo(boardId ?? '');
        if (!info) throw new HttpError(404, 'boardNotFound', 'There is no such board.');
        sendJson(res, 200, info);
      },
    ],
    [
      'DELETE',
      /^\/api\/boards\/([\w-]+)$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        await boards.deleteBoard(boardId);
        sendNoContent(res);
      },
    ],
    // The baseline (an earlier board's snapshot to compare with): a facilitator of the board
    // only. Reading a snapshot costs what an import does, so it counts as one.
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/baseline$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        await countCreation(req);
        const snapshot = checkedSnapshot(await readJsonBody(req, SNAPSHOT_MAX_BYTES));
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        sendJson(res, 200, await boards.attachBaseline(boardId, snapshot));
      },
    ],
    [
      'DELETE',
      /^\/api\/boards\/([\w-]+)\/baseline$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        await boards.removeBaseline(boardId);
        sendNoContent(res);
      },
    ],
    [
      'PUT',
      /^\/api\/boards\/([\w-]+)\/baseline\/matches$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        const body = parse(baselineMatchesRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        sendJson(res, 200, await boards.matchBaseline(boardId, body.matches));
      },
    ],
    // Exports: a facilitator of the board only; `?anonymous=1` for the anonymised form, and
    // `?lang=es` for the CSV files' rubric texts in another of the rubric's languages.
    ['GET', /^\/api\/boards\/([\w-]+)\/snapshot\.json$/, exportRoute('json')],
    ['GET', /^\/api\/boards\/([\w-]+)\/placements\.csv$/, exportRoute('placements-csv')],
    ['GET', /^\/api\/boards\/([\w-]+)\/cards\.csv$/, exportRoute('cards-csv')],
    ['GET', /^\/api\/boards\/([\w-]+)\/rubric\.json$/, exportRoute('rubric-json')],
    // The board's figures over the day: a facilitator of the board only (figures from before a
    // reveal must never reach participants).
    [
      'GET',
      /^\/api\/boards\/([\w-]+)\/timeline$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        sendJson(res, 200, await boards.timeline(boardId));
      },
    ],
    [
      'GET',
      /^\/api\/boards\/([\w-]+)\/me$/,
      async (req, res, [boardId]) => {
        sendJson(res, 200, await boards.me(await authenticate(req, boardId ?? '')));
      },
    ],
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/participants$/,
      async (req, res, [boardId = '']) => {
        await refuseIfBoardLocked(boardId);
        const body = parse(joinRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        // Again after the body: many slow requests must not all pass the check before any fails.
        await refuseIfBoardLocked(boardId);
        try {
          sendJson(res, 201, await boards.join(boardId, body));
        } catch (error) {
          if (error instanceof BoardServiceError && error.wrongJoinCode) {
            await limiters.wrongCodesPerBoard.record(boardId);
          }
          throw error;
        }
      },
    ],
    [
      'GET',
      /^\/api\/join\/([\w-]+)$/,
      async (req, res, [joinCode]) => {
        const address = limiterKey(deps.addressOf(req));
        // Refused whatever the code while locked, so a locked address learns nothing.
        await refuseIfLimited(limiters.failedLookups, address, 'Too many unknown join codes');
        const info = await boards.boardInfoByJoinCode(joinCode ?? '');
        if (!info) {
          await limiters.failedLookups.record(address);
          throw new HttpError(
            404,
            'unknownJoinCode',
            'No board has that join code. Check the code on the screen.',
          );
        }
        sendJson(res, 200, info);
      },
    ],
    // Session administration: a facilitator of the board only.
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/cofacilitators$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        const body = parse(addCoFacilitatorRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        sendJson(
          res,
          201,
          withLink(req, boardId, await admin.addCoFacilitator(boardId, body.name)),
        );
      },
    ],
    [
      'DELETE',
      /^\/api\/boards\/([\w-]+)\/cofacilitators\/([\w-]+)$/,
      async (req, res, [boardId = '', participantId = '']) => {
        await authenticateFacilitator(req, boardId);
        await admin.revokeCoFacilitator(boardId, participantId);
        sendNoContent(res);
      },
    ],
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/proxies$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        const body = parse(addProxyRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        sendJson(res, 201, await admin.addProxy(boardId, body));
      },
    ],
    [
      'DELETE',
      /^\/api\/boards\/([\w-]+)\/participants\/([\w-]+)$/,
      async (req, res, [boardId = '', participantId = '']) => {
        await authenticateFacilitator(req, boardId);
        await admin.removeParticipant(boardId, participantId);
        sendNoContent(res);
      },
    ],
    // The rubric in Setup, and proposals while the group discusses (issue 16).
    [
      'PUT',
      /^\/api\/boards\/([\w-]+)\/rubric$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        const rubric = parse(
          replaceRubricRequest,
          await readJsonBody(req, CREATE_BOARD_LIMIT_BYTES),
        );
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        const body: ReplaceRubricResponse = await commands.run(boardId, {
          kind: 'replaceRubric',
          rubric,
        });
        sendJson(res, 200, body);
      },
    ],
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/proposals$/,
      async (req, res, [boardId = '']) => {
        await authenticateRole(req, boardId, 'participant');
        const request = parse(proposalRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        const { participantId } = await authenticateRole(req, boardId, 'participant');
        const proposal = { participantId, ...request };
        sendJson(res, 201, await commands.run(boardId, { kind: 'propose', proposal }));
      },
    ],
    [
      'GET',
      /^\/api\/boards\/([\w-]+)\/proposals$/,
      async (req, res, [boardId = '']) => {
        const identity = await authenticate(req, boardId);
        if (identity.role === 'observer') {
          throw new HttpError(403, 'forbidden', "Only the board's people may see proposals.");
        }
        const participantId = identity.role === 'facilitator' ? null : identity.participantId;
        const proposals = await commands.run(boardId, { kind: 'proposals', participantId });
        sendJson(res, 200, { proposals });
      },
    ],
    ...(['accept', 'decline'] as const).map((decision): [string, RegExp, Route] => [
      'POST',
      new RegExp(`^/api/boards/([\\w-]+)/proposals/([\\w-]{1,64})/${decision}$`),
      async (req, res, [boardId = '', proposalId = '']) => {
        await authenticateFacilitator(req, boardId);
        const accept = decision === 'accept';
        const command = { kind: 'decideProposal', proposalId, accept } as const;
        sendJson(res, 200, await commands.run(boardId, command));
      },
    ]),
    [
      'POST',
      /^\/api\/boards\/([\w-]+)\/observer-links$/,
      async (req, res, [boardId = '']) => {
        await authenticateFacilitator(req, boardId);
        parse(createObserverLinkRequest, await readJsonBody(req, BODY_LIMIT_BYTES));
        await authenticateFacilitator(req, boardId); // again: access may have been revoked meanwhile
        sendJson(res, 201, withLink(req, boardId, await admin.addObserverLink(boardId)));
      },
    ],
  ];

  function exportRoute(format: ExportFormat): Route {
    return async (req, res, [boardId = '']) => {
      await authenticateFacilitator(req, boardId);
      const anonymous = anonymousParam(req);
      const language = format === 'json' || format === 'rubric-json' ? undefined : langParam(req);
      const snapshot = await boards.snapshot(boardId, anonymous, format === 'json');
      if (language !== undefined && !isExportLanguage(snapshot, language)) {
        throw new HttpError(
          400,
          'invalidQuery',
          `lang: this board's rubric is in ${snapshot.languages.join(', ')}; use one of those, or leave it out.`,
          { field: 'lang' },
        );
      }
      sendDownload(res, exportFile(snapshot, format, language));
    };
  }

  /** The links of a new board: its secrets travel in the fragment, never the path. */
  function createdResponse(request: IncomingMessage, created: CreatedBoard): CreateBoardResponse {
    const { board, facilitatorToken } = created;
    const base = deps.origins.linkBase(requestFacts(request));
    return {
      boardId: board.boardId,
      facilitatorToken,
      joinCode: board.joinCode,
      facilitatorUrl: `${base}/b/${board.boardId}#token=${facilitatorToken}`,
      joinUrl: `${base}/join/${board.boardId}#code=${board.joinCode}`,
    };
  }

  async function authenticateFacilitator(request: IncomingMessage, boardId: string): Promise<void> {
    await authenticateRole(request, boardId, 'facilitator');
  }

  async function authenticateRole(
    request: IncomingMessage,
    boardId: string,
    role: 'facilitator' | 'participant',
  ): Promise<Identity> {
    const identity = await authenticate(request, boardId);
    if (identity.role !== role) {
      const who = role === 'facilitator' ? 'a facilitator' : 'a participant';
      throw new HttpError(403, 'forbidden', `Only ${who} of this board may do that.`);
    }
    return identity;
  }

  /** The link that signs a new person in: their token travels in the fragment, never the path. */
  function withLink(
    request: IncomingMessage,
    boardId: string,
    admitted: JoinResponse,
  ): AccessLinkResponse {
    const url = `${deps.origins.linkBase(requestFacts(request))}/b/${boardId}#token=${admitted.token}`;
    return { ...admitted, url };
  }

  async function authenticate(request: IncomingMessage, boardId: string): Promise<Identity> {
    const token = bearerToken(request);
    if (!token) {
      throw new HttpError(
        401,
        'unauthorized',
        'This needs your board token (Authorization: Bearer).',
      );
    }
    const identity = await access.ofToken(boardId, token);
    if (!identity) {
      throw new HttpError(401, 'unauthorized', 'That token is not valid for this board.');
    }
    return identity;
  }

  /** While a board has had too many wrong codes, every code is refused: the lock tells nothing. */
  function refuseIfBoardLocked(boardId: string): Promise<void> {
    return refuseIfLimited(
      limiters.wrongCodesPerBoard,
      boardId,
      'Too many wrong join codes for this board',
    );
  }

  /** Counts a board creation or import against its address; refuses it over the limit. */
  async function countCreation(request: IncomingMessage): Promise<void> {
    const address = limiterKey(deps.addressOf(request));
    refuseIfWaiting(
      await limiters.creations.take(address),
      'Too many boards created from your network',
    );
  }

  /** Handles an /api or /healthz request; false if no route matches the path. */
  return async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean> {
    let path: string;
    try {
      path = new URL(request.url ?? '/', 'http://local').pathname;
    } catch {
      sendJson(response, 400, errorBody('invalidUrl', 'That address cannot be read.'));
      return true;
    }
    const matching = routes.filter(([, pattern]) => pattern.test(path));
    if (matching.length === 0) return false;
    const route = matching.find(([method]) => method === request.method);
    try {
      if (!route) {
        const methods = matching.map(([method]) => method).join(' or ');
        throw new HttpError(405, 'methodNotAllowed', `Use ${methods} here.`);
      }
      const [, pattern, handler] = route;
      await handler(request, response, (pattern.exec(path) ?? []).slice(1));
    } catch (error) {
      sendError(response, error);
    }
    return true;
  };
}

/** 429 with `Retry-After` (seconds) while `key` is over its limit. */
async function refuseIfLimited(limiter: WindowLimiter, key: string, what: string): Promise<void> {
  refuseIfWaiting(await limiter.retryAfterMs(key), what);
}

function refuseIfWaiting(waitMs: number, what: string): void {
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new HttpError(429, 'tooManyRequests', `${what}. Try again in ${seconds} s.`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }
}

/** A checked snapshot; 400 `snapshotInvalid` naming its first bad field (under `prefix`). */
function checkedSnapshot(value: unknown, prefix?: string): ParsedSnapshot {
  const parsed = parseSnapshot(value);
  if (parsed.ok) return parsed.snapshot;
  const field =
    prefix === undefined ? parsed.field : [prefix, parsed.field].filter(Boolean).join('.');
  throw new HttpError(400, 'snapshotInvalid', `Not a valid snapshot: ${parsed.error}`, { field });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, value);
  return result.data;
}

/** `?anonymous=1` (or `true`) asks for the anonymised export; `0`, `false` or nothing do not. */
function anonymousParam(request: IncomingMessage): boolean {
  const value = new URL(request.url ?? '/', 'http://local').searchParams.get('anonymous');
  if (value === null || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new HttpError(
    400,
    'invalidQuery',
    'anonymous: use anonymous=1 for the anonymised export, or leave it out.',
    { field: 'anonymous' },
  );
}

/** Every refusal as `{ error, code, field? }` (docs/http-api.md, "Errors"). */
/** `?lang=es`: the language of a CSV export's rubric texts; undefined for the rubric's own. */
function langParam(request: IncomingMessage): string | undefined {
  const value = new URL(request.url ?? '/', 'http://local').searchParams.get('lang');
  if (value === null || value === '') return undefined;
  if (!LANGUAGE_TAG_PATTERN.test(value)) {
    throw new HttpError(400, 'invalidQuery', 'lang: use a language tag like es, or leave it out.', {
      field: 'lang',
    });
  }
  return value;
}

function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(response, error.status, error.body, error.headers);
  } else if (error instanceof BoardServiceError) {
    sendJson(response, error.status, errorBody(error.code, error.message, error.field));
  } else if (error instanceof RoomLoadError) {
    // The room registry has logged it.
    sendJson(response, 503, errorBody(roomLoadCode(error.close), `${error.publicReason}.`));
  } else if (error instanceof DamagedRowError) {
    // A board's or a token's row fails its checksum: only what needs it is refused.
    console.error(`STORED DATA DAMAGED: ${error.message}`);
    sendJson(
      response,
      503,
      errorBody(
        'storeDamaged',
        'This cannot be read: its stored data is damaged. Tell the organiser.',
      ),
    );
  } else {
    console.error('unexpected error in the HTTP API:', error);
    sendJson(response, 500, errorBody('internal', 'Something went wrong on the server.'));
  }
}

/** Why a board could not be served, by the close its sockets got. */
function roomLoadCode(close: Close): ApiErrorCode {
  if (close === CLOSES.roomDamaged) return 'storeDamaged';
  if (close === CLOSES.savingPaused) return 'savingPaused';
  if (close === CLOSES.newerSchema) return 'newerVersion';
  return 'storeUnavailable';
}

/**
 * Who is guessing join codes or creating boards: the address, or for IPv6 its /64 network, since one device is
 * given a whole /64 and could otherwise change address for every guess.
 */
function limiterKey(address: string): string {
  if (!address.includes(':') || address.startsWith('::ffff:')) return address;
  const [head = '', tail = ''] = address.split('::');
  const groups = [...head.split(':').filter(Boolean)];
  const tailGroups = tail.split(':').filter(Boolean);
  while (groups.length + tailGroups.length < 8 && address.includes('::')) groups.push('0');
  return `${[...groups, ...tailGroups].slice(0, 4).join(':')}::/64`;
}

/** What the link base depends on: the address the browser used, TLS and the port it came to. */
