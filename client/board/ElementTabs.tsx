/**
 * The element tabs on phones (one element shows at a time), sticky under the header, each with
 * the element's progress. Real tabs: only the open one is in the tab order, the arrow keys (and
 * Home, End) move to another and open it. Picking a tab starts the element at its heading, just
 * below the sticky bars, rather than at the scroll offset the previous element had.
 */
import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { elementName } from '../../shared/i18n/rubricText.ts';
import type { Rubric, RubricElement } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import { TabProgress, useLaneProgress } from './LaneProgress.tsx';
import { elementLaneId, elementTabId } from './laneIds.ts';
import { richMessage } from './richMessage.tsx';
import { tabIndexForKey } from './tabKeys.ts';

export function ElementTabs({
  rubric,
  active,
  onPick,
}: {
  rubric: Rubric;
  active: string | undefined;
  onPick: (elementId: string) => void;
}) {
  const { t } = useTranslator();
  const { elements } = rubric;
  const list = useRef<HTMLDivElement | null>(null);
  // Bumped on each pick, so the scroll runs once the picked lane is shown.
  const [picked, setPicked] = useState<{ id: string; at: number; focus: boolean } | null>(null);
  useLayoutEffect(() => {
    if (!picked || !list.current) return;
    const tab = list.current.querySelector<HTMLElement>(`[data-element-tab="${picked.id}"]`);
    tab?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    if (picked.focus) tab?.focus({ preventScroll: true });
    const lane = document.querySelector<HTMLElement>(`[data-element-id="${picked.id}"]`);
    if (!lane) return;
    window.scrollTo({ top: Math.max(0, laneTop(lane, list.current)), behavior: 'auto' });
  }, [picked]);
  const pick = (elementId: string, focus: boolean) => {
    onPick(elementId);
    setPicked({ id: elementId, at: Date.now(), focus });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = elements.findIndex((element) => element.id === active);
    const next = tabIndexForKey(event.key, Math.max(0, current), elements.length);
    const element = next === null ? undefined : elements[next];
    if (!element) return;
    event.preventDefault();
    pick(element.id, true);
  };
  return (
    <div
      className="element-tabs"
      role="tablist"
      aria-label={t('board.tabs.label')}
      aria-orientation="horizontal"
      ref={list}
      onKeyDown={onKeyDown}
    >
      {elements.map((element, index) => (
        <ElementTab
          key={element.id}
          rubric={rubric}
          element={element}
          index={index}
          selected={element.id === active}
          onPick={() => pick(element.id, false)}
        />
      ))}
    </div>
  );
}

function ElementTab({
  rubric,
  element,
  index,
  selected,
  onPick,
}: {
  rubric: Rubric;
  element: RubricElement;
  index: number;
  selected: boolean;
  onPick: () => void;
}) {
  const tr = useTranslator();
  const progress = useLaneProgress(element);
  const name = elementName(rubric, element, tr);
  return (
    <button
      type="button"
      role="tab"
      id={elementTabId(element.id)}
      aria-selected={selected}
      aria-controls={elementLaneId(element.id)}
      tabIndex={selected ? 0 : -1}
      data-element-tab={element.id}
      data-testid="element-tab"
      onClick={onPick}
    >
      <span className="tab-name">
        {richMessage(
          tr,
          'board.tabs.name',
          { number: index + 1 },
          { name: <span lang={name.lang}>{name.text}</span> },
        )}
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
