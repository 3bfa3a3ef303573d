import { describe, expect, it } from 'vitest';
import {
  progressDelay,
  sessionAnnouncement,
  timerAnnouncement,
} from '../../../client/board/boardAnnouncements.ts';
import { translator } from '../../../shared/i18n/translator.ts';

describe('sessionAnnouncement', () => {
  it('says what a phase change means, and nothing when the phase stays', () => {
    const said = sessionAnnouncement(
      { phase: 'placing', round: 1 },
      { phase: 'revealed', round: 1 },
    );
    expect(said && translator('en').t(said.key)).toBe("The group's positions are revealed");
    expect(said && translator('es').t(said.key)).toBe('Se revelaron las posiciones del grupo');
    expect(
      sessionAnnouncement({ phase: 'placing', round: 1 }, { phase: 'placing', round: 1 }),
    ).toBe(null);
  });

  it('says a new round rather than the placing it reopens', () => {
    const said = sessionAnnouncement(
      { phase: 'discussing', round: 1 },
      { phase: 'placing', round: 2 },
    );
    expect(said).toEqual({ key: 'board.announce.round', round: 2 });
    expect(said && translator('en').t(said.key, { round: said.round })).toBe('Round 2 is open');
  });
});

describe('timerAnnouncement', () => {
  it('says the last minute once, as the timer reaches it', () => {
    expect(timerAnnouncement(60_400, 59_900)).toBe('board.announce.lastMinute');
    expect(timerAnnouncement(59_900, 59_400)).toBe(null);
    expect(timerAnnouncement(61_000, 60_000)).toBe('board.announce.lastMinute');
  });

  it('says time is up once, when it runs out', () => {
    expect(timerAnnouncement(400, 0)).toBe('board.announce.timeUp');
    expect(timerAnnouncement(0, 0)).toBe(null);
    // A timer already in its last minute when the board opened, or a short one, only ends.
    expect(timerAnnouncement(null, 30_000)).toBe(null);
    expect(timerAnnouncement(70_000, 0)).toBe('board.announce.timeUp');
  });

  it('says nothing when a timer is set, extended, cleared or paused', () => {
    expect(timerAnnouncement(null, 300_000)).toBe(null);
    expect(timerAnnouncement(30_000, 90_000)).toBe(null);
    expect(timerAnnouncement(30_000, null)).toBe(null);
    expect(timerAnnouncement(45_000, 45_000)).toBe(null);
  });
});

describe('progressDelay', () => {
  it('says the first count at once and later ones no sooner than the interval', () => {
    expect(progressDelay(null, 1_000, 30_000)).toBe(0);
    expect(progressDelay(1_000, 11_000, 30_000)).toBe(20_000);
    expect(progressDelay(1_000, 41_000, 30_000)).toBe(0);
  });
});
