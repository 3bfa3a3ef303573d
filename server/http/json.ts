/** Reading and writing JSON over node's http, with a size limit and clear errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/apiErrors.ts';

/** A refusal: its status, its code and English sentence, and the field at fault if one is. */
export class HttpError extends Error {
  readonly field: string | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    options: { field?: string | undefined; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  get body(): ApiErrorBody {
    return errorBody(this.code, this.message, this.field);
  }
}

/** `{ error, code, field? }`: every error body the API sends. */
export function errorBody(code: ApiErrorCode, error: string, field?: string): ApiErrorBody {
  return field === undefined ? { error, code } : { error, code, field };
}

export async function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  return (await readSizedJsonBody(request, limitBytes)).value;
}

/** readJsonBody, and how many bytes the body had (for a limit that depends on its fields). */
export async function readSizedJsonBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<{ value: unknown; bytes: number }> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new HttpError(415, 'unsupportedMediaType', 'Send the body as application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      throw new HttpError(413, 'payloadTooLarge', `The body is larger than ${limitBytes} bytes.`);
    }
    chunks.push(buffer);
  }
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')), bytes: size };
  } catch {
    throw new HttpError(400, 'invalidJson', 'The body is not valid JSON.');
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

/** 204: done, nothing to tell. */
export function sendNoContent(response: ServerResponse): void {
  response.writeHead(204, { 'Cache-Control': 'no-store' });
  response.end();
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
