// @ts-check
'use strict';

/** Jest fixture for test files that share one simulator (kept apart from index.js, which runs outside jest too). */

const { createSimulator } = require('../../tools/simulator');

/** @typedef {Awaited<ReturnType<typeof createSimulator>>} Simulator */

/**
 * One simulator for the enclosing describe block (or test file), back to its first state before
 * each test. Returns a stand-in that forwards to the simulator once it has started, so callers can
 * hold it from the start instead of assigning a variable in beforeAll.
 * @param {Parameters<typeof createSimulator>[0]} [options]
 * @returns {Simulator}
 */
function useSharedSimulator(options) {
	/** @type {Simulator | undefined} */
	let current;
	beforeAll(async () => {
		current = await createSimulator(options);
	});
	afterAll(() => current?.close());
	beforeEach(() => current?.reset());
	return /** @type {Simulator} */ (
		new Proxy(
			{},
			{
				get: (_target, key) => {
					const value = /** @type {any} */ (current)?.[key];
					return typeof value === 'function' ? value.bind(current) : value;
				},
			},
		)
	);
}

module.exports = { useSharedSimulator };
