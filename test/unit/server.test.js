// @ts-check
const {
	parseServerId,
	parseBaseUrl,
	parseToken,
	resolveConnection,
	loopbackRoute,
} = require('../../dist/nodes/shared/wolkvox/api/server');
const { WolkvoxInputError } = require('../../dist/nodes/shared/wolkvox/api/errors');

describe('parseServerId', () => {
	test.each([
		['0042', '0042'],
		['  0042 ', '0042'],
		['wv0042', '0042'],
		['WV0042', '0042'],
		['wv0042.wolkvox.com', '0042'],
		['WV0042.WOLKVOX.COM', '0042'],
		['https://wv0042.wolkvox.com', '0042'],
		['https://wv0042.wolkvox.com/', '0042'],
		['http://wv0042.wolkvox.com/api/v2/reports_manager.php?api=skill_5', '0042'],
		['https://wv0042.wolkvox.com#/login', '0042'],
		['7', '7'],
		[42, '42'],
	])('%j means server %s', (input, expected) => {
		expect(parseServerId(input)).toBe(expected);
	});

	test.each([
		'',
		'   ',
		'wv',
		'0042.evil.com',
		'wv0042.wolkvox.com.evil.com',
		'https://wv0042.wolkvox.com@evil.com',
		'https://user@wv0042.wolkvox.com',
		'https://evil.com/wv0042.wolkvox.com',
		'wv0042.wolkvox.com:8443',
		'ftp://wv0042.wolkvox.com',
		'00 42',
		'0042\nHost: evil.com',
		'١٢٣٤',
		'００４２',
		'1234567',
		'wv-0042',
		'../0042',
	])('refuses %j with a message showing a valid value', (input) => {
		expect(() => parseServerId(input)).toThrow(WolkvoxInputError);
		try {
			parseServerId(input);
		} catch (error) {
			expect(error.field).toBe('server');
			expect(error.description).toContain('0042');
		}
	});

	test.each([null, undefined, {}, [], true, 4.2])('refuses the non-text value %j', (input) => {
		expect(() => parseServerId(input)).toThrow(/Server/);
	});
});

describe('parseBaseUrl', () => {
	test.each([
		['', undefined],
		[undefined, undefined],
		['http://127.0.0.1:8899', 'http://127.0.0.1:8899'],
		['https://gateway.example.com/wolkvox/', 'https://gateway.example.com/wolkvox'],
		['http://[::1]:3000', 'http://[::1]:3000'],
		['  https://wv0042.wolkvox.com  ', 'https://wv0042.wolkvox.com'],
	])('%j gives %j', (input, expected) => {
		expect(parseBaseUrl(input)).toBe(expected);
	});

	test.each([
		'localhost:8899',
		'javascript:alert(1)',
		'file:///etc/passwd',
		'http://',
		'http://user:pass@host',
		'http://host:0',
		'http://host:70000',
		'http://host/path?x=1',
		'http://host/#frag',
		'http://ho st',
		'http://host\r\nX: y',
		'http://-bad-.com',
		42,
	])('refuses %j', (input) => {
		expect(() => parseBaseUrl(input)).toThrow(expect.objectContaining({ field: 'baseUrl' }));
	});

	test.each([
		'http://169.254.169.254/latest',
		'http://10.0.0.5:8080',
		'http://gateway.example.com',
		'http://127.0.0.1.evil.com',
		'http://localhost.evil.com',
		'http://[::2]:3000',
	])('refuses plain http to another machine: %j (the token would travel in clear)', (input) => {
		expect(() => parseBaseUrl(input)).toThrow(/^Base URL uses plain http to another machine$/);
		expect(parseBaseUrl(input, true)).toBe(input);
	});

	test.each([
		'http://localhost:5678',
		'http://127.0.0.1',
		'http://127.1.2.3:9',
		'http://[::1]',
		'http://[0:0:0:0:0:0:0:1]:80',
	])('accepts plain http to loopback: %j', (input) => {
		expect(parseBaseUrl(input)).toBe(input);
	});

	test.each([
		['https://admin:s3cretPassw0rd@gw.example.com', 's3cretPassw0rd'],
		['https://sk-secret-token-12345@gw.example.com', 'sk-secret-token-12345'],
		['sk-secret-token-12345', 'sk-secret-token-12345'],
		['https://gw.example.com/?token=sk-secret-token-12345', 'sk-secret-token-12345'],
	])('never quotes what was typed: %j', (input, secret) => {
		expect(() => parseBaseUrl(input)).toThrow(expect.objectContaining({ field: 'baseUrl' }));
		try {
			parseBaseUrl(input);
		} catch (error) {
			expect(`${error.message} ${error.description}`).not.toContain(secret);
		}
	});
});

describe('parseToken', () => {
	test('trims and keeps a token of visible characters', () => {
		expect(parseToken('  abc.DEF-123_x  ')).toBe('abc.DEF-123_x');
	});

	test.each([
		'',
		'   ',
		undefined,
		null,
		12,
		'secret token',
		'secret\r\nX-Injected: 1',
		'clé',
		// Typing could write it (typing.ts typingCouldWrite).
		'4242424242424242',
		'2026-11-23T07:58:12Z',
	])('refuses %j without repeating it', (input) => {
		try {
			parseToken(input);
			throw new Error('expected a refusal');
		} catch (error) {
			expect(error).toBeInstanceOf(WolkvoxInputError);
			expect(error.field).toBe('token');
			if (typeof input === 'string' && input.trim() !== '') {
				expect(`${error.message} ${error.description}`).not.toContain(input.trim());
			}
		}
	});
});

describe('resolveConnection', () => {
	test('builds the Wolkvox host from the server id', () => {
		expect(resolveConnection({ server: 'wv0042', token: 'tok' })).toEqual({
			serverId: '0042',
			baseUrl: 'https://wv0042.wolkvox.com',
			host: 'wv0042.wolkvox.com',
			token: 'tok',
		});
	});

	test('a base URL override replaces the host but the server is still checked', () => {
		const connection = resolveConnection({
			server: '0042',
			token: 'tok',
			baseUrl: 'http://127.0.0.1:8899/api-proxy',
		});
		expect(connection.baseUrl).toBe('http://127.0.0.1:8899/api-proxy');
		expect(connection.host).toBe('127.0.0.1:8899');
		expect(() =>
			resolveConnection({ server: 'evil.com', token: 'tok', baseUrl: 'http://127.0.0.1' }),
		).toThrow(/Server/);
	});
});

describe('loopbackRoute: plain http to this machine goes straight to it, whatever proxy n8n is given', () => {
	test.each([
		['http://127.0.0.1:8899', { protocol: 'http', host: '127.0.0.1', port: 8899 }],
		['http://127.0.0.1:8899/api-proxy', { protocol: 'http', host: '127.0.0.1', port: 8899 }],
		['http://localhost', { protocol: 'http', host: 'localhost', port: 80 }],
		['HTTP://LOCALHOST:5678/x', { protocol: 'http', host: 'LOCALHOST', port: 5678 }],
		['http://127.1.2.3:81', { protocol: 'http', host: '127.1.2.3', port: 81 }],
		['http://[::1]:8080', { protocol: 'http', host: '[::1]', port: 8080 }],
		['http://[0:0:0:0:0:0:0:1]', { protocol: 'http', host: '[0:0:0:0:0:0:0:1]', port: 80 }],
	])('%s → the server itself as the proxy', (baseUrl, route) => {
		expect(loopbackRoute(baseUrl)).toEqual(route);
	});

	test.each([
		['https://localhost:8443'],
		['https://wv0042.wolkvox.com'],
		['http://gateway.example.com:8080'],
		['http://localhost.example.com'],
		['http://127.0.0.1.nip.io'],
		['http://[::2]:80'],
	])(
		'%s → none (https is encrypted end to end; other hosts use the proxy n8n is given)',
		(baseUrl) => {
			expect(loopbackRoute(baseUrl)).toBeUndefined();
		},
	);
});
