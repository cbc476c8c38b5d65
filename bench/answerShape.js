// @ts-check
'use strict';

/**
 * What counting an answer's shape before JSON.parse costs (answerShape.ts countJsonValues, run on
 * every answer): 60,000 rows of agent_1 as Wolkvox prints them (22 fields, ~27 MB), against
 * JSON.parse of the same text in the same run. Prints the medians and their ratio.
 *
 *   npm run build && node bench/answerShape.js
 */

const { countJsonValues } = require('../dist/nodes/shared/wolkvox/api/answerShape');
const { endpointOf } = require('../dist/nodes/shared/wolkvox/spec');
const {
	MAX_ANSWER_DEPTH,
	MAX_RECORDS_PER_CALL,
	MAX_VALUES_PER_ANSWER,
} = require('../dist/nodes/shared/wolkvox/api/limits');
const { catalogueRows } = require('../tools/simulator/catalogue');
const { versusJsonParse } = require('./micro');

const ROWS = 60_000;
const caps = {
	values: MAX_VALUES_PER_ANSWER,
	entries: MAX_RECORDS_PER_CALL,
	depth: MAX_ANSWER_DEPTH,
};
const endpoint = /** @type {any} */ (endpointOf('agentReport', 'getAgentTimeByState'));
const { wire } = catalogueRows(endpoint, { rows: ROWS, plain: true });
const body = JSON.stringify({
	code: 200,
	error: null,
	msg: `${ROWS} records were found`,
	data: wire,
});
const values = countJsonValues(body, caps);
const { floorMs, countMs } = versusJsonParse(
	body,
	{ countMs: () => countJsonValues(body, caps) },
	21,
);
console.log({
	api: endpoint.api,
	rows: ROWS,
	megabytes: Math.round(body.length / 1e5) / 10,
	values,
	node: process.version,
	jsonParseMs: Math.round(floorMs),
	countMs: Math.round(countMs),
	ratio: Math.round((countMs / floorMs) * 100) / 100,
});
