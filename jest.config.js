// Tests are JavaScript against dist/ (what ships): they may use timers and Node APIs that the
// package's own runtime lint rules forbid.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 60_000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
