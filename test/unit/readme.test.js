// @ts-check
'use strict';

/** The README's operations table is the one scripts/readme-operations.js generates from the spec. */

const fs = require('node:fs');
const { README, withTable } = require('../../scripts/readme-operations');

test('README operations table is up to date (run `node scripts/readme-operations.js` after changing the spec)', () => {
	const readme = fs.readFileSync(README, 'utf8');
	expect(readme).toBe(withTable(readme));
});
