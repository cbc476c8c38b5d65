// @ts-check
'use strict';

/** cutList (nodes/shared/wolkvox/typing/listRows.ts): Limit and Simplify of a list's rows. */

const { cutList } = require('../../dist/nodes/shared/wolkvox/typing/listRows');

const rows = [
	{ id: 1, name: 'A', speed: null, last_use: null, _unparsed: { speed: 'x', last_use: 'y' } },
	{ id: 2, name: 'B', speed: 3, last_use: '2026-11-01T01:30:00-05:00', _ambiguous: ['last_use'] },
	{ id: 3, name: 'C', speed: 4, last_use: null },
];

test('Limit: the first rows, the rows themselves (nothing copied)', () => {
	const cut = cutList(rows, {}, { limit: 2, simplify: false });
	expect(cut).toEqual(rows.slice(0, 2));
	expect(cut[0]).toBe(rows[0]);
	expect(cutList(rows, {}, { simplify: false })).toBe(rows);
});

test('Simplify: the listed fields in their order, and only the notes about them', () => {
	expect(cutList(rows, { simplified: ['name', 'id'] }, { simplify: true })).toEqual([
		{ name: 'A', id: 1 },
		{ name: 'B', id: 2 },
		{ name: 'C', id: 3 },
	]);
	expect(cutList(rows, { simplified: ['id', 'last_use'] }, { limit: 2, simplify: true })).toEqual([
		{ id: 1, last_use: null, _unparsed: { last_use: 'y' } },
		{ id: 2, last_use: '2026-11-01T01:30:00-05:00', _ambiguous: ['last_use'] },
	]);
});

test('Simplify on a list without simplified fields keeps the rows whole', () => {
	expect(cutList(rows, {}, { simplify: true })).toBe(rows);
});
