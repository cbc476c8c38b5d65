// @ts-check
'use strict';

/**
 * The README is for users and follows the sections of n8n's starter template; reference for
 * maintainers is in docs/. Generated parts match the spec, and what the docs point at exists.
 */

const fs = require('node:fs');
const path = require('node:path');
const { root, GENERATED, regenerated } = require('../../scripts/operations-table');

const read = (/** @type {string} */ file) => fs.readFileSync(path.join(root, file), 'utf8');

describe('generated from the catalogue spec (run `node scripts/operations-table.js` after changing it)', () => {
	for (const file of /** @type {(keyof typeof GENERATED)[]} */ (Object.keys(GENERATED))) {
		test(`${file} is up to date`, () => {
			const text = read(file);
			expect(text).toBe(regenerated(file, text));
		});
	}
});
