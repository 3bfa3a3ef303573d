/** A card's full text, marked with the rubric column (the axis end) it comes from. */
import type { RubricCard } from '../../shared/rubric.ts';
import { useTranslator } from '../i18n/useTranslator.ts';
import type { CardWords } from './cardWords.ts';

export function CardText({ card, words }: { card: RubricCard; words: CardWords }) {
  const tr = useTranslator();
  const vendor = card.column === 'vendor';
  const end = vendor ? words.ends.left.text : words.ends.right.text;
  return (
    <div className="card-text">
      <span
        className={`column-mark column-${card.column}`}
        title={tr.t(vendor ? 'track.column.vendorTitle' : 'track.column.partnershipTitle', { end })}
      >
        <span aria-hidden="true">
          {tr.t(vendor ? 'track.column.vendorMark' : 'track.column.partnershipMark')}
        </span>
        <span className="visually-hidden"> {tr.t('track.column.hidden', { end })} </span>
      </span>
      <span lang={words.text.lang}>{words.text.text}</span>
    </div>
  );
}
