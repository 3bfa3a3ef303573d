/** `npm test`'s closing line counts a test file that fails to load as a failure, not as nothing. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playwrightCounts, vitestCounts } from '../../../scripts/testCounts.mjs';

function runVitest(config: string, outputFile: string): Promise<void> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--config',
        config,
        '--reporter=json',
        `--outputFile.json=${outputFile}`,
      ],
      { cwd: process.cwd() },
      () => resolve(),
    );
  });
}

describe('the closing line of npm test', () => {
  it('counts a vitest file that fails to load as one failed test', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'continuum-counts-')), 'vitest.json');
    await runVitest('tests/fixtures/loadFailure/vitest.config.ts', output);
    const report: unknown = JSON.parse(readFileSync(output, 'utf8'));
    expect(vitestCounts(report)).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });

  it('counts a Playwright spec that fails to load (a top-level error) as failed', () => {
    const report = {
      stats: { expected: 3, unexpected: 0, flaky: 1, skipped: 2 },
      errors: [{ message: 'SyntaxError: broken.spec.ts' }],
    };
    expect(playwrightCounts(report)).toEqual({ passed: 4, failed: 1, skipped: 2 });
  });
});
