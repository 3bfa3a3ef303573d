/** Saving files from the board: authorised downloads and pictures drawn in the browser. */
import { pictureSize } from '../../shared/boardPicture.ts';
import { apiErrorFromBody } from '../api.ts';

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a file the server only gives with the facilitator's token. A refusal is worded from
 * its code where it is shown (useAsyncAction).
 */
export async function downloadWithToken(path: string, token: string, fallbackName: string) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    throw apiErrorFromBody(response.status, await response.json().catch(() => null));
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(await response.blob(), filename);
}

/**
 * Rasterises an SVG string to PNG at `scale` (2: sharp when printed on A4), at the size the SVG
 * declares (a crowded board's picture is taller than one page).
 */
export function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const { width, height } = pictureSize(svg);
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext('2d');
      if (!context) {
        reject(new Error('no canvas'));
        return;
      }
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG failed'))),
        'image/png',
      );
    };
    // i18n-exempt: a bug report, never shown (the Export menu shows its own translated failure)
    image.onerror = () => reject(new Error('The picture could not be drawn.'));
    image.src = url;
  });
}
