/** Sending an export as a file the browser saves rather than shows. */
import type { ServerResponse } from 'node:http';
import type { ExportFile } from '../../shared/exportFile.ts';

export function sendDownload(response: ServerResponse, file: ExportFile): void {
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': Buffer.byteLength(file.body),
    // The name is a slug of ASCII letters, digits and dashes: nothing to quote or encode.
    'Content-Disposition': `attachment; filename="${file.fileName}"`,
    'Cache-Control': 'no-store',
  });
  response.end(file.body);
}
