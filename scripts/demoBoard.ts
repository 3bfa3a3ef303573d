/**
 * Fills a board on a running server with a small demo group, for trying the board out:
 * `tsx scripts/demoBoard.ts [baseUrl] [participants] [--reveal]`. Prints the facilitator link
 * and the join link.
 */
import type { CreateBoardResponse } from '../shared/api.ts';
import { ELEMENTS_OF_PARTNERSHIP, rubricCards } from '../shared/rubric.ts';
import { fillBoard, type Person, postJson, setBoardPhase } from '../tests/support/boardFiller.ts';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:8080';
const count = Number(process.argv[3] ?? 8);
const names = [
  'Ana',
  'Ben',
  'Cleo',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lea',
];
const organisations = ['County Health', 'Family Alliance'];

const board = await postJson<CreateBoardResponse>(baseUrl, '/api/boards', {
  title: 'Spring partnership retreat',
  organisations,
});
const cards = rubricCards(ELEMENTS_OF_PARTNERSHIP);
const people: Person[] = Array.from({ length: count }, (_, i) => ({
  name: `${names[i % names.length]}${i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : ''}`,
  organisation: organisations[i % 2] ?? '',
  placements: Object.fromEntries(
    cards.map((card, index) => {
      // A plausible group: most cards agree, every fifth is split into two camps.
      const split = index % 5 === 0;
      const centre = split ? (i % 2 === 0 ? 0.2 : 0.85) : 0.3 + ((index * 37) % 50) / 100;
      const x = Math.min(1, Math.max(0, centre + (((i * 13 + index * 7) % 11) - 5) / 60));
      return [card.id, Math.round(x * 100) / 100];
    }),
  ),
}));
await fillBoard(baseUrl, board, people);
if (process.argv.includes('--reveal')) await setBoardPhase(baseUrl, board, 'revealed');
console.log(board.facilitatorUrl);
console.log(board.joinUrl);
process.exit(0);
