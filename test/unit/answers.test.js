// @ts-check
const {
	readAnswer,
	answerRows,
	AnswerReading,
} = require('../../dist/nodes/shared/wolkvox/api/answers');
const {
	readNetworkFailure,
	readRedirect,
} = require('../../dist/nodes/shared/wolkvox/api/failures');
const { WolkvoxApiFailure } = require('../../dist/nodes/shared/wolkvox/api/errors');

const HOST = 'wv0042.wolkvox.com';
const json = (/** @type {unknown} */ value) => JSON.stringify(value);
const wolkvoxError = (/** @type {number} */ code, /** @type {string} */ text) =>
	json({ code, error: text, msg: text });

describe('successful answers', () => {
	const row = { skill_id: '12', hour: '07' };
	test.each([
		['code as number', json({ code: 200, error: null, msg: '1 records were found', data: [row] })],
		['code as text', json({ code: '200', error: null, msg: '1 records were found', data: [row] })],
		['code with spaces', json({ code: ' 200 ', data: [row] })],
		// Summaries and single records (token_info, services, chat_15) send one object.
		['one object as data', json({ code: 200, data: row })],
	])('%s gives the rows', (_name, body) => {
		expect(readAnswer(200, body, HOST, 'secret')).toEqual([row]);
	});

	test.each([
		['data empty', json({ code: 200, data: [] })],
		['data null', json({ code: 200, data: null })],
		['data missing', json({ code: 200, msg: '0 records were found' })],
		[
			'404 Validate dates entered',
			json({ code: 404, error: 'Validate dates entered', msg: 'Validate dates entered' }),
		],
		['404 code as text', json({ code: '404', msg: 'Validate dates entered' })],
	])('%s means no rows', (name, body) => {
		expect(readAnswer(name.startsWith('404') ? 404 : 200, body, HOST, 'secret')).toEqual([]);
	});
});

describe('the error table', () => {
	test.each([
		[
			401,
			wolkvoxError(401, 'PLEASE ENTER THE WOLKVOX-TOKEN'),
			'missingToken',
			false,
			/received no token/,
		],
		[
			403,
			wolkvoxError(403, 'PLEASE VALIDATE TOKEN'),
			'tokenRefused',
			false,
			/refused the token for wv0042/,
		],
		[403, wolkvoxError(403, 'TOKEN LIMIT EXCEEDED'), 'quotaExhausted', false, /quota is used up/],
		[
			403,
			wolkvoxError(403, 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)'),
			'tooManySimultaneous',
			true,
			/more than 2 requests at once/,
		],
		[
			400,
			wolkvoxError(400, 'THE API YOU WANT TO CONSULT DOES NOT EXIST'),
			'unknownApi',
			false,
			/does not offer/,
		],
		[
			400,
			wolkvoxError(400, 'SOME PARAMETERS ARE REQUIRED'),
			'badParameters',
			false,
			/rejected the query/,
		],
		[
			400,
			wolkvoxError(400, 'THE RESULT EXCEEDS 60000 RECORDS'),
			'tooManyRecords',
			false,
			/60,000 records/,
		],
		[404, '<html>Not Found</html>', 'endpointNotEnabled', false, /"not found"/],
		[403, '<html><body>Estamos en mantenimiento</body></html>', 'maintenance', true, /maintenance/],
		[403, json({ code: 403, error: 'FORBIDDEN IP' }), 'accessDenied', false, /refused access/],
		[502, '<html><h1>502 Bad Gateway</h1></html>', 'serverError', true, /server error/],
		[500, json({ code: 500, error: 'INTERNAL' }), 'serverError', true, /server error/],
		[429, 'slow down', 'tooManySimultaneous', true, /at once/],
		[200, '{"code":200,"data":[{"hour":"0', 'unreadableAnswer', true, /not readable JSON/],
		[200, '<html>login</html>', 'unreadableAnswer', true, /not readable JSON/],
		[200, '', 'unreadableAnswer', true, /not readable JSON/],
		[200, json({ code: 200, data: 'rows' }), 'unexpectedAnswer', false, /does not understand/],
		[
			200,
			json({ code: 200, data: { 0: { hour: '07' } } }),
			'unexpectedAnswer',
			false,
			/does not understand/,
		],
		[200, json([1, 2]), 'unreadableAnswer', true, /not readable JSON/],
		[200, json({ code: 403, error: 'TOKEN LIMIT EXCEEDED' }), 'quotaExhausted', false, /quota/],
		[302, '', 'unexpectedAnswer', false, /does not understand/],
		[
			403,
			'<html><title>Access denied</title>Your IP is not in the allow list</html>',
			'blockedPage',
			true,
			/web page, not a Wolkvox answer/,
		],
		[
			200,
			json({ code: 200, data: Array.from({ length: 60_001 }, () => ({})) }),
			'tooManyRecords',
			false,
			/60,000 records/,
		],
	])('HTTP %d %s → %s (retry: %s)', (status, body, reason, retryable, message) => {
		const failure = readAnswer(status, body, HOST, 'secret');
		expect(failure).toBeInstanceOf(WolkvoxApiFailure);
		expect(failure).toMatchObject({ reason, retryable });
		expect(failure.message).toMatch(message);
		expect(failure.description.length).toBeGreaterThan(20);
	});

	test('the server text is quoted, shortened and never HTML', () => {
		const long = 'SOME PARAMETERS ARE REQUIRED ' + 'x'.repeat(500);
		const failure = readAnswer(400, wolkvoxError(400, long), HOST, 'secret');
		expect(failure.description).toMatch(/Wolkvox said: SOME PARAMETERS ARE REQUIRED x+\.\.\.$/);
		expect(failure.description.length).toBeLessThan(600);
		const html = readAnswer(502, '<html><script>alert(1)</script></html>', HOST, 'secret');
		expect(html.description).not.toMatch(/<|script/);
	});
});

test('a token the server echoes back is blanked out of the quoted text', () => {
	const failure = readAnswer(
		403,
		wolkvoxError(403, 'PLEASE VALIDATE TOKEN tok-123 for wv0042'),
		HOST,
		'tok-123',
	);
	expect(failure.description).toContain('PLEASE VALIDATE TOKEN *** for wv0042');
	expect(`${failure.message} ${failure.description}`).not.toContain('tok-123');
});

describe('network failures', () => {
	test.each([
		['ECONNREFUSED', 'connectionRefused', true, /allow-listed/],
		['ENOTFOUND', 'hostNotFound', false, /server id/],
		['ETIMEDOUT', 'timeout', true, /60 seconds/],
		['ECONNABORTED', 'timeout', true, /in time/],
		['ECONNRESET', 'connectionDropped', true, /lost/],
		['CERT_HAS_EXPIRED', 'requestFailed', false, /not completed/],
		[undefined, 'requestFailed', false, /not completed/],
	])('%s → %s', (code, reason, retryable, words) => {
		const failure = readNetworkFailure(code, HOST);
		expect(failure).toMatchObject({ reason, retryable });
		expect(failure.message).toContain(HOST);
		expect(`${failure.message}. ${failure.description}`).toMatch(words);
	});
});

describe('how often each failure is tried (one token per attempt)', () => {
	test.each([
		[200, '<html>login</html>', 2, /It sent an HTML or XML page \(18 characters\)/],
		[200, json([1, 2]), 2, /It sent a JSON list of 2 values instead of an object/],
		[200, Buffer.from('\ufeff{"code":200,"data":[]}', 'utf16le').toString('utf8'), 2, /UTF-16/],
		[200, 'plain words', 2, /text that is not JSON/],
		[403, '<html>Request blocked by firewall</html>', 2, /allow-list/],
		[403, '<html>Sitio en mantenimiento</html>', 6, /maintenance/],
		[503, 'busy', 6, /server error/],
		[403, json({ code: 403, error: 'PLEASE VALIDATE TOKEN' }), 1, /token/],
		[
			200,
			json({ code: 200, data: Array.from({ length: 60_001 }, () => ({})) }),
			1,
			/It sent a list of more than 60,000 rows/,
		],
	])('HTTP %d %#: at most %d attempts, and says what arrived', (status, body, attempts, words) => {
		const failure = readAnswer(status, body, HOST, 'secret');
		expect(failure.maxAttempts).toBe(attempts);
		expect(`${failure.message} ${failure.description}`).toMatch(words);
	});

	test.each([
		['ECONNRESET', 6],
		['ETIMEDOUT', 2],
		['ECONNREFUSED', 2],
		['ENOTFOUND', 1],
		['ERR_CANCELED', 1],
	])('network failure %s: at most %d attempts', (code, attempts) => {
		expect(readNetworkFailure(code, HOST).maxAttempts).toBe(attempts);
	});

	test('a network failure that is not a known network code is not retried and quotes the error', () => {
		const failure = readNetworkFailure(
			undefined,
			HOST,
			'The request was blocked because it resolves to a restricted IP address',
		);
		expect(failure).toMatchObject({ reason: 'requestFailed', maxAttempts: 1 });
		expect(failure.description).toContain('restricted IP address');
		expect(failure.message).not.toMatch(/lost/);
	});

	test.each([301, 302, 303, 307, 308])(
		'a %d redirect names the redirect and its origin only, never followed',
		(status) => {
			const failure = readRedirect(status, 'http://evil.example:8080/steal?token=abc', HOST);
			expect(failure).toMatchObject({ reason: 'redirected', maxAttempts: 1, httpCode: status });
			expect(failure.message).toMatch(/redirected .* does not follow redirects/);
			expect(failure.description).toContain(
				`HTTP ${status}, a redirect to http://evil.example:8080`,
			);
			expect(failure.description).not.toContain('abc');
		},
	);
});

describe('answerRows: rows are blanked of the token before they are read', () => {
	/** A reading that records the rows it was given. */
	const reading = () => {
		const given = /** @type {unknown[]} */ ([]);
		const read = (/** @type {unknown[]} */ rows) => (given.push(rows), rows);
		return Object.assign(read, { given });
	};

	test('a clean answer: its parsed rows are read as they are', () => {
		const body = JSON.stringify({ code: 200, msg: 'ok', data: [{ calls: '12' }] });
		const read = reading();
		expect(answerRows(200, body, 'h', 'secret-token', read)).toEqual([{ calls: '12' }]);
		expect(read.given).toHaveLength(1);
	});

	test('an answer that echoes the token is blanked before typing (a token of digits never becomes a number)', () => {
		const echoed = JSON.stringify({ code: 200, data: [{ calls: '4242424242424242' }] });
		expect(answerRows(200, echoed, 'h', '4242424242424242', reading())).toEqual([{ calls: '***' }]);
	});

	test('a failure stays a failure, and nothing is read', () => {
		const failed = JSON.stringify({ code: 400, error: 'TOKEN LIMIT EXCEEDED', data: [] });
		const read = reading();
		expect(answerRows(400, failed, 'h', 'secret-token', read)).toBeInstanceOf(WolkvoxApiFailure);
		expect(read.given).toHaveLength(0);
	});
});

describe('AnswerReading: every text of an answer becomes structure by one rule', () => {
	const TOKEN = 'Tok+en/Secret=42abcXYZ';
	const rowsOf = (/** @type {number} */ count) =>
		`{"code":200,"data":[${Array(count).fill('{}').join(',')}]}`;

	test('a body past a cap is refused without a retry; one that may hold more values than the cap never reaches JSON.parse', () => {
		expect(answerRows(200, rowsOf(60_001), HOST, TOKEN, (rows) => rows)).toMatchObject({
			reason: 'tooManyRecords',
			maxAttempts: 1,
			httpCode: 200,
		});
		expect(answerRows(200, rowsOf(60_000), HOST, TOKEN, (rows) => rows)).toHaveLength(60_000);
		// 7.8 million characters of `{}` would be 2.6 million objects: counted on the text, never built.
		const body = `{"code":200,"data":[${'{},'.repeat(2_600_000)}{}]}`;
		const parse = jest.spyOn(JSON, 'parse');
		try {
			const failure = answerRows(200, body, HOST, TOKEN, (rows) => rows);
			expect(failure).toMatchObject({ reason: 'tooManyRecords', maxAttempts: 1, httpCode: 200 });
			expect(parse.mock.calls.filter(([text]) => text === body)).toEqual([]);
		} finally {
			parse.mockRestore();
		}
	});

	test('a JSON text inside the answer is held to the same caps, and not parsed when it may pass the values cap', () => {
		const inner = `[${Array(2_600_001).fill('{}').join(',')}]`;
		const body = JSON.stringify({ code: 200, data: [{ nested: inner }] });
		const parse = jest.spyOn(JSON, 'parse');
		try {
			expect(() =>
				answerRows(200, body, HOST, TOKEN, (rows, answer) =>
					rows.map((row) => answer.parse(/** @type {any} */ (row).nested)),
				),
			).toThrow(
				expect.objectContaining({
					reason: 'tooManyRecords',
					maxAttempts: 1,
					description: expect.stringContaining('It sent a list of more than 60,000 rows.'),
				}),
			);
			expect(parse.mock.calls.filter(([text]) => text === inner)).toEqual([]);
		} finally {
			parse.mockRestore();
		}
	});

	test('a JSON text inside the answer is blanked of the token after it is parsed, however escaped', () => {
		// The outer text holds "\u005cu0054ok+en…": no form of the token, no escape of one of its
		// characters; parsed once it is "\u0054ok+en…", parsed twice the token.
		const inner = '[{"note":"\\u0054ok+en/Secret=42abcXYZ","\\u0054ok+en/Secret=42abcXYZ":1}]';
		const body = `{"code":200,"data":[{"nested":"${inner.replace(/\\/g, '\\u005c').replace(/"/g, '\\"')}"}]}`;
		expect(JSON.parse(JSON.parse(body).data[0].nested)).toEqual([{ note: TOKEN, [TOKEN]: 1 }]);
		const rows = answerRows(200, body, HOST, TOKEN, (rows, answer) =>
			rows.map((row) => answer.parse(/** @type {any} */ (row).nested)),
		);
		expect(rows).toEqual([[{ note: '***', '***': 1 }]]);
		expect(answerRows(200, body, HOST, TOKEN, (rows, answer) => [answer.parse('[1,')])).toEqual([
			undefined,
		]);
	});

	test('the items an answer becomes are counted before they are made', () => {
		const reading = new AnswerReading(HOST, TOKEN, 200);
		reading.makeItems(60_000, 0);
		expect(() => reading.makeItems(1, 0)).toThrow(
			expect.objectContaining({
				reason: 'tooManyRecords',
				maxAttempts: 1,
				httpCode: 200,
				description: expect.stringContaining('more than 60,000 items'),
			}),
		);
		expect(() => new AnswerReading(HOST, TOKEN).makeItems(2, 3_840_001)).toThrow(
			expect.objectContaining({
				description: expect.stringContaining('would copy more than 3,840,000 values'),
			}),
		);
	});

	test('lists and objects nested more than 32 deep are refused before they are walked', () => {
		const deep = (/** @type {number} */ depth) =>
			`{"code":200,"data":[${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}]}`;
		expect(answerRows(200, deep(32), HOST, TOKEN, (rows) => rows)).toHaveLength(1);
		expect(answerRows(200, deep(33), HOST, TOKEN, (rows) => rows)).toMatchObject({
			reason: 'unexpectedAnswer',
			description: expect.stringContaining('more than 32 deep'),
		});
		// Deep enough to overflow a recursive walk (the blanking) were it parsed.
		expect(answerRows(200, deep(200_000), HOST, TOKEN, (rows) => rows)).toMatchObject({
			reason: 'unexpectedAnswer',
		});
	});

	test('an error answer past a cap is classified by its status, never parsed', () => {
		const failure = readAnswer(403, rowsOf(60_001), HOST, TOKEN);
		expect(failure).toMatchObject({ reason: 'blockedPage' });
		expect(failure.description).toContain('It sent JSON larger than this node reads');
	});
});
