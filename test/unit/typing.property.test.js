// @ts-check
'use strict';

/**
 * Property test of the date-times of rows (nodes/shared/wolkvox/typing/typing.ts, design.md "Interval
 * reports": a date-time the zone's clock skips is null with its text under `_unparsed`; one in a
 * repeated hour takes the first occurrence and its field is listed under `_ambiguous`), over every
 * IANA zone and the offset changes of 2025-2027. Readings on each side of a change, at its edges
 * and inside, in the usual form (read character by character, cached per hour) and in others, are
 * typed by rowTyper({ at: 'dateTime' }, { zone }) and compared with the oracle
 * (tools/simulator/realTime.js): no instant shows the reading (skipped), two do (repeated: the
 * first), or one does.
 */

const { DateTime } = require('luxon');
const { rowTyper } = require('../../dist/nodes/shared/wolkvox/typing/typing');
const { AnswerReading } = require('../../dist/nodes/shared/wolkvox/api/answers');
const { HOUR, wallOf, ruleSets, oracle, floorHour, naive, problemList } = require('./zoneSamples');

/** Forms Wolkvox prints: the usual one (with a space or a T) and the compact one. */
const FORMS = ['yyyy-MM-dd HH:mm:ss', 'yyyyMMddHHmmss', "yyyy-MM-dd'T'HH:mm:ss"];

test("every IANA zone x every offset change 2025-2027: a skipped reading is null + _unparsed, a repeated one its first occurrence + _ambiguous, any other the oracle's instant", () => {
	const startedAt = performance.now();
	const { problems, add } = problemList();
	let typed = 0;
	for (const set of ruleSets()) {
		/** Readings of the zone's blocks near each change (a block: `grid` ms of wall clock). */
		const { grid } = set;
		/** @type {{ text: string, expected: { at: string | null, _unparsed?: object, _ambiguous?: string[] } }[]} */
		const cases = [];
		for (const { at: change } of set.transitions) {
			const around = floorHour(wallOf(set.zone, change));
			for (let block = around - 3 * HOUR; block < around + 3 * HOUR; block += grid) {
				const { start, seconds } = oracle(set, block, block + grid);
				const shows = seconds / (grid / 1000);
				if (start !== null ? shows !== 1 && shows !== 2 : seconds !== 0)
					throw new Error(`${set.zone}: block ${naive(block).toISO()} is shown ${shows} times`);
				// At the block's start, inside it and at its last second.
				[0, 7 * 60_000 + 13_000, grid - 1000].forEach((delta, index) => {
					const text = naive(block + delta).toFormat(FORMS[(cases.length + index) % FORMS.length]);
					const first =
						start &&
						DateTime.fromISO(start, { zone: set.zone })
							.plus(delta)
							.toISO({ suppressMilliseconds: true });
					cases.push({
						text,
						expected: !first
							? { at: null, _unparsed: { at: text } }
							: shows === 2
								? { at: first, _ambiguous: ['at'] }
								: { at: first },
					});
				});
			}
		}
		if (!cases.length) continue;
		// Every zone of the rule set, with one typer for all its rows, as for one answer.
		for (const zone of set.zones) {
			const rows = rowTyper({ at: 'dateTime' }, { zone })(
				cases.map(({ text }) => ({ at: text })),
				new AnswerReading('wv0042', ''),
			);
			rows.forEach((row, index) => {
				typed++;
				const { text, expected } = cases[index];
				if (JSON.stringify(row) !== JSON.stringify(expected))
					add(
						`${zone}: "${text}" typed ${JSON.stringify(row)}, expected ${JSON.stringify(expected)}`,
					);
			});
		}
	}
	console.log(
		`date-time property: ${typed} date-times in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
	);
	expect(problems).toEqual([]);
	expect(typed).toBeGreaterThan(10_000);
});
