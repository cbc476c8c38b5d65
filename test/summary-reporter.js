// @ts-check
// Ends the run with one plain line, "tests: N passed, N failed, N skipped", that CI reads.
class SummaryReporter {
	/** @param {unknown} _globalConfig @param {unknown} _options */
	constructor(_globalConfig, _options) {}

	/** @param {unknown} _contexts @param {import('@jest/reporters').AggregatedResult} results */
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stderr.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}

module.exports = SummaryReporter;
