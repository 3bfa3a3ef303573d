/**
 * The wall on the projector: every element as a list of its cards ordered by position, laid out
 * by layoutWall (shared/wallLayout.ts) to fill the box this component is given without
 * scrolling. When the board does not fit at the smallest legible size it pages, showing the page
 * that holds the card the facilitator focuses; the arrow keys turn pages by hand.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutWall, type WallLayout } from '../../shared/wallLayout.ts';
import { WallList } from '../board/WallList.tsx';
import { wallCardMeasure, wallCardTexts } from '../board/wallCardTexts.ts';
import { useBoard } from '../state/BoardContext.tsx';
import { projectorFontRange } from './projectorType.ts';
import { useWallTranslators } from './useWallTranslators.ts';

/** Room kept for "Page 1 of 2" when the wall pages. */
const PAGE_LINE_PX = 36;

interface Box {
  width: number;
  height: number;
  viewportHeight: number;
}

function useBox(ref: React.RefObject<HTMLDivElement | null>): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setBox((previous) => {
        const next = {
          width: Math.floor(element.clientWidth),
          height: Math.floor(element.clientHeight),
          viewportHeight: window.innerHeight,
        };
        return previous &&
          previous.width === next.width &&
          previous.height === next.height &&
          previous.viewportHeight === next.viewportHeight
          ? previous
          : next;
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return box;
}

export function ProjectorWall() {
  const rubric = useBoard((state) => state.meta?.rubric);
  const elements = rubric?.elements;
  const translators = useWallTranslators();
  const first = translators[0];
  // The languages as a key: the translators list is a fresh array each render.
  const languages = translators.map((tr) => tr.locale).join(' ');
  const focus = useBoard((state) => state.control.focusCardId);
  const ref = useRef<HTMLDivElement>(null);
  const box = useBox(ref);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `languages` stands for `translators`
  const layout = useMemo<WallLayout | null>(() => {
    if (!box || !rubric || box.width <= 0 || box.height <= 0) return null;
    const input = {
      width: box.width,
      elements: rubric.elements.map((element) => ({
        id: element.id,
        cardTexts: element.cards.map((card) =>
          wallCardMeasure(wallCardTexts(rubric, card, translators)),
        ),
      })),
      ...projectorFontRange(box.viewportHeight),
    };
    const whole = layoutWall({ ...input, height: box.height });
    return whole.pages.length === 1
      ? whole
      : layoutWall({ ...input, height: box.height - PAGE_LINE_PX });
  }, [box, rubric, languages]);

  const pages = layout?.pages ?? [];
  const focusPage = focus
    ? pages.findIndex((page) =>
        page.some((column) =>
          column.some((id) =>
            elements?.find((element) => element.id === id)?.cards.some((c) => c.id === focus),
          ),
        ),
      )
    : -1;
  // A page turned by hand holds until the facilitator focuses another card.
  const [turned, setTurned] = useState<{ focus: string | null; page: number } | null>(null);
  const manualPage = turned && turned.focus === focus ? turned.page : null;
  const pageIndex = Math.min(manualPage ?? Math.max(0, focusPage), Math.max(0, pages.length - 1));

  useEffect(() => {
    if (pages.length < 2) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select'))
        return;
      if (event.key === 'ArrowRight' || event.key === 'PageDown')
        setTurned({ focus, page: Math.min(pages.length - 1, pageIndex + 1) });
      if (event.key === 'ArrowLeft' || event.key === 'PageUp')
        setTurned({ focus, page: Math.max(0, pageIndex - 1) });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pages.length, pageIndex, focus]);

  const page = pages[pageIndex] ?? [];
  const byId = new Map((elements ?? []).map((element) => [element.id, element]));
  return (
    <div
      className="projector-wall"
      ref={ref}
      data-testid="wall-view"
      data-page={pageIndex + 1}
      data-pages={pages.length}
      data-font-px={layout?.fontPx}
    >
      {layout && (
        <div className="projector-wall-columns" style={{ gap: `${layout.gapPx}px` }}>
          {page.map((column) => (
            <div
              key={column.join(' ')}
              className="projector-wall-column"
              style={{ width: `${layout.columnWidthPx}px`, gap: `${layout.gapPx}px` }}
            >
              {column.map((id) => {
                const element = byId.get(id);
                return element ? (
                  <WallList
                    key={id}
                    element={element}
                    translators={translators}
                    sizing={{ metrics: layout, lines: layout.cardLines[id] ?? [] }}
                  />
                ) : null;
              })}
            </div>
          ))}
        </div>
      )}
      {pages.length > 1 && first && (
        <p className="projector-page" data-testid="wall-page" style={{ height: PAGE_LINE_PX }}>
          {first.t('projector.wall.page', { page: pageIndex + 1, pages: pages.length })}{' '}
          <span className="hint">{first.t('projector.wall.turn')}</span>
        </p>
      )}
    </div>
  );
}
