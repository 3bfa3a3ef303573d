/** A card's full text, marked with the rubric column (Vendor or Partnership) it comes from. */
import type { RubricCard } from '../../shared/rubric.ts';

export function CardText({ card }: { card: RubricCard }) {
  const vendor = card.column === 'vendor';
  return (
    <div className="card-text">
      <span
        className={`column-mark column-${card.column}`}
        title={
          vendor
            ? 'Describes a Vendor/Contractor relationship'
            : 'Describes a High Performance Partnership'
        }
      >
        {vendor ? 'V' : 'P'}
        <span className="visually-hidden">
          {vendor ? ' (Vendor/Contractor text)' : ' (Partnership text)'}
        </span>
      </span>
      {card.text}
    </div>
  );
}
