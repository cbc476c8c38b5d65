// @ts-check
// Ends the run with one plain line, "tests: N passed, N failed, N skipped", that CI reads. Jest's own
// summary comes after the reporters, so the line is also kept in test/.summary for .ci/run to print last.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
	/** @param {unknown} _globalConfig @param {unknown} _options */
	constructor(_globalConfig, _options) {}

	/** @param {unknown} _contexts @param {import('@jest/reporters').AggregatedResult} results */
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		const line = `tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
		process.stderr.write(`\n${line}\n`);
		fs.writeFileSync(path.join(__dirname, '.summary'), `${line}\n`);
	}
}

module.exports = SummaryReporter;
