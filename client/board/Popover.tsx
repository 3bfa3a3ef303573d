/**
 * A button that opens a panel beside it, closed by default: the header's and the facilitator's
 * tools open on demand instead of pushing the board down. Keyboard: the button says whether it
 * is open (aria-expanded), Escape closes and gives the focus back to it, and so does a click
 * outside. The panel stays mounted while closed so what it holds (a form, a created link)
 * survives closing it.
 */
import {
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

export function Popover({
  label,
  title,
  className = '',
  panelClassName = '',
  testId,
  align = 'start',
  children,
}: {
  /** What the button shows. */
  label: ReactNode;
  /** The panel's accessible name (defaults to the button's text). */
  title?: string;
  className?: string;
  panelClassName?: string;
  /** On the wrapper, so tests can find the button and the panel inside it. */
  testId?: string;
  /** Which edge of the button the panel lines up with. */
  align?: 'start' | 'end';
  children: ReactNode | ((close: () => void) => ReactNode);
}) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const panel = useRef<HTMLElement | null>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), []);
  // A button near the window's edge (Discuss next on the facilitator's 1280 px header) lines
  // its panel up with the other edge instead, so the panel never leaves the window.
  const [flipped, setFlipped] = useState(false);
  useLayoutEffect(() => {
    if (!open) {
      setFlipped(false);
      return;
    }
    const box = panel.current?.getBoundingClientRect();
    if (!box) return;
    setFlipped(align === 'start' ? box.right > window.innerWidth : box.left < 0);
  }, [open, align]);
  const edge = flipped ? (align === 'start' ? 'end' : 'start') : align;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && wrapper.current?.contains(event.target)) return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className={`popover ${className}`} ref={wrapper} data-testid={testId}>
      <button
        type="button"
        ref={button}
        className="popover-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span className="popover-caret" aria-hidden="true" />
      </button>
      <section
        id={panelId}
        ref={panel}
        className={`popover-panel align-${edge} ${panelClassName}`}
        aria-label={title ?? (typeof label === 'string' ? label : undefined)}
        // A long list scrolls inside the panel: the keyboard must be able to reach and scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable
        tabIndex={0}
        hidden={!open}
      >
        {typeof children === 'function' ? children(close) : children}
      </section>
    </div>
  );
}
