// The closing line's counts from the JSON reports of vitest and Playwright.

/**
 * Vitest counts the tests it ran; a file that failed to load ran none, so it counts here as one
 * failed test (otherwise a broken import would vanish from the closing line).
 */
export function vitestCounts(report) {
  let failedFiles = 0;
  for (const file of report.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    const anyFailed = assertions.some((assertion) => assertion.status === 'failed');
    if (file.status === 'failed' && !anyFailed) failedFiles++;
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + failedFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Playwright reports a spec that failed to load as a top-level error, not as a test. */
export function playwrightCounts(report) {
  const stats = report.stats ?? {};
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: stats.skipped ?? 0,
  };
}
