/**
 * The room in one big count while people place: "21 of 29 finished", "6 still placing". In setup,
 * how many have joined. Finished means every card of the open round placed in it
 * (shared/roomProgress.ts), not "placed one card". In a bilingual room the second language
 * stands smaller beneath each line.
 */
import type { Translator } from '../../shared/i18n/translator.ts';
import { EMPHASIS_MARK, withEmphasis } from '../board/InLanguages.tsx';
import { useBoard } from '../state/BoardContext.tsx';
import { useWallTranslators } from './useWallTranslators.ts';

/** A line in each language: the first as it is, the second smaller beneath. */
function Lines({
  className,
  translators,
  say,
}: {
  className: string;
  translators: readonly Translator[];
  say: (tr: Translator) => React.ReactNode;
}) {
  return (
    <>
      {translators.map((tr, index) => (
        <p
          key={tr.locale}
          lang={tr.lang}
          className={index === 0 ? className : `${className} second-language`}
        >
          {say(tr)}
        </p>
      ))}
    </>
  );
}

export function ProjectorProgress() {
  const translators = useWallTranslators();
  const first = translators[0];
  const progress = useBoard((state) => state.progress);
  const phase = useBoard((state) => state.control.phase);
  const { total, finished, placing, here, notFinished } = progress;
  // Not finished and not here (a proxy, or someone who left): said apart from "still placing".
  const away = notFinished.length - placing;
  const attributes = {
    'data-testid': 'room-progress',
    'data-total': total,
    'data-finished': finished,
    'data-placing': placing,
    'data-here': here,
  };
  if (!first) return null;
  if (phase === 'setup' || total === 0) {
    return (
      <section
        className="projector-progress"
        aria-label={first.t('projector.progress.joinedLabel')}
        {...attributes}
      >
        <Lines
          className="projector-progress-count"
          translators={translators}
          say={(tr) =>
            total === 0
              ? tr.t('projector.progress.waiting')
              : withEmphasis(
                  tr.t('projector.progress.joined', { count: total, shown: EMPHASIS_MARK }),
                  tr.number(total),
                )
          }
        />
        <Lines
          className="projector-progress-detail"
          translators={translators}
          say={(tr) =>
            phase === 'setup'
              ? tr.t('projector.progress.setupDetail')
              : tr.t('projector.progress.joinDetail')
          }
        />
      </section>
    );
  }
  const share = total > 0 ? finished / total : 0;
  return (
    <section
      className="projector-progress"
      aria-label={first.t('projector.progress.label')}
      {...attributes}
    >
      <Lines
        className="projector-progress-count"
        translators={translators}
        say={(tr) =>
          withEmphasis(
            tr.t('projector.progress.finished', { finished: EMPHASIS_MARK, total }),
            tr.number(finished),
          )
        }
      />
      <Lines
        className="projector-progress-detail"
        translators={translators}
        say={(tr) =>
          [
            tr.t('projector.progress.placing', { count: placing }),
            away > 0 ? tr.t('projector.progress.away', { count: away }) : '',
            here > 0 ? tr.t('projector.progress.here', { count: here }) : '',
          ]
            .filter(Boolean)
            .join(' · ')
        }
      />
      <div className="projector-progress-bar" aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </div>
    </section>
  );
}
