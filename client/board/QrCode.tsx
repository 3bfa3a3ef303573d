/** A QR code drawn locally as SVG (no network, no canvas), for the join link on the wall. */
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const count = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < count; row++) {
      for (let column = 0; column < count; column++) {
        if (qr.isDark(row, column)) d += `M${column} ${row}h1v1h-1z`;
      }
    }
    return { size: count, path: d };
  }, [text]);
  const margin = 2;
  return (
    <svg
      className="qr-code"
      data-testid="qr-code"
      viewBox={`${-margin} ${-margin} ${size + 2 * margin} ${size + 2 * margin}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect
        x={-margin}
        y={-margin}
        width={size + 2 * margin}
        height={size + 2 * margin}
        fill="#fff"
      />
      <path d={path} fill="#000" />
    </svg>
  );
}
