/**
 * The element tabs on phones (one element shows at a time), sticky under the header, each with
 * the element's progress. Picking a tab starts the element at its heading, just below the
 * sticky bars, rather than at the scroll offset the previous element had.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { RubricElement } from '../../shared/rubric.ts';
import { TabProgress, useLaneProgress } from './LaneProgress.tsx';

export function ElementTabs({
  elements,
  active,
  onPick,
}: {
  elements: readonly RubricElement[];
  active: string | undefined;
  onPick: (elementId: string) => void;
}) {
  const nav = useRef<HTMLElement | null>(null);
  // Bumped on each pick, so the scroll runs once the picked lane is shown.
  const [picked, setPicked] = useState<{ id: string; at: number } | null>(null);
  useLayoutEffect(() => {
    if (!picked || !nav.current) return;
    const tab = nav.current.querySelector<HTMLElement>(`[data-element-tab="${picked.id}"]`);
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const lane = document.querySelector<HTMLElement>(`[data-element-id="${picked.id}"]`);
    if (!lane) return;
    window.scrollTo({ top: Math.max(0, laneTop(lane, nav.current)), behavior: 'auto' });
  }, [picked]);
  return (
    <nav className="element-tabs" aria-label="Elements" ref={nav}>
      {elements.map((element, index) => (
        <ElementTab
          key={element.id}
          element={element}
          index={index}
          pressed={element.id === active}
          onPick={() => {
            onPick(element.id);
            setPicked({ id: element.id, at: Date.now() });
          }}
        />
      ))}
    </nav>
  );
}

function ElementTab({
  element,
  index,
  pressed,
  onPick,
}: {
  element: RubricElement;
  index: number;
  pressed: boolean;
  onPick: () => void;
}) {
  const progress = useLaneProgress(element);
  return (
    <button
      type="button"
      aria-pressed={pressed}
      data-element-tab={element.id}
      data-testid="element-tab"
      onClick={onPick}
    >
      <span className="tab-name">
        {index + 1}. {element.name}
      </span>
      <TabProgress progress={progress} />
    </button>
  );
}

/** The scroll offset that puts the lane's top just below the tabs where they stick. */
function laneTop(lane: HTMLElement, tabs: HTMLElement): number {
  const stuckAt = Number.parseFloat(getComputedStyle(tabs).top) || 0;
  const gap = 8;
  return lane.getBoundingClientRect().top + window.scrollY - (stuckAt + tabs.offsetHeight + gap);
}
