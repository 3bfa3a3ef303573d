/** The ids that tie an element's tab to its lane (aria-controls, aria-labelledby). */
export function elementTabId(elementId: string): string {
  return `element-tab-${elementId}`;
}

export function elementLaneId(elementId: string): string {
  return `element-lane-${elementId}`;
}

export function elementHeadingId(elementId: string): string {
  return `element-${elementId}`;
}
