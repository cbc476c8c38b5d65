// @ts-check
'use strict';

/**
 * The generated row typings (catalogue/rowTypings.generated.ts): up to date with the spec, one for
 * every flat set of fields, and typing every value exactly as the generic loop of typing.ts does.
 */

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { TARGET, flatFieldSets } = require('../../scripts/generate-row-typings');
const { rowTyper, fieldsSignature } = require('../../dist/nodes/shared/wolkvox/typing');
const {
	FLAT_ROW_TYPINGS,
} = require('../../dist/nodes/shared/wolkvox/catalogue/rowTypings.generated');
const { mulberry32 } = require('../../tools/simulator');

test('the generated file is up to date (run `node scripts/generate-row-typings.js` after changing the spec)', () => {
	const script = path.join(__dirname, '..', '..', 'scripts', 'generate-row-typings.js');
	const generated = execFileSync(process.execPath, [script, '--stdout'], { encoding: 'utf8' });
	expect(fs.readFileSync(TARGET, 'utf8')).toBe(generated);
});

const SETS = [...flatFieldSets().values()];

test('every flat set of fields in the spec has its generated typing, and nothing else has one', () => {
	expect(SETS.length).toBeGreaterThan(100);
	const signatures = new Set(SETS.map(fieldsSignature));
	for (const signature of signatures) expect(FLAT_ROW_TYPINGS.has(signature)).toBe(true);
	expect(FLAT_ROW_TYPINGS.size).toBe(signatures.size);
});

/** Values of every shape a server may send, fitting or not, for any kind. */
const VALUES = [
	undefined,
	null,
	'',
	'  ',
	'-',
	'0',
	'12',
	'-5',
	'2.5',
	'12.50%',
	'00:03:05',
	'03:05',
	'4:38:08',
	'07',
	'07:30',
	'2026-11-23',
	'2026-11-23 07:58:12',
	'2026-11-01 01:30:00',
	'2026-02-30 10:00:00',
	'2026-11-23T07:58:12Z',
	'yes',
	'no',
	'true',
	'abc',
	'1e3',
	12,
	-3,
	2.5,
	0,
	1,
	true,
	false,
	{ a: 1 },
	[1, 2],
	[{ hour: '07' }],
];

test.each(['America/Bogota', 'America/New_York', 'Australia/Lord_Howe', 'UTC'])(
	'in %s the generated typings type every field of every set as the generic loop does',
	(zone) => {
		const random = mulberry32(20261202);
		for (const fields of SETS) {
			const names = Object.keys(fields);
			const rows = Array.from({ length: 12 }, () =>
				Object.fromEntries(
					names.map((name) => [name, VALUES[Math.floor(random() * VALUES.length)]]),
				),
			);
			// A field no row has makes the set unknown to the generated typings: the generic loop.
			const generic = rowTyper({ ...fields, '(generic)': 'text' }, { zone });
			expect(FLAT_ROW_TYPINGS.has(fieldsSignature({ ...fields, '(generic)': 'text' }))).toBe(false);
			const copy = () => rows.map((row) => ({ ...row }));
			expect(rowTyper(fields, { zone })(copy())).toEqual(generic(copy()));
		}
	},
);
