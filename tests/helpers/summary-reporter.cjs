'use strict';
// Ends every jest run with one plain line, `jest: N passed, N failed, N skipped`, that CI reads as the
// test count (jest's own summary line is not in that form).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // a suite that failed to run (syntax error, missing file) counts as a failure too
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
